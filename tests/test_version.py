"""The version: one value, shown by `main.py --version` and in 设置 › 关于, equal to pyproject's."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from models.version import VERSION

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_is_pyprojects():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    assert declared is not None
    assert VERSION == declared.group(1)


def test_main_prints_the_version():
    out = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert f"工会台账 {VERSION}" in out.stdout
    assert "源码运行" in out.stdout  # the built program says 安装版


def test_help_names_the_version_option_in_chinese():
    out = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "--version" in out.stdout and "显示版本号并退出" in out.stdout

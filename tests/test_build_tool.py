"""tools/build.py without building: a machine without the build tool is told what to install,
and the Windows version resource carries the program's version. (Building is `-m packaging`.)"""

from __future__ import annotations

import builtins

import pytest

from models.version import VERSION


def test_a_machine_without_pyinstaller_is_told_what_to_install(monkeypatch, capsys):
    from tools import build

    real_import = builtins.__import__

    def no_pyinstaller(name, *args, **kwargs):
        if name.split(".")[0] == "PyInstaller":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyinstaller)
    with pytest.raises(build.BuildError, match="uv run --group build python -m tools.build"):
        build.check_tools()
    monkeypatch.setattr(build, "run_pyinstaller", lambda *a: pytest.fail("built without the tool"))
    assert build.main([]) == 1
    assert "未安装构建工具 PyInstaller" in capsys.readouterr().err


def test_the_windows_version_resource_carries_the_version(tmp_path):
    from tools.build import version_file

    text = version_file(tmp_path).read_text(encoding="utf-8")
    numbers = tuple(int(n) for n in VERSION.split("."))
    assert f"filevers={numbers + (0,) * (4 - len(numbers))}" in text
    assert f"StringStruct('ProductVersion', '{VERSION}')" in text
    assert "StringStruct('ProductName', '工会台账')" in text
    compile(text, "version_info", "eval")  # PyInstaller evaluates it as a Python expression

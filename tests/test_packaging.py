"""The installable program, run as a user would: from a folder elsewhere, with no Python on PATH.

Marked `packaging`: the normal run skips it (conftest.py). `uv run --group build --group test
pytest -m packaging` builds dist/UnionLedger/ with tools/build.py (about a minute) and runs it;
UL_BUILT_DIR=/path/to/UnionLedger runs an already built folder instead.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.version import VERSION
from tests.conftest import make_id

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = "union-ledger-cli.exe" if sys.platform == "win32" else "union-ledger"


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    """The built folder, copied to a path with Chinese and a space in it, as a user's copy would be."""
    given = os.environ.get("UL_BUILT_DIR")
    if given:
        built = Path(given)
    else:
        done = subprocess.run([sys.executable, "-m", "tools.build"], cwd=ROOT, capture_output=True, text=True, timeout=1200)
        assert done.returncode == 0, done.stderr[-3000:]
        built = ROOT / "dist" / "UnionLedger"
    assert (built / PROGRAM).exists(), f"no built program in {built}"
    copy = tmp_path_factory.mktemp("installed") / "我的 程序" / "UnionLedger"
    shutil.copytree(built, copy, symlinks=True)
    return copy / PROGRAM


@pytest.fixture
def user(tmp_path) -> dict:
    """A user's session: a home of its own, no Python anywhere on PATH, working in another folder."""
    home = tmp_path / "home"
    work = tmp_path / "文档"
    empty_bin = tmp_path / "bin"
    for folder in (home, work, empty_bin):
        folder.mkdir()
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PATH": str(empty_bin),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    if sys.platform == "win32":
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "WINDIR", "LOCALAPPDATA", "APPDATA", "TEMP") if k in os.environ})
    return {"env": env, "cwd": work, "db": work / "台账.db"}


def run(program: Path, user: dict, *args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(program), "--db", str(user["db"]), *args],
        cwd=user["cwd"], env={**user["env"], **(extra_env or {})}, capture_output=True, text=True, timeout=300,
    )


def members(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM members ORDER BY id")]
    finally:
        conn.close()


def test_no_python_on_the_users_path(user):
    assert shutil.which("python", path=user["env"]["PATH"]) is None
    assert shutil.which("python3", path=user["env"]["PATH"]) is None


def test_version(program, user):
    done = run(program, user, "--version")
    assert done.returncode == 0, done.stderr
    assert f"工会台账 {VERSION}（安装版）" in done.stdout


def test_demo_check_and_print_roster(program, user):
    from tests.pdf_check import font_problems, pages_text, squeeze

    done = run(program, user, "demo", "--members", "120")
    assert done.returncode == 0, done.stderr
    assert "120 名会员" in done.stdout
    done = run(program, user, "check")
    assert done.returncode == 0, done.stderr
    assert "完整性检查：正常" in done.stdout and "外键检查：正常" in done.stdout
    done = run(program, user, "print", "roster", "-o", "花名册.pdf")
    assert done.returncode == 0, done.stderr
    pdf = user["cwd"] / "花名册.pdf"
    text = squeeze("".join(pages_text(pdf)))
    assert "会员花名册" in text
    assert members(user["db"])[0] in text  # a Chinese name: the font and pypinyin's order work
    assert font_problems(pdf) == []  # the CJK font is embedded (reportlab's fonts and rl_accel are in)
    # The annual work report: python-docx opens its own template files (docx/templates) from the folder.
    done = run(program, user, "report", "annual", "--year", "2025", "-o", "总结.docx")
    assert done.returncode == 0, done.stderr
    from docx import Document

    assert "年度工作总结" in Document(str(user["cwd"] / "总结.docx")).paragraphs[0].text


def test_import_members_from_xlsx_and_gb18030_csv(program, user):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "性别", "身份证号码", "手机", "部门", "入会时间"])
    wb.active.append(["欧阳娜娜", "女", make_id("19900101", seq=11, male=False), "13800138000", "生产部", "2015.03"])
    wb.active.append(["张伟", "男", make_id("19850314", seq=12), "", "销售部", "2012年5月"])
    wb.save(user["cwd"] / "花名册.xlsx")
    done = run(program, user, "import-members", "花名册.xlsx")  # python-calamine reads it
    assert done.returncode == 0, done.stderr
    assert "新增 2 人" in done.stdout
    with open(user["cwd"] / "名单.csv", "w", encoding="gb18030", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "入会日期"])
        w.writerow(["曾志伟", make_id("19700202", seq=13), "2010年5月1日"])
        w.writerow(["䶮鎔", make_id("19800303", seq=14), "2011/5/1"])  # outside GBK: GB18030 four-byte characters
    done = run(program, user, "import-members", "名单.csv")
    assert done.returncode == 0, done.stdout + done.stderr
    assert members(user["db"]) == ["欧阳娜娜", "张伟", "曾志伟", "䶮鎔"]


def test_a_bad_file_is_explained_not_a_traceback(program, user):
    (user["cwd"] / "坏文件.xlsx").write_bytes(b"not a workbook")
    done = run(program, user, "import-members", "坏文件.xlsx")
    assert done.returncode == 1
    assert done.stderr.startswith("错误：") and "Traceback" not in done.stderr


GUI_PROGRAMS = ["union-ledger-cli.exe", "UnionLedger.exe"] if sys.platform == "win32" else ["union-ledger"]


@pytest.mark.parametrize("gui", GUI_PROGRAMS)
def test_the_gui_starts_offscreen_and_shows_the_main_window(program, user, gui):
    """Without a command the program opens its window (on Windows also the windowed UnionLedger.exe,
    which has no console: it must not fail on print)."""
    assert run(program, user, "demo", "--members", "50").returncode == 0
    report = user["cwd"] / "started.json"
    done = run(program.parent / gui, user, extra_env={"UNION_LEDGER_STARTED_FILE": str(report)})
    assert done.returncode == 0, done.stderr
    facts = json.loads(report.read_text(encoding="utf-8"))
    assert facts["visible"] and facts["frozen"]
    assert facts["title"] == user["db"].name and facts["page"] == "HomePage" and facts["members"] == 50
    assert report.with_suffix(".png").stat().st_size > 10_000  # a picture of the window (resources, icons, QSS)
    # The data folder is the user's (platformdirs), not the program's folder.
    if sys.platform != "win32":  # Windows asks the shell for %LOCALAPPDATA%, not the environment
        assert (Path(user["env"]["XDG_DATA_HOME"]) / "UnionLedger").is_dir()
    assert not any(p.suffix == ".db" for p in program.parent.iterdir())


def test_the_program_folder_holds_only_the_qt_it_uses(program):
    internal = program.parent / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for unused in ("Qml", "Quick", "WebEngine", "Qt3D", "Qt63D", "Multimedia", "Designer", "QtNetwork.", "QtSql"):
        assert not [n for n in names if unused in n], unused
    for used in ("QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg"):
        assert any(n.startswith(used + ".") for n in names), used
    translations = [p.name for p in internal.rglob("*.qm")]
    assert "qtbase_zh_CN.qm" in translations
    assert all("zh_CN" in name for name in translations)
    assert any(p.name.startswith("_rl_accel") for p in internal.iterdir())
    assert (internal / "resources" / "style.qss").exists() and (internal / "resources" / "icons" / "app.svg").exists()

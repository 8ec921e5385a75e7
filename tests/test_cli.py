"""The command line: same functions as the GUI, exit codes, Chinese messages on stderr."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path


import main
from models.db import open_database
from models.members import add_member
from tests.conftest import member

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_healthy(capsys, db, db_path):
    add_member(db, member())
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert code == 0
    assert "完整性检查：正常" in out and "外键检查：正常" in out


def test_check_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "check")
    assert code == 1 and "不存在" in err


def test_other_program_refused(capsys, tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "--db", str(path), "check")
    assert code == 1 and "其他程序" in err


def test_backup_and_restore(capsys, db, db_path, tmp_path):
    add_member(db, member(name="李娜"))
    db.close()
    target = tmp_path / "b.db"
    code, out, _ = run(capsys, "--db", str(db_path), "backup", "-o", str(target))
    assert code == 0 and target.exists() and "已备份" in out
    other = open_database(db_path)
    other.execute("PRAGMA user_version")
    from models.members import add_member as add
    from tests.conftest import make_id

    add(other, member(name="王芳", id_number=make_id(seq=7)))
    other.close()
    code, out, _ = run(capsys, "--db", str(db_path), "restore", str(target))
    assert code == 0 and "恢复前的数据已另存为" in out
    again = open_database(db_path)
    assert [r[0] for r in again.execute("SELECT name FROM members")] == ["李娜"]
    again.close()


def test_default_backup_goes_to_backup_folder(capsys, db, db_path):
    code, out, _ = run(capsys, "--db", str(db_path), "backup")
    assert code == 0
    assert list((db_path.parent / "备份").glob("*-手动-*.db"))


def test_bad_arguments_in_chinese():
    result = subprocess.run(
        [sys.executable, "main.py", "restore"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )
    assert result.returncode == 2
    assert "缺少必需的参数" in result.stderr and "用法" in result.stderr


def test_help_lists_commands_in_chinese():
    result = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0
    for word in ("import-members", "export-members", "backup", "restore", "check", "生成示例数据"):
        assert word in result.stdout


def test_demo_import_export_template_print(capsys, tmp_path):
    from pypdf import PdfReader

    from models.spreadsheet import read_rows

    db = str(tmp_path / "d.db")
    code, out, _ = run(capsys, "--db", db, "demo", "--members", "80")
    assert code == 0 and "80 名会员" in out and "职工代表 36 名" in out
    code, out, _ = run(capsys, "--db", db, "export-members", str(tmp_path / "e.xlsx"), "--mask-id", "--status", "在会")
    assert code == 0 and "已导出" in out
    assert "********" in str(read_rows(tmp_path / "e.xlsx")[3])
    code, _, _ = run(capsys, "--db", db, "template", "members", str(tmp_path / "t.xlsx"))
    assert code == 0 and (tmp_path / "t.xlsx").exists()
    code, out, _ = run(capsys, "--db", db, "print", "roster", "-o", str(tmp_path / "r.pdf"), "--mask-id")
    assert code == 0 and "会员花名册" in PdfReader(str(tmp_path / "r.pdf")).pages[0].extract_text()
    code, _, _ = run(capsys, "--db", db, "print", "member-form", "--member", "1", "-o", str(tmp_path / "m.pdf"))
    assert code == 0
    code, _, err = run(capsys, "--db", db, "print", "member-form", "--member", "99999", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "会员不存在" in err and not (tmp_path / "x.pdf").exists()
    code, _, err = run(capsys, "--db", db, "demo")
    assert code == 1 and "已有会员" in err


def test_import_members_cli(capsys, tmp_path):
    from openpyxl import Workbook

    from tests.conftest import make_id

    wb = Workbook()
    for row in (["姓名", "身份证号", "入会日期"], ["张伟", make_id(seq=1), "2010-05-01"], ["李娜", "110105194912310021", "2011-01-01"]):
        wb.active.append(row)
    wb.save(tmp_path / "r.xlsx")
    db = str(tmp_path / "i.db")
    code, out, err = run(capsys, "--db", db, "import-members", str(tmp_path / "r.xlsx"), "--dry-run", "--errors", str(tmp_path / "err.xlsx"))
    assert code == 0 and "将新增 1 人" in out and "第 3 行" in err and "未写入" in out
    assert (tmp_path / "err.xlsx").exists()
    code, out, err = run(capsys, "--db", db, "import-members", str(tmp_path / "r.xlsx"))
    assert code == 3 and "新增 1 人" in out
    code, out, _ = run(capsys, "--db", db, "import-members", str(tmp_path / "r.xlsx"))
    assert "无变化 1 人" in out
    missing = tmp_path / "none.xlsx"
    code, _, err = run(capsys, "--db", db, "import-members", str(missing))
    assert code == 1 and "找不到文件" in err


# ---------------------------------------------------------------- issue 7: trust

def no_english(err: str) -> None:
    assert "Traceback" not in err
    for word in ("database is locked", "readonly database", "disk is full", "malformed", "Error"):
        assert word not in err, err


def test_check_accepts_a_ledger_killed_during_its_checkpoint(capsys, tmp_path):
    from tests.test_file_health import crashed_copy

    path = crashed_copy(tmp_path)
    code, out, err = run(capsys, "--db", str(path), "check")
    assert code == 0 and "完整性检查：正常" in out and not err


def test_an_empty_file_is_refused_by_the_cli(tmp_path):
    path = tmp_path / "空.db"
    path.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(path), "demo", "--members", "5"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )
    assert result.returncode == 1 and "空文件" in result.stderr and str(path) in result.stderr
    no_english(result.stderr)
    assert path.stat().st_size == 0


def test_a_file_in_use_is_a_chinese_message(capsys, db, db_path, tmp_path, monkeypatch):
    from openpyxl import Workbook

    from tests.conftest import make_id

    monkeypatch.setattr("models.db.DEFAULT_TIMEOUT", 0.2)
    wb = Workbook()
    for row in (["姓名", "身份证号", "入会日期"], ["张伟", make_id(seq=1), "2010-05-01"]):
        wb.active.append(row)
    wb.save(tmp_path / "r.xlsx")
    db.conn.execute("BEGIN IMMEDIATE")  # another window in the middle of saving
    try:
        code, _, err = run(capsys, "--db", str(db_path), "import-members", str(tmp_path / "r.xlsx"))
    finally:
        db.conn.rollback()
    assert code == 1 and "另一个打开的程序" in err
    no_english(err)


def test_newer_and_unwritable_files_are_chinese_messages(capsys, tmp_path):
    from models.migrations import MIGRATIONS
    from tests.test_file_health import ledger, unwritable

    newer = ledger(tmp_path / "新.db")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    code, _, err = run(capsys, "--db", str(newer), "demo")
    assert code == 1 and "更新版本" in err
    no_english(err)
    locked = ledger(tmp_path / "只读.db")
    with unwritable(locked):
        code, _, err = run(capsys, "--db", str(locked), "demo")
        assert code == 1 and "不可写" in err and str(locked) in err
        no_english(err)
        code, out, _ = run(capsys, "--db", str(locked), "export-members", str(tmp_path / "e.xlsx"))
        assert code == 0 and "已导出 3 名会员" in out  # reading needs no write access


def test_restore_says_which_backup(capsys, db, db_path, tmp_path):
    from models.backups import backup, backup_dir
    from models.org import get_profile, save_profile

    profile = get_profile(db)
    profile.union_name = "恒达机械工会"
    save_profile(db, profile)
    add_member(db, member(name="李娜"))
    taken = backup(db, backup_dir(db_path) / "ledger-自动-20260105-093000.db")
    db.close()
    code, out, err = run(capsys, "--db", str(db_path), "restore", str(taken))
    assert code == 0, err
    assert "2026-01-05 09:30" in out and "恒达机械工会" in out and "会员 1 人" in out and "恢复前的数据已另存为" in out


def test_restore_of_another_union_asks_for_the_flag(capsys, db, db_path, tmp_path):
    from models.backups import backup
    from models.org import get_profile, save_profile

    profile = get_profile(db)
    profile.union_name = "恒达机械工会"
    save_profile(db, profile)
    other = open_database(tmp_path / "o.db")
    profile.union_name = "红星纺织厂工会"
    save_profile(other, profile)
    taken = backup(other, tmp_path / "别家.db")
    other.close()
    db.close()
    code, _, err = run(capsys, "--db", str(db_path), "restore", str(taken))
    assert code == 1 and "红星纺织厂工会" in err and "--other-union" in err
    code, out, _ = run(capsys, "--db", str(db_path), "restore", str(taken), "--other-union")
    assert code == 0 and "红星纺织厂工会" in out


def test_a_full_disk_while_writing_an_output_file_is_a_chinese_message(capsys, db, db_path, tmp_path, monkeypatch):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "e.xlsx"))

    monkeypatch.setattr("models.member_export.export_members", full)
    code, _, err = run(capsys, "--db", str(db_path), "export-members", str(tmp_path / "e.xlsx"))
    assert code == 1 and "磁盘空间已满" in err and "e.xlsx" in err
    assert "No space" not in err

"""Union Ledger (工会台账): `python main.py` opens the GUI; commands run the same functions from the CLI.

Exit codes: 0 success; 1 an error (Chinese message on stderr); 2 bad arguments;
3 an import that skipped rows with errors.
"""

from __future__ import annotations

import argparse
import errno
import sqlite3
import sys
from pathlib import Path
from typing import Callable

# argparse looks its messages up through its module-level `_` at call time, so
# giving it a Chinese table makes usage errors readable for the chair.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]


class CliError(Exception):
    """An error to print (in Chinese) with exit code 1."""


def _open(args: argparse.Namespace, *, readonly: bool = False):
    """The ledger named by --db. Read-only commands pass readonly=True: the file (and its
    folder) stay byte for byte as they were. A 0-byte file is refused (EmptyFile): the
    CLI cannot ask whether to make it a new ledger."""
    from models.db import open_database

    db = open_database(args.db, readonly=readonly)
    # Closed by _run_command when the command ends: a read-only connection removes
    # the -wal/-shm it had to create only when it is closed.
    _OPENED.append(db)
    return db


_OPENED: list = []


def cmd_demo(args: argparse.Namespace) -> int:
    from models.demo import fill_demo
    from models.demo_aid import fill_aid
    from models.demo_congress import fill_congress

    db = _open(args)
    summary = fill_demo(db, members=args.members, force=args.force)
    congress = fill_congress(db) if not db.execute("SELECT 1 FROM congress_terms").fetchone() else {}
    aid = fill_aid(db) if not db.execute("SELECT 1 FROM aid_cases").fetchone() else {}
    print(
        f"已生成示例数据：{summary.get('members', args.members)} 名会员，"
        f"职工代表 {congress.get('delegates', 0)} 名，困难职工档案 {aid.get('cases', 0)} 份，"
        f"厂务公开事项 {summary.get('disclosure_items', 0)} 项，创新项目 {summary.get('projects', 0)} 个。数据文件 {args.db}"
    )
    return 0


def cmd_import_members(args: argparse.Namespace) -> int:
    from models.member_import import apply_import, plan_import, write_error_file

    db = _open(args)
    plan = plan_import(db, args.file)
    counts = plan.counts
    print(
        f"检查完成：将新增 {counts['added']} 人，更新 {counts['updated']} 人，"
        f"无变化 {counts['unchanged']} 人，有错误 {counts['errors']} 行。"
    )
    for problem in plan.problems:
        print(f"  第 {problem.row} 行 【{problem.column}】 {problem.message}", file=sys.stderr)
    if plan.unlisted_note:
        print(f"  {plan.unlisted_note}", file=sys.stderr)
    if args.errors and plan.problems:
        write_error_file(plan, args.errors)
        print(f"错误行已保存到 {args.errors}，修改后可重新导入。")
    _print_import_notes(plan)
    if args.dry_run:
        print("（试运行，未写入任何数据）")
        return 0
    result = apply_import(db, plan)
    print(f"导入完成：新增 {result['added']} 人，更新 {result['updated']} 人，无变化 {result['unchanged']} 人。")
    if result.get("batch"):
        print(f"导入记录编号 {result['batch']}；如需撤销：main.py undo-import {result['batch']} --reason 原因")
    if result.get("overwritten"):
        print(f"其中 {result['overwritten']} 人在检查之后被修改过，文件中的值已覆盖这些修改（已记入操作日志）。", file=sys.stderr)
    if plan.problems:
        print(f"有 {counts['errors']} 行因错误未导入。", file=sys.stderr)
        return 3
    return 0


def _print_import_notes(plan) -> None:
    """What the GUI wizard's check page shows besides problems: the notes (year-month dates
    taken as day 1, a status the import does not change …) and each update, old → new."""
    from models.member_import import change_lines

    if plan.notes:
        print(f"提示 {len(plan.notes)} 处：")
        for note in plan.notes:
            print(f"  第 {note.row} 行 【{note.column}】 {note.message}")
    lines = change_lines(plan)
    if lines:
        print(f"将更新的信息 {len(lines)} 项：")
        for row, name, label, old, new in lines:
            print(f"  第 {row} 行 {name} 【{label}】 {old} → {new}")


def cmd_import_batches(args: argparse.Namespace) -> int:
    from models.import_batches import batches

    db = _open(args, readonly=True)
    rows = batches(db)
    if not rows:
        print("还没有导入记录。")
        return 0
    for b in rows:
        undone = f"  已撤销（{b.voided_at[:10]}：{b.void_reason}）" if b.voided_at else ""
        print(f"{b.id:>4}  {b.created_at[:16].replace('T', ' ')}  {b.file_name}  新增 {b.added} 人，更新 {b.updated} 人{undone}")
    return 0


def cmd_undo_import(args: argparse.Namespace) -> int:
    from models.import_batches import get_batch, undo_batch

    db = _open(args)
    batch = get_batch(db, args.batch)
    result = undo_batch(db, args.batch, args.reason)
    print(f"已撤销导入记录 {batch.id}（{batch.file_name}）：作废新增的会员 {result['voided']} 人，恢复被更新的会员 {result['restored']} 人。")
    return 0


def cmd_export_members(args: argparse.Namespace) -> int:
    from models.member_export import export_members
    from models.member_list import DEFAULT_COLUMNS, MemberFilter

    status = None
    if args.status:
        from models.codes import MEMBER_STATUS

        status = MEMBER_STATUS.parse(args.status)
        if status is None:
            raise CliError(f"会籍状态“{args.status}”无效，可选：{'、'.join(MEMBER_STATUS.labels())}")
    f = MemberFilter(status=status, department=args.department or None)
    db = _open(args, readonly=True)
    n = export_members(db, f, list(DEFAULT_COLUMNS), args.out, mask_id=args.mask_id)
    print(f"已导出 {n} 名会员到 {args.out}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from models.member_export import write_template

    write_template(args.out)
    print(f"已生成导入模板 {args.out}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from reports.registry import FORMS, render

    spec = FORMS[args.form]
    ident = getattr(args, spec.param) if spec.param else None
    options: dict = {"mask_id": True} if getattr(args, "mask_id", False) else {}
    if args.form == "roster":
        options |= _roster_options(args)
    if args.form == "member-forms":
        options["members"] = _id_list(args.members)
    if args.form == "dues-unpaid":
        options |= {"period": args.month, "last": args.to, "department": args.department}
    db = _open(args, readonly=True)
    if not args.out:  # the Chinese file name the GUI would offer, in the current folder
        from reports.registry import suggested_filename

        args.out = suggested_filename(db, args.form, ident)
    path = render(db, args.form, args.out, ident=ident, **options)
    print(f"已生成《{spec.title}》：{path}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from models.backups import backup, backup_dir, stamp
    from models.db import MissingFile, inspect_file

    source = Path(args.db)
    if not source.exists():
        raise MissingFile(f"数据文件 {source} 不存在。请检查文件位置。", source)
    inspect_file(source)
    target = Path(args.out) if args.out else backup_dir(source) / f"{source.stem}-手动-{stamp()}.db"
    backup(source, target)
    print(f"已备份到 {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from models.backups import OtherUnion, restore

    try:
        result = restore(args.db, args.file, confirm_other_union=args.other_union)
    except OtherUnion as exc:
        raise CliError(f"{exc}\n如确认恢复，请加上参数 --other-union 重新运行。") from None
    info = result.restored
    members = "未知" if info.members is None else f"{info.members} 人"
    print(
        f"已从备份 {info.path.name} 恢复（备份时间 {info.taken_at:%Y-%m-%d %H:%M}，"
        f"工会：{info.union_name or '未填写'}，会员 {members}）到 {result.path}。"
    )
    if result.safety:
        print(f"恢复前的数据已另存为 {result.safety}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from models.db import check_file

    path = Path(args.db)
    result = check_file(path)  # read-only: the file and its folder stay as they were
    print(f"数据文件：{path}")
    print(f"数据版本：{result['version']}（本程序：{result['latest']}）")
    print("完整性检查：" + ("正常" if result["integrity_ok"] else "；".join(result["integrity"][:10])))
    print("外键检查：" + ("正常" if not result["foreign_key_problems"] else f"{result['foreign_key_problems']} 处问题"))
    if result["integrity_ok"]:
        print("代码检查：" + _unknown_codes(path))
    healthy = result["integrity_ok"] and not result["foreign_key_problems"] and result["version"] <= result["latest"]  # an older file upgrades itself when opened
    if not result["integrity_ok"]:
        print("数据文件已损坏：请从备份恢复（命令 restore，或“设置”页的“从备份恢复”）。")
    if result["version"] < result["latest"]:
        print("数据版本较旧：用本程序打开一次即可自动升级（升级前会自动备份）。")
    if result["version"] > result["latest"]:
        print("数据文件来自更新版本的工会台账：请升级本程序后再使用。")
    return 0 if healthy else 1


def _unknown_codes(path: Path) -> str:
    """Values outside their code list (written before the file enforced the lists), in one line.

    A warning, not damage: the file is sound and the records can be corrected.
    """
    from sqlite_utils import Database

    from models.audit import TABLE_LABELS
    from models.coded_columns import find_unknown_codes
    from models.db import connect_readonly

    conn = connect_readonly(path)  # read-only, as check_file: the file stays as it was
    try:
        found = find_unknown_codes(Database(conn, execute_plugins=False), limit=1_000)
    finally:
        conn.close()
    if not found:
        return "正常"
    first = found[0]
    where = f"{TABLE_LABELS.get(first['table'], first['table'])}（编号 {first['id']}）的{first['field']}为“{first['value']}”"
    count = f"{len(found)} 处" if len(found) < 1_000 else "1000 处以上"
    return f"{count}取值不在代码表中（旧版本写入，如{where}），显示为“未知”；请在相应记录中重新选择"


def cmd_filing(args: argparse.Namespace) -> int:
    from models.filing_cli import run_filing

    db = _open(args, readonly=not args.freeze)
    for line in run_filing(db, args.year, out=args.out, freeze=args.freeze, reason=args.reason, by=args.by, head=args.head):
        print(line)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from models.annual_report import default_filename, write_report

    db = _open(args, readonly=True)
    print(write_report(db, args.year, args.out or default_filename(int(args.year) if str(args.year).isdigit() else 0)))
    return 0


def cmd_consolidate(args: argparse.Namespace) -> int:
    from models.consolidate import consolidate, expand, report_lines
    from reports.consolidate_xlsx import write_consolidation

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"输出文件须以 .xlsx 结尾：{out.name}")
    if out.exists() and any(out.resolve() == f.resolve() for f in expand(args.files)):
        raise CliError(f"输出文件 {out.name} 是要汇总的文件之一，请换一个文件名")
    year = None
    if args.year is not None:
        from models.validation import to_ascii

        if not to_ascii(args.year).isdigit():
            raise CliError(f"年度“{args.year}”无效：应为四位数的年份")
        year = int(to_ascii(args.year))
    result = consolidate(args.files, year=year)
    lines = report_lines(result)
    for line in lines[:-1]:
        print(line, file=sys.stderr)
    if not result.included:
        print(f"错误：没有可以汇总的年报。{lines[-1]}", file=sys.stderr)
        return 1
    write_consolidation(result, out)
    print(lines[-1])
    print(f"已生成汇总表：{out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    # The built program is named after its executable (union-ledger, union-ledger-cli.exe).
    prog = Path(sys.executable).name if getattr(sys, "frozen", False) else "main.py"
    parser = argparse.ArgumentParser(prog=prog, description="工会台账：不带命令时打开图形界面。")
    parser.add_argument("--db", metavar="PATH", help="数据文件路径（默认在用户数据文件夹中）")
    from models.version import describe

    parser.add_argument("--version", action="version", version=describe(), help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser("demo", help="生成示例数据")
    p.add_argument("--members", type=int, default=300, help="会员人数（默认 300）")
    p.add_argument("--force", action="store_true", help="数据文件已有会员时仍然追加")
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser("import-members", help="从 xlsx/xls/csv 导入会员花名册")
    p.add_argument("file", help="花名册文件")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--errors", metavar="OUT.xlsx", help="把有错误的行保存到此文件")
    p.set_defaults(run=cmd_import_members)

    p = sub.add_parser("import-batches", help="列出导入记录（每次导入新增、更新的人数）")
    p.set_defaults(run=cmd_import_batches)

    p = sub.add_parser("undo-import", help="撤销一次导入：作废其新增的会员，恢复其更新的信息")
    p.add_argument("batch", type=int, metavar="BATCH", help="导入记录编号（见 import-batches）")
    p.add_argument("--reason", required=True, help="撤销原因")
    p.set_defaults(run=cmd_undo_import)

    p = sub.add_parser("export-members", help="导出会员花名册（xlsx）")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--mask-id", action="store_true", help="身份证号只保留前6位和后4位")
    p.add_argument("--status", help="只导出此会籍状态（在会/保留会籍/已离会）")
    p.add_argument("--department", help="只导出此部门")
    p.set_defaults(run=cmd_export_members)

    p = sub.add_parser("template", help="生成空白导入模板")
    p.add_argument("kind", choices=["members"], help="模板种类")
    p.add_argument("out", metavar="OUT.xlsx")
    p.set_defaults(run=cmd_template)

    p = sub.add_parser("print", help="打印表格（生成 PDF）")
    forms = p.add_subparsers(dest="form", metavar="表格", required=True)
    _add_print_forms(forms)

    p = sub.add_parser("filing", help="基层工会统计年报：导出 xlsx/PDF，或报送（冻结）")
    p.add_argument("--year", required=True, metavar="年度", help="统计年度，如 2025")
    p.add_argument("-o", "--out", metavar="FILE", help="导出文件（.xlsx 或 .pdf）")
    p.add_argument("--freeze", action="store_true", help="报送：冻结本年度的年报（生成新版本）")
    p.add_argument("--reason", default="", help="重新报送或校验未通过时的说明")
    p.add_argument("--by", default="", metavar="姓名", help="填报人（默认为工会主席）")
    p.add_argument("--head", default="", metavar="姓名", help="负责人（默认为工会主席）")
    p.set_defaults(run=cmd_filing)

    p = sub.add_parser("report", help="年度工作总结：生成带本年数字的初稿（docx，可在 WPS/Word 中修改）")
    kinds = p.add_subparsers(dest="kind", metavar="种类", required=True)
    k = kinds.add_parser("annual", help="年度工会工作总结（.docx；文件名以 .pdf 结尾时生成 PDF）")
    k.add_argument("--year", required=True, metavar="年度", help="总结的年度，如 2025")
    k.add_argument("-o", "--out", metavar="FILE", help="输出文件（.docx 或 .pdf；默认为当前文件夹中的“YYYY年度工会工作总结.docx”）")
    k.set_defaults(run=cmd_report)
    p = sub.add_parser("consolidate", help="汇总下级工会报来的年报 xlsx（生成汇总表和汇总情况）")
    p.add_argument("files", nargs="+", metavar="FILE", help="下级工会用工会台账导出的年报 .xlsx，或放有这些文件的文件夹")
    p.add_argument("-o", "--out", required=True, metavar="OUT.xlsx", help="汇总表输出文件（.xlsx）")
    p.add_argument("--year", metavar="年度", help="只汇总此年度（默认为多数文件的年度）")
    p.set_defaults(run=cmd_consolidate)

    p = sub.add_parser("backup", help="备份数据文件")
    p.add_argument("-o", "--out", metavar="FILE", help="备份文件（默认放在数据文件旁的“备份”文件夹）")
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复（会先备份当前数据）")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--other-union", action="store_true", help="确认恢复另一个工会（名称或统一社会信用代码不同）的备份")
    p.set_defaults(run=cmd_restore)

    p = sub.add_parser("check", help="检查数据文件（版本、完整性、外键）")
    p.set_defaults(run=cmd_check)
    return parser


def _id_list(text: str) -> list[int]:
    try:
        return [int(x) for x in text.replace("，", ",").split(",") if x.strip()]
    except ValueError:
        raise CliError(f"会员编号“{text}”无效：应为用逗号分隔的数字") from None


def _roster_options(args: argparse.Namespace) -> dict:
    """--status (default 在会: the members a chair means by 花名册; 全部 for everyone) and --department."""
    from models.codes import MEMBER_STATUS

    options: dict = {"department": args.department or None}
    if args.status != "全部":
        status = MEMBER_STATUS.parse(args.status)
        if status is None:
            raise CliError(f"会籍状态“{args.status}”无效，可选：{'、'.join(MEMBER_STATUS.labels())}、全部")
        options["status"] = status
    return options


def _add_print_forms(forms: argparse._SubParsersAction) -> None:
    """One sub-command per registered form, with the id option it needs (--member, --session …)."""
    try:
        from reports.registry import FORMS
    except ImportError:  # reports not available: the print command lists nothing
        return
    for name, spec in FORMS.items():
        p = forms.add_parser(name, help=spec.title)
        if spec.param:
            if spec.param == "year":
                p.add_argument("--year", type=int, required=True, metavar="年度", help="年度，如 2025")
            else:
                p.add_argument(f"--{spec.param}", type=int, required=True, metavar="ID", help="记录编号")
        if getattr(spec, "maskable", False):
            p.add_argument("--mask-id", action="store_true", help="身份证号只保留前6位和后4位，出生日期只显示年份")
        if name == "roster":
            p.add_argument("--status", default="在会", metavar="状态", help="会籍状态：在会（默认）、保留会籍、已离会、全部")
            p.add_argument("--department", metavar="部门", help="只打印该部门的会员")
        if name == "member-forms":
            p.add_argument("--members", required=True, metavar="ID,ID,…", help="会员编号，用逗号分隔")
        if name == "dues-unpaid":
            p.add_argument("--month", required=True, metavar="YYYY-MM", help="所属月份")
            p.add_argument("--to", metavar="YYYY-MM", help="截止月份（列出这段时间内有未缴月份的会员）")
            p.add_argument("--department", metavar="部门", help="只列出该部门")
        p.add_argument("-o", "--out", metavar="FILE.pdf", help="输出的 PDF 文件（默认为当前文件夹中的中文文件名）")
        p.set_defaults(run=cmd_print)


def main(argv: list[str] | None = None) -> int:
    _streams_without_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.db is None:
        from models.paths import default_db_path

        args.db = str(default_db_path())
    if args.command is None:
        from ui.app import run_gui

        return run_gui(Path(args.db))
    return _run_command(args.run, args)


def _streams_without_console() -> None:
    """The windowed Windows program (UnionLedger.exe, no console) has no stdout/stderr:
    print() and argparse would fail on None, so they write to nowhere instead."""
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def _run_command(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    from models.audit import NotFound
    from models.db import DatabaseError
    from models.validation import ValidationError

    known: tuple[type[BaseException], ...] = (CliError, DatabaseError, ValidationError, NotFound)
    try:
        from models.spreadsheet import SpreadsheetError

        known += (SpreadsheetError,)
    except ImportError:
        pass
    try:
        from reports.kit import SaveError

        known += (SaveError,)
    except ImportError:
        pass
    try:
        try:
            return run(args)
        finally:
            while _OPENED:
                _OPENED.pop().close()
    except known as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:  # locked, read-only, full, corrupt … met during the command
        from models.db import explain

        print(f"错误：{explain(exc, args.db)}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"错误：找不到文件 {exc.filename}", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"错误：没有权限访问 {exc.filename}（文件夹不可写或文件被占用）", file=sys.stderr)
        return 1
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            print(f"错误：磁盘空间已满，无法写入 {exc.filename or '文件'}。请清理磁盘空间后重试。", file=sys.stderr)
        else:
            print(f"错误：读写文件失败（{exc.strerror or exc}）", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

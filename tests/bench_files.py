"""Bench parts on files: import, export and consolidation of spreadsheets."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench_core import CACHE, ROOT, record


def _roster_rows(count: int):
    """`count` members as a roster row each (the 10,000-row and 100,000-row bench files)."""
    import datetime as dt
    import random

    from models.demo import _member

    rnd = random.Random(7)
    today = dt.date.today()
    seen: set[str] = set()
    i = 0
    while len(seen) < count:
        m = _member(rnd, i, today)
        i += 1
        if m.id_number in seen:
            continue
        seen.add(m.id_number)
        yield [m.name, "", m.id_number, m.phone, "群众", "大学本科", m.department, m.post, m.join_date.replace("-", ".")]


ROSTER_HEADERS = ["姓名", "性别", "公民身份号码", "手机号码", "政治面貌", "学历", "部门", "岗位", "入会日期"]


def _roster_file(path: Path, count: int) -> Path:
    from openpyxl import Workbook

    if path.exists():
        return path
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(ROSTER_HEADERS)
    for row in _roster_rows(count):
        ws.append(row)
    partial = path.with_suffix(".part.xlsx")
    wb.save(partial)
    partial.rename(path)
    return path


def insert_floor(db_file: Path, plan) -> float:
    """The floor of an import: the same members' rows (as add_members stores them) inserted
    into the same schema by one executemany in one transaction, nothing else (no audit, no
    history, no checks). Seconds."""
    from models import audit, members
    from models.db import open_database

    db = open_database(db_file)
    stamp = audit.now()
    rows = [members._row_values(r.member) | {"created_at": stamp, "updated_at": stamp} for r in plan.rows if r.action == "add"]
    columns = list(rows[0])
    params = [tuple(r[c] for c in columns) for r in rows]
    t = time.perf_counter()
    with db.atomic():
        db.conn.executemany(f"INSERT INTO members ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})", params)
    elapsed = time.perf_counter() - t
    db.close()
    return elapsed


def import_10k() -> None:
    from models.db import open_database
    from models.member_import import apply_import, plan_import

    folder = Path(tempfile.mkdtemp(prefix="ul-bench-"))
    xlsx = _roster_file(CACHE / "roster-10k.xlsx", 10_000)
    db = open_database(folder / "import.db")
    t = time.perf_counter()
    plan = plan_import(db, xlsx)
    result = apply_import(db, plan)
    elapsed = time.perf_counter() - t
    db.close()
    floor = insert_floor(folder / "floor.db", plan)
    record(f"导入1万行 xlsx（含校验，新增 {result['added']} 人）", "≤ 1 s", elapsed, "s", 1, floor)


IMPORT_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from models.db import open_database
from models.member_import import apply_import, plan_import
gaps = [0.0]
last = [time.perf_counter()]
def progress(done, total):
    now = time.perf_counter()
    gaps[0] = max(gaps[0], now - last[0])
    last[0] = now
db = open_database({db!r})
t = time.perf_counter()
plan = plan_import(db, {xlsx!r}, progress=progress)
planned = time.perf_counter() - t
result = {{"counts": plan.counts}}
if {apply!r}:
    last[0] = time.perf_counter()
    result.update(apply_import(db, plan, progress))
# The peak of this process: VmHWM where there is one (ru_maxrss survives exec on Linux, so
# it would show the bench's own size at the fork); ru_maxrss elsewhere.
try:
    with open("/proc/self/status") as f:
        peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result.update(seconds=time.perf_counter() - t, plan_seconds=planned, gap=gaps[0], rss=peak)
print(json.dumps(result))
"""


def _child(xlsx: Path, db_file: Path, apply: bool) -> dict:
    """An import (or a dry run) in a process of its own, so its peak memory is its own."""
    import json

    code = IMPORT_CHILD.format(root=str(ROOT), db=str(db_file), xlsx=str(xlsx), apply=apply)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _libreoffice_read(xlsx: Path) -> float | None:
    """LibreOffice (headless) reading the file (and writing it as CSV), seconds; None without it."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    out = Path(tempfile.mkdtemp(prefix="ul-bench-lo-"))
    profile = out / "profile"
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv", "--outdir", str(out), str(xlsx)]
    subprocess.run(command, capture_output=True, timeout=600)  # the first start sets up the profile
    t = time.perf_counter()
    subprocess.run(command, capture_output=True, timeout=600)
    return time.perf_counter() - t


def _calamine_read(xlsx: Path) -> float:
    from python_calamine import CalamineWorkbook

    t = time.perf_counter()
    for _ in CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).iter_rows():
        pass
    return time.perf_counter() - t


def import_100k(db_path: Path) -> None:
    """100,000 new rows imported into an empty ledger (time, peak memory, the longest wait
    between two progress calls: how soon 取消 is answered), and the dry run of the
    100,000-member ledger's own roster export against LibreOffice reading it (issue 16)."""
    import shutil

    from models.db import open_database
    from models.member_export import export_members
    from models.member_list import DEFAULT_COLUMNS, MemberFilter
    from models.member_import import plan_import

    folder = Path(tempfile.mkdtemp(prefix="ul-bench-"))
    xlsx = _roster_file(CACHE / "roster-100k.xlsx", 100_000)
    got = _child(xlsx, folder / "import.db", apply=True)
    db = open_database(folder / "plan.db")
    plan = plan_import(db, xlsx)
    db.close()
    floor = insert_floor(folder / "floor.db", plan)
    del plan
    record(f"导入10万行 xlsx（含校验，新增 {got['added']:,} 人）", "≤ 10 s", got["seconds"], "s", 10, floor)
    record("（其中读取和校验）", "—", got["plan_seconds"], "s", None)
    record("导入10万行：内存峰值", "≤ 250 MB", got["rss"], "MB", 250)
    record("导入10万行：两次进度（取消）之间最长", "≤ 200 ms", got["gap"] * 1000, "ms", 200)

    roster = CACHE / "roster-100k-export.xlsx"
    if not roster.exists():
        db = open_database(db_path)
        export_members(db, MemberFilter(), list(DEFAULT_COLUMNS), roster.with_suffix(".part.xlsx"))
        db.close()
        roster.with_suffix(".part.xlsx").rename(roster)
    ledger = folder / "ledger.db"
    shutil.copyfile(db_path, ledger)  # a dry run writes nothing, but opening may bring the schema up to date:
    open_database(ledger).close()  # done here, so the figures are the dry run's alone
    dry = _child(roster, ledger, apply=False)
    office = _libreoffice_read(roster)
    if office is not None:
        limit = 2 * office
        record(f"试导入10万会员花名册（含校验，{dry['counts']['unchanged']:,} 人无变化）", f"≤ 2×LibreOffice = {limit:.1f} s", dry["seconds"], "s", limit, office)
        record("（LibreOffice 读取同一文件，即上行“下限”）", "—", office, "s", None)
    else:
        record(f"试导入10万会员花名册（含校验，{dry['counts']['unchanged']:,} 人无变化）", "—（未安装 LibreOffice）", dry["seconds"], "s", None, _calamine_read(roster))
    record("试导入10万会员花名册：内存峰值", "≤ 250 MB", dry["rss"], "MB", 250)
    record("试导入10万会员花名册：两次进度（取消）之间最长", "≤ 200 ms", dry["gap"] * 1000, "ms", 200)



FILINGS = 500


def filings_500() -> list[Path]:
    """500 grassroots filings as our exporter writes them (a demo ledger's 2025 table, varied
    per union: name, credit code, figures), made once into the bench cache."""
    from models.db import open_database
    from models.demo import fill_demo
    from models.filing_form import FORM_VERSION
    from models.filing_store import export_data
    from models.version import VERSION
    from tests.filing_copies import write_copies

    folder = CACHE / f"filings-{FILINGS}-{FORM_VERSION}-{VERSION}"
    done = folder / "done"
    if done.exists():
        return sorted(folder.glob("*.xlsx"))
    CACHE.mkdir(exist_ok=True)
    t = time.perf_counter()
    source = CACHE / "filing-source.db"
    for p in CACHE.glob("filing-source.db*"):
        p.unlink()
    db = open_database(source)
    fill_demo(db, 300)
    data = export_data(db, 2025)
    db.close()
    paths = write_copies(data, folder, FILINGS)
    done.write_text("ok", encoding="utf-8")
    print(f"（已生成 {FILINGS} 份年报 xlsx，用时 {time.perf_counter() - t:.1f} 秒）", file=sys.stderr)
    return paths


def consolidate_500(_db_path: Path) -> None:
    """Issue 13: 500 filings consolidate in ≤ 5 s (read, checked, the result written), beside
    python-calamine merely opening the same 500 files and reading their two sheets."""
    from python_calamine import CalamineWorkbook

    from models.consolidate import consolidate
    from reports.consolidate_xlsx import write_consolidation

    paths = filings_500()
    out = Path(tempfile.mkdtemp(prefix="ul-bench-")) / "汇总.xlsx"
    floors, reads, writes = [], [], []
    for _ in range(3):
        t = time.perf_counter()
        for p in paths:
            book = CalamineWorkbook.from_path(str(p))
            book.get_sheet_by_name("说明").to_python()
            book.get_sheet_by_name("年报").to_python()
        floors.append(time.perf_counter() - t)
        t = time.perf_counter()
        result = consolidate(paths)
        reads.append(time.perf_counter() - t)
        t = time.perf_counter()
        write_consolidation(result, out)
        writes.append(time.perf_counter() - t)
    floor, read, write = statistics.median(floors), statistics.median(reads), statistics.median(writes)
    record(f"汇总 {len(paths)} 份年报（读取、检查并写出汇总表，汇总 {len(result.included)} 份）", "≤ 5 s", read + write, "s", 5, floor)
    record("（其中读取并检查）", "—", read, "s", None, floor)
    record("（其中写出汇总表 xlsx）", "—", write, "s", None)


EXPORT_100K = """
import sys, time
sys.path.insert(0, {root!r})
from models.db import open_database
from models.member_export import export_members
from models.member_list import DEFAULT_COLUMNS, MemberFilter
db = open_database({db!r})
t = time.perf_counter()
n = export_members(db, MemberFilter(), list(DEFAULT_COLUMNS), {out!r})
elapsed = time.perf_counter() - t
try:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
except ImportError:  # Windows
    import psutil
    peak = psutil.Process().memory_info().peak_wset / 1024 / 1024
print(elapsed, peak, n)
"""


def export_100k(db_path: Path) -> None:
    """`export-members` of the 100,000 members (11 columns) in a fresh process (its peak
    memory is the export's), against LibreOffice writing the same rows as xlsx from a csv
    (issue 16: ≤ 1.5×), or, without LibreOffice, against the bare floor: the same cells
    as XML strings deflated into a zip."""
    import csv
    import shutil
    import zipfile
    from xml.sax.saxutils import escape

    from models.db import open_database
    from models.member_export import EXPORT_COLUMNS, _display
    from models.member_list import DEFAULT_COLUMNS, MemberFilter, order_clause

    folder = Path(tempfile.mkdtemp(prefix="ul-bench-"))
    runs = []
    for i in range(3):
        code = EXPORT_100K.format(root=str(ROOT), db=str(db_path), out=str(folder / f"export{i}.xlsx"))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        runs.append([float(x) for x in out.stdout.split()])
    elapsed, peak = statistics.median(r[0] for r in runs), max(r[1] for r in runs)
    count = int(runs[0][2])

    db = open_database(db_path)
    columns = list(DEFAULT_COLUMNS)
    sql = f"SELECT {', '.join(f'{EXPORT_COLUMNS[c][1]} AS {c}' for c in columns)} FROM members WHERE voided_at IS NULL ORDER BY {order_clause(MemberFilter())}"
    data = [[(r[c] or "") if c == "id_number" else _display(c, r[c]) for c in columns] for r in db.query(sql)]
    db.close()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        source = folder / "members.csv"
        with open(source, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([[EXPORT_COLUMNS[c][0] for c in columns], *data])
        profile = (folder / "lo-profile").as_uri()  # its own profile: never the chair's running LibreOffice

        def convert(path: Path) -> float:
            t = time.perf_counter()
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir", str(folder / "lo"), str(path)],
                           capture_output=True, timeout=600)
            return time.perf_counter() - t

        tiny = folder / "tiny.csv"
        tiny.write_text("a,b\n1,2\n", encoding="utf-8")
        convert(tiny)  # the first start sets up the profile
        floor = statistics.median(convert(source) for _ in range(3))
        record("LibreOffice 写出同样10万行 xlsx（参照，含启动）", "—", floor, "s", None)
        record(f"导出10万会员 xlsx（{count:,} 行×{len(columns)} 列）", f"≤ 1.5×LibreOffice = {floor * 1.5:.1f} s", elapsed, "s", floor * 1.5, floor=floor)
    else:
        t = time.perf_counter()
        with zipfile.ZipFile(folder / "floor.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z, z.open("sheet.xml", "w") as f:
            for start in range(0, len(data), 500):
                f.write("".join("<row>" + "".join(f'<c t="inlineStr"><is><t>{escape(v)}</t></is></c>' for v in row) + "</row>"
                                for row in data[start:start + 500]).encode())
        floor = time.perf_counter() - t
        record(f"导出10万会员 xlsx（{count:,} 行×{len(columns)} 列；未装 LibreOffice）", "—", elapsed, "s", None, floor=floor)
    record("导出10万会员 xlsx 峰值内存（独立进程）", "≤ 250 MB", peak, "MB", 250)
    shutil.rmtree(folder, ignore_errors=True)

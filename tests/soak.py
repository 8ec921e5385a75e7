"""Kill the ledger at random moments and check nothing is lost: `python -m tests.soak`.

Not part of the test run. Each run copies a prepared ledger, starts one writing
workload in a child process (a roster import, demo data, a 送温暖 batch) and kills
it with SIGKILL — after a random delay, or, where strace is installed, at a
random write to the database file (which lands inside WAL checkpoints too).
Then it checks what a chair would see:

- the program still opens the file (not refused, no restore advised);
- `PRAGMA integrity_check` and `foreign_key_check` are clean;
- the work is all or nothing: the import added all its rows or none, the batch
  wrote every payment or none, the demo left a whole ledger or an empty one.

Prints a table: runs, refused, corrupt, partial, by workload.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
IMPORT_ROWS = 3000
BATCH_ROWS = 400

BATCH_SCRIPT = """
import sys, datetime
from models.db import open_database
from models import aid_payments as ap
db = open_database(sys.argv[1])
cases = [r[0] for r in db.execute(  # aid goes to approved files, or as emergency aid to sudden hardship
    "SELECT id FROM aid_cases WHERE closed_on IS NULL AND (state = 'active' OR main_cause = 'major_illness') ORDER BY id")]
rid = int(sys.argv[2])
rows = [ap.Payment(case_id=c, aid_type="warmth", date=datetime.date.today().isoformat(), amount_fen=50000, funding_source="own",
                   note="突发重病，应急救助（浸泡测试）")  # files not yet approved: emergency aid needs its reason
        for c in cases]
ap.record_batch(db, rid, rows, confirmed=True)
"""


def _python() -> str:
    return sys.executable


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, **kw)


def prepare(work: Path) -> dict[str, Path]:
    """A base ledger for each workload, built once per soak."""
    from models.db import open_database

    base = work / "base.db"
    _run([_python(), "main.py", "--db", str(base), "demo", "--members", "500"]).check_returncode()
    roster = work / "roster.xlsx"
    _write_roster(roster)
    # Enough open aid files that a batch writes for a while.
    db = open_database(base)
    from models import aid_payments as ap

    _add_cases(db, BATCH_ROWS)
    rid = ap.add_round(db, "2026年春节送温暖（浸泡测试）", "warmth", "2026-01-20")
    db.close()
    return {"base": base, "roster": roster, "round": Path(str(rid))}


def _add_cases(db, n: int) -> None:
    from models import aid
    from models.validation import ValidationError

    members = [r[0] for r in db.execute(
        "SELECT id FROM members WHERE id NOT IN (SELECT member_id FROM aid_cases WHERE member_id IS NOT NULL) AND id_number IS NOT NULL LIMIT ?", (n,)
    )]
    for mid in members:
        row = db.execute("SELECT name, id_number, department FROM members WHERE id = ?", (mid,)).fetchone()
        try:
            aid.open_file(db, aid.Case(member_id=mid, worker_name=row[0], worker_id_number=row[1], department=row[2] or "",
                                       opened_on="2025-12-01", main_cause="major_illness"))
        except (ValidationError, TypeError):
            continue


def _write_roster(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["姓名", "公民身份号码", "部门", "手机号码", "入会时间"])
    for i in range(IMPORT_ROWS):
        body = f"1101051980{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
        ws.append([f"浸泡{i:05d}", body + _check_char(body), "浸泡车间", f"139{i:08d}", "2020-05-01"])
    wb.save(path)


def _check_char(body17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights)) % 11]


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = {}
        for table in ("members", "aid_payments", "audit_log"):
            try:
                out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except sqlite3.OperationalError:
                out[table] = 0
        return out
    finally:
        conn.close()


def workload(kind: str, db: Path, files: dict[str, Path]) -> list[str]:
    if kind == "import":
        return [_python(), "main.py", "--db", str(db), "import-members", str(files["roster"])]
    if kind == "demo":
        return [_python(), "main.py", "--db", str(db), "demo", "--members", "1500"]
    return [_python(), "-c", BATCH_SCRIPT, str(db), files["round"].name]


def kill_after(cmd: list[str], delay: float) -> int:
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return proc.returncode


def kill_at_write(cmd: list[str], db: Path, nth: int) -> int:
    """SIGKILL the child at its nth pwrite to the database file itself (checkpoints included)."""
    strace = ["strace", "-f", "-qq", "-o", os.devnull, "-P", str(db), "-e", "trace=pwrite64",
              "-e", f"inject=pwrite64:signal=KILL:when={nth}"]
    return subprocess.run(strace + cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def count_writes(cmd: list[str], db: Path) -> int:
    """How many pwrites to the database file an uninterrupted run makes (strace log lines)."""
    log = db.with_name(db.name + ".strace")
    subprocess.run(["strace", "-f", "-qq", "-o", str(log), "-P", str(db), "-e", "trace=pwrite64"] + cmd,
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    n = sum(1 for line in log.read_text(errors="replace").splitlines() if "pwrite64(" in line)
    log.unlink()
    return max(n, 1)


def judge(kind: str, db: Path, before: dict[str, int], full: dict[str, int]) -> str:
    """'ok', 'refused', 'corrupt' or 'partial' for one killed run.

    The program opens the file first, exactly as the chair would: any other
    read-write connection would replay and checkpoint the WAL and so hide what
    the kill left behind.
    """
    from models.db import DatabaseError, open_database

    try:
        open_database(db).close()
    except DatabaseError:
        return "refused"
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ok = ok and not conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError:
        ok = False
    finally:
        conn.close()
    if not ok:
        return "corrupt"
    now = counts(db)
    table = {"import": "members", "demo": "members", "batch": "aid_payments"}[kind]
    if now[table] not in (before[table], full[table]):
        return "partial"
    return "ok"


def main() -> int:
    parser = argparse.ArgumentParser(description="随机中断写入，检查数据文件完整")
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    use_strace = shutil.which("strace") is not None
    work = Path(tempfile.mkdtemp(prefix="ledger-soak-"))
    files = prepare(work)
    kinds = ["import", "demo", "batch"]
    # One uninterrupted run of each gives the full result and how long it takes.
    full: dict[str, dict[str, int]] = {}
    length: dict[str, float] = {}
    before: dict[str, dict[str, int]] = {}
    writes: dict[str, int] = {}
    for kind in kinds:
        db = work / f"full-{kind}.db"
        if kind != "demo":
            shutil.copy(files["base"], db)
        before[kind] = counts(db) if db.exists() else {"members": 0, "aid_payments": 0, "audit_log": 0}
        t = time.perf_counter()
        _run(workload(kind, db, files))
        length[kind] = time.perf_counter() - t
        if use_strace:
            probe = work / f"probe-{kind}.db"
            if kind != "demo":
                shutil.copy(files["base"], probe)
            writes[kind] = count_writes(workload(kind, probe, files), probe)
        full[kind] = counts(db)
        table = {"import": "members", "demo": "members", "batch": "aid_payments"}[kind]
        if full[kind][table] == before[kind][table]:
            raise SystemExit(f"{kind} 完整运行没有写入任何数据，浸泡测试无意义")
    tally: dict[str, Counter] = {k: Counter() for k in kinds}
    for n in range(args.runs):
        kind = kinds[n % len(kinds)]
        db = work / f"run-{n}.db"
        if kind != "demo":
            shutil.copy(files["base"], db)
        if use_strace and n % 2:
            kill_at_write(workload(kind, db, files), db, rng.randint(1, writes[kind]))
        else:
            kill_after(workload(kind, db, files), rng.uniform(0.05, length[kind] * 1.1))
        verdict = judge(kind, db, before[kind], full[kind])
        tally[kind][verdict] += 1
        if verdict != "ok":
            print(f"第 {n} 次（{kind}）：{verdict}，文件保留在 {db}", file=sys.stderr)
        else:
            for p in work.glob(f"run-{n}.db*"):
                p.unlink()
    print(f"{'任务':<8}{'次数':>6}{'正常':>6}{'拒绝打开':>10}{'损坏':>6}{'半截写入':>10}")
    total = Counter()
    for kind in kinds:
        t = tally[kind]
        total.update(t)
        print(f"{kind:<8}{sum(t.values()):>6}{t['ok']:>6}{t['refused']:>10}{t['corrupt']:>6}{t['partial']:>10}")
    print(f"{'合计':<8}{sum(total.values()):>6}{total['ok']:>6}{total['refused']:>10}{total['corrupt']:>6}{total['partial']:>10}")
    print("（完整运行写入：" + "，".join(
        f"{k} {before[k][t]}→{full[k][t]}" for k, t in (("import", "members"), ("demo", "members"), ("batch", "aid_payments"))) + "）")
    print(f"（完整运行用时：" + "，".join(f"{k} {v:.1f} 秒" for k, v in length.items()) + f"；strace 定点中断：{'是，数据文件写入次数 ' + str(writes) if use_strace else '否'}）")
    if any(total[v] for v in ("refused", "corrupt", "partial")):
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A big import behaves as a small one: the speed work (rows checked a chunk at a time,
known members fetched per chunk, bigger statements, the batch recorded in chunks) must
not change what is found, written, logged or undone. Files here span many chunks."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from models import members
from models.import_batches import undo_batch
from models.member_import import apply_import, plan_import
from models.tasks import EVERY, Cancelled
from tests.conftest import make_id, member

N = 3 * EVERY + 57  # several chunks of rows, and a part of one


def number(i: int) -> str:
    """A distinct valid ID number for each i."""
    day = dt.date(1970, 1, 1) + dt.timedelta(days=i // 400)
    return make_id(day.strftime("%Y%m%d"), seq=i % 400 + 1)


def roster(path, rows) -> str:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "入会日期", "部门"])
        w.writerows(rows)
    return str(path)


def snapshot(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("members", "audit_log", "membership_events", "import_batches", "import_batch_rows")}


def test_duplicates_updates_and_adds_across_chunks(db, tmp_path):
    # Known members whose rows fall in different chunks: one the file changes, one it leaves.
    changed_id = members.add_member(db, member("老会员甲", id_number=number(5), department="一车间"))
    same_id = members.add_member(db, member("老会员乙", id_number=number(2 * EVERY + 3), department="二车间"))
    gone_id = members.add_member(db, member("已作废", id_number=number(EVERY + 9)))
    from models.member_void import void_member

    void_member(db, gone_id, "录入错误")  # a voided member's number is free again: its row adds
    rows = [[f"会员{i}", number(i), "2010-05-01", "三车间"] for i in range(N)]
    rows[5] = ["老会员甲", number(5), "2010-05-01", "质检部"]
    rows[2 * EVERY + 3] = ["老会员乙", number(2 * EVERY + 3), "2010-05-01", "二车间"]
    rows[EVERY + 30] = ["重复者", number(7), "2010-05-01", ""]  # the number of row 9 (file row 7), a chunk later
    rows[N - 1] = ["重复者二", number(EVERY - 1), "2010-05-01", ""]  # same, chunks apart
    plan = plan_import(db, roster(tmp_path / "r.csv", rows))

    assert plan.counts == {"added": N - 4, "updated": 1, "unchanged": 1, "errors": 2}
    assert [(p.row, p.column, p.message) for p in plan.problems] == [
        (EVERY + 32, "身份证号", "与第 9 行的身份证号重复"),
        (N + 1, "身份证号", f"与第 {EVERY + 1} 行的身份证号重复"),
    ]
    update = next(r for r in plan.rows if r.action == "update")
    assert (update.row, update.existing_id, update.changed, update.base) == (7, changed_id, ["department"], {"department": "一车间"})
    unchanged = next(r for r in plan.rows if r.action == "unchanged")
    assert (unchanged.row, unchanged.existing_id, unchanged.member.name) == (2 * EVERY + 5, same_id, "老会员乙")
    assert next(r for r in plan.rows if r.row == EVERY + 11).action == "add"  # the voided member's number

    before = snapshot(db)
    result = apply_import(db, plan)
    assert (result["added"], result["updated"], result["unchanged"]) == (N - 4, 1, 1)
    after = snapshot(db)
    # Each added member: its row, its 入会 and their audit entries; the update its own entry.
    assert after["members"] - before["members"] == N - 4
    assert after["membership_events"] - before["membership_events"] == N - 4
    logged = dict(db.execute(
        "SELECT table_name, count(*) FROM audit_log WHERE id > (SELECT max(id) FROM audit_log WHERE id <= ?) GROUP BY table_name",
        (before["audit_log"],),
    ).fetchall())
    assert logged == {"members": N - 4 + 1, "membership_events": N - 4, "import_batches": 1, "import_batch_rows": N - 3}
    assert members.get_member(db, changed_id).department == "质检部"
    assert members.get_member(db, same_id).department == "二车间"
    entry = db.execute(
        "SELECT before, after, note FROM audit_log WHERE table_name = 'members' AND row_id = ? AND action = 'update'", (changed_id,)
    ).fetchone()
    assert '"department": "一车间"' in entry[0] and '"department": "质检部"' in entry[1] and "第 7 行" in entry[2]
    stored = db.execute("SELECT name, department, status, join_date FROM members WHERE id_number = ? AND voided_at IS NULL", (number(N - 2),)).fetchone()
    assert stored == (f"会员{N - 2}", "三车间", "active", "2010-05-01")


def test_big_import_undone_as_a_whole(db, tmp_path):
    known = members.add_member(db, member("老会员", id_number=number(0), department="一车间"))
    rows = [[f"会员{i}", number(i), "2010-05-01", "三车间"] for i in range(6 * EVERY + 11)]  # batch rows in several chunks
    plan = plan_import(db, roster(tmp_path / "r.csv", rows))
    result = apply_import(db, plan)
    assert (result["added"], result["updated"]) == (6 * EVERY + 10, 1)
    assert db.execute("SELECT count(*) FROM import_batch_rows WHERE batch_id = ?", (result["batch"],)).fetchone()[0] == 6 * EVERY + 11
    assert undo_batch(db, result["batch"], "导错了文件") == {"voided": 6 * EVERY + 10, "restored": 1}
    assert members.count_members(db) == 1
    assert members.get_member(db, known).department == "一车间"


@pytest.mark.parametrize("at", ["plan", "members", "batch"])
def test_cancel_leaves_nothing(db, tmp_path, at):
    """取消 while checking, while writing the members, or while recording the batch (the last
    work before the commit): the ledger is as it was, change log included."""
    members.add_member(db, member("老会员", id_number=number(0), department="一车间"))
    rows = [[f"会员{i}", number(i), "2010-05-01", "三车间"] for i in range(6 * EVERY + 11)]
    path = roster(tmp_path / "r.csv", rows)
    before = snapshot(db)
    late: list[int] = []

    def progress(done: int, total: int) -> None:
        if at == "plan" and done > EVERY:
            raise Cancelled()
        if at == "members" and 0 < done < total:
            raise Cancelled()
        if at == "batch" and done >= total:
            late.append(done)
            if len(late) == 2:  # past every member and update: the batch's rows are being written
                raise Cancelled()

    with pytest.raises(Cancelled):
        if at == "plan":
            plan_import(db, path, progress=progress)
        else:
            apply_import(db, plan_import(db, path), progress=progress)
    assert snapshot(db) == before
    assert members.get_member(db, 1).department == "一车间"
    # And the same file imports whole afterwards.
    assert apply_import(db, plan_import(db, path))["added"] == 6 * EVERY + 10


def test_known_members_looked_up_by_their_id_number_only(db, tmp_path):
    """The chunked lookup: a voided member is not matched, a member with another kind of
    ID (a passport number that happens to read the same) is not matched either."""
    from models.member_void import void_member

    voided = members.add_member(db, member("作废者", id_number=number(1)))
    void_member(db, voided, "录入错误")
    found = members.live_members_by_id_number(db, {number(1), number(2)})
    assert found == {}
    kept = members.add_member(db, member("在册", id_number=number(2), department="一车间"))
    found = members.live_members_by_id_number(db, [number(2)])
    assert list(found) == [number(2)] and found[number(2)].id == kept and found[number(2)].department == "一车间"
    assert found[number(2)] == members.get_member(db, kept)

"""A whole import batch can be undone: it voids the members it added and restores the
fields it updated, refused with a named reason when later edits touched them."""

from __future__ import annotations

import pytest

from models import clock, dues, import_batches, members
from models.member_import import apply_import, plan_import
from models.validation import ValidationError
from tests.conftest import make_id, member
from tests.test_import_friction import xlsx

A, B, C = make_id("19850314"), make_id("19900807", seq=2, male=False), make_id("19700101", seq=3)


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2025-12-31"):
        yield


def imported(db, tmp_path, rows, name="r.xlsx"):
    return apply_import(db, plan_import(db, xlsx(tmp_path / name, [["姓名", "身份证号", "部门", "手机号码", "入会时间"], *rows])))


def test_import_records_a_batch_and_undo_restores_everything(db, tmp_path):
    kept = members.add_member(db, member("王老", id_number=C, department="财务部", phone="13800138000"))
    result = imported(db, tmp_path, [["张伟", A, "生产部", "", "2012-07-01"], ["李娜", B, "生产部", "", "2013-03-01"],
                                     ["王老", C, "后勤部", "13900139000", ""]], "花名册.xlsx")
    batch = import_batches.get_batch(db, result["batch"])
    assert (batch.file_name, batch.added, batch.updated, batch.state) == ("花名册.xlsx", 2, 1, "有效")
    assert members.count_members(db) == 3 and members.get_member(db, kept).department == "后勤部"

    assert import_batches.undo_batch(db, batch.id, "导错了文件") == {"voided": 2, "restored": 1}
    assert members.count_members(db) == 1
    old = members.get_member(db, kept)
    assert (old.department, old.phone) == ("财务部", "13800138000")
    assert members.departments(db) == ["财务部"]
    assert import_batches.get_batch(db, batch.id).state == "已撤销"
    with pytest.raises(ValidationError, match="已于"):
        import_batches.undo_batch(db, batch.id, "再撤一次")
    # The corrected file imports again: the voided members freed their ID numbers.
    again = imported(db, tmp_path, [["张伟", A, "生产部", "", "2012-07-01"]], "改正.xlsx")
    assert again["added"] == 1 and members.count_members(db) == 2


def test_undo_refused_naming_a_later_edit(db, tmp_path):
    result = imported(db, tmp_path, [["张伟", A, "生产部", "", "2012-07-01"], ["李娜", B, "生产部", "", "2013-03-01"]])
    li = members.find_by_id_number(db, B)["id"]
    dues.record_payment(db, li, ["2025-11"], 500, "2025-11-05")
    with pytest.raises(ValidationError) as exc:
        import_batches.undo_batch(db, result["batch"], "导错了")
    assert "李娜（生产部）在导入之后登记了会费" in str(exc.value)
    assert members.count_members(db) == 2  # nothing changed
    assert import_batches.get_batch(db, result["batch"]).state == "有效"


def test_nothing_written_records_no_batch(db, tmp_path):
    imported(db, tmp_path, [["张伟", A, "生产部", "", "2012-07-01"]])
    assert imported(db, tmp_path, [["张伟", A, "生产部", "", "2012-07-01"]], "same.xlsx")["batch"] is None
    assert len(import_batches.batches(db)) == 1

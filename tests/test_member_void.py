"""A member entered by mistake is voided with a reason: it leaves every list, count and
figure, stays in the change log, and is refused or warned when it is more than a typo."""

from __future__ import annotations

import pytest

from models import aid, audit, clock, dues, member_list, member_time, members, membership
from models import congress as cg
from models.member_list import MemberFilter
from models.member_void import DuesOnFile, void_member
from models.validation import ValidationError
from tests.conftest import make_id, member


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2025-12-31"):
        yield


def two(db) -> tuple[int, int]:
    keep = members.add_member(db, member("王芳", id_number=make_id("19900807", male=False), member_no="A001"))
    wrong = members.add_member(db, member("李误", id_number=make_id("19920101", seq=2), member_no="A002"))
    return keep, wrong


def test_voided_member_leaves_every_list_count_and_figure(db):
    keep, wrong = two(db)
    void_member(db, wrong, "录入错误，不是本单位职工")
    ids = lambda f: [r["id"] for r in member_list.iter_members(db, f, ["id"])]  # noqa: E731
    assert ids(MemberFilter()) == [keep]
    assert ids(MemberFilter(status="active")) == [keep]
    assert members.count_members(db) == 1 and members.count_members(db, "active") == 1
    assert member_list.matches_by_status(db, MemberFilter(text="李误")) == {}
    assert [r["id"] for r in member_time.members_as_of(db, "2020-01-01")] == [keep]
    assert [r["id"] for r in dues.unpaid_members(db, "2025-11")] == [keep]
    assert member_list.ids_matching(db, MemberFilter()) == [keep]
    # The congress picker and the aid picker list members through list_members.
    assert list(member_list.list_members(db, MemberFilter(status="active"), ["name"]).ids) == [keep]
    # Shown with 显示已作废, and kept in the change log with its reason.
    assert ids(MemberFilter(voided=True)) == [wrong]
    log = audit.history(db, "members", wrong)
    assert log[-1]["action"] == "void" and log[-1]["note"] == "录入错误，不是本单位职工"
    assert all(e.voided_at for e in membership.events(db, wrong))


def test_voided_member_frees_its_id_number_and_refuses_writes(db):
    _, wrong = two(db)
    number = members.get_member(db, wrong).id_number
    void_member(db, wrong, "重复录入")
    again = members.add_member(db, member("李对", id_number=number))
    assert members.find_by_id_number(db, number)["id"] == again
    with pytest.raises(ValidationError, match="已作废"):
        membership.record_event(db, wrong, "withdraw", "2025-06-01")
    with pytest.raises(ValidationError, match="已作废"):
        dues.record_payment(db, wrong, ["2025-06"], 500, "2025-06-10")
    with pytest.raises(ValidationError, match="已作废"):
        void_member(db, wrong, "再次")


def test_delegate_or_hardship_file_refuses_naming_them(db):
    _, wrong = two(db)
    term = cg.add_term(db, cg.Term(number=3, start_date="2024-01-01", end_date="2028-12-31", delegate_quota=40))
    cg.add_delegate(db, term, wrong, category="frontline")
    with pytest.raises(ValidationError) as exc:
        void_member(db, wrong, "录错")
    assert "李误" in str(exc.value) and "职工代表" in str(exc.value) and "A002" in str(exc.value)
    assert members.count_members(db) == 2  # nothing changed
    other = members.add_member(db, member("赵档", id_number=make_id("19800101", seq=7)))
    aid.open_file(db, aid.Case(worker_name="赵档", worker_id_number=members.get_member(db, other).id_number, member_id=other,
                               main_cause="major_illness", opened_on="2024-01-10"))
    with pytest.raises(ValidationError, match="困难职工档案"):
        void_member(db, other, "录错")


def test_dues_warn_then_void_with_the_member(db):
    _, wrong = two(db)
    dues.record_payment(db, wrong, ["2025-01", "2025-02"], 500, "2025-03-01")
    with pytest.raises(DuesOnFile) as exc:
        void_member(db, wrong, "录错")
    assert exc.value.count == 2 and "10.00" in str(exc.value)
    assert dues.period_summary(db, "2025-01")["count"] == 1
    void_member(db, wrong, "录错", void_dues=True)
    assert dues.period_summary(db, "2025-01")["count"] == 0
    assert all(p.voided_at for p in dues.payments(db, wrong))

"""Proposal state machine: co-signers, order of steps, reopening once, lists and summary."""

from __future__ import annotations

import pytest

from models import congress as cg
from models import proposals as pr
from models.validation import ValidationError
from tests.test_congress import make_delegates


@pytest.fixture
def setup(db):
    term = cg.add_term(db, cg.Term(number=1, start_date="2024-01-01", end_date="2028-12-31"))
    session = cg.add_session(db, cg.Session(term_id=term, number=1, date="2025-03-20"))
    ds = make_delegates(db, term, 6)
    return session, ds


def submit(db, session, ds, **kw):
    values = dict(session_id=session, number=pr.next_number(db, session), title="改善职工食堂伙食", proposer_id=ds[0], cosigner_ids=[ds[1], ds[2]], category="welfare", submitted_on="2025-02-20")
    values.update(kw)
    return pr.add_proposal(db, pr.Proposal(**values))


def test_cosigner_rules(db, setup):
    session, ds = setup
    with pytest.raises(ValidationError, match="至少需要2名"):
        submit(db, session, ds, cosigner_ids=[ds[1]])
    with pytest.raises(ValidationError, match="不能为自己"):
        submit(db, session, ds, cosigner_ids=[ds[0], ds[1], ds[2]])
    assert pr.list_proposals(db, session_id=session) == []
    pid = submit(db, session, ds)
    assert pr.get_proposal(db, pid).number == "2025-01"
    assert pr.cosigner_names(db, pid) == [cg.get_delegate(db, ds[1]).name, cg.get_delegate(db, ds[2]).name]


def test_full_path_with_one_reopen(db, setup):
    session, ds = setup
    pid = submit(db, session, ds)
    with pytest.raises(ValidationError, match="不能“答复”"):
        pr.advance(db, pid, "reply", "2025-03-01", reply="已改善", replied_by="后勤部")
    pr.advance(db, pid, "accept", "2025-03-21")
    with pytest.raises(ValidationError, match="承办部门"):
        pr.advance(db, pid, "assign", "2025-03-22", deadline="2025-04-30")
    pr.advance(db, pid, "assign", "2025-03-22", department="后勤部", deadline="2025-04-30")
    assert [p["id"] for p in pr.list_proposals(db, overdue_on="2025-05-01")] == [pid]
    pr.advance(db, pid, "reply", "2025-04-20", reply="已增加菜品", replied_by="后勤部 赵强")
    pr.advance(db, pid, "rate", "2025-04-25", rating="unsatisfied")
    pr.advance(db, pid, "reopen", "2025-04-26", deadline="2025-05-30")
    assert pr.get_proposal(db, pid).state == "assigned" and pr.get_proposal(db, pid).department == "后勤部"
    pr.advance(db, pid, "reply", "2025-05-20", reply="已改造窗口", replied_by="后勤部")
    pr.advance(db, pid, "rate", "2025-05-25", rating="unsatisfied")
    with pytest.raises(ValidationError, match="已重新办理过一次"):
        pr.advance(db, pid, "reopen", "2025-05-26", deadline="2025-06-30")
    with pytest.raises(ValidationError, match="办结理由") as info:  # 不满意 is not closed silently
        pr.advance(db, pid, "close", "2025-05-30")
    assert info.value.field == "说明" and pr.get_proposal(db, pid).state != "closed"
    pr.advance(db, pid, "close", "2025-05-30", note="已两次办理，受场地所限，列入明年计划")
    assert [e["action"] for e in pr.events(db, pid)] == ["submit", "accept", "assign", "reply", "rate", "reopen", "reply", "rate", "close"]


def test_reject_needs_reason_and_dates_in_order(db, setup):
    session, ds = setup
    pid = submit(db, session, ds)
    with pytest.raises(ValidationError, match="理由"):
        pr.advance(db, pid, "reject", "2025-03-21")
    with pytest.raises(ValidationError, match="不能早于"):
        pr.advance(db, pid, "accept", "2025-01-01")
    pr.advance(db, pid, "reject", "2025-03-21", note="不属于提案范围")
    assert pr.get_proposal(db, pid).review_note == "不属于提案范围"


def test_summary(db, setup):
    session, ds = setup
    a = submit(db, session, ds)
    b = submit(db, session, ds, title="增设职工书屋")
    pr.advance(db, a, "accept", "2025-03-21")
    pr.advance(db, a, "assign", "2025-03-22", department="行政办公室", deadline="2025-04-30")
    pr.advance(db, b, "convert", "2025-03-21", note="作为意见建议转行政办")
    s = pr.summary(db, session, on="2025-05-01")
    assert s["total"] == 2 and s["accepted"] == 1 and s["overdue"] == 1
    assert s["by_state"]["converted"] == 1 and s["by_department"] == {"行政办公室": 1}

"""The hostile values of tests/test_bad_input.py through every 厂务公开 function that takes what
people type: each refused in Chinese naming the field with nothing changed, or harmlessly normalised."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from models import disclosure as dc
from models import disclosure_feedback as fb
from tests.test_bad_input import Ledger, Site, ok, values_for


def _prepare(db, ids: dict) -> dict:
    subject = dc.add_subject(db, dc.Subject("工资奖金发放情况", "interests", "monthly", "2025-01-01", subcategory="wages"))
    item = dc.add_item(db, dc.Item("2025年3月工资奖金发放情况", "interests", ["board"], "2025-04-08", subject_id=subject, period_start_date="2025-03-01"))
    feedback = fb.add_feedback(db, fb.Feedback("2025-04-10", "box", "加班费怎么算"))
    answered = fb.add_feedback(db, fb.Feedback("2025-04-11", "box", "公积金基数"))
    fb.answer_feedback(db, answered, reply="已调整", answered_by="财务部", replied_on="2025-04-12")
    found = fb.add_inspection(db, fb.Inspection("2025-05-01", "赵刚、陈静", ["truth"], findings="未按时公开", rectification="按时公开",
                                                rectify_due_on="2025-05-31"))
    return {"subject": subject, "item": item, "feedback": feedback, "answered": answered, "inspection": found}


def _item(**kw: Any) -> dc.Item:
    return dc.Item(**({"title": "集体合同", "category": "interests", "channels": ["board"], "disclosed_on": "2025-05-01"} | kw))


def _inspection(**kw: Any) -> fb.Inspection:
    return fb.Inspection(**({"date": "2025-06-01", "inspectors": "赵刚", "aspects": ["truth"]} | kw))


ITEM_TEXT = ("title", "channel_note", "audience", "department", "person", "contact")
SITES: list[Site] = [
    *[Site(f"add_item.{f}", "text", lambda db, ids, v, f=f: dc.add_item(db, _item(**{f: v}))) for f in ITEM_TEXT],
    Site("add_item.summary", "multiline", lambda db, ids, v: dc.add_item(db, _item(summary=v)), huge=True),
    Site("add_item.note", "multiline", lambda db, ids, v: dc.add_item(db, _item(note=v))),
    Site("add_item.disclosed_on", "date", lambda db, ids, v: dc.add_item(db, _item(disclosed_on=v))),
    Site("add_item.arose_on", "date", lambda db, ids, v: dc.add_item(db, _item(arose_on=v))),
    Site("add_item.period_start_date", "date", lambda db, ids, v: dc.add_item(db, _item(period_start_date=v, period_end_date="2025-03-31"))),
    Site("add_item.category", "code", lambda db, ids, v: dc.add_item(db, _item(category=v))),
    Site("add_item.subcategory", "code", lambda db, ids, v: dc.add_item(db, _item(subcategory=v))),
    Site("add_item.channels", "code", lambda db, ids, v: dc.add_item(db, _item(channels=[v]))),
    Site("add_item.is_all_staff", "flag", lambda db, ids, v: dc.add_item(db, _item(is_all_staff=v, audience="质检部"))),
    Site("add_item.posted_days", "number", lambda db, ids, v: dc.add_item(db, _item(posted_days=v))),
    Site("add_item.subject_id", "number", lambda db, ids, v: dc.add_item(db, _item(subject_id=v, period_start_date="2025-04-01"))),
    Site("update_item.title", "text", lambda db, ids, v: dc.update_item(db, replace(dc.get_item(db, ids["item"]), title=v)), prepare=_prepare),
    Site("update_item.disclosed_on", "date", lambda db, ids, v: dc.update_item(db, replace(dc.get_item(db, ids["item"]), disclosed_on=v)), prepare=_prepare),
    Site("void_item.reason", "multiline", lambda db, ids, v: dc.void_item(db, ids["item"], v), prepare=_prepare),
    Site("add_subject.title", "text", lambda db, ids, v: dc.add_subject(db, dc.Subject(v, "interests", "monthly", "2025-01-01"))),
    Site("add_subject.period_kind", "code", lambda db, ids, v: dc.add_subject(db, dc.Subject("工资", "interests", v, "2025-01-01"))),
    Site("add_subject.start_date", "date", lambda db, ids, v: dc.add_subject(db, dc.Subject("工资", "interests", "monthly", v))),
    Site("register.year", "number", lambda db, ids, v: dc.register(db, v)),
    Site("register.on", "date", lambda db, ids, v: dc.register(db, 2025, on=v)),
    Site("add_feedback.content", "multiline", lambda db, ids, v: fb.add_feedback(db, fb.Feedback("2025-04-10", "box", v)), huge=True),
    *[Site(f"add_feedback.{f}", "text", lambda db, ids, v, f=f: fb.add_feedback(db, fb.Feedback("2025-04-10", "box", "意见", **{f: v})))
      for f in ("person", "department")],
    Site("add_feedback.received_on", "date", lambda db, ids, v: fb.add_feedback(db, fb.Feedback(v, "box", "意见"))),
    Site("add_feedback.channel", "code", lambda db, ids, v: fb.add_feedback(db, fb.Feedback("2025-04-10", v, "意见"))),
    Site("add_feedback.item_id", "number", lambda db, ids, v: fb.add_feedback(db, fb.Feedback("2025-04-10", "box", "意见", item_id=v))),
    Site("answer_feedback.reply", "multiline", lambda db, ids, v: fb.answer_feedback(db, ids["feedback"], reply=v, answered_by="财务部", replied_on="2025-04-12"), prepare=_prepare),
    Site("answer_feedback.answered_by", "text", lambda db, ids, v: fb.answer_feedback(db, ids["feedback"], reply="答复", answered_by=v, replied_on="2025-04-12"), prepare=_prepare),
    Site("answer_feedback.replied_on", "date", lambda db, ids, v: fb.answer_feedback(db, ids["feedback"], reply="答复", answered_by="财务部", replied_on=v), prepare=_prepare),
    Site("close_feedback.closed_on", "date", lambda db, ids, v: fb.close_feedback(db, ids["answered"], v), prepare=_prepare),
    Site("add_inspection.inspectors", "text", lambda db, ids, v: fb.add_inspection(db, _inspection(inspectors=v))),
    *[Site(f"add_inspection.{f}", "multiline", lambda db, ids, v, f=f: fb.add_inspection(db, _inspection(**{f: v})))
      for f in ("scope", "findings")],
    Site("add_inspection.date", "date", lambda db, ids, v: fb.add_inspection(db, _inspection(date=v))),
    Site("add_inspection.rectify_due_on", "date", lambda db, ids, v: fb.add_inspection(db, _inspection(findings="问题", rectification="整改", rectify_due_on=v))),
    Site("add_inspection.aspects", "code", lambda db, ids, v: fb.add_inspection(db, _inspection(aspects=[v]))),
    Site("record_rectified.rectified_on", "date", lambda db, ids, v: fb.record_rectified(db, ids["inspection"], v), prepare=_prepare),
    Site("record_rectified.note", "multiline", lambda db, ids, v: fb.record_rectified(db, ids["inspection"], "2025-05-20", v), prepare=_prepare),
    Site("inspections.year", "number", lambda db, ids, v: fb.inspections(db, year=v)),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Ledger:
    return Ledger(tmp_path_factory.mktemp("disclosure_bad_input"))


@pytest.mark.parametrize("site", SITES, ids=[s.name for s in SITES])
def test_bad_disclosure_input_is_refused_in_chinese_or_normalised(ledger: Ledger, site: Site):
    wrong = [f"{label}: {verdict[:150]}" for label, value in values_for(site).items() if not ok(verdict := ledger.run(site, label, value))]
    assert not wrong, f"{site.name}: " + "; ".join(wrong)

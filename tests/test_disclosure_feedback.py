"""Workers' feedback and supervision: their life cycles, read as of a day, and their bad input."""

from __future__ import annotations

import pytest

from models import clock
from models import disclosure as dc
from models import disclosure_feedback as fb
from tests.test_disclosure import refused


@pytest.fixture
def item_id(db) -> int:
    with clock.frozen("2026-04-30T10:00:00"):
        return dc.add_item(db, dc.Item("2026年3月工资发放情况", "interests", ["board"], "2026-04-08"))


def test_feedback_is_registered_answered_and_closed(db, item_id):
    with clock.frozen("2026-04-30T10:00:00"):
        fid = fb.add_feedback(db, fb.Feedback("2026-04-10", "box", "加班费怎么算？", item_id=item_id, department="生产一车间"))
        assert [r["state"] for r in fb.feedback_list(db, open_only=True)] == ["open"]
        refused(db, lambda: fb.close_feedback(db, fid, "2026-04-12"), "答复内容", "尚未答复")
        refused(db, lambda: fb.answer_feedback(db, fid, reply="", answered_by="人力资源部", replied_on="2026-04-12", closed_on="2026-04-12"), "答复内容", "不能为空")
        refused(db, lambda: fb.answer_feedback(db, fid, reply="按规定计发", answered_by="", replied_on="2026-04-12"), "答复人", "不能为空")
        refused(db, lambda: fb.answer_feedback(db, fid, reply="按规定计发", answered_by="人力资源部", replied_on="2026-04-09"), "答复日期", "早于反馈日期")
        fb.answer_feedback(db, fid, reply="按国家规定的倍数计发，办法已张贴。", answered_by="人力资源部", replied_on="2026-04-15")
        refused(db, lambda: fb.close_feedback(db, fid, "2026-04-14"), "办结日期", "早于答复日期")
        refused(db, lambda: fb.close_feedback(db, fid, "2999-01-01"), "办结日期", "晚于今天")
        fb.close_feedback(db, fid, "2026-04-18")
        refused(db, lambda: fb.close_feedback(db, fid, "2026-04-19"), "职工反馈", "已于 2026-04-18 办结")
        assert fb.feedback_list(db, open_only=True) == []
    # As of earlier days: open, then answered, then closed.
    states = {on: [r["state"] for r in fb.feedback_list(db, year=2026, on=on)] for on in ("2026-04-09", "2026-04-12", "2026-04-16", "2026-04-20")}
    assert states == {"2026-04-09": [], "2026-04-12": ["open"], "2026-04-16": ["replied"], "2026-04-20": ["closed"]}
    assert [r["item_title"] for r in fb.feedback_list(db, item_id=item_id)] == ["2026年3月工资发放情况"]


def test_feedback_answered_and_closed_at_once_and_voided(db, item_id):
    with clock.frozen("2026-04-30T10:00:00"):
        fid = fb.add_feedback(db, fb.Feedback("2026-04-20", "phone", "公积金基数？"))
        fb.answer_feedback(db, fid, reply="已调整", answered_by="财务部", replied_on="2026-04-21", closed_on="2026-04-21")
        assert fb.get_feedback(db, fid).closed_on == "2026-04-21"
        other = fb.add_feedback(db, fb.Feedback("2026-04-22", "forum", "重复登记的意见"))
        refused(db, lambda: fb.void_feedback(db, other, ""), "作废原因")
        fb.void_feedback(db, other, "重复登记")
        refused(db, lambda: fb.answer_feedback(db, other, reply="x", answered_by="y", replied_on="2026-04-23"), "职工反馈", "已作废")
        assert [r["feedback"].id for r in fb.feedback_list(db)] == [fid]


@pytest.mark.parametrize(
    "changes, field",
    [({"received_on": "2999-01-01"}, "反馈日期"), ({"received_on": ""}, "反馈日期"), ({"channel": "letter"}, "反馈渠道"),
     ({"content": ""}, "反馈内容"), ({"content": "意见\x1b"}, "反馈内容"), ({"item_id": 999}, "相关公开事项"), ({"item_id": "1"}, "相关公开事项")],
)
def test_bad_feedback_is_refused(db, item_id, changes, field):
    values = {"received_on": "2026-04-10", "channel": "box", "content": "意见"} | changes
    refused(db, lambda: fb.add_feedback(db, fb.Feedback(**values)), field)


def test_an_inspection_with_findings_is_rectified(db):
    with clock.frozen("2026-06-30T10:00:00"):
        clean = fb.add_inspection(db, fb.Inspection("2026-03-01", "监督小组：赵刚、陈静", ["truth", "timely"]))
        found = fb.add_inspection(db, fb.Inspection(
            "2026-04-01", "监督小组：赵刚、陈静", ["complete", "timely", "procedure", "truth"], findings="三月工资公开晚了五天。",
            rectification="按时公开", rectify_due_on="2026-04-30",
        ))
        assert fb.get_inspection(db, found).aspects == ["truth", "complete", "timely", "procedure"]  # in the list's order
        refused(db, lambda: fb.record_rectified(db, clean, "2026-04-02"), "整改完成日期", "无需整改")
        refused(db, lambda: fb.record_rectified(db, found, "2026-03-31"), "整改完成日期", "早于检查日期")
        refused(db, lambda: fb.record_rectified(db, found, "2999-01-01"), "整改完成日期", "晚于今天")
        fb.record_rectified(db, found, "2026-05-06", "已补充公开")
        refused(db, lambda: fb.record_rectified(db, found, "2026-05-07"), "整改完成日期", "已于")
    states = {on: {r["inspection"].id: r["state"] for r in fb.inspections(db, year=2026, on=on)} for on in ("2026-04-15", "2026-05-03", "2026-05-10")}
    assert states["2026-04-15"] == {clean: "clean", found: "rectifying"}
    assert states["2026-05-03"][found] == "overdue"
    assert states["2026-05-10"][found] == "rectified"
    fb.void_inspection(db, clean, "登记错误")
    assert [r["inspection"].id for r in fb.inspections(db, year=2026)] == [found]


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"findings": "公开栏未更新", "rectification": "更新"}, "整改期限", "请填写整改期限"),
        ({"findings": "公开栏未更新", "rectify_due_on": "2026-05-01"}, "整改要求", "整改要求"),
        ({"findings": "公开栏未更新", "rectification": "更新", "rectify_due_on": "2026-03-01"}, "整改期限", "早于检查日期"),
        ({"rectify_due_on": "2026-05-01"}, "发现的问题", "写明发现的问题"),
        ({"aspects": []}, "检查项目", "至少选择一项"),
        ({"aspects": ["beauty"]}, "检查项目", "不在"),
        ({"inspectors": ""}, "检查人员", "不能为空"),
        ({"date": "2999-01-01"}, "检查日期", "晚于今天"),
    ],
)
def test_bad_inspections_are_refused(db, changes, field, words):
    values = {"date": "2026-04-01", "inspectors": "赵刚、陈静", "aspects": ["truth"]} | changes
    refused(db, lambda: fb.add_inspection(db, fb.Inspection(**values)), field, words)

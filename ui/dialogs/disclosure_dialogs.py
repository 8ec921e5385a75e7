"""The small 厂务公开 dialogs: a regular subject, feedback (register, answer, close), an
inspection and its rectification. Each refuses bad input beside the field it names."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget
from sqlite_utils import Database

from models import clock, codes
from models import disclosure as dc
from models import disclosure_feedback as fb
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, line, text_edit
from ui.widgets.form_dialog import FormDialog
from ui.widgets.rows_model import RowsList


def _date(value: str | None = None, *, allow_future: bool = False) -> DateEdit:
    d = DateEdit(allow_future=allow_future)
    d.set_value(value if value is not None else clock.today_iso())
    return d


def subject_dialog(db: Database, subject: dc.Subject | None, parent: QWidget | None) -> FormDialog:
    d = FormDialog("定期公开事项" if subject is None else f"定期公开事项 — {subject.title}", parent)
    f = d.form
    f.add("title", "公开事项", line("例：工资奖金发放情况"), required=True)
    category = CodeCombo(codes.DISCLOSURE_CATEGORY, empty=None)
    f.add("category", "公开类别", category, required=True)
    sub = QComboBox()
    f.add("subcategory", "具体内容", sub)

    def fill(chosen: str = "") -> None:
        sub.clear()
        sub.addItem("（未填）", "")
        for code in codes.SUBCATEGORY_OF.get(category.value(), ()):
            sub.addItem(codes.DISCLOSURE_SUBCATEGORY.label(code), code)
        sub.setCurrentIndex(max(0, sub.findData(chosen)))

    category.currentIndexChanged.connect(lambda _: fill())
    f.add("period_kind", "公开周期", CodeCombo(codes.PERIOD_KIND, empty=None), required=True)
    f.add("start_date", "开始执行日期", _date(clock.today().replace(month=1, day=1).isoformat(), allow_future=True), required=True)
    f.add("end_date", "停止日期（可不填）", _date("", allow_future=True))
    f.add("department", "责任部门", line())
    f.add("person", "责任人", line())
    f.add("note", "备注", line())
    fill()
    if subject is not None:
        for key in ("title", "category", "period_kind", "start_date", "end_date", "department", "person", "note"):
            f.set_value(key, getattr(subject, key))
        fill(subject.subcategory)

    def save(g: FormGrid):
        s = dc.Subject(g.value("title"), g.value("category"), g.value("period_kind"), g.value("start_date"), subcategory=sub.currentData() or "",
                       department=g.value("department"), person=g.value("person"), end_date=g.value("end_date") or None, note=g.value("note"),
                       id=subject.id if subject else None)
        return dc.update_subject(db, s) if subject else dc.add_subject(db, s)

    d.saver = save
    return d


def feedback_dialog(db: Database, parent: QWidget | None, *, item_id: int | None = None) -> FormDialog:
    d = FormDialog("登记职工反馈", parent)
    f = d.form
    f.add("received_on", "反馈日期", _date(), required=True)
    f.add("channel", "反馈渠道", CodeCombo(codes.FEEDBACK_CHANNEL, empty=None), required=True)
    item = QComboBox()
    item.addItem("（综合，不针对某项公开）", None)
    for r in dc.register(db, clock.today().year) + dc.register(db, clock.today().year - 1):
        item.addItem(f"{r['item'].disclosed_on or '待公开'} {r['item'].title}", r["item"].id)
    item.setCurrentIndex(max(0, item.findData(item_id)))
    f.add("item_id", "相关公开事项", item)
    f.add("person", "反映人（可匿名）", line())
    f.add("department", "部门", line())
    f.add("content", "反馈内容", text_edit(90), required=True)
    d.saver = lambda g: fb.add_feedback(
        db, fb.Feedback(g.value("received_on"), g.value("channel"), g.value("content"), item_id=item.currentData(), person=g.value("person"),
                        department=g.value("department"))
    )
    return d


def answer_dialog(db: Database, feedback_id: int, parent: QWidget | None) -> FormDialog:
    """Answer (and close at once, or later): a reply is required before closing."""
    x = fb.get_feedback(db, feedback_id)
    d = FormDialog("答复职工反馈", parent)
    f = d.form
    f.add("what", "反馈内容", line(), span=1)
    f.set_value("what", x.content)
    f.editors["what"].setReadOnly(True)
    f.add("reply", "答复内容", text_edit(90), required=True)
    f.add("answered_by", "答复人", line(), required=True)
    f.add("replied_on", "答复日期", _date(), required=True)
    f.add("closed_on", "办结日期（可不填）", _date(""))
    if x.reply:
        for key in ("reply", "answered_by", "replied_on"):
            f.set_value(key, getattr(x, key))

    def save(g: FormGrid):
        if x.reply and g.value("reply") == x.reply and g.value("closed_on"):
            return fb.close_feedback(db, feedback_id, g.value("closed_on"))
        return fb.answer_feedback(db, feedback_id, reply=g.value("reply"), answered_by=g.value("answered_by"), replied_on=g.value("replied_on"),
                                  closed_on=g.value("closed_on") or None)

    d.saver = save
    return d


def inspection_dialog(db: Database, parent: QWidget | None) -> FormDialog:
    d = FormDialog("登记监督检查", parent, columns=2)
    f = d.form
    f.add("date", "检查日期", _date(), required=True)
    f.add("inspectors", "检查人员", line("用“、”分隔"), required=True)
    aspects = RowsList(multi=True)
    aspects.set_items(codes.INSPECTION_ASPECT.labels(), keys=codes.INSPECTION_ASPECT.codes())
    aspects.setMaximumHeight(90)
    for code in codes.INSPECTION_ASPECT.codes():
        aspects.select_key(code)
    f.add("aspects", "检查项目", aspects, required=True)
    f.add("scope", "检查范围", text_edit(60))
    f.add("findings", "发现的问题（无则不填）", text_edit(70), span=2)
    f.add("rectification", "整改要求", text_edit(60), span=2)
    f.add("rectify_due_on", "整改期限", _date("", allow_future=True))
    d.saver = lambda g: fb.add_inspection(
        db, fb.Inspection(g.value("date"), g.value("inspectors"), aspects.selected_keys(), scope=g.value("scope"), findings=g.value("findings"),
                          rectification=g.value("rectification"), rectify_due_on=g.value("rectify_due_on") or None)
    )
    return d


def rectified_dialog(db: Database, inspection_id: int, parent: QWidget | None) -> FormDialog:
    x = fb.get_inspection(db, inspection_id)
    d = FormDialog("整改完成", parent)
    f = d.form
    f.add("what", "整改要求", line())
    f.set_value("what", x.rectification)
    f.editors["what"].setReadOnly(True)
    f.add("rectified_on", "整改完成日期", _date(), required=True)
    f.add("rectify_note", "整改情况", text_edit(70))
    d.saver = lambda g: fb.record_rectified(db, inspection_id, g.value("rectified_on"), g.value("rectify_note"))
    return d

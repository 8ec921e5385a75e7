"""The small record dialogs of an innovation project: the new project, the declaration
fields (shared with the project window's 基本信息 tab), team members, tasks, progress
reports, recognitions and the steps of the life cycle. Each saves through models/ and
shows a refusal beside its field."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QSpinBox, QWidget
from sqlite_utils import Database

from models import clock
from models import innovation as inv
from models import innovation_codes as ic
from models import innovation_plan as plan
from models import innovation_recognition as rec
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line, text_edit
from ui.widgets.form_dialog import FormDialog

TEXT_FIELDS = (("problem", "针对解决的问题"), ("content", "项目内容"), ("measures", "主要措施"), ("expected", "预期成效"),
               ("indicators", "可量化指标"), ("results", "取得成效"))


def tall(height: int) -> QPlainTextEdit:
    """A multi-line field that keeps its height: the application's style sheet gives inputs
    min-height: 22px, which wins over setFixedHeight and squeezes the text to one line."""
    edit = text_edit(height)
    edit.setStyleSheet(f"QPlainTextEdit {{ min-height: {height - 12}px; }}")
    return edit


def project_fields(f: FormGrid, *, texts: bool = True, text_height: int = 60, results: bool = True) -> None:
    """The declaration's fields on a form (the new-project dialog, the 基本信息 tab)."""
    f.add("name", "项目名称", line(), span=2, required=True)
    year = QSpinBox()
    year.setRange(inv.EARLIEST_YEAR, inv.LATEST_YEAR)
    year.setValue(clock.today().year)
    f.add("year", "申报年度", year, required=True)
    f.add("applicant_kind", "申报单位类型", CodeCombo(ic.APPLICANT_KIND, empty=None), required=True)
    f.add("applicant_name", "申报单位", line("默认为本工会名称"))
    f.add("contact_phone", "联系电话", line())
    start, end = DateEdit(allow_future=True), DateEdit(allow_future=True)
    f.add("start_on", "项目开始日期", start, required=True)
    f.add("end_on", "项目结束日期", end, required=True)
    f.add("budget_fen", "项目预算（元）", MoneyEdit())
    f.add("subsidy_requested_fen", "申请补助（元）", MoneyEdit())
    if texts:
        for key, label in TEXT_FIELDS:
            if key != "results" or results:
                f.add(key, label, tall(text_height), span=2)
    f.editors["applicant_kind"].set_value("grassroots")  # type: ignore[attr-defined]


def fill_project(f: FormGrid, p: inv.Project) -> None:
    for key in ("name", "applicant_kind", "applicant_name", "contact_phone", "start_on", "end_on", "budget_fen", "subsidy_requested_fen",
                *(k for k, _ in TEXT_FIELDS)):
        if key in f.editors:
            f.set_value(key, getattr(p, key))
    f.editors["year"].setValue(p.year)  # type: ignore[attr-defined]


def read_project(f: FormGrid, base: inv.Project | None = None) -> inv.Project:
    money = {k: f.editors[k].value(label, k) or 0 for k, label in (("budget_fen", "项目预算"), ("subsidy_requested_fen", "申请补助"))}  # type: ignore[attr-defined]
    values = dict(
        name=f.value("name"), year=f.editors["year"].value(), start_on=f.value("start_on"), end_on=f.value("end_on"),  # type: ignore[attr-defined]
        applicant_kind=f.value("applicant_kind"), applicant_name=f.value("applicant_name"), contact_phone=f.value("contact_phone"), **money,
    )
    for key, _ in TEXT_FIELDS:
        if key in f.editors:
            values[key] = f.value(key)
    if base is None:
        return inv.Project(**values)
    for key, value in values.items():
        setattr(base, key, value)
    return base


def new_project_dialog(db: Database, parent: QWidget | None, union_name: str = "") -> FormDialog:
    d = FormDialog("新建创新项目", parent, columns=2)
    project_fields(d.form, text_height=48, results=False)
    d.form.set_value("applicant_name", union_name)
    year = clock.today().year
    d.form.set_value("start_on", f"{year}-03-01")
    d.form.set_value("end_on", f"{year}-12-31")
    d.saver = lambda g: inv.add_project(db, read_project(g))
    return d


def team_dialog(db: Database, project_id: int, member: inv.TeamMember | None, parent: QWidget | None) -> FormDialog:
    d = FormDialog("项目团队成员", parent)
    f = d.form
    known = {name: (mid, dept) for mid, name, dept in inv.member_choices(db)}
    f.add("name", "姓名", line("会员姓名可自动补全", completions=sorted(known)), required=True)
    f.add("role", "团队分工", CodeCombo(ic.TEAM_ROLE, empty=None), required=True)
    f.add("unit", "单位/部门", line())
    f.add("phone", "联系电话", line())
    f.add("duty", "职责", line())
    if member:
        for key in ("name", "role", "unit", "phone", "duty"):
            f.set_value(key, getattr(member, key))
    else:
        f.set_value("role", "member")

    def picked() -> None:
        found = known.get(f.value("name").strip())
        if found and not f.value("unit"):
            f.set_value("unit", found[1])

    f.editors["name"].editingFinished.connect(picked)  # type: ignore[attr-defined]

    def save(g: FormGrid):
        found = known.get(g.value("name").strip())
        t = inv.TeamMember(g.value("name"), g.value("role"), g.value("duty"), g.value("unit"), g.value("phone"),
                           member_id=found[0] if found else None, id=member.id if member else None)
        return inv.update_team_member(db, t) if member else inv.add_team_member(db, project_id, t)

    d.saver = save
    return d


def task_dialog(db: Database, project_id: int, task: plan.Task | None, parent: QWidget | None) -> FormDialog:
    d = FormDialog("计划任务" if task is None else "修改计划任务", parent, columns=2)
    f = d.form
    f.add("stage", "推进阶段", CodeCombo(ic.TASK_STAGE, empty=None), required=True)
    seq = QSpinBox()
    seq.setRange(0, 999)
    seq.setSpecialValueText("自动")
    f.add("seq", "序号", seq)
    f.add("title", "任务内容", line(), span=2, required=True)
    f.add("owner", "责任人", line(), span=2)
    start, due = DateEdit(allow_future=True), DateEdit(allow_future=True)
    f.add("start_on", "开始日期", start, required=True)
    f.add("due_on", "计划完成日期", due, required=True)
    if task is None:
        f.add("status", "当前状态", CodeCombo(ic.TASK_STATUS, empty=None))
        f.add("percent", "完成百分比", line("0–100"))
        f.set_value("percent", "0")
    f.add("evidence", "佐证材料", tall(50), span=2)
    if task:
        for key in ("stage", "title", "owner", "start_on", "due_on", "evidence"):
            f.set_value(key, getattr(task, key))
        seq.setValue(task.seq)
    else:
        p = inv.get_project(db, project_id)
        f.set_value("start_on", p.start_on)
        f.set_value("due_on", p.end_on)

    def save(g: FormGrid):
        values = dict(project_id=project_id, stage=g.value("stage"), title=g.value("title"), start_on=g.value("start_on"),
                      due_on=g.value("due_on"), owner=g.value("owner"), seq=seq.value(), evidence=g.value("evidence"))
        if task:
            return plan.update_task(db, plan.Task(**values, id=task.id))
        percent = plan.check_percent(g.value("percent").strip() or "0")
        return plan.add_task(db, plan.Task(**values, status=g.value("status"), percent=percent))

    d.saver = save
    return d


def progress_dialog(db: Database, task_id: int, parent: QWidget | None) -> FormDialog:
    t = plan.get_task(db, task_id)
    d = FormDialog(f"登记进展：{t.title}", parent)
    f = d.form
    date = DateEdit()
    date.set_value(clock.today_iso())
    f.add("date", "进展日期", date, required=True)
    f.add("percent", "完成百分比", line("0–100"), required=True)
    f.set_value("percent", str(t.percent))
    status = CodeCombo(ic.TASK_STATUS, empty="（按百分比）")
    f.add("status", "任务状态", status)
    f.add("evidence", "佐证材料", tall(60))
    d.saver = lambda g: plan.report_progress(db, task_id, g.value("date"), g.value("percent").strip(), g.value("status") or None, g.value("evidence"))
    return d


def recognition_dialog(db: Database, project_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("登记表彰推广", parent)
    f = d.form
    kind = CodeCombo(ic.RECOGNITION_KIND, empty=None)
    f.add("kind", "类型", kind, required=True)
    level = QComboBox()
    f.add("level", "级别", level, required=True)
    channel = CodeCombo(ic.PROMOTION_CHANNEL)
    f.add("channel", "推广方式", channel)
    date = DateEdit()
    f.add("date", "日期", date, required=True)
    f.add("title", "事项", line("如：市委主要领导作出肯定性批示"))
    f.add("evidence", "佐证材料", tall(50))
    hint = QLabel()
    hint.setObjectName("hint")
    hint.setWordWrap(True)
    f.add("hint", "优先推荐", hint)

    def kind_changed() -> None:
        level.clear()
        level.addItem("（请选择）", "")
        for code in ic.LEVELS_OF_KIND[kind.value()]:
            mark = "（可优先推荐）" if code in ic.QUALIFYING_LEVELS else ""
            level.addItem(ic.RECOGNITION_LEVEL.label(code) + mark, code)
        f.set_row_visible("channel", kind.value() == "promotion")
        hint.setText({
            "leader": "中央、省委省政府、市委市政府、全国总工会、省总工会领导的批示肯定可优先推荐。",
            "speech": "全国总工会领导出席的全国性会议、省总工会领导出席的全省性会议上的典型发言可优先推荐。",
            "promotion": "全国总工会或省总工会以现场会、正式文件、简报形式推广的可优先推荐。",
            "media": "市级以上主流媒体的报道可优先推荐。",
        }[kind.value()])
        d.adjustSize()

    kind.currentIndexChanged.connect(lambda _: kind_changed())
    kind_changed()
    d.saver = lambda g: rec.add_recognition(
        db, rec.Recognition(project_id, kind.value(), level.currentData() or "", g.value("date"), channel.value(), g.value("title"), g.value("evidence"))
    )
    return d


def declare_dialog(db: Database, project_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("申报项目", parent, ok_text="申报")
    date = DateEdit()
    date.set_value(clock.today_iso())
    d.form.add("declared_on", "申报日期", date, required=True)
    d.form.add("note", "说明", line())
    d.saver = lambda g: inv.declare(db, project_id, g.value("declared_on"), g.value("note"))
    return d


def decide_dialog(db: Database, project_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("评审结果", parent)
    outcome = QComboBox()
    outcome.addItem("入选", True)
    outcome.addItem("未入选", False)
    d.form.add("outcome", "评审结果", outcome, required=True)
    date = DateEdit()
    date.set_value(clock.today_iso())
    d.form.add("decided_on", "评审结果日期", date, required=True)
    d.form.add("note", "说明", line("如：市总工会年度创新项目评审"))
    d.field_of = {"申报日期": "decided_on"}
    d.saver = lambda g: inv.decide(db, project_id, bool(outcome.currentData()), g.value("decided_on"), g.value("note"))
    return d


def subsidy_dialog(db: Database, project_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("补助资金到位", parent)
    amount = MoneyEdit()
    d.form.add("subsidy_granted_fen", "补助金额（元）", amount, required=True)
    date = DateEdit()
    date.set_value(clock.today_iso())
    d.form.add("subsidy_on", "到位日期", date, required=True)
    d.form.add("note", "说明", line())
    d.saver = lambda g: inv.grant_subsidy(db, project_id, amount.value("补助金额", "subsidy_granted_fen", allow_zero=False) or 0, g.value("subsidy_on"), g.value("note"))
    return d

"""The 创新项目 page offscreen: projects by year with state and progress bar, overdue tasks,
the project window's tabs and unsaved prompt, refusals beside their field, and the timeline."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from models import clock
from models import innovation as inv
from models import innovation_plan as plan
from models.demo import fill_demo


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2026-06-15T10:00:00"):
        yield


@pytest.fixture
def ctx(qapp, db, db_path):
    from ui.app import make_app
    from ui.context import AppContext

    make_app()
    fill_demo(db, 60)
    return AppContext(db, db_path)


@pytest.fixture
def asked(monkeypatch):
    from ui.widgets import unsaved

    class Asked(list):
        answer = unsaved.CANCEL

    questions = Asked()

    def ask(parent, what=""):
        questions.append(what)
        return questions.answer

    monkeypatch.setattr(unsaved, "ask_unsaved", ask)
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    return questions


def test_the_page_lists_projects_by_year_with_progress_and_overdue_tasks(ctx, qtbot):
    from ui.pages.innovation import PROGRESS_COLUMN, InnovationPage

    page = InnovationPage(ctx)
    qtbot.addWidget(page)
    assert page.year.currentData() == 2026
    rows = inv.yearly_list(ctx.db, 2026)
    assert page.table.rowCount() == len(rows) == 4
    assert [page.table.rows.text(r, PROGRESS_COLUMN) for r in range(4)] == [f"{r['progress']}%" for r in rows]
    assert page.overdue.rowCount() == len(plan.overdue_tasks(ctx.db)) > 0
    assert "逾期" in page.overdue_title.text()
    page.year.setCurrentIndex(page.year.findData(2025))
    assert page.table.rowCount() == 4
    assert any(page.table.rows.text(r, 6).startswith("领导批示肯定") for r in range(4))
    page.state.setCurrentIndex(page.state.findData("selected"))
    assert page.table.rowCount() == sum(r["state"] == "selected" for r in inv.yearly_list(ctx.db, 2025))
    page.resize(1200, 700)
    page.show()
    assert not page.grab().isNull()  # the progress bars paint


def test_the_project_window_has_its_tabs_and_asks_before_dropping_edits(ctx, qtbot, asked):
    from ui.dialogs.innovation_project import ProjectWindow
    from ui.widgets import unsaved

    pid = inv.yearly_list(ctx.db, 2025)[0]["id"]
    w = ProjectWindow(ctx, pid)
    qtbot.addWidget(w)
    w.show()
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ["基本信息", "计划表", "进度图", "表彰推广", "变更记录"]
    assert w.tasks.rowCount() == 6 and w.team.rowCount() == 5 and w.audit.rowCount() > 10
    assert "优先推荐" in w.priority.text()
    # Selecting rows in other tabs is not an edit.
    w.tasks.selectRow(1)
    w.reject()
    assert asked == [] and not w.isVisible()

    w = ProjectWindow(ctx, pid)
    qtbot.addWidget(w)
    w.show()
    w.form.set_value("results", "新的成效：服务职工 7000 人次")
    w.reject()
    assert asked == ["项目基本信息的修改"] and w.isVisible()  # 取消: stays open, edit kept
    asked.answer = unsaved.SAVE
    w.reject()
    assert not w.isVisible()
    assert inv.get_project(ctx.db, pid).results == "新的成效：服务职工 7000 人次"

    w = ProjectWindow(ctx, pid)
    qtbot.addWidget(w)
    w.show()
    w.form.set_value("end_on", "2025-01-01")  # before the start: refused beside the field, window stays
    w.reject()
    assert w.isVisible() and "早于项目开始日期" in w.form.errors["end_on"].text()
    asked.answer = unsaved.DISCARD
    w.reject()
    assert not w.isVisible() and inv.get_project(ctx.db, pid).end_on == "2025-12-31"


def test_dialogs_show_refusals_beside_the_field(ctx, qtbot, asked):
    from ui.dialogs import innovation_dialogs as dlg

    pid = inv.yearly_list(ctx.db, 2026)[0]["id"]
    count = len(plan.tasks_as_of(ctx.db, pid))
    d = dlg.task_dialog(ctx.db, pid, None, None)
    qtbot.addWidget(d)
    d.form.set_value("title", "新任务")
    d.form.set_value("percent", "101")
    d.accept()
    assert "0 到 100" in d.form.errors["percent"].text()
    d.form.set_value("percent", "0")
    d.form.set_value("due_on", "2020-01-01")
    d.accept()
    assert "早于开始日期" in d.form.errors["due_on"].text()
    assert len(plan.tasks_as_of(ctx.db, pid)) == count
    r = dlg.recognition_dialog(ctx.db, pid, None)
    qtbot.addWidget(r)
    r.form.set_value("date", "2026-05-01")
    r.accept()
    assert "请选择级别" in r.form.errors["level"].text()
    draft = next(x["id"] for x in inv.yearly_list(ctx.db, 2026) if x["state"] == "draft")
    s = dlg.decide_dialog(ctx.db, draft, None)
    qtbot.addWidget(s)
    s.accept()
    assert "尚未申报" in s.form.errors["decided_on"].text()


def test_the_timeline_paints_bars_and_today(ctx, qtbot):
    from ui.widgets.gantt import GanttChart

    pid = inv.yearly_list(ctx.db, 2026)[0]["id"]
    chart = GanttChart()
    qtbot.addWidget(chart)
    data = plan.timeline(ctx.db, pid)
    chart.set_data(data)
    chart.resize(1000, chart.sizeHint().height())
    image = chart.grab().toImage()
    assert chart.painted >= 1
    import datetime as dt

    x = int(chart.x_of(dt.date(2026, 6, 15)))
    reds = [y for y in range(image.height()) if _reddish(image.pixelColor(x, y)) or _reddish(image.pixelColor(x + 1, y))]
    assert len(reds) > 20  # the dashed line of today runs down the chart
    first = data["bars"][0]
    bx = int((chart.x_of(dt.date.fromisoformat(first["start"])) + chart.x_of(dt.date.fromisoformat(first["end"]))) / 2)
    y = 10 + 38 + 30 // 2
    assert image.pixelColor(bx, y) != QColor("#ffffff")  # the first task's bar is drawn
    empty = GanttChart()
    qtbot.addWidget(empty)
    empty.set_data({"bars": [], "today": "2026-06-15"})
    assert not empty.grab().isNull() and empty.painted >= 1


def _reddish(c: QColor) -> bool:
    return c.red() > 180 and c.green() < 120 and c.blue() < 120


def test_the_main_window_opens_the_page(ctx, qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    page = w.go("innovation")
    assert type(page).__name__ == "InnovationPage" and page.watches

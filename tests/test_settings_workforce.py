"""设置 › 职工人数（按年度）, offscreen: the years the ledger keeps, stated and corrected in a
dialog over models.org.save_workforce, the model's refusals shown as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import clock, org


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2026-06-30T10:00:00"):
        yield


@pytest.fixture
def ctx(db, db_path):
    from ui.context import AppContext

    p = org.get_profile(db)
    p.union_name = "测试工会"
    org.save_profile(db, p)
    return AppContext(db, db_path, news=False)


@pytest.fixture
def page(qapp, qtbot, ctx):
    from ui.pages.settings import SettingsPage

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    return page


def table(page) -> list[list[str]]:
    model = page.workforce.model()
    return [model.row_values(r) for r in range(model.rowCount())]


def run_with(monkeypatch, fill):
    """Let `fill(dialog)` type into the dialog the page opens, in place of the user."""
    import ui.pages.settings as settings

    monkeypatch.setattr(settings, "run_modal", lambda dialog: fill(dialog) or dialog.result())


def test_the_years_are_listed_latest_first_with_what_stands_today(page, ctx):
    assert table(page) == [] and "尚未填写" in page.workforce_status.text()
    org.save_workforce(ctx.db, 2024, workers_total=480, workers_female=150, note="年报")
    org.save_workforce(ctx.db, 2025, workers_total=500, workers_female=160, workers_migrant=40, workers_dispatched=12)
    page.refresh()
    assert table(page) == [["2025", "500", "160", "40", "12", ""], ["2024", "480", "150", "0", "0", "年报"]]
    assert "沿用2025年" in page.workforce_status.text()
    assert "workers_total" not in page.form.editors  # stated here, by year, not as today's figure in the profile


def test_a_year_is_stated_in_the_dialog_and_the_models_refusals_show(page, ctx, monkeypatch):
    org.save_workforce(ctx.db, 2025, workers_total=500, workers_female=160)

    def fill(d):
        assert d.form.value("year") == "2026"
        assert d.form.value("workers_total") == "500" and "沿用的2025年" in d.status.text()  # a start: last year's
        d.form.set_value("workers_total", "５２０ 人")  # full-width, with 人
        d.form.set_value("workers_female", "600")
        d.accept()
        assert d.form.errors["workers_female"].text() == "不能多于职工总数（520）"  # the model's words
        d.form.set_value("workers_female", "一百")
        d.accept()
        assert "整数" in d.form.errors["workers_female"].text()
        d.form.set_value("workers_female", "170")
        d.form.set_value("note", "人事部门年报")
        d.accept()

    run_with(monkeypatch, fill)
    page.edit_workforce(None)
    stated = org.workforce_for_year(ctx.db, 2026)
    assert (stated.workers_total, stated.workers_female, stated.note) == (520, 170, "人事部门年报")
    assert table(page)[0][:3] == ["2026", "520", "170"] and "今年（2026年）已填写" in page.workforce_status.text()


def test_a_stated_year_is_corrected_and_a_bad_year_refused(page, ctx, monkeypatch):
    org.save_workforce(ctx.db, 2024, workers_total=480)
    org.save_workforce(ctx.db, 2025, workers_total=500)
    page.refresh()

    def fill(d):
        assert d.form.value("year") == "2024" and d.form.value("workers_total") == "480" and "即更正" in d.status.text()
        d.form.set_value("workers_total", "490")
        d.form.set_value("year", "1800")
        d.accept()
        assert "应不小于1900" in d.form.errors["year"].text() and not d.form.errors["year"].isHidden()  # the model's range
        d.form.set_value("year", "2024")
        d.accept()

    run_with(monkeypatch, fill)
    page.workforce.selectRow(1)  # 2024 (latest first)
    page.correct_selected_year()
    assert org.workforce_for_year(ctx.db, 2024).workers_total == 490
    assert [w.year for w in org.workforce_years(ctx.db)] == [2024, 2025]


def test_saving_the_profile_does_not_restate_the_counts(page, ctx):
    org.save_workforce(ctx.db, 2025, workers_total=500)
    page.refresh()
    page.form.set_value("chair", "王建国")
    page.save()
    assert org.get_profile(ctx.db).chair == "王建国"
    assert [w.year for w in org.workforce_years(ctx.db)] == [2025]  # 2026 not stated by a profile save


def test_a_font_without_chinese_is_refused_and_auto_can_be_chosen_again(page, monkeypatch):
    import reportlab

    from PySide6.QtWidgets import QMessageBox
    from reports import fonts

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: told.append(text))
    latin = str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")  # TrueType, but Latin only
    assert not page.use_font(latin)
    assert told and "不含中文字形" in told[0] and page.font_path == ""
    chinese = next((p for p in fonts._candidates() if Path(p).is_file() and fonts._face_index(p) is not None), None)
    if chinese:  # a machine's own Chinese TrueType font is taken
        assert page.use_font(chinese) and page.font_label.text() == chinese
    page.font_path = "/somewhere/simsun.ttc"
    assert page.use_font("")  # 恢复自动
    assert page.font_path == "" and page.font_label.text().startswith("自动")

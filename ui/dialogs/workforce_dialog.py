"""职工人数（按年度）: state a year's worker counts, or correct those stated (models.org.save_workforce).

The counts are kept per year because the rules that use them (delegate composition,
the yearly filing) are about a date; a year not stated uses the latest one before it.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from sqlite_utils import Database

from models import clock, org
from models.validation import ValidationError
from ui.widgets.form import FormGrid, line
from ui.widgets.form_dialog import FormDialog

COUNTS = ("workers_total", "workers_female", "workers_migrant", "workers_dispatched")


def parse_count(label: str, text: str, key: str, *, required: bool = False) -> int:
    """A whole number as people type it ('1,200 人', full-width digits); empty is 0 unless required.
    The range (not negative, parts within the total) is the model's to check."""
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace("人", "").replace(" ", "").strip()
    if not cleaned:
        if required:
            raise ValidationError(label, "不能为空", key=key)
        return 0
    try:
        return int(cleaned)
    except ValueError:
        raise ValidationError(label, "应填写整数", key=key) from None


def workforce_dialog(db: Database, year: int | None, parent: QWidget | None) -> FormDialog:
    """The counts of `year` (default: the ledger's this year); the year may be changed to
    state another. Opens with the counts stated for that year, else those in force then."""
    d = FormDialog("职工人数（按年度）", parent, ok_text="保存")
    f = d.form
    year_edit = line("例：2026")
    year_edit.setText(str(year or clock.today().year))
    f.add("year", "年度", year_edit, required=True)
    status = QLabel()
    status.setObjectName("hint")
    status.setWordWrap(True)
    d.layout().insertWidget(1, status)  # under the form, above the message and buttons
    d.status = status  # type: ignore[attr-defined]
    for key in COUNTS:
        edit = line("人")
        f.add(key, org.ORG_LABELS[key], edit, required=key == "workers_total")
    f.add("note", "备注", line("可不填，例：据人事部门年报"))
    d.field_of = {"年度": "year", "备注": "note"}

    loaded: list[int] = []  # the year whose counts the fields hold: leaving the field unchanged keeps what was typed

    def load() -> None:
        """The year's own statement, or the counts that stand for it until one is made."""
        try:
            chosen = parse_count("年度", year_edit.text(), "year", required=True)
            stated = org.workforce_for_year(db, chosen)
        except ValidationError:
            status.setText("")
            return
        if loaded == [chosen]:
            return
        loaded[:] = [chosen]
        shown = stated or org.workforce_as_of(db, f"{chosen}-12-31")
        if stated:
            status.setText(f"{chosen}年已填写过人数，保存即更正为下列人数。")
        elif shown:
            status.setText(f"{chosen}年尚未填写，下列为沿用的{shown.year}年人数，请按该年实际情况填写。")
        else:
            status.setText(f"{chosen}年尚未填写。")
        for key in COUNTS:
            f.set_value(key, str(getattr(shown, key)) if shown else "")
        f.set_value("note", stated.note if stated else "")

    def save(form: FormGrid) -> bool:
        counts = {key: parse_count(org.ORG_LABELS[key], form.value(key), key, required=key == "workers_total") for key in COUNTS}
        chosen = parse_count("年度", form.value("year"), "year", required=True)
        return org.save_workforce(db, chosen, **counts, note=form.value("note"))

    load()
    year_edit.editingFinished.connect(load)
    d.saver = save
    for editor in f.editors.values():
        if isinstance(editor, QLineEdit):
            editor.setMinimumWidth(160)
    return d

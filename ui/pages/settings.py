"""设置: the union's profile (printed in every form's heading), the worker counts year by year,
printing and dues settings, backups."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from models import codes, org
from models.db import DatabaseError, backup, backup_dir
from models.validation import ValidationError
from models import clock
from ui.widgets.unsaved import confirm_leave
from ui.context import AppContext
from ui.widgets.file_dialogs import get_open_file_name, get_save_file_name
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line
from ui.widgets.form_dialog import run_modal
from ui.widgets.rows_model import RowsTable

COUNTS = ("workers_total", "workers_female", "workers_migrant", "workers_dispatched")


AUTO_FONT = "自动（使用本机的宋体、黑体或文泉驿字体）"

class SettingsPage(QWidget):
    # Refreshed when these change (MainWindow._on_changes), by this program or another.
    watches = ("org_profile", "org_workforce", "app_settings")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._shown_values: dict[str, Any] = {}  # the form as last loaded or saved: what is unsaved differs
        title = QLabel("设置")
        title.setObjectName("pageTitle")
        self.form = FormGrid(columns=2)
        f = self.form
        L = org.ORG_LABELS
        f.add_section("工会信息（打印在各类表格的抬头）")
        f.add("union_name", L["union_name"], line("例：某某有限公司工会委员会"), span=2, required=True)
        f.add("unit_name", L["unit_name"], line(), span=2)
        f.add("credit_code", L["credit_code"], line("18位，单位或工会的代码"))
        f.add("unit_nature", L["unit_nature"], line("企业、事业单位、机关、社会组织…"))
        f.add("industry", L["industry"], line())
        f.add("parent_union", L["parent_union"], line())
        f.add("chair", L["chair"], line())
        f.add("vice_chair", L["vice_chair"], line())
        f.add("phone", L["phone"], line())
        f.add("founded_on", L["founded_on"], DateEdit())
        f.add("address", L["address"], line(), span=2)
        f.add("min_living_fen", L["min_living_fen"], MoneyEdit())
        f.add_section("打印与会费")
        self.font_label = QLabel()
        font_button = QPushButton("选择字体文件…")
        font_button.clicked.connect(self.choose_font)
        font_row = QWidget()
        row = QHBoxLayout(font_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.font_label, 1)
        row.addWidget(font_button)
        auto_button = QPushButton("恢复自动")
        auto_button.clicked.connect(lambda: self.use_font(""))
        row.addWidget(auto_button)
        f.add("pdf_font_path", "打印字体", font_row, span=2)
        f.add("dues_rounding", "会费取整方式", CodeCombo(codes.DUES_ROUNDING, empty=None))
        save = QPushButton("保存设置")
        save.setObjectName("primary")
        save.clicked.connect(self.save)
        self.saved = QLabel()
        self.saved.setObjectName("hint")

        data_box = QVBoxLayout()
        data_title = QLabel("数据与备份")
        data_title.setObjectName("sectionTitle")
        self.path_label = QLabel(f"数据文件：{ctx.db_path}")
        self.path_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, slot in (
            ("立即备份", self.backup_now),
            ("备份到其他位置…", self.backup_elsewhere),
            ("从备份恢复…", self.restore_backup),
            ("打开备份文件夹", self.open_backups),
            ("打开其他数据文件…", self.open_other_file),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        data_box.addWidget(data_title)
        data_box.addWidget(self.path_label)
        data_box.addWidget(QLabel("程序每天首次启动时自动备份一次，保留最近30份；升级数据版本前也会自动备份。"))
        data_box.addLayout(buttons)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.form)
        save_row = QHBoxLayout()
        save_row.addWidget(save)
        save_row.addWidget(self.saved)
        save_row.addStretch(1)
        inner_layout.addLayout(save_row)
        inner_layout.addSpacing(12)
        inner_layout.addLayout(self._build_workforce())
        inner_layout.addSpacing(12)
        inner_layout.addLayout(data_box)
        inner_layout.addSpacing(12)
        from ui.pages.settings_about import AboutBox

        self.about = AboutBox(ctx.db_path)
        inner_layout.addWidget(self.about)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        self.refresh()

    def _build_workforce(self) -> QVBoxLayout:
        """职工人数（按年度）: the counts the model keeps per year, stated or corrected in a dialog."""
        box = QVBoxLayout()
        title = QLabel("职工人数（按年度）")
        title.setObjectName("sectionTitle")
        hint = QLabel("每年填写一次。某年未填写的，沿用此前最近一年的人数；职代会代表构成等按当年的人数核对。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.workforce_status = QLabel()
        self.workforce = RowsTable(["年度", *(org.ORG_LABELS[k] for k in COUNTS), "备注"])
        self.workforce.setMinimumHeight(150)
        self.workforce.setMaximumHeight(220)
        self.workforce.activated.connect(lambda _: self.edit_workforce(self.workforce.selected_key()))
        buttons = QHBoxLayout()
        for text, slot in (
            ("填写某年人数…", lambda: self.edit_workforce(None)),
            ("更正所选年度…", self.correct_selected_year),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        for widget in (title, hint, self.workforce_status):
            box.addWidget(widget)
        box.addLayout(buttons)
        box.addWidget(self.workforce)
        return box

    def refresh(self) -> None:
        """Show what is stored. What the user has typed and not saved in the profile form
        stays (this runs when the ledger changes, too); the year table is read-only and
        always follows."""
        self.refresh_workforce()
        if self._shown_values and self._form_values() != self._shown_values:
            return
        profile = org.get_profile(self.ctx.db)
        for key, value in asdict(profile).items():
            if key not in COUNTS:
                self.form.set_value(key, value)
        self.font_path = org.get_setting(self.ctx.db, "pdf_font_path") or ""
        self.font_label.setText(self.font_path or AUTO_FONT)
        self.form.set_value("dues_rounding", org.get_setting(self.ctx.db, "dues_rounding"))
        self.form.clear_errors()
        self._shown_values = self._form_values()

    def refresh_workforce(self) -> None:
        years = org.workforce_years(self.ctx.db)
        self.workforce.set_rows(
            [[str(w.year), *(str(getattr(w, k)) for k in COUNTS), w.note] for w in reversed(years)],  # latest first
            keys=[w.year for w in reversed(years)],
        )
        self.workforce.resizeColumnsToContents()
        this_year = clock.today().year
        in_force = org.workforce_as_of(self.ctx.db, clock.today())
        if in_force is None:
            text = "尚未填写职工人数：职代会代表构成等核对需要，请先填写今年的人数。"
        elif in_force.year == this_year:
            text = f"今年（{this_year}年）已填写：职工总数 {in_force.workers_total} 人。"
        else:
            text = f"今年（{this_year}年）尚未填写，目前沿用{in_force.year}年的人数（职工总数 {in_force.workers_total} 人）。"
        self.workforce_status.setText(text)

    def edit_workforce(self, year: int | None) -> None:
        from ui.dialogs.workforce_dialog import workforce_dialog

        if run_modal(workforce_dialog(self.ctx.db, year, self)):
            self.refresh_workforce()

    def correct_selected_year(self) -> None:
        year = self.workforce.selected_key()
        if year is None:
            QMessageBox.information(self, "更正职工人数", "请先在表中选择一个年度。")
            return
        self.edit_workforce(year)

    def _form_values(self) -> dict[str, Any]:
        """What the form shows, as typed (to tell unsaved edits from what was loaded)."""
        values: dict[str, Any] = {key: self.form.value(key) for key in asdict(org.OrgProfile()) if key not in COUNTS}
        values["dues_rounding"] = self.form.value("dues_rounding")
        values["pdf_font_path"] = getattr(self, "font_path", "")
        return values

    def profile(self) -> org.OrgProfile:
        # The counts are stated year by year in their own table: the profile carries those in
        # force, which save_profile recognises as unchanged and does not restate.
        stored = org.get_profile(self.ctx.db)
        values: dict[str, Any] = {key: getattr(stored, key) for key in COUNTS}
        for key in asdict(org.OrgProfile()):
            if key in COUNTS:
                continue
            editor = self.form.editors[key]
            if isinstance(editor, MoneyEdit):
                values[key] = editor.value(org.ORG_LABELS[key], key) or 0
            else:
                values[key] = self.form.value(key)
        return org.OrgProfile(**values)

    def has_unsaved(self) -> bool:
        return bool(self._shown_values) and self._form_values() != self._shown_values

    def leave_ok(self) -> bool:
        """Leaving 设置 with edits asks 保存/不保存/取消 (MainWindow asks before a page change)."""
        if confirm_leave(self, self.has_unsaved(), self.save, "设置"):
            self._shown_values = {}  # saved or dropped: the next refresh shows what is stored
            return True
        return False

    def save(self) -> bool:
        self.form.clear_errors()
        self.saved.setText("")
        try:
            org.save_profile(self.ctx.db, self.profile())
        except ValidationError as exc:
            if not self.form.show_error(exc):
                QMessageBox.warning(self, "无法保存", str(exc))
            return False
        org.set_setting(self.ctx.db, "pdf_font_path", self.font_path)
        org.set_setting(self.ctx.db, "dues_rounding", self.form.value("dues_rounding"))
        self._shown_values = self._form_values()  # saved: nothing unsaved any more
        self.saved.setText(f"已保存（{clock.now():%H:%M:%S}）")
        return True

    def choose_font(self) -> None:
        path, _ = get_open_file_name(self, "选择打印字体", "", "TrueType 字体 (*.ttf *.ttc)")
        if path:
            self.use_font(path)

    def use_font(self, path: str) -> bool:
        """Take a chosen font file ("" = 自动) unless it cannot print the forms; says why."""
        from reports.fonts import font_problem

        problem = font_problem(path) if path else ""
        if problem:
            QMessageBox.warning(self, "字体不可用", problem)
            return False
        self.font_path = path
        self.font_label.setText(path or AUTO_FONT)
        return True

    def backup_now(self) -> None:
        target = backup_dir(self.ctx.db_path) / f"{self.ctx.db_path.stem}-手动-{clock.now():%Y%m%d-%H%M%S}.db"
        self._backup_to(target)

    def backup_elsewhere(self) -> None:
        """A copy where the chair chooses (a USB stick, a network folder): the same backup API,
        written whole or not at all."""
        suggested = Path.home() / f"{self.ctx.db_path.stem}-备份-{clock.now():%Y%m%d}.db"
        target, _ = get_save_file_name(self, "备份到其他位置", str(suggested), "工会台账数据文件 (*.db)")
        if target:
            self._backup_to(Path(target))

    def _backup_to(self, target: Path) -> None:
        try:
            backup(self.ctx.db, target)
        except DatabaseError as exc:  # full disk, read-only stick: the message names the file
            QMessageBox.warning(self, "备份失败", str(exc))
            return
        except OSError as exc:
            QMessageBox.warning(self, "备份失败", f"无法写入备份文件：{target}\n{exc.strerror or exc}")
            return
        QMessageBox.information(self, "备份完成", f"已备份到：\n{target}")

    def open_other_file(self) -> None:
        # The window asks about unsaved edits, closes this ledger and opens the other one.
        self.window().open_other_ledger()

    def restore_backup(self) -> None:
        # The window closes the ledger, restores and reopens it: this page is rebuilt.
        self.window().restore_from_backup()

    def open_backups(self) -> None:
        folder = backup_dir(self.ctx.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

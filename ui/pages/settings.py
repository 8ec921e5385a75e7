"""设置: the union's profile (printed in every form's heading), printing and dues settings, backups."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from models import codes, org
from models.db import DatabaseError, backup, backup_dir
from models.validation import ValidationError
from models import clock
from ui.context import AppContext
from ui.widgets.file_dialogs import get_open_file_name
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line

COUNTS = ("workers_total", "workers_female", "workers_migrant", "workers_dispatched")


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
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
        for key in COUNTS:
            spin = QSpinBox()
            spin.setRange(0, 10_000_000)
            spin.setSuffix(" 人")
            f.add(key, L[key], spin)
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
        for text, slot in (("立即备份", self.backup_now), ("从备份恢复…", self.restore_backup), ("打开备份文件夹", self.open_backups)):
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
        inner_layout.addLayout(data_box)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        self.refresh()

    def refresh(self) -> None:
        profile = org.get_profile(self.ctx.db)
        for key, value in asdict(profile).items():
            editor = self.form.editors[key]
            if isinstance(editor, QSpinBox):
                editor.setValue(value)
            else:
                self.form.set_value(key, value)
        self.font_path = org.get_setting(self.ctx.db, "pdf_font_path") or ""
        self.font_label.setText(self.font_path or "自动（使用本机的宋体、黑体或文泉驿字体）")
        self.form.set_value("dues_rounding", org.get_setting(self.ctx.db, "dues_rounding"))
        self.form.clear_errors()

    def profile(self) -> org.OrgProfile:
        values = {}
        for key in asdict(org.OrgProfile()):
            editor = self.form.editors[key]
            if isinstance(editor, QSpinBox):
                values[key] = editor.value()
            elif isinstance(editor, MoneyEdit):
                values[key] = editor.value(org.ORG_LABELS[key], key) or 0
            else:
                values[key] = self.form.value(key)
        return org.OrgProfile(**values)

    def save(self) -> None:
        self.form.clear_errors()
        self.saved.setText("")
        try:
            org.save_profile(self.ctx.db, self.profile())
        except ValidationError as exc:
            if not self.form.show_error(exc):
                QMessageBox.warning(self, "无法保存", str(exc))
            return
        org.set_setting(self.ctx.db, "pdf_font_path", self.font_path)
        org.set_setting(self.ctx.db, "dues_rounding", self.form.value("dues_rounding"))
        self.saved.setText(f"已保存（{clock.now():%H:%M:%S}）")

    def choose_font(self) -> None:
        from reports.fonts import font_file_ok

        path, _ = get_open_file_name(self, "选择打印字体", "", "TrueType 字体 (*.ttf *.ttc)")
        if not path:
            return
        if not font_file_ok(path):
            QMessageBox.warning(self, "字体不可用", "该字体文件无法嵌入 PDF（只支持 TrueType 字体，如宋体 simsun.ttc、黑体 simhei.ttf）。")
            return
        self.font_path = path
        self.font_label.setText(path)

    def backup_now(self) -> None:
        target = backup_dir(self.ctx.db_path) / f"{self.ctx.db_path.stem}-手动-{clock.now():%Y%m%d-%H%M%S}.db"
        try:
            backup(self.ctx.db, target)
        except OSError as exc:
            QMessageBox.warning(self, "备份失败", f"无法写入备份文件夹：{exc.strerror or exc}")
            return
        QMessageBox.information(self, "备份完成", f"已备份到：\n{target}")

    def restore_backup(self) -> None:
        # The window closes the ledger, restores and reopens it: this page is rebuilt.
        self.window().restore_from_backup()

    def open_backups(self) -> None:
        folder = backup_dir(self.ctx.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

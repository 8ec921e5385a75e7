"""One 厂务公开 item: its particulars (saved with 保存; leaving with edits asks 保存/不保存/取消),
its attachments (open, add, replace — the old one kept — void) and its change log."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import audit, clock, codes
from models import disclosure as dc
from models import disclosure_files as files
from models import disclosure_schedule as sched
from models.field_rules import label as field_label
from models.validation import ValidationError
from ui.context import AppContext
from ui.dialogs.member_tabs import void_selected_row
from ui.widgets.file_dialogs import get_open_file_name
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, line, text_edit
from ui.widgets.rows_model import RowsList, RowsTable
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.unsaved import UnsavedDialogMixin

TABLES = {"disclosure_items": "公开事项", "disclosure_attachments": "附件"}


def _shown(value: object) -> str:
    text = "（空）" if value in (None, "") else str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _change_text(table: str, entry: dict) -> str:
    """What one audit entry did, as the chair reads it: 公开日期：2026-03-05 → 2026-03-06."""
    if entry["action"] == "insert":
        return "登记" if table == "disclosure_items" else "添加附件" + ("（替换旧版本）" if (entry["after"] or {}).get("replaces_id") else "")
    if entry["action"] == "void":
        return f"作废原因：{entry['note']}"
    before, after = entry["before"] or {}, entry["after"] or {}
    parts = [f"{field_label(table, k)}：{_shown(before.get(k))} → {_shown(after.get(k))}" for k in after if k not in ("id", "created_at")]
    return "；".join(parts) + (f"（{entry['note']}）" if entry["note"] else "")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


class ItemWindow(UnsavedDialogMixin, QDialog):
    """item_id None: a new item (attachments can be added once it is saved)."""

    unsaved_what = "公开事项的修改"

    def __init__(self, ctx: AppContext, item_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.db, self.item_id = ctx, ctx.db, item_id
        self.saved = False
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.form = FormGrid(columns=2)
        self._build_form()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()

        self.attachments = RowsTable(["文件名", "大小", "添加日期", "状态"])
        self.attachments.activated.connect(lambda _: self.open_attachment())
        att = QWidget()
        al = QVBoxLayout(att)
        ab = QHBoxLayout()
        for text, slot in (("打开", self.open_attachment), ("添加…", self.add_attachment), ("替换…", self.replace_attachment), ("作废…", self.void_attachment)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            ab.addWidget(b)
        hint = QLabel(f"附件复制到数据文件旁的“{files.FOLDER}”文件夹保存（单个不超过 50 MB），备份时一并备份；替换后原文件仍保留。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        ab.addStretch(1)
        al.addLayout(ab)
        al.addWidget(hint)
        al.addWidget(self.attachments, 1)

        self.log = RowsTable(["时间", "记录", "操作", "内容"])
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "公开内容")
        self.tabs.addTab(att, "附件")
        self.tabs.addTab(self.log, "变更记录")

        self.save_button = QPushButton("保存")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton("打印公开栏公告…")
        self.print_button.clicked.connect(self.print_notice)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, 1000, 700)
        self.load()

    # -------------------------------------------------------------- the form

    def _build_form(self) -> None:
        f = self.form
        f.add("title", "公开事项", line("例：2026年3月工资奖金发放情况"), span=2, required=True)
        self.subject = QComboBox()
        self.subject.addItem("（单独事项，不属于定期公开）", None)
        for s in dc.subjects(self.db):
            self.subject.addItem(f"{s.title}（{codes.PERIOD_KIND.label(s.period_kind)}）", s.id)
        self.subject.currentIndexChanged.connect(lambda _: self._subject_changed())
        f.add("subject_id", "定期公开事项", self.subject, span=2)
        self.period = QComboBox()
        f.add("period_start_date", "所属期间", self.period)
        f.add("arose_on", "事项发生日期", DateEdit())
        f.add("period_from", "期间开始（可不填）", DateEdit(allow_future=True))
        f.add("period_end_date", "期间结束（可不填）", DateEdit(allow_future=True))
        self.category = CodeCombo(codes.DISCLOSURE_CATEGORY, empty=None)
        self.category.currentIndexChanged.connect(lambda _: self._fill_subcategories())
        f.add("category", "公开类别", self.category, required=True)
        self.subcategory = QComboBox()
        f.add("subcategory", "具体内容", self.subcategory)
        f.add("summary", "公开内容摘要", text_edit(110), span=2)
        disclosed = DateEdit()
        disclosed.edit.setPlaceholderText("尚未公开的留空（填写事项发生日期）")
        f.add("disclosed_on", "公开日期", disclosed)
        days = QSpinBox()
        days.setRange(0, dc.POSTED_DAYS_MAX)
        days.setSpecialValueText("长期")
        days.setSuffix(" 天")
        f.add("posted_days", "公开时长", days)
        self.channels = RowsList(multi=True)
        self.channels.set_items(codes.DISCLOSURE_CHANNEL.labels(), keys=codes.DISCLOSURE_CHANNEL.codes())
        self.channels.setFixedHeight(140)
        f.add("channels", "公开渠道（可多选）", self.channels, required=True)
        f.add("channel_note", "其他渠道说明", line("选择“其他”时填写"))
        f.add("is_all_staff", "公开范围", QCheckBox("全体职工"))
        f.add("audience", "公开的部门", line("如：生产一车间、质检部"))
        f.add("department", "责任部门", line())
        f.add("person", "责任人", line())
        f.add("contact", "反馈联系方式", line("例：工会办公室 0371-65550000"), span=2)
        f.add("note", "备注", line(), span=2)
        f.set_value("is_all_staff", True)
        self._fill_subcategories()
        self._subject_changed()

    def _fill_subcategories(self, chosen: str = "") -> None:
        self.subcategory.clear()
        self.subcategory.addItem("（未填）", "")
        for code in codes.SUBCATEGORY_OF.get(self.category.value(), ()):
            self.subcategory.addItem(codes.DISCLOSURE_SUBCATEGORY.label(code), code)
        self.subcategory.setCurrentIndex(max(0, self.subcategory.findData(chosen)))

    def _subject_changed(self, period: str | None = None) -> None:
        """Regular subjects offer their periods; matters as they arise need the day; single items a free period."""
        sid = self.subject.currentData()
        kind = dc.get_subject(self.db, sid).period_kind if sid else None
        regular = kind in sched.REGULAR
        self.period.clear()
        if regular:
            s = dc.get_subject(self.db, sid)
            p = sched.period_of(kind, s.start_date)
            today = clock.today_iso()
            choices = []
            while p.start <= today and (s.end_date is None or p.start <= s.end_date):
                choices.append(p)
                p = sched.next_period(p)
            if period and all(c.start != period for c in choices):
                choices.append(sched.period_of(kind, period))
            for c in reversed(choices):
                self.period.addItem(c.label, c.start)
            if period:
                self.period.setCurrentIndex(max(0, self.period.findData(period)))
            if self.item_id is None:  # a new item takes the subject's category and people
                s = dc.get_subject(self.db, sid)
                self.category.set_value(s.category)
                self._fill_subcategories(s.subcategory)
                for key in ("department", "person"):
                    if not self.form.value(key):
                        self.form.set_value(key, getattr(s, key))
        self.form.set_row_visible("period_start_date", regular)
        self.form.set_row_visible("arose_on", not regular)
        self.form.set_row_visible("period_from", not sid)
        self.form.set_row_visible("period_end_date", not sid)

    def load(self) -> None:
        if self.item_id is None:
            self.setWindowTitle("新建厂务公开事项")
            self.header.setText("登记一项厂务公开：已公开的填写公开日期；事项已发生但尚未公开的，留空公开日期并填写事项发生日期。")
            self.form.set_value("disclosed_on", clock.today_iso())
            self.tabs.setTabEnabled(1, False)
            self.tabs.setTabEnabled(2, False)
            self.print_button.setEnabled(False)
            return
        i = dc.get_item(self.db, self.item_id)
        self.setWindowTitle(f"厂务公开事项 — {i.title}")
        self.subject.setCurrentIndex(max(0, self.subject.findData(i.subject_id)))
        self._subject_changed(i.period_start_date)
        self.category.set_value(i.category)
        self._fill_subcategories(i.subcategory)
        for key in ("title", "summary", "disclosed_on", "arose_on", "channel_note", "is_all_staff", "audience", "department", "person", "contact", "note"):
            self.form.set_value(key, getattr(i, key))
        if not i.subject_id:
            self.form.set_value("period_from", i.period_start_date)
            self.form.set_value("period_end_date", i.period_end_date)
        self.form.editors["posted_days"].setValue(i.posted_days)
        self.channels.clearSelection()
        for c in i.channels:
            self.channels.select_key(c)
        self._header(i)
        self.refresh_tabs()
        self.mark_clean()

    def _header(self, i: dc.Item) -> None:
        rows = dc.register(self.db, int((i.disclosed_on or i.arose_on or i.period_end_date or clock.today_iso())[:4]), include_void=True)
        row = next((r for r in rows if r["item"].id == i.id), None)
        state = sched.STATE_LABELS.get(row["state"], "") if row else ""
        due = f"（应于 {row['due_on']} 前公开）" if row and row["due_on"] else ""
        void = f"　<b style='color:#c0392b'>已作废：{i.void_reason}</b>" if i.voided_at else ""
        self.header.setText(f"<b>{i.title}</b>　{dc.category_text(i)}　{('公开日期 ' + i.disclosed_on) if i.disclosed_on else '待公开'}　{state}{due}{void}")
        self.save_button.setEnabled(not i.voided_at)

    def item_from_form(self) -> dc.Item:
        g = self.form
        sid = self.subject.currentData()
        regular = bool(sid) and dc.get_subject(self.db, sid).period_kind in sched.REGULAR
        return dc.Item(
            title=g.value("title"), category=self.category.value(), channels=self.channels.selected_keys(),
            disclosed_on=g.value("disclosed_on") or None, subcategory=self.subcategory.currentData() or "", summary=g.value("summary"),
            subject_id=sid, period_start_date=(self.period.currentData() if regular else (g.value("period_from") or None) if not sid else None),
            period_end_date=None if sid else (g.value("period_end_date") or None), arose_on=None if regular else (g.value("arose_on") or None),
            channel_note=g.value("channel_note"), is_all_staff=g.value("is_all_staff"), audience=g.value("audience"),
            department=g.value("department"), person=g.value("person"), posted_days=g.editors["posted_days"].value(),
            contact=g.value("contact"), note=g.value("note"), id=self.item_id,
        )

    def save(self) -> bool:
        """Save; the window stays open (a new item then offers attachments). False beside an error."""
        self.message.hide()
        self.form.clear_errors()
        try:
            item = self.item_from_form()
            if self.item_id is None:
                self.item_id = dc.add_item(self.db, item)
            else:
                dc.update_item(self.db, item)
        except ValidationError as exc:
            key = {"period_start_date": "period_from" if not self.subject.currentData() else "period_start_date"}.get(exc.key or "", exc.key)
            if not (key and self.form.show_error(ValidationError(exc.field, exc.message, key=key))):
                self.message.setText(str(exc))
                self.message.show()
            return False
        self.saved = True
        for tab in (1, 2):
            self.tabs.setTabEnabled(tab, True)
        self.print_button.setEnabled(True)
        self._header(dc.get_item(self.db, self.item_id))
        self.refresh_tabs()
        self.mark_clean()
        return True

    def save_on_leave(self) -> None:
        if self.save():
            self.accept()

    # -------------------------------------------------------------- attachments and log

    def refresh_tabs(self) -> None:
        if self.item_id is None:
            return
        rows = files.attachments(self.db, self.item_id)
        names = {r["id"]: r["file_name"] for r in rows}
        values, keys, voided = [], [], []
        for r in rows:
            if r["voided_at"]:
                state = f"已作废：{r['void_reason']}"
            elif r["replaced_by"]:
                state = f"已被“{names.get(r['replaced_by'], '')}”替换（原文件保留）"
            else:
                state = "现行" + (f"（替换“{names.get(r['replaces_id'], '')}”）" if r["replaces_id"] else "")
            values.append([r["file_name"], _size(r["size"]), r["added_on"], state])
            keys.append(r["id"])
            voided.append(bool(r["voided_at"] or r["replaced_by"]))
        self.attachments.set_rows(values, keys=keys, voided=voided)
        self.attachments.resizeColumnsToContents()
        entries = [("公开事项", "disclosure_items", e) for e in audit.history(self.db, "disclosure_items", self.item_id)]
        for r in rows:
            entries += [(f"附件 {r['file_name']}", "disclosure_attachments", e) for e in audit.history(self.db, "disclosure_attachments", r["id"])]
        log = []
        for what, table, e in sorted(entries, key=lambda x: x[2]["id"], reverse=True):
            log.append([e["at"].replace("T", " ")[:16], what, codes.AUDIT_ACTION.label(e["action"]), _change_text(table, e)])
        self.log.set_rows(log)
        self.log.resizeColumnsToContents()

    def _selected_attachment(self) -> int | None:
        key = self.attachments.selected_key()
        if key is None:
            QMessageBox.information(self, "附件", "请先选择一个附件。")
        return key

    def open_attachment(self) -> None:
        key = self._selected_attachment()
        if key is None:
            return
        try:
            path = files.viewing_copy(self.db, key)
        except (ValidationError, OSError) as exc:
            QMessageBox.warning(self, "无法打开附件", str(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _pick(self, title: str) -> str:
        path, _ = get_open_file_name(self, title, "", "所有文件 (*)")
        return path

    def add_attachment(self) -> None:
        path = self._pick("添加附件")
        if path:
            self._attach(lambda: files.add_attachment(self.db, self.item_id, path))  # type: ignore[arg-type]

    def replace_attachment(self) -> None:
        key = self._selected_attachment()
        if key is None:
            return
        path = self._pick("选择替换用的新文件")
        if path:
            self._attach(lambda: files.replace_attachment(self.db, key, path))

    def _attach(self, do) -> None:
        try:
            do()
        except ValidationError as exc:
            QMessageBox.warning(self, "未能添加附件", str(exc))
            return
        self.refresh_tabs()

    def void_attachment(self) -> None:
        if void_selected_row(self, self.attachments, "附件", lambda key, reason: files.void_attachment(self.db, key, reason), name=lambda cells: f"附件 {cells[0]}"):
            self.refresh_tabs()

    def print_notice(self) -> None:
        if self.item_id is None:
            return
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, "disclosure-notice", self.item_id)

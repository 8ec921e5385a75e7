"""首页: the union at a glance and the jobs the chair does most."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models import members, org
from ui.context import AppContext


class HomePage(QWidget):
    # What its figures read: the member counts (status follows membership events) and the union's name.
    watches = ("members", "membership_events", "org_profile")

    def __init__(self, ctx: AppContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window_ = window
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.cards = QGridLayout()
        self.numbers: dict[str, QLabel] = {}
        for col, (key, label) in enumerate((("all", "会员总数"), ("active", "在会"), ("retained", "保留会籍"), ("left", "已离会"))):
            card = QFrame()
            card.setObjectName("card")
            inner = QVBoxLayout(card)
            number = QLabel("0")
            number.setObjectName("cardNumber")
            inner.addWidget(QLabel(label))
            inner.addWidget(number)
            self.numbers[key] = number
            self.cards.addWidget(card, 0, col)
        actions = QHBoxLayout()
        for text, slot in (
            ("新增会员", lambda: self._members().new_record()),
            ("导入花名册…", lambda: self._members().import_roster()),
            ("打印花名册…", lambda: self._members().print_roster()),
            ("单位信息设置", lambda: self.window_.go("settings")),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(8)
        layout.addLayout(self.cards)
        layout.addSpacing(12)
        layout.addWidget(QLabel("常用操作"))
        layout.addLayout(actions)
        layout.addStretch(1)
        self.refresh()

    def _members(self):
        return self.window_.go("members")

    def refresh(self) -> None:
        profile = org.get_profile(self.ctx.db)
        self.title.setText(profile.union_name or "工会台账")
        self.hint.setText("" if profile.union_name else "尚未填写工会名称等信息：请先到“设置”中填写，打印的表格抬头会用到。")
        self.hint.setVisible(not profile.union_name)
        self.numbers["all"].setText(str(members.count_members(self.ctx.db)))
        for key in ("active", "retained", "left"):
            self.numbers[key].setText(str(members.count_members(self.ctx.db, key)))

"""Calendars and Qt dialogs speak Chinese whatever the system locale (LANG=C here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import os
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDateEdit
app = QApplication([])
from ui.app import make_app
make_app()
from ui.widgets.form import DateEdit
edit = QDateEdit()
edit.setCalendarPopup(True)
ours = DateEdit()
print(QLocale.system().name())
print(edit.calendarWidget().locale().monthName(3))
print(ours.calendar.locale().monthName(3))
print(edit.calendarWidget().locale().dayName(1, QLocale.FormatType.ShortFormat))
"""


def test_calendars_are_chinese_under_lang_c():
    env = dict(os.environ, LANG="C", LC_ALL="C", LANGUAGE="C", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    system, month, ours, day = out.stdout.split()[-4:]
    assert not system.startswith("zh")  # the probe really ran under another locale
    assert month == "三月" and ours == "三月" and day in ("周一", "一")

"""Bench parts on paper: the PDFs of up to 100 pages against reportlab drawing them unlaid."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from tests.bench_core import record


PDF_TARGET = 0.5  # s for a PDF of up to 100 pages, the font registered (issue 14)


def drawing_floor(pdf: Path) -> float:
    """reportlab drawing the same text on the same number of pages with no layout: every
    piece of text read back from `pdf` (pypdf), one canvas.drawString each, in seconds."""
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from reports.fonts import cjk_font

    pages = [page.extract_text().split() for page in PdfReader(str(pdf)).pages]
    font = cjk_font()
    t = time.perf_counter()
    c = canvas.Canvas(str(pdf.with_suffix(".floor.pdf")), pagesize=A4)
    for words in pages:
        c.setFont(font, 9)
        y = 800.0
        for word in words:
            c.drawString(40, y, word)
            y = y - 11 if y > 60 else 800.0
        c.showPage()
    c.save()
    return time.perf_counter() - t


def _pdf_line(label: str, build, out: Path) -> None:
    from pypdf import PdfReader

    runs = []
    for _ in range(3):
        t = time.perf_counter()
        build(out)
        runs.append(time.perf_counter() - t)
    pages = len(PdfReader(str(out)).pages)
    floor = statistics.median(drawing_floor(out) for _ in range(3))
    record(f"{label}（{pages} 页）", f"≤ {PDF_TARGET} s", statistics.median(runs), "s", PDF_TARGET if pages <= 100 else PDF_TARGET * pages / 100, floor=floor)


def roster_pdf(db_path: Path) -> None:
    from models.db import open_database
    from models.member_list import MemberFilter, iter_members
    from models.org import get_profile
    from reports.fonts import cjk_font
    from reports.member_forms import ROSTER_KEYS, build_roster

    db = open_database(db_path)
    data = list(iter_members(db, MemberFilter(), ["id", *ROSTER_KEYS]))[:2500]
    org = get_profile(db)
    t = time.perf_counter()
    cjk_font()
    font_time = time.perf_counter() - t
    folder = Path(tempfile.mkdtemp(prefix="ul-bench-"))
    record("（首次注册嵌入字体，每次运行一次）", "—", font_time, "s", None)
    _pdf_line("会员花名册 PDF，2500 人", lambda out: build_roster(org, data, str(out)), folder / "roster.pdf")
    long_forms(db, org, folder)
    db.close()


def long_forms(db, org, folder: Path) -> None:
    """The other long forms: minutes of a meeting with many agenda items, a batch of 会员登记表,
    an aid round's 签收表 for many workers."""
    import random

    from models import membership, members
    from models.congress_meeting import Attendance
    from models.minutes import Decision, Minutes, MinutesItem
    from reports.aid_round_forms import build_receipts
    from reports.congress_forms import build_minutes
    from reports.member_forms import build_member_forms

    rnd = random.Random(8)
    names = [r[0] for r in db.execute("SELECT name FROM members LIMIT 400")]
    speech = "与会代表围绕职工薪酬、安全生产、劳动保护和职工培训等事项充分讨论，提出改进意见，会议要求有关部门认真研究落实，并在下次会议上报告办理情况。"
    items = [MinutesItem(i, f"审议《2026年度第{i}项专项工作报告》", f"关于第{i}项工作的报告", rnd.choice(names), "、".join(rnd.sample(names, 5)),
                         speech * rnd.randint(2, 5), [Decision(f"第{i}项报告", "resolution", "", "应到 200 人，实到 190 人，同意 180 票，反对 5 票，弃权 5 票，通过。", True)])
             for i in range(1, 121)]
    minutes = Minutes(org, "第三届职工代表大会第二次会议", "职工代表大会", "2026-03-03", "09:00", "17:00", "公司大会议室", names[0], names[1], names[2], "",
                      Attendance(200, 190, 6, 4), rnd.sample(names, 6), rnd.sample(names, 4), "会议由主持人宣布开始。", items, [], "会议圆满结束。", False)
    _pdf_line("会议记录 PDF，120 项议程", lambda out: build_minutes(minutes, str(out)), folder / "minutes.pdf")

    ids = [r[0] for r in db.execute("SELECT id FROM members ORDER BY id LIMIT 100")]
    people = [(members.get_member(db, i), membership.events(db, i)) for i in ids]
    _pdf_line("会员登记表（批量）PDF，100 人", lambda out: build_member_forms(org, people, str(out)), folder / "member-forms.pdf")

    rows = [dict(worker_name=m.name, worker_id_number=m.id_number, department=m.department, tier="", amount_fen=rnd.randint(50, 300) * 1000,
                 proxy_name="", proxy_relation="") for m, _ in people] * 10
    data = {"org": org, "round": {"id": 7, "name": "2026年春节送温暖", "aid_type": "living", "date": "2026-01-20"}, "rows": rows}
    _pdf_line("救助金发放签收表 PDF，1000 人", lambda out: build_receipts(data, str(out)), folder / "receipts.pdf")

"""The form kit loses nothing: long cells split across pages, table rows grow, long names
wrap, pages are numbered, group headings repeat, fonts are embedded."""

from __future__ import annotations

import io

import pytest

from reports import kit
from reports.fonts import cjk_font, is_embedded
from tests.pdf_check import assert_pages_numbered, font_problems, lost_characters, pages_text, squeeze

ALPHABET = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬梅兰竹菊"
LONG_UNION = "河南省郑州市高新技术产业开发区示例重型机械装备制造集团股份有限公司第一分公司暨下属各全资子公司职工联合工会委员会"


def long_text(n: int, seed: int = 0) -> str:
    text = "".join(ALPHABET[(i * 7 + seed) % len(ALPHABET)] for i in range(n))
    return "，".join(text[i:i + 40] for i in range(0, n, 40)) + "。"


def build(draw, **kw) -> list[str]:
    buf = io.BytesIO()
    form = kit.Form(buf, title=kw.pop("title", "测试表"), union_name=kw.pop("union_name", "示例工会委员会"), **kw)
    form.heading()
    draw(form)
    form.save()
    buf.seek(0)
    return pages_text(buf)


def test_grid_cell_taller_than_a_page_continues_with_label_repeated():
    text = long_text(3000)
    pages = build(lambda f: f.grid([[kit.Cell("提案内容", label=True), kit.Cell(text)], [kit.Cell("附议人", label=True), kit.Cell("张三")]], [1, 5]))
    assert len(pages) >= 2
    assert not lost_characters(text, pages)
    assert "提案内容（续）" in squeeze(pages[1])
    assert "附议人" in pages[-1]
    assert_pages_numbered(pages)


def test_table_cells_never_cut_rows_grow_and_split():
    reply, dept = long_text(576, 1), "生产制造" + "第一事业部总装车间" * 4 + "一班"
    assert len(dept) == 42
    huge = long_text(6000, 2)
    cols = [kit.Column("序号", 0.6), kit.Column("部门", 1.8), kit.Column("答复", 4)]
    pages = build(lambda f: f.table(cols, [["1", dept, reply], ["2", "办公室", huge], ["3", "财务部", "完"]]))
    assert not lost_characters(reply + huge, pages)
    assert dept in squeeze("".join(pages).replace("\n", ""))
    assert len(pages) >= 2
    for text in pages:  # the header repeats above the continued row
        assert "答复" in text
    assert_pages_numbered(pages)


def test_group_heading_repeats_with_continued_mark():
    cols = [kit.Column("序号", 1), kit.Column("姓名", 2), kit.Column("签名", 3)]

    def rows():
        for g in range(2):
            yield kit.GroupRow(f"第{g + 1}代表团")
            for i in range(40):
                yield [str(i + 1), f"代表{g}{i:02d}", ""]

    pages = build(lambda f: f.table(cols, rows(), size=10.5, min_row_height=26))
    joined = [squeeze(p) for p in pages]
    assert any("第1代表团（续）" in p for p in joined)
    assert any("第2代表团（续）" in p for p in joined)
    assert sum(p.count("第1代表团") for p in joined) >= 2
    assert_pages_numbered(pages)


def test_unnumbered_form_is_numbered_once_past_one_page_and_sections_restart():
    one = build(lambda f: f.paragraph("一页而已"), page_numbers=False)
    assert "第" not in one[0].replace("测试表", "")
    long = build(lambda f: f.paragraph(long_text(5000)), page_numbers=False)
    assert len(long) >= 2
    assert_pages_numbered(long)

    def ballots(f):
        for i in range(3):
            if i:
                f.section_break()
            f.paragraph(f"第{i + 1}张票")
    three = build(ballots, page_numbers=False)
    assert len(three) == 3 and not any("共" in p for p in three)  # one page each: no numbers


def drawn_strings(page) -> list[tuple[float, float, float, str]]:
    """(x, y, size, text) of every string drawn on a page (reportlab sets Tm per string)."""
    drawn = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            drawn.append((tm[4], tm[5], font_size * tm[0], text))
    page.extract_text(visitor_text=visit)
    return drawn


@pytest.mark.parametrize("extra", [0, 1])
def test_long_union_name_stays_within_the_margins(extra):
    from pypdf import PdfReader
    from reportlab.pdfbase.pdfmetrics import stringWidth

    name = LONG_UNION + "第一基层" * extra
    assert len(name) >= 56
    for landscape in (False, True):
        buf = io.BytesIO()
        form = kit.Form(buf, title="会员花名册（筛选：在会）", union_name=name, landscape=landscape)
        form.heading()
        form.paragraph(long_text(4000))
        form.save()
        reader = PdfReader(io.BytesIO(buf.getvalue()))
        assert len(reader.pages) >= 2
        for page in reader.pages:
            assert name in squeeze(page.extract_text())  # whole on every page
            spans: dict[int, list[tuple[float, float]]] = {}
            for x, y, size, text in drawn_strings(page):
                x1 = x + stringWidth(text, form.font, size)
                assert form.left - 1 <= x and x1 <= form.right + 1, (text, x, x1)
                spans.setdefault(round(y), []).append((x, x1))
            for items in spans.values():  # nothing drawn over something else
                items.sort()
                for (a0, a1), (b0, b1) in zip(items, items[1:]):
                    assert a1 <= b0 + 0.5, items


def test_labels_never_break_inside_a_bracket_pair():
    font = cjk_font()
    for label in ("审查意见（提案委员会）", "救助金额（小写）", "代表团（组）名称"):
        for width in range(60, 160, 3):
            lines = kit.wrap(label, font, 10.5, width)
            assert "".join(lines) == label
            inner = label[label.index("（"):label.index("）") + 1]
            if _fits(inner, font, width):
                assert any(inner in line for line in lines), (label, width, lines)


def _fits(text: str, font: str, width: float) -> bool:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, 10.5) <= width


def test_fonts_embedded_and_no_helvetica():
    buf = io.BytesIO()
    form = kit.Form(buf, title="字体检查", union_name="示例工会")
    form.heading("制表日期：2026-01-01 Page 1")
    form.table([kit.Column("A", 1)], [["abc 123 中文"]])
    form.save()
    problems = font_problems(io.BytesIO(buf.getvalue()))
    assert not [p for p in problems if "Helvetica" in p]
    if not is_embedded(form.font):
        pytest.skip("no TrueType CJK font on this machine (install fonts-wqy-zenhei): the CID fallback is not embedded")
    assert problems == []


def test_ttc_collections_pick_the_simplified_chinese_face(tmp_path):
    from reports import fonts

    zen = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
    import os

    if not os.path.isfile(zen):
        pytest.skip("wqy-zenhei.ttc not installed")
    assert fonts.ttc_count(zen) >= 2
    assert fonts._face_index(zen) == 0
    assert fonts.font_file_ok(zen)
    noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    if os.path.isfile(noto):  # CFF outlines: reportlab cannot embed them, so they are skipped
        assert not fonts.font_file_ok(noto)

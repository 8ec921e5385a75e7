"""A machine whose only Chinese font has CFF outlines (Noto CJK .otf/.ttc) still embeds
the font it prints with: the face is converted to TrueType once and the copy cached."""

from __future__ import annotations

import pytest

from reports import font_convert, fonts
from tests.pdf_check import font_problems, pages_text, squeeze

TEXT = "工会台账会员花名册困难职工"


def _cff_font(path, chars: str = TEXT) -> None:
    """A small OpenType-CFF font with a box for each character (what Noto CJK is, in miniature)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    names = [".notdef", "space"] + [f"uni{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({32: "space", **{ord(c): f"uni{ord(c):04X}" for c in chars}})
    strings = {}
    for n in names:
        pen = T2CharStringPen(1000, None)
        if n not in ("space",):
            pen.moveTo((100, -80))
            pen.curveTo((100, 300), (100, 600), (100, 800))
            pen.lineTo((900, 800))
            pen.lineTo((900, -80))
            pen.closePath()
        strings[n] = pen.getCharString()
    fb.setupCFF("NotoSerifCJKsc-Regular", {"FullName": "Noto Serif CJK SC"}, strings, {})
    fb.setupHorizontalMetrics({n: (1000 if n != "space" else 250, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Noto Serif CJK SC", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))


@pytest.fixture
def only_cff(tmp_path, monkeypatch):
    """No TrueType Chinese font on the machine; one CFF font in a font folder."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    _cff_font(folder / "NotoSerifCJK-Regular.otf")
    _cff_font(folder / "NotoSerifCJK-Bold.otf")
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr(fonts, "_candidates", lambda: [])
    monkeypatch.setattr(font_convert, "_SCAN_DIRS", [str(folder)])
    monkeypatch.setattr(font_convert, "cache_dir", lambda: cache)
    monkeypatch.setattr(fonts, "_chosen", {})
    monkeypatch.setattr(fonts, "_by_path", {})
    # reportlab's registry is global: the box font must not take a name a real font uses later.
    monkeypatch.setattr(fonts, "FONT_NAME", "UL-CJK-test")
    return folder, cache


def test_cff_font_is_found_converted_once_and_cached(only_cff):
    folder, cache = only_cff
    found = font_convert.cff_candidates([str(folder)])
    assert [p.rsplit("/", 1)[-1] for p in found] == ["NotoSerifCJK-Regular.otf"]  # regular weight only
    assert font_convert.chinese_cff_face(found[0]) == 0
    copy = font_convert.truetype_copy(found[0], 0, cache)
    from fontTools.ttLib import TTFont

    t = TTFont(str(copy))
    assert "glyf" in t and "CFF " not in t and t.getBestCmap()[ord("工")]
    stamp = copy.stat().st_mtime_ns
    assert font_convert.truetype_copy(found[0], 0, cache) == copy and copy.stat().st_mtime_ns == stamp  # not again
    assert not list(cache.glob("*.tmp"))


def test_forms_embed_the_converted_font_instead_of_an_unembedded_fallback(only_cff, tmp_path):
    from reports.kit import Form

    name = fonts.cjk_font()
    assert name != fonts.FALLBACK and fonts.is_embedded(name)
    out = tmp_path / "f.pdf"
    f = Form(str(out), title=TEXT, union_name="会员")
    f.paragraph(TEXT)
    f.save()
    assert font_problems(str(out)) == []
    assert TEXT in squeeze("".join(pages_text(str(out))))

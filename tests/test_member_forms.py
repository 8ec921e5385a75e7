"""Printed member forms: text read back from the PDF, page numbering, wrapping rules, safe saving."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from models import members, membership
from models.org import get_profile, save_profile
from reports import kit, registry
from reports.member_forms import build_roster
from tests.conftest import make_id, member


def text_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


@pytest.fixture
def org(db):
    p = get_profile(db)
    p.union_name = "河南省示例机械制造有限公司工会委员会"
    save_profile(db, p)
    return p


def test_member_form_has_fields_signatures_and_history(db, org, tmp_path):
    mid = members.add_member(db, member(name="欧阳晓燕", id_number=make_id("19880612", male=False), note="备注：曾获市级劳动模范称号。"))
    membership.record_event(db, mid, "retain", "2020-03-01", reason="laid_off")
    out = registry.render(db, "member-form", tmp_path / "f.pdf", ident=mid)
    pages = text_of(out)
    assert len(pages) == 1
    text = pages[0]
    for expected in ("欧阳晓燕", make_id("19880612", male=False), org.union_name, "会员本人签字", "信息采集人", "盖章", "保留会籍", "备注：曾获市级劳动模范称号。"):
        assert expected in text, expected
    assert registry.suggested_filename(db, "member-form", mid) == "会员登记表-欧阳晓燕.pdf"


def test_roster_pages_header_and_total(db, org, tmp_path):
    for i in range(120):
        members.add_member(db, member(name=f"会员{i:03d}", id_number=make_id(seq=i + 1)))
    out = registry.render(db, "roster", tmp_path / "r.pdf", mask_id=True)
    pages = text_of(out)
    n = len(pages)
    assert n >= 5
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {n} 页" in text
        if "会员0" in text:  # every page with rows repeats the header
            assert "公民身份号码" in text and "会籍状态" in text
    assert "共 120 人" in pages[-1]
    assert make_id(seq=1) not in "".join(pages)  # masked
    assert make_id(seq=1)[:6] + "********" + make_id(seq=1)[-4:] in "".join(pages)


def test_roster_to_file_object(org):
    buf = io.BytesIO()
    count = build_roster(org, [{"name": "张三", "gender": "1", "id_number": "11010519491231002X", "status": "active"}], buf)
    assert count == 1 and buf.getvalue().startswith(b"%PDF")


def test_no_line_starts_with_closing_punctuation():
    from reports.fonts import cjk_font

    font = cjk_font()
    text = "职工代表大会是企业实行民主管理的基本形式，是职工行使民主管理权力的机构；会议审议通过了各项报告！代表们认为：报告实事求是？" * 3
    for width in range(60, 300, 7):
        lines = kit.wrap(text, font, 10.5, width)
        assert "".join(lines) == text  # nothing lost
        for line in lines[1:]:
            assert line[0] not in kit.NO_LINE_START, (width, line)
        for line in lines[:-1]:
            assert line[-1] not in kit.NO_LINE_END


def test_latin_words_kept_whole_when_they_fit():
    from reports.fonts import cjk_font

    lines = kit.wrap("联系电话13912345678请核对", cjk_font(), 10, 95)
    assert any("13912345678" in line for line in lines)


def test_save_to_read_only_folder_leaves_nothing(tmp_path, monkeypatch):
    import os

    target = tmp_path / "ro" / "x.pdf"
    target.parent.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(kit.tempfile, "mkstemp", refuse)
    form = kit.Form(target, title="测试")
    form.paragraph("内容")
    with pytest.raises(kit.SaveError, match="无法保存"):
        form.save()
    assert os.listdir(target.parent) == []


def test_full_disk_removes_partial_file(tmp_path, monkeypatch):
    import errno
    import os

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.f.close()

        def write(self, data):
            self.f.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kit.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    form = kit.Form(tmp_path / "x.pdf", title="测试")
    with pytest.raises(kit.SaveError, match="磁盘空间已满"):
        form.save()
    assert os.listdir(tmp_path) == []

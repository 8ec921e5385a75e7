"""Congress forms, read back from the PDF: nothing of the minutes lost, ballots per delegate, the handling boxes."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from models import congress_meeting as mt
from models import proposals as pr
from models.demo_congress import fill_congress
from models.members import add_member
from models.org import get_profile, save_profile
from reports import registry
from tests.conftest import make_id, member


def pages(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def demo(db):
    p = get_profile(db)
    p.union_name = "示例机械制造有限公司工会委员会"
    save_profile(db, p)
    for i in range(60):
        add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 3 != 0)))
    return fill_congress(db, seed=7)


def test_minutes_of_twelve_items_lose_no_line(db, demo, tmp_path):
    session = demo["sessions"][1]
    out = registry.render(db, "minutes", tmp_path / "m.pdf", ident=session)
    texts = pages(out)
    n = len(texts)
    assert n >= 3
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {n} 页" in text
    title = "第三届职工代表大会第二次会议记录"
    running = flat(title + get_profile(db).union_name)
    # Join the pages as one text without the running header and footer of each page.
    whole = "".join(
        flat(t).replace(f"第{i}页共{n}页", "").replace(running, "", 1 if i > 1 else 0) for i, t in enumerate(texts, start=1)
    )
    assert title in whole
    for item in mt.agenda(db, session):
        assert flat(item.title) in whole
        assert flat(item.discussion) in whole  # every line of every discussion, across pages
    assert "会议有效" in whole and "主持人（签字）" in whole and "记录人（签字）" in whole
    assert "同意" in whole and "全体代表" in whole


def test_ballots_one_per_delegate_with_instructions(db, demo, tmp_path):
    session = demo["sessions"][1]
    out = registry.render(db, "ballots", tmp_path / "b.pdf", ident=session)
    whole = flat("".join(pages(out)))
    assert whole.count("表决票") == 36
    assert "No.036" in whole and "划“√”" in whole and "沿虚线剪开" in whole
    for r in mt.resolutions(db, session):
        assert flat(r.title) in whole
    assert "刘建华" in whole and "另选他人" in whole


def test_signin_resolutions_summary_delegates(db, demo, tmp_path):
    session, term = demo["sessions"][1], demo["term"]
    signin = flat("".join(pages(registry.render(db, "signin", tmp_path / "s.pdf", ident=session))))
    assert "应到代表36人" in signin and "第一代表团" in signin and signin.index("第一代表团") < signin.index("第二代表团")
    resolutions = flat("".join(pages(registry.render(db, "resolutions", tmp_path / "r.pdf", ident=session))))
    assert "表决结果" in resolutions and "通过" in resolutions
    summary = flat("".join(pages(registry.render(db, "proposals", tmp_path / "p.pdf", ident=session))))
    assert "共收到提案9件" in summary and "不立案1件" in summary
    roster = flat("".join(pages(registry.render(db, "delegates", tmp_path / "d.pdf", ident=term))))
    assert "调离" in roster and "补选" in roster


def test_proposal_form_has_handling_boxes(db, demo, tmp_path):
    session = demo["sessions"][1]
    replied = next(p for p in pr.list_proposals(db, session_id=session) if p["state"] == "rated")
    text = flat(pages(registry.render(db, "proposal", tmp_path / "p.pdf", ident=replied["id"]))[0])
    for label in ("案由", "提案人", "附议人", "审查意见", "承办部门", "办理结果", "提案人意见", "立案", "满意"):
        assert label in text
    assert registry.suggested_filename(db, "proposal", replied["id"]) == f"提案表-{replied['number']}.pdf"
    assert registry.suggested_filename(db, "minutes", session) == "第三届职工代表大会第二次会议记录.pdf"


def test_cli_print_congress_forms(db, db_path, demo, tmp_path, capsys, monkeypatch):
    import main

    db.close()
    assert main.main(["--db", str(db_path), "print", "minutes", "--session", "2", "-o", str(tmp_path / "m.pdf")]) == 0
    assert main.main(["--db", str(db_path), "print", "delegates", "--term", "1", "-o", str(tmp_path / "d.pdf")]) == 0
    assert main.main(["--db", str(db_path), "print", "signin", "--session", "99", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "不存在" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main.main(["--db", str(db_path), "print", "ballots", "--session", "2"]) == 0
    assert (tmp_path / "第三届职工代表大会第二次会议表决票.pdf").exists()

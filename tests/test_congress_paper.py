"""Congress paper the chair can sign (issue 9): each fixed item read back from the PDF,
and every congress form fed edge data — nothing lost, every page numbered."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from models import congress as cg
from models import congress_meeting as mt
from models import proposals as pr
from models.demo_congress import fill_congress
from models.members import add_member
from models.org import get_profile, save_profile
from models.validation import ValidationError
from reports import registry
from reports.ballots import election_rule
from tests.conftest import make_id, member

LONG_UNION = "某某省某某市某某区国家级经济技术开发区高端装备制造产业园某某重型机械制造集团股份有限公司第一分公司生产基地二期联合工会委员会"


def pages(path) -> list[str]:
    """Each page's text as drawn INSIDE the page: text set below the bottom edge (a clipped
    cell, a ballot running off the sheet) is in the PDF's content but lost on paper."""
    out = []
    for page in PdfReader(str(path)).pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        parts: list[str] = []

        def visit(text, cm, tm, font, size, parts=parts, w=w, h=h):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if -1 <= x <= w + 1 and -1 <= y <= h + 1:
                parts.append(text)

        page.extract_text(visitor_text=visit)
        out.append("".join(parts))
    return out


def flat(text: str) -> str:
    return "".join(text.split())


def numbered(texts: list[str]) -> bool:
    n = len(texts)
    return all(f"第{i}页共{n}页" in flat(t) for i, t in enumerate(texts, start=1))


@pytest.fixture
def demo(db):
    p = get_profile(db)
    p.union_name = "示例机械制造有限公司工会委员会"
    save_profile(db, p)
    for i in range(60):
        add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 3 != 0)))
    return fill_congress(db, seed=7)


@pytest.fixture
def edge(db, demo):
    """A third meeting of 40 resolutions and an election, under a 62-character union name."""
    assert len(LONG_UNION) == 62
    p = get_profile(db)
    p.union_name = LONG_UNION
    save_profile(db, p)
    term = cg.get_term(db, demo["term"])
    last = cg.sessions(db, demo["term"])[-1]
    import datetime as dt

    day = (dt.date.fromisoformat(last.date) + dt.timedelta(days=30)).isoformat()
    day = min(day, term.end_date)
    sid = cg.add_session(db, cg.Session(demo["term"], 3, day, place="职工活动中心"))
    titles = [f"关于第{n}项专项工作方案（涉及{'生产、安全、后勤与职工福利' * (1 + n % 3)}）的决议{n:02d}" for n in range(1, 41)]
    for t in titles:
        mt.add_resolution(db, sid, t)
    mt.add_resolution(db, sid, "选举职工董事", kind="election", candidates=["欧阳建国", "司马晓燕", "诸葛志强", "上官文"], seats=2, secret=True)  # an election by secret ballot: numbered ballots
    return {"session": sid, "titles": titles}


# ---------------------------------------------------------------- 决议

def test_resolutions_list_only_adopted_items_signed_by_presidium(db, demo, tmp_path):
    session = demo["sessions"][1]
    failed = mt.add_resolution(db, session, "关于取消职工年度体检的决议", text="大会同意取消职工年度体检。")
    mt.record_vote(db, failed, 3, 25, 2)
    mt.add_resolution(db, session, "关于尚未表决事项的决议")
    unvoted_election = mt.add_resolution(db, session, "补选女职工委员会委员", kind="election", candidates=["王丽"], seats=1)
    texts = pages(registry.render(db, "resolutions", tmp_path / "r.pdf", ident=session))
    whole = flat("".join(texts))
    assert "取消职工年度体检" not in whole and "未通过" not in whole
    assert "尚未表决" not in whole and "补选女职工委员会委员" not in whole
    assert mt.get_resolution(db, unvoted_election).vote is None
    assert "大会选举刘建华、陈晓燕、赵志强当选" in whole
    # Signed by the congress, not by the union committee, with the meeting and its date.
    tail = whole[whole.rindex("表决结果"):]
    assert "职工代表大会主席团第三届职工代表大会第二次会议" in tail
    assert re.search(r"主席团第三届职工代表大会第二次会议\d{4}年\d+月\d+日", tail)
    assert "工会委员会" not in tail
    assert numbered(texts)


def test_voided_session_resolutions_are_marked(db, demo, tmp_path):
    session = demo["sessions"][1]
    cg.void_session(db, session, "会议程序不合规，重新召开")
    texts = pages(registry.render(db, "resolutions", tmp_path / "r.pdf", ident=session))
    for t in texts:
        assert "已作废" in flat(t)
    assert "会议程序不合规，重新召开" in flat(texts[0])


# ---------------------------------------------------------------- 表决票 / 选票

def test_a_candidate_on_an_ordinary_resolution_is_refused(db, demo):
    session = demo["sessions"][1]
    before = len(mt.resolutions(db, session))
    with pytest.raises(ValidationError) as e:
        mt.add_resolution(db, session, "关于食堂的决议", candidates=["张三"])
    assert (e.value.field, e.value.key) == ("候选人", "candidates")
    with pytest.raises(ValidationError) as e:
        mt.add_resolution(db, session, "关于食堂的决议", seats=1)
    assert (e.value.field, e.value.key) == ("应选人数", "seats")
    assert len(mt.resolutions(db, session)) == before


def test_demo_ballot_has_a_real_election_ballot(db, demo, tmp_path):
    session = demo["sessions"][1]
    texts = pages(registry.render(db, "ballots", tmp_path / "b.pdf", ident=session))
    whole = flat("".join(texts))
    assert whole.count("表决票") == 36 and "No.036" in whole
    assert "页共" not in whole  # sheets are cut and handed out: no 第x页共y页 of the whole pile
    assert "候选人：" not in whole  # candidates are rows of the 选票, not lines of a resolution
    assert "选票：选举经费审查委员会委员（应选3人）" in whole
    assert whole.count("另选他人") >= 36 * 3
    assert "多选无效" in whole and "示例机械制造有限公司工会委员会" in whole
    assert "发票单位：第三届职工代表大会主席团" in whole and "（盖章）" in whole
    first = flat(texts[0])
    for name in ("刘建华", "陈晓燕", "赵志强"):
        assert name in first


def test_forty_item_ballots_run_on_with_page_numbers_per_ballot(db, edge, tmp_path):
    texts = pages(registry.render(db, "ballots", tmp_path / "b.pdf", ident=edge["session"]))
    copies = len(cg.session_delegates(db, edge["session"]))
    per = len(texts) // copies
    assert per >= 2 and per * copies == len(texts)
    for k in range(copies):
        ballot = texts[k * per:(k + 1) * per]
        serial = f"No.{k + 1:03d}"
        for i, t in enumerate(ballot, start=1):
            assert serial in flat(t) and f"第{i}页共{per}页" in flat(t)
        whole = flat("".join(ballot))
        for title in edge["titles"]:
            assert flat(title) in whole
        for name in ("欧阳建国", "司马晓燕", "诸葛志强", "上官文"):
            assert name in whole
        rows = whole.count("另选他人") - flat(election_rule(2)).count("另选他人")
        assert "应选2人" in whole and rows == 2 and "多选无效" in whole
        assert "发票单位" in whole and flat(LONG_UNION) in whole


# ---------------------------------------------------------------- 会议记录

def test_minutes_title_is_not_doubled(db, demo, tmp_path):
    session = demo["sessions"][1]
    whole = flat("".join(pages(registry.render(db, "minutes", tmp_path / "m.pdf", ident=session))))
    assert "第三届职工代表大会第二次会议记录" in whole
    assert "会议会议记录" not in whole
    assert registry.suggested_filename(db, "minutes", session) == "第三届职工代表大会第二次会议记录.pdf"


def test_minutes_of_forty_items_and_long_union_name(db, edge, tmp_path):
    texts = pages(registry.render(db, "minutes", tmp_path / "m.pdf", ident=edge["session"]))
    assert numbered(texts)
    whole = flat("".join(texts))
    for title in edge["titles"]:
        assert flat(title) in whole


# ---------------------------------------------------------------- 提案表

def _proposal(db, demo, content: str, title: str = "关于改善职工食堂伙食的提案") -> int:
    session = demo["sessions"][1]
    proposer, a, b = (d.id for d in cg.session_delegates(db, session)[:3])
    return pr.add_proposal(db, pr.Proposal(session, pr.next_number(db, session), title, proposer, [a, b], "welfare",
                                           content=content, reason="理由", measures="办法", submitted_on=cg.get_session(db, session).date))


def test_proposal_form_has_cosigner_signatures_and_reply_boxes(db, demo, tmp_path):
    pid = _proposal(db, demo, "食堂伙食需改善。")
    texts = pages(registry.render(db, "proposal", tmp_path / "p.pdf", ident=pid))
    whole = flat("".join(texts))
    assert "附议人签名" in whole and "1.＿" in whole and "2.＿" in whole
    assert "承办部门负责人签字" in whole and "承办部门盖章" in whole and "年月日" in whole
    assert numbered(texts)


def test_proposal_of_three_thousand_characters_loses_nothing(db, demo, tmp_path):
    text = "".join(f"第{n:04d}条意见：职工食堂应当提供营养均衡的饭菜。" for n in range(1, 140))[:3000]
    assert len(text) == 3000
    pid = _proposal(db, demo, text, title="关于" + "改善职工食堂伙食与就餐环境" * 4 + "的提案")
    texts = pages(registry.render(db, "proposal", tmp_path / "p.pdf", ident=pid))
    whole = flat("".join(texts))
    assert numbered(texts)
    # The cell continues on the next page (label（续）, footer and heading between, a sentence
    # may break across the pages), so: no character missing overall, and both ends on paper.
    from tests.pdf_check import lost_characters

    sentences = [flat(t) for t in text.split("。") if t]
    assert sentences[0] in whole and sentences[-1] in whole
    assert not lost_characters(text, texts)


# ---------------------------------------------------------------- 职工代表名册 and 签到表

def test_delegate_roster_has_personal_columns_and_composition(db, demo, tmp_path):
    texts = pages(registry.render(db, "delegates", tmp_path / "d.pdf", ident=demo["term"]))
    whole = flat("".join(texts))
    for head in ("年龄", "政治面貌", "文化程度", "职务"):
        assert head in whole
    assert "代表构成" in whole and "中层以上管理人员和领导人员不超过20%" in whole and "一线职工" in whole
    assert "女职工" in whole
    assert numbered(texts)


def test_signin_repeats_group_heading_and_numbers_pages(db, edge, tmp_path):
    # One big group: it must run on to the next page under its own heading.
    for d in cg.delegates(db, cg.get_session(db, edge["session"]).term_id):
        cg.update_delegate(db, d.id, category=d.category, group_name="第一代表团（生产系统各车间、班组及辅助生产单位）")
    texts = pages(registry.render(db, "signin", tmp_path / "s.pdf", ident=edge["session"]))
    assert len(texts) >= 2 and numbered(texts)
    for t in texts[1:]:
        assert "第一代表团（生产系统各车间、班组及辅助生产单位）（续）" in flat(t)
    whole = flat("".join(texts))
    for d in cg.session_delegates(db, edge["session"]):
        assert d.name in whole


FORMS = [("minutes", 1), ("signin", 1), ("resolutions", 1), ("proposals", 1), ("delegates", "term"), ("resolutions", "edge"), ("minutes", "edge")]


def _render_all(db, edge, demo, tmp_path):
    session = demo["sessions"][1]
    for name, which in FORMS:
        ident = demo["term"] if which == "term" else edge["session"] if which == "edge" else session
        yield name, pages(registry.render(db, name, tmp_path / f"{name}-{which}.pdf", ident=ident))


def test_every_congress_form_numbers_its_pages_under_a_long_union_name(db, edge, demo, tmp_path):
    for name, texts in _render_all(db, edge, demo, tmp_path):
        assert numbered(texts), name


def test_a_long_union_name_stays_on_the_page(db, edge, demo, tmp_path):
    for name, texts in _render_all(db, edge, demo, tmp_path):
        assert flat(LONG_UNION) in flat(texts[0]), name

"""Issue 9, aid paper: each fixed item read back from the PDF (pypdf)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from models import aid, aid_paper, clock
from models import aid_payments as ap
from models.org import get_profile, save_profile
from models.validation import mask_id_number, money_in_words
from reports import registry
from tests.conftest import make_id, give_income


def pages(path) -> list[str]:
    return ["".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]


def text(path) -> str:
    return "".join(pages(path))


def assert_numbered(path) -> None:
    got = pages(path)
    for i, page in enumerate(got, start=1):
        assert f"第{i}页共{len(got)}页" in page, f"page {i} of {path} has no page number"


@pytest.fixture
def org(db):
    p = get_profile(db)
    p.union_name, p.min_living_fen, p.phone = "测试工会", 93000, "0371-65550000"
    save_profile(db, p)
    return p


def open_case(db, name="王秀英", seq=1, opened="2024-01-10", **kw):
    kw.setdefault("main_cause", "major_illness")
    return aid.open_file(db, aid.Case(worker_name=name, worker_id_number=make_id(seq=seq, male=False), opened_on=opened, **kw))


def to_active(db, case_id, start="2024-01", tier="deep"):
    """Through the flow; the 22nd to the 26th of `start` must be Monday to Friday."""
    aid.advance(db, case_id, "visit", f"{start}-15", people="张三、李四", findings="住房简陋，家中有病人")
    aid.advance(db, case_id, "review", f"{start}-20")
    aid.advance(db, case_id, "notice", f"{start}-22", end_date=f"{start}-26", findings="公示期满无异议")
    give_income(db, case_id)
    aid.confirm_tier(db, case_id, tier, "" if tier == aid.assess(db, case_id)["suggested_tier"] else "委员会决定")
    aid.advance(db, case_id, "approve", f"{start}-29")


def pay(db, case_id, fen=100000, date="2024-02-10", **kw):
    return ap.record_payment(db, ap.Payment(case_id, kw.pop("aid_type", "living"), date, fen, "own", **kw), confirmed=True)


# ---------------------------------------------------------------- 1. approval

def test_voided_payment_prints_as_void_with_reason_and_date(db, org, tmp_path):
    cid = open_case(db)
    to_active(db, cid)
    pid = pay(db, cid)
    with clock.frozen("2024-03-05T09:00:00"):
        ap.void_payment(db, pid, "金额录入错误，已重新登记")
    out = text(registry.render(db, "aid-approval", tmp_path / "a.pdf", ident=pid))
    assert "已作废" in out and "金额录入错误，已重新登记" in out and "2024年3月5日作废" in out
    valid = pay(db, cid, date="2024-03-06")
    assert "已作废" not in text(registry.render(db, "aid-approval", tmp_path / "b.pdf", ident=valid))


def test_application_form_prints_before_any_money(db, org, tmp_path):
    cid = open_case(db, opened="2024-01-10")
    assert not ap.payments(db, cid)
    path = registry.render(db, "aid-application", tmp_path / "a.pdf", ident=cid)
    out = text(path)
    assert "王秀英" in out and "帮扶救助申请审批表" in out and "申请日期：2024年1月10日" in out
    assert "基层工会意见" in out and "上级工会意见" in out
    assert "发放日期年月日" in out  # left for the hand, not a payment's date
    assert "元整" not in out and "已作废" not in out
    assert_numbered(path)
    assert registry.FORMS["aid-application"].param == "case"


# ---------------------------------------------------------------- 2. the file

def test_file_prints_the_calculation_and_the_flow(db, org, tmp_path):
    cid = open_case(db, hardship_spending_fen=2_400_000)
    me = aid.household_members(db, cid)[0]
    me.monthly_income_fen, me.medical_insurance = 175000, "城镇职工医保"
    aid.update_household_member(db, me)
    aid.add_household_member(db, cid, aid.HouseholdMember("李强", "spouse", 35000))
    aid.add_household_member(db, cid, aid.HouseholdMember("李小", "child", 0))
    to_active(db, cid)
    aid.close_file(db, cid, "2025-06-30", "out_of_hardship", measure="就业援助后稳定就业")
    path = registry.render(db, "aid-file", tmp_path / "f.pdf", ident=cid)
    out = text(path)
    assert "人均月收入33.33元" in out
    # the deduction is written out, not hidden
    assert "（家庭月收入2,100.00元－因困刚性支出24,000.00元/年÷12）÷3人=33.33元/人·月" in out
    for fact in ("2024年1月15日", "张三、李四", "住房简陋，家中有病人", "2024年1月22日至2024年1月26日", "公示期满无异议",
                 "审批日期2024年1月29日", "退出日期2025年6月30日", "解困脱困", "就业援助后稳定就业", "城镇职工医保"):
        assert fact in out, fact
    for box in ("民族", "政治面貌", "户口类型", "医保状况", "自救能力", "致困原因类别", "解困脱困类别", "公示结果", "申请人签字", "内部资料注意保密"):
        assert box in out, box
    assert_numbered(path)


# ---------------------------------------------------------------- 3. yearly summary

def test_summary_counts_files_as_they_stood_that_year(db, org, tmp_path):
    with clock.frozen("2026-12-01T10:00:00"):
        a = open_case(db, "甲职工", seq=1, opened="2022-08-01")
        to_active(db, a, start="2022-08")  # 22–26 August 2022: Monday to Friday
        aid.close_file(db, a, "2025-03-31", "retired")
        b = open_case(db, "乙职工", seq=2, opened="2026-10-08")
        s2023 = dict(ap.file_counts(db, 2023))
        s2024 = dict(ap.file_counts(db, 2024))
        assert s2023["年末在档：深度困难"] == 1  # active all 2023, closed only in 2025
        assert sum(v for k, v in s2024.items() if k.startswith("年末")) == 1  # b (Oct 2026) is not there
        assert s2024["本年新申请"] == 0
        out = text(registry.render(db, "aid-summary", tmp_path / "s.pdf", ident=2023))
        assert "年末在档：深度困难1" in out and "2023年12月31日" in out
        assert dict(ap.file_counts(db, 2026))["本年新申请"] == 1
        assert b


# ---------------------------------------------------------------- 4. rounds of the same name

@pytest.fixture
def two_rounds(db, org):
    cases = []
    for i, name in enumerate(("赵一", "钱二", "孙三")):
        c = open_case(db, name, seq=i + 1)
        to_active(db, c)
        cases.append(c)
    r1, _ = ap.record_round(db, "春节送温暖", "warmth", "2025-01-18", [(cases[0], 50000), (cases[1], 50000)], funding_source="own", confirmed=True)
    r2, _ = ap.record_round(db, "春节送温暖", "warmth", "2026-01-18", [(cases[2], 80000)], funding_source="own", confirmed=True)
    return r1, r2


def test_rounds_of_one_name_are_told_apart_and_print_their_own(db, two_rounds, tmp_path):
    r1, r2 = two_rounds
    labels = {r["id"]: aid_paper.round_label(r) for r in aid_paper.round_choices(db)}
    assert labels[r1] != labels[r2]
    assert "2025-01-18" in labels[r1] and "2 人" in labels[r1] and "1,000.00" in labels[r1]
    assert "2026-01-18" in labels[r2] and "1 人" in labels[r2] and "800.00" in labels[r2]
    one, two = (text(registry.render(db, "aid-receipts", tmp_path / f"r{r}.pdf", ident=r)) for r in (r1, r2))
    assert "赵一" in one and "孙三" not in one and "孙三" in two and "赵一" not in two
    n1, n2 = (text(registry.render(db, "aid-notice", tmp_path / f"n{r}.pdf", ident=r)) for r in (r1, r2))
    assert "赵*" in n1 and "孙*" not in n1 and "孙*" in n2
    assert registry.suggested_filename(db, "aid-receipts", r1) != registry.suggested_filename(db, "aid-receipts", r2)


def test_round_picker_prints_the_chosen_round(qapp, db, db_path, two_rounds, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    import ui.widgets.printing as printing
    from ui.context import AppContext
    from ui.pages.aid import AidPage

    r1, r2 = two_rounds
    shown: list[list[str]] = []

    def pick(parent, title, label, items, *a, **k):
        shown.append(list(items))
        return next(x for x in items if "2025-01-18" in x), True

    printed: list[tuple[str, int]] = []
    monkeypatch.setattr(QInputDialog, "getItem", pick)
    monkeypatch.setattr(printing, "print_form", lambda parent, ctx, form, ident: printed.append((form, ident)))
    from ui.app import make_app

    make_app()
    page = AidPage(AppContext(db, db_path))
    qtbot.addWidget(page)
    page._print_round("aid-receipts")
    page._print_round("aid-notice")
    assert printed == [("aid-receipts", r1), ("aid-notice", r1)]
    assert len(set(shown[0])) == 2


# ---------------------------------------------------------------- 5. receipts and notices

def test_receipt_sheet_masks_ids_and_has_proxy_date_and_fingerprint(db, two_rounds, tmp_path):
    r1, _ = two_rounds
    path = registry.render(db, "aid-receipts", tmp_path / "r.pdf", ident=r1)
    out = text(path)
    for row in ap.round_rows(db, r1):
        assert row["worker_id_number"] not in out
        assert mask_id_number(row["worker_id_number"]) in out
        assert row["worker_id_number"][6:14] not in out  # no birth date beside a masked ID
    for word in ("领取日期", "代领人及关系", "签字或手印"):
        assert word in out
    assert_numbered(path)


def test_single_payment_gets_a_receipt_sheet(db, org, tmp_path):
    cid = open_case(db)
    to_active(db, cid)
    pid = pay(db, cid, 123400, aid_type="medical")
    out = text(registry.render(db, "aid-payment-receipt", tmp_path / "p.pdf", ident=pid))
    assert "王秀英" in out and "医疗救助" in out and money_in_words(123400) in out and "签字或手印" in out
    assert aid.get_case(db, cid).worker_id_number not in out
    ap.void_payment(db, pid, "重复登记")
    assert "已作废" in text(registry.render(db, "aid-payment-receipt", tmp_path / "v.pdf", ident=pid))


def test_round_notice_has_issuer_date_and_seal(db, two_rounds, tmp_path):
    r1, _ = two_rounds
    out = text(registry.render(db, "aid-notice", tmp_path / "n.pdf", ident=r1))
    assert "发布单位：测试工会" in out and "发布日期：2025年1月18日" in out and "（盖章）" in out


# ---------------------------------------------------------------- 6. a new file's notice

def test_new_file_notice_is_masked(db, org, tmp_path):
    cid = open_case(db, "欧阳秀英", department="生产一车间")
    aid.advance(db, cid, "visit", "2024-01-15", people="张三、李四", findings="家中有病人")
    aid.advance(db, cid, "review", "2024-01-20")
    aid.advance(db, cid, "notice", "2024-01-22", end_date="2024-01-26")
    path = registry.render(db, "aid-case-notice", tmp_path / "c.pdf", ident=cid)
    out = text(path)
    assert "困难职工建档公示" in out and "2024年1月22日至2024年1月26日" in out and "欧**英" in out
    assert "欧阳秀英" not in out and aid.get_case(db, cid).worker_id_number[6:] not in out
    for word in ("收入", "疾病", "病人", "家庭成员"):
        assert word not in out
    assert "发布单位" in out and "（盖章）" in out
    assert_numbered(path)


# ---------------------------------------------------------------- 7. edge data

LONG_UNION = ("中华全国总工会河南省郑州市高新技术产业开发区管理委员会所属示例机械装备制造有限责任公司第一分公司及所属各厂基层工会联合委员会")


@pytest.fixture
def edge(db, org):
    p = get_profile(db)
    p.union_name = LONG_UNION
    save_profile(db, p)
    assert len(p.union_name) == 62
    cid = open_case(
        db, "欧阳慕容秀英", address="本市高新技术产业开发区科学大道与长椿路交叉口向北五百米路东示例小区三十二号楼二单元十五层一五零二室（房屋为租赁，租期至二〇二七年）",
        department="装备制造事业部第三生产车间（精密加工工段）", hardship_spending_fen=3_600_000, tier_reason="",
    )
    me = aid.household_members(db, cid)[0]
    me.monthly_income_fen = 210000
    aid.update_household_member(db, me)
    relations = ("spouse", "child", "child", "child", "parent", "parent", "other", "other")
    for i, rel in enumerate(relations):
        aid.add_household_member(db, cid, aid.HouseholdMember(
            f"欧阳家属{i + 1}号", rel, 10000 * i, occupation=f"郑州市第{i + 1}中学高中部二年级（寄宿，学费及住宿费每学期三千二百元）"))
    aid.advance(db, cid, "visit", "2024-01-15", people="工会主席张大山、工会女工委员李小梅、车间主任王建国",
                findings="家中二人长期患病需常年服药，一人残疾，三名子女在校就读，住房为租赁，家具陈旧，收入主要靠申请人工资，每月医疗支出约三千元。" * 2)
    aid.advance(db, cid, "review", "2024-01-20")
    aid.advance(db, cid, "notice", "2024-01-22", end_date="2024-01-26", findings="公示期间收到一条询问，经核实情况属实，无异议。")
    give_income(db, cid)
    aid.confirm_tier(db, cid, "deep", "委员会决定")
    aid.advance(db, cid, "approve", "2024-01-29")
    voided = pay(db, cid, 300000, note="申请理由：" + "配偶与父亲同时住院治疗，自付医疗费用较高，家庭无力承担，特申请医疗救助。" * 3, aid_type="medical")
    ap.void_payment(db, voided, "金额应为两千元，误录为三千元，已作废后重新登记（见二月十日记录）")
    others = []
    for i in range(44):
        c = open_case(db, f"职工{i:02d}号", seq=i + 2, department="第二生产车间", main_cause="laid_off")
        to_active(db, c)
        others.append(c)
    rid, _ = ap.record_round(db, "2025年春节送温暖", "warmth", "2025-01-18", [(c, 50000 + i) for i, c in enumerate([cid, *others])],
                             funding_source="own", confirmed=True, notice_start="2025-01-06", notice_end="2025-01-10")
    return {"case": cid, "voided": voided, "round": rid}


def off_page(path) -> list[tuple[int, str]]:
    """Text drawn past a page's left or right edge (lost on paper though pypdf still reads
    it): width estimated as one em per CJK character and half an em for others."""
    bad: list[tuple[int, str]] = []
    for n, page in enumerate(PdfReader(str(path)).pages, start=1):
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, n=n, width=width):
            if text.strip():
                x = tm[4] * cm[0] + cm[4]
                w = sum(1.0 if ord(ch) > 0x2E80 else 0.5 for ch in text) * size * tm[0] * cm[0]
                if x < -0.5 or x + w > width + 0.5:
                    bad.append((n, text))

        page.extract_text(visitor_text=visit)
    return bad


def _no_loss(out: str, *needles: str) -> None:
    for n in needles:
        assert "".join(n.split()) in out, n


EDGE_FORMS = ["aid-file", "aid-application", "aid-approval", "aid-receipts", "aid-payment-receipt", "aid-notice", "aid-case-notice", "aid-summary"]


def _edge_ident(edge: dict, form: str) -> int:
    return {"aid-file": edge["case"], "aid-application": edge["case"], "aid-case-notice": edge["case"], "aid-approval": edge["voided"],
             "aid-payment-receipt": edge["voided"], "aid-receipts": edge["round"], "aid-notice": edge["round"], "aid-summary": 2025}[form]


@pytest.mark.parametrize("form", EDGE_FORMS)
def test_edge_data_loses_nothing_and_numbers_every_page(db, edge, tmp_path, form):
    path = registry.render(db, form, tmp_path / f"{form}.pdf", ident=_edge_ident(edge, form))
    out = text(path)
    assert_numbered(path)
    _no_loss(out, LONG_UNION)
    case = aid.get_case(db, edge["case"])
    if form == "aid-file":
        _no_loss(out, case.address, case.department, *(h.name for h in aid.household_members(db, edge["case"])),
                 *(h.occupation for h in aid.household_members(db, edge["case"])),
                 aid_paper.case_facts(db, edge["case"])["visit"]["findings"], aid_paper.case_facts(db, edge["case"])["visit"]["people"])
        assert "÷9人" in out
    if form in ("aid-approval", "aid-payment-receipt"):
        p = ap.get_payment(db, edge["voided"])
        _no_loss(out, "已作废", p.void_reason, case.worker_name)
        if form == "aid-approval":
            _no_loss(out, p.note)
    if form == "aid-receipts":
        rows = ap.round_rows(db, edge["round"])
        assert len(rows) == 45 and len(pages(path)) > 1
        _no_loss(out, *(r["worker_name"] for r in rows), case.department)
    if form == "aid-notice":
        rows = ap.notice_rows(db, edge["round"])
        _no_loss(out, *(r["name"] for r in rows), *(r["id_number"] for r in rows))


@pytest.mark.parametrize("form", EDGE_FORMS)
def test_edge_data_stays_on_the_page(db, edge, tmp_path, form):
    path = registry.render(db, form, tmp_path / f"{form}.pdf", ident=_edge_ident(edge, form))
    assert off_page(path) == []


def test_a_recorded_round_offers_its_notice_and_receipts(qapp, db, db_path, two_rounds, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import ui.widgets.printing as printing
    from ui.app import make_app
    from ui.context import AppContext
    from ui.pages.aid import AidPage

    make_app()
    r1, r2 = two_rounds
    clicks = iter(["打印公示名单…", "打印签收表…", "以后再说"])
    chosen: dict = {}

    def exec_(box):
        want = next(clicks)
        chosen["button"] = next(b for b in box.buttons() if b.text() == want)
        return 0

    printed: list[tuple[str, int]] = []
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: chosen["button"])
    monkeypatch.setattr(printing, "print_form", lambda parent, ctx, form, ident: printed.append((form, ident)))
    page = AidPage(AppContext(db, db_path))
    qtbot.addWidget(page)
    page._offer_round_forms(r2)
    assert printed == [("aid-notice", r2), ("aid-receipts", r2)]


def test_case_window_prints_a_payment_receipt_or_its_round(qapp, db, db_path, two_rounds, qtbot, monkeypatch):
    from ui.app import make_app
    from ui.context import AppContext
    from ui.dialogs.aid_case import CaseWindow

    make_app()
    r1, _ = two_rounds
    case_id = ap.round_rows(db, r1)[0]["case_id"]
    single = pay(db, case_id, 20000, date="2025-03-01")
    in_round = next(p.id for p in ap.payments(db, case_id) if p.round_id == r1)
    w = CaseWindow(AppContext(db, db_path), case_id)
    qtbot.addWidget(w)
    printed: list[tuple[str, int]] = []
    monkeypatch.setattr(w, "_print", lambda form, ident: printed.append((form, ident)))
    for key in (single, in_round):
        w.payments.select_key(key)
        w.print_receipt()
    assert printed == [("aid-payment-receipt", single), ("aid-receipts", r1)]

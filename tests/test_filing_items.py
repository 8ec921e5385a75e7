"""Small items of the yearly filing: 模范职工之家 as a level, 会员卡发放数 as cards issued in the year."""

from __future__ import annotations

import pytest

from models import clock, filing, filing_store
from models.filing_form import BY_CODE
from models.validation import ValidationError


@pytest.fixture(autouse=True)
def _march_2026():
    with clock.frozen("2026-03-15T10:00:00"):
        yield


def shown(db, code: str, year: int = 2025) -> str:
    return filing.display(BY_CODE[code], filing.compute(db, year).values[code])


@pytest.mark.parametrize("typed, stored, words", [
    ("省级", 4, "省级"), ("全国模范职工之家", 5, "全国"), ("县（区）级", 2, "县级"), ("地市级", 3, "市级"), ("未获评", 0, "未获评"), ("否", 0, "未获评"),
])
def test_model_home_is_a_level(db, typed, stored, words):
    assert filing.save_manual(db, 2025, {"model_home": typed}) == 1
    assert filing.manual_values(db, 2025)["model_home"] == stored
    assert shown(db, "model_home") == words
    assert filing_store.export_data(db, 2025)["values"]["model_home"] == stored


@pytest.mark.parametrize("typed", ["是", "1", "优秀", "-1", 3.5])
def test_a_bad_level_is_refused_naming_the_choices(db, typed):
    filing.save_manual(db, 2025, {"model_home": "市级"})
    with pytest.raises(ValidationError) as e:
        filing.save_manual(db, 2025, {"model_home": typed, "cadres_full": 2})
    assert "模范职工之家" in str(e.value) and "“全国”、“省级”、“市级”、“县级”、“未获评”" in str(e.value) and e.value.key == "model_home"
    assert filing.manual_values(db, 2025) == {"model_home": 3}  # nothing changed, the other entry neither


def test_a_yes_stored_before_stays_readable_and_is_flagged(db):
    """A ledger that typed 是 for 是否获评模范职工之家 (form 2026.1) keeps its 1: it reads as
    获评 with the level missing, the table asks for the level, and the export shows the words."""
    from models import audit

    stamp = audit.now()
    with db.atomic():
        audit.insert_row(db, "filing_manual", {"year": 2025, "code": "model_home", "value": 1, "created_at": stamp, "updated_at": stamp})
    table = filing.compute(db, 2025)
    assert filing.display(BY_CODE["model_home"], table.values["model_home"]) == "已获评（级别未填写）"
    assert any("以前填的是“是”，请改填获评级别" in w for w in table.warnings)
    rows = {r["code"]: r["value"] for r in filing_store.export_data(db, 2025)["rows"]}
    assert rows["model_home"] == "已获评（级别未填写）"
    filing.save_manual(db, 2025, {"model_home": "省级"})
    assert not any("以前填的是" in w for w in filing.compute(db, 2025).warnings)


# ---------------------------------------------------------------- 会员卡发放数: cards issued in the year

def _member(db, seq: int, **kw) -> int:
    from models.members import add_member
    from tests.conftest import make_id, member

    return add_member(db, member(f"会员{seq}", id_number=make_id(seq=seq), **kw))


def cards(db, year: int = 2025) -> tuple[int, list[str]]:
    from models.filing_records import records

    value = filing.compute(db, year).values["member_cards"]
    rows = records(db, year, "member_cards")[1]
    assert len(rows) == value  # the list behind the figure is the figure
    return value, [r[4] for r in rows]


def test_cards_count_by_their_issue_day(db):
    from dataclasses import replace

    from models.member_void import void_member
    from models.members import get_member, update_member

    _member(db, 1, card_number="6222000000000001", card_issued_on="2025-03-01")  # 2025
    _member(db, 2, card_number="6222000000000002", card_issued_on="2024-12-31")  # 2024
    _member(db, 3, card_number="6222000000000003", card_issued_on="2025-12-20")  # typed in 2026 about 2025: counts in 2025
    gone = _member(db, 4, card_number="6222000000000004", card_issued_on="2025-05-05")
    void_member(db, gone, "重复录入")  # entered by mistake: counts nowhere
    plain = _member(db, 5, card_number="6222000000000005")  # no day known
    renewed = _member(db, 6, card_number="6222000000000006", card_issued_on="2025-07-01")
    # a new card in 2026 (no day typed: issued the day the change takes effect); the 2025 card still counts in 2025
    update_member(db, replace(get_member(db, renewed), card_number="6222000000000066"), effective="2026-02-01")
    assert get_member(db, renewed).card_issued_on == "2026-02-01"
    assert cards(db) == (3, ["2025-03-01", "2025-07-01", "2025-12-20"])
    assert cards(db, 2024) == (1, ["2024-12-31"])
    assert cards(db, 2026) == (1, ["2026-02-01"])
    table = filing.compute(db, 2025)
    assert any("有 1 名会员有会员卡号但没有发卡日期" in w for w in table.warnings)
    # the card given its day: counted, and the warning goes
    update_member(db, replace(get_member(db, plain), card_issued_on="2025-09-09"), corrected=["card_issued_on"])
    assert cards(db)[0] == 4 and not any("没有发卡日期" in w for w in filing.compute(db, 2025).warnings)
    # a typo in the card number is the same card: its day stays
    update_member(db, replace(get_member(db, plain), card_number="6222000000000055"), corrected=["card_number"])
    assert get_member(db, plain).card_issued_on == "2025-09-09"


def test_card_day_is_checked(db):
    with pytest.raises(ValidationError, match="发卡日期：没有会员卡号时不能填写发卡日期"):
        _member(db, 1, card_issued_on="2025-03-01")
    with pytest.raises(ValidationError, match="发卡日期：2026-05-01 晚于今天"):
        _member(db, 2, card_number="6222", card_issued_on="2026-05-01")
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 0


def test_the_cards_check_asks_for_a_reason_when_more_cards_than_members(db):
    from models import membership
    from models.filing_checks import run_checks

    left = _member(db, 1, card_number="6222000000000001", card_issued_on="2025-03-01")
    membership.record_event(db, left, "transfer_out", "2025-10-01", reason="labour_change", other_union="某公司工会")
    result = next(r for r in run_checks(filing.compute(db, 2025).values) if r.code == "cards")
    assert result.ok is False and "如有补发、换发或年内离会会员的卡，请说明" in result.message


def test_import_reads_the_card_day(db, tmp_path):
    from openpyxl import Workbook

    from models.member_import import apply_import, plan_import
    from tests.conftest import make_id

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份号码", "入会日期", "会员卡号", "发卡日期"])
    ws.append(["王芳", make_id(seq=1, male=False), "2010-03-01", "6222000000000001", "2025年4月8日"])
    ws.append(["李强", make_id(seq=2), "2010-03-01", "6222000000000002", "2026-09-01"])  # after today
    wb.save(tmp_path / "名册.xlsx")
    plan = plan_import(db, tmp_path / "名册.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [(3, "发卡日期")] and "晚于今天" in plan.problems[0].message
    apply_import(db, plan)
    assert cards(db) == (1, ["2025-04-08"])


def test_the_upgrade_dates_cards_from_their_dated_changes(tmp_path, monkeypatch):
    """A ledger of version 14: a card number given by a dated change gets that day; one held
    from the start stays without a day (and the filing says so)."""
    from dataclasses import replace

    from models import migrations
    from models.db import open_database
    from models.members import get_member, update_member
    from tests.conftest import make_id, member, write_old_member_columns

    path = tmp_path / "old.db"
    mine = migrations.MIGRATIONS.index(migrations.m015_card_issued_on)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:mine])
    db = open_database(path)
    write_old_member_columns(db, monkeypatch)
    a = _member(db, 1)
    # (get_member reads today's columns: the member as entered, with its id)
    update_member(db, replace(member("会员1", id_number=make_id(seq=1)), id=a, card_number="6222000000000001"), effective="2025-06-01")
    b = _member(db, 2, card_number="6222000000000002")  # from the start
    db.close()
    monkeypatch.undo()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
    assert (get_member(db, a).card_issued_on, get_member(db, b).card_issued_on) == ("2025-06-01", "")
    assert cards(db) == (1, ["2025-06-01"])
    assert any("有 1 名会员有会员卡号但没有发卡日期" in w for w in filing.compute(db, 2025).warnings)
    db.close()


def test_the_member_window_takes_the_card_day(qapp, qtbot, db):
    """A new card typed in the member window: the day it was issued is asked beside it, and
    without one the card dates from the change's 生效日期."""
    from models import member_time
    from models.members import get_member
    from ui.dialogs.member_dialog import MemberDialog

    mid = _member(db, 1)
    d = MemberDialog(db, mid)
    qtbot.addWidget(d)
    assert "card_issued_on" in d.form.editors
    d.form.set_value("card_number", "6222000000000001")
    d.form.set_value("card_issued_on", "2025-11-20")
    assert not d.change_box.isHidden() and "发卡日期" in d.changed_fields.text()
    d.change_form.set_value("effective", "2025-11-20")
    d.save()
    assert (get_member(db, mid).card_number, get_member(db, mid).card_issued_on) == ("6222000000000001", "2025-11-20")
    assert member_time.member_as_of(db, mid, "2025-11-19")["card_number"] == ""
    assert cards(db) == (1, ["2025-11-20"])

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

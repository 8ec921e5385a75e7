"""The measure of hardship and the tier it suggests (domain §4), apart from the file's flow.

(household yearly income − hardship spending) ÷ 12 ÷ household size, compared with the
local 低保. A household whose income was never entered (every member at 0) is not a
household with no income: nothing can be measured, so no tier is suggested and the file
cannot be approved until the income is filled in (models.aid.advance)."""

from __future__ import annotations

from typing import Protocol, Sequence

from models import codes

NO_INCOME = "缺少收入数据，无法建议等级"


class _Earner(Protocol):
    monthly_income_fen: int


def has_income(household: Sequence[_Earner]) -> bool:
    """Whether any income was entered for the household (a member's monthly income above 0)."""
    return any(h.monthly_income_fen > 0 for h in household)


def per_capita_monthly_fen(household: Sequence[_Earner], hardship_spending_fen_year: int = 0) -> int:
    """(yearly income − hardship spending) ÷ 12 ÷ household size, in fen (never below 0)."""
    size = len(household)
    if size == 0:
        return 0
    yearly = sum(h.monthly_income_fen for h in household) * 12
    return max(0, (yearly - hardship_spending_fen_year) // 12 // size)


def suggest_tier(per_capita_fen: int, min_living_fen: int, multiplier: float, causes: list[str]) -> str | None:
    """The tier the rules suggest, or None when the household does not qualify."""
    if not causes:
        return None
    if min_living_fen > 0:
        if per_capita_fen <= min_living_fen:
            return "deep"
        if per_capita_fen <= int(round(min_living_fen * multiplier)):
            return "relative"
    if any(c in codes.SUDDEN_CAUSES for c in causes):
        return "accident"
    return None


def suggestion_text(tier: str | None, *, income_missing: bool = False) -> str:
    """How the suggestion reads on screen and on paper."""
    if income_missing:
        return NO_INCOME
    return codes.AID_TIER.label(tier) if tier else "不符合建档条件"

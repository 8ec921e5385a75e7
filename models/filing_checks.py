"""Logic checks of the yearly table (the offline filling tool's 逻辑校验), run before filing.

The checks themselves are data (models.filing_form.CHECKS); here they are applied to
a table's values: a figure that is not entered yet leaves its check unchecked
(neither passed nor failed). A failing check does not stop the filing: it warns, and
filing anyway needs a written reason for it (models.filing_store.freeze).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping

from models.filing_form import BY_CODE, CHECKS, Check
from models.filing import display


@dataclass(frozen=True)
class CheckResult:
    code: str
    ok: bool | None  # None: a figure it needs is not entered
    message: str  # the rule, in Chinese
    detail: str  # the figures compared, or what is missing

    @property
    def status(self) -> str:
        return "通过" if self.ok else ("未检查" if self.ok is None else "不通过")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _side(expr: str, values: Mapping[str, Any]) -> tuple[int | None, str, list[str]]:
    """The sum of the indicators named in `expr` ("a+b"), its wording, and those not entered."""
    codes = expr.split("+")
    missing = [BY_CODE[c].label for c in codes if not isinstance(values.get(c), int)]
    words = "＋".join(BY_CODE[c].label.removeprefix("其中：") for c in codes)
    if missing:
        return None, words, missing
    return sum(int(values[c]) for c in codes), words, []


def _shown(expr: str, total: int) -> str:
    first = BY_CODE[expr.split("+")[0]]
    return display(first, total)


def run_check(check: Check, values: Mapping[str, Any]) -> CheckResult:
    left, left_words, left_missing = _side(check.left, values)
    right, right_words, right_missing = _side(check.right, values)
    if left is None or right is None:
        missing = "、".join(left_missing + right_missing)
        return CheckResult(check.code, None, check.message, f"{missing}未填写，未检查")
    ok = left <= right
    sign = "≤" if ok else "＞"
    detail = f"{left_words} {_shown(check.left, left)} {sign} {right_words} {_shown(check.right, right)}"
    return CheckResult(check.code, ok, check.message, detail)


def run_checks(values: Mapping[str, Any]) -> list[CheckResult]:
    """Every check of the form on these values, in the form's order."""
    return [run_check(check, values) for check in CHECKS]


def failing(results: list[CheckResult]) -> list[CheckResult]:
    return [r for r in results if r.ok is False]

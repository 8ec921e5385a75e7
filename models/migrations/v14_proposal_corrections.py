"""Migration 14: a proposal entered by mistake is voided with a reason, never deleted."""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import _run


def m014_proposal_corrections(db: Database) -> None:
    """- proposals.voided_at / void_reason: a proposal entered by mistake (twice, in the wrong
      session) leaves the lists, the 提案处理情况汇总表 and the yearly figures; its number stays
      taken and its record stays readable in the change log."""
    _run(
        db,
        """
ALTER TABLE proposals ADD COLUMN voided_at TEXT;
ALTER TABLE proposals ADD COLUMN void_reason TEXT;
""",
    )

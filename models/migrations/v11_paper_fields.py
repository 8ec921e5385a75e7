"""Migration 11: the fields the real forms have (职务/职称, 自救能力, 代领人, 无记名投票) and
voids for agenda items and delegates entered by mistake."""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import _run, code_checks


def m011_paper_fields(db: Database) -> None:
    """Columns the printed forms showed as blank boxes, and two corrections.

    - members.job_title (职务) and members.pro_title (职称): free text, as rosters write them.
    - aid_cases.self_help (自救能力): a coded column ('' until filled in).
    - aid_payments.proxy_name / proxy_relation (代领人, 与本人关系): who collected the
      money when the worker could not.
    - resolutions.is_secret (无记名投票): ballots of a secret vote carry serial numbers.
    - agenda_items and delegates gain voided_at / void_reason: an item or a delegate
      entered by mistake is voided with a reason, never deleted (votes and sign-ins
      refer to them).
    """
    _run(
        db,
        """
ALTER TABLE members ADD COLUMN job_title TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN pro_title TEXT NOT NULL DEFAULT '';
ALTER TABLE aid_cases ADD COLUMN self_help TEXT NOT NULL DEFAULT '';
ALTER TABLE aid_payments ADD COLUMN proxy_name TEXT NOT NULL DEFAULT '';
ALTER TABLE aid_payments ADD COLUMN proxy_relation TEXT NOT NULL DEFAULT '';
ALTER TABLE resolutions ADD COLUMN is_secret INTEGER NOT NULL DEFAULT 0 CHECK (is_secret IN (0, 1));
ALTER TABLE agenda_items ADD COLUMN voided_at TEXT;
ALTER TABLE agenda_items ADD COLUMN void_reason TEXT;
ALTER TABLE delegates ADD COLUMN voided_at TEXT;
ALTER TABLE delegates ADD COLUMN void_reason TEXT;
""",
    )
    code_checks(
        db,
        [("aid_cases", "self_help", "自救能力", True, ("able", "partial", "unable"), False)],
    )

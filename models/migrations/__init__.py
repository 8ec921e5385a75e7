"""Schema migrations, applied in order, each in one transaction.

MIGRATIONS[n - 1] brings a file from version n - 1 to n. Never edit a migration
that has shipped: add a new one at the end. Money columns are integer fen,
dates are ISO text; records with legal or financial weight carry void columns
instead of being deleted.

Each migration lives in its own module (v1_core.py …); this package keeps the
ordered list. A new migration is a new module whose function is appended below.
"""

from __future__ import annotations

from typing import Callable

from sqlite_utils import Database

from models.migrations._helpers import _log, _run  # noqa: F401  (kept importable from here)
from models.migrations.v1_core import m001_core
from models.migrations.v2_congress import m002_congress
from models.migrations.v3_aid import m003_aid
from models.migrations.v4_aid_history import _aid_history, m004_aid_history  # noqa: F401
from models.migrations.v5_fk_indexes import m005_foreign_key_indexes
from models.migrations.v6_frozen_votes import m006_frozen_votes
from models.migrations.v7_trail_codes_workforce import m007_trail_codes_workforce
from models.migrations.v8_member_history import m008_member_history
from models.migrations.v9_disclosure import m009_disclosure
from models.migrations.v10_innovation import m010_innovation
from models.migrations.v11_paper_fields import m011_paper_fields
from models.migrations.v12_member_batches import m012_member_batches
from models.migrations.v13_filing import m013_filing
from models.migrations.v14_proposal_corrections import m014_proposal_corrections
from models.migrations.v15_card_issued_on import m015_card_issued_on

MIGRATIONS: list[Callable[[Database], None]] = [
    m001_core,
    m002_congress,
    m003_aid,
    m004_aid_history,
    m005_foreign_key_indexes,
    m006_frozen_votes,
    m007_trail_codes_workforce,
    m008_member_history,
    m009_disclosure,
    m010_innovation,
    m011_paper_fields,
    m012_member_batches,
    m013_filing,
    m014_proposal_corrections,
    m015_card_issued_on,
]

"""Versioned schema migrations, one module per version.

Each step runs in its own transaction through sqlite-utils ``Migrations`` and stamps
``PRAGMA user_version`` with the version it reached, so the file itself says which
program version can read it.  Steps are append-only: never edit a released one;
a change is a new ``vNNNN_<what>.py`` added to :data:`STEPS`.
"""

from __future__ import annotations

from sqlite_utils import Migrations

from villagedesk.store.migrations import (
    v0001_register,
    v0002_committee,
    v0003_points,
    v0004_meetings,
    v0005_notices,
    v0006_sync,
    v0007_package_audit,
    v0008_trust,
    v0009_calendar_black_board,
    v0010_redemption_reversals,
    v0011_person_pinyin,
    v0012_request_owners,
    v0013_accounts,
    v0014_signatures,
    v0015_statement_index,
    v0016_county,
)

STEPS = (v0001_register, v0002_committee, v0003_points, v0004_meetings, v0005_notices, v0006_sync,
         v0007_package_audit, v0008_trust, v0009_calendar_black_board,
         v0010_redemption_reversals, v0011_person_pinyin, v0012_request_owners,
         v0013_accounts, v0014_signatures, v0015_statement_index, v0016_county)
SCHEMA_VERSION = len(STEPS)

migrations = Migrations("villagedesk")
for step in STEPS:
    migrations(name=step.NAME)(step.migrate)

__all__ = ["SCHEMA_VERSION", "STEPS", "migrations"]

"""Schema version 14: who signed a points period's lock, and who drafted a notice (issue 17).

A second signature at the same desk (docs/SECURITY.md "Signatures"): the account that recorded or
drafted the work never reviews it, and the audit row of a review or a lock names both. A lock had
only its day, a notice only its reviewer; ``point_periods.locked_by`` and ``notices.drafted_by``
hold the signer's and the drafter's name as core.accounts.signatures writes it (王五（wangwu）, or
the name typed in a database without accounts). Older rows stay empty: core reads a notice's
drafter from its audit then.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import stamp

NAME = "0014_signatures"


def migrate(db: Database) -> None:
    db.execute("ALTER TABLE point_periods ADD COLUMN locked_by TEXT")
    db.execute("ALTER TABLE notices ADD COLUMN drafted_by TEXT")
    stamp(db, 14)

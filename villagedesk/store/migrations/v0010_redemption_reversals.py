"""Schema version 10: a wrong redemption is voided by a reversal row; several items are redeemed at once.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, stamp

NAME = "0010_redemption_reversals"

_COLUMNS = "id, uid, created_at, updated_at, household_id, goods_id, quantity, points, redeemed_on, note"


def migrate(db: Database) -> None:
    # SQLite cannot change a CHECK in place: the table is rebuilt under the same name, rows and ids
    # kept.  Nothing references redemptions, so the rebuild breaks no foreign key.
    statements = [
        # A reversal (docs/DOMAIN.md §2.4) is a row of its own, like a points reversal: the same
        # household, goods and day as the redemption it voids (reverses_id, at most one), the
        # quantity and points negated, so every sum of redemptions nets it out; ``reason`` says why.
        # ``basket`` is shared by the items of one redemption made at once (one slip).
        f"""CREATE TABLE redemptions_rebuilt (
            {RECORD_COLUMNS},
            household_id INTEGER NOT NULL REFERENCES households(id),
            goods_id INTEGER NOT NULL REFERENCES shop_goods(id),
            quantity INTEGER NOT NULL,
            points INTEGER NOT NULL,
            redeemed_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            reverses_id INTEGER UNIQUE REFERENCES redemptions(id),
            reason TEXT NOT NULL DEFAULT '',
            basket TEXT,
            CHECK ((reverses_id IS NULL AND quantity > 0 AND points > 0)
                   OR (reverses_id IS NOT NULL AND quantity < 0 AND points < 0 AND reason != ''))
        )""",
        f"INSERT INTO redemptions_rebuilt ({_COLUMNS}) SELECT {_COLUMNS} FROM redemptions",
        "DROP TABLE redemptions",
        "ALTER TABLE redemptions_rebuilt RENAME TO redemptions",
        "CREATE INDEX redemptions_household ON redemptions(household_id, redeemed_on)",
        "CREATE INDEX redemptions_basket ON redemptions(basket) WHERE basket IS NOT NULL",
        # Spent points are history: a redemption is voided by its reversal, never changed or deleted.
        """CREATE TRIGGER redemptions_never_changed BEFORE UPDATE ON redemptions
           BEGIN SELECT RAISE(ABORT, 'redemptions are never changed: void one by a reversal'); END""",
        """CREATE TRIGGER redemptions_never_deleted BEFORE DELETE ON redemptions
           BEGIN SELECT RAISE(ABORT, 'redemptions are never deleted: void one by a reversal'); END""",
    ]
    for sql in statements:
        db.execute(sql)
    stamp(db, 10)

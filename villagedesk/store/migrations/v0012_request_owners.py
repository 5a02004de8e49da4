"""Schema version 12: the requests board's owner filter read off one index, not the whole table.

The filter lists everyone in charge of a request with how many they still have open
(core/requests/lists.owners): grouped over the table, 0.2 s on a large village each time the
page was read (issue 18, "Performance").  An index holding owner_id, owner and status answers it
without touching the table; it also serves every ``owner_id = ?`` the old one-column index did.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import stamp

NAME = "0012_request_owners"


def migrate(db: Database) -> None:
    db.execute("CREATE INDEX requests_owner_open ON requests(owner_id, owner, status)")
    db.execute("DROP INDEX requests_owner")
    stamp(db, 12)

"""SQLite storage: opening, locking, migrations, backups, checks. No Qt here."""

from villagedesk.store.database import Store, open_store, restore

__all__ = ["Store", "open_store", "restore"]

"""SQLite storage: opening, locking, migrations, backups, checks. No Qt here."""

from villagedesk.store.database import DamagedDatabase, Store, open_store, restore, restore_damaged

__all__ = ["DamagedDatabase", "Store", "open_store", "restore", "restore_damaged"]

"""SQLite storage: opening, locking, migrations, backups, checks. No Qt here."""

from villagedesk.store.database import (
    DamagedDatabase,
    KeyRequired,
    Store,
    WrongKey,
    is_encrypted,
    open_store,
    restore,
    restore_damaged,
)

__all__ = ["DamagedDatabase", "KeyRequired", "Store", "WrongKey", "is_encrypted", "open_store", "restore",
           "restore_damaged"]

"""Writing a village's USB package (see ``layout`` for what is inside).

What changed since the previous package is every record whose ``updated_at``
is at or after the moment the previous package began, or which the audit table
names since then — the first catches bulk writes that audit a batch at once,
the second a laptop clock set back.  A record sent twice is harmless: the
township's import is idempotent by ``uid``.

The zip is written into a temporary file on the laptop's own disk, signed (the
manifest, with the village's key) and then sealed for the township the village
joined, streamed onto the stick beside its final name and renamed only once
complete and synced (``atomic_output``); the package is recorded in the
village's database in the same transaction, so a failed write leaves neither
file nor record.  docs/PACKAGES.md, "A package (format version 2)".

The highest sequence ever sent is also kept beside the database
(``<database>.packages.json``), outside what restoring a backup brings back: the
package after a restore is numbered after it, full, and says why
(docs/PACKAGES.md, "After a restore").
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson

from villagedesk import __version__, clock
from villagedesk.core.common import records, village
from villagedesk.core.points.ledger import chain_head
from villagedesk.core.township import keys
from villagedesk.core.township.figures import village_figures
from villagedesk.documents.atomic import atomic_output
from villagedesk.documents.package import messages
from villagedesk.documents.package.layout import (
    AUDIT,
    DELETED,
    FIGURES,
    FORMAT_VERSION,
    LOCAL_TABLES,
    MANIFEST,
    SIGNATURE,
    data_file,
    package_name,
)
from villagedesk.documents.package.seal import seal
from villagedesk.errors import UserError, os_reason
from villagedesk.store import Store

Progress = Callable[[int, int], None]
_REPORT_EVERY = 2000


@dataclass(frozen=True)
class SyncTable:
    """A table that travels: its name and the columns that point at other records (column → table)."""

    name: str
    references: dict[str, str]


def sync_tables(store: Store) -> list[SyncTable]:
    """Every record table (it has a ``uid``) except those that stay local, parents before children."""
    names = [r["name"] for r in store.rows(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    found = []
    for name in names:
        columns = {r["name"] for r in store.rows(f"PRAGMA table_info([{name}])")}
        if name in LOCAL_TABLES or "uid" not in columns:
            continue
        references = {r["from"]: r["table"] for r in store.rows(f"PRAGMA foreign_key_list([{name}])")}
        found.append(SyncTable(name, references))
    return found


def _select(table: SyncTable, full: bool) -> str:
    refs = "".join(f", (SELECT r.uid FROM [{target}] r WHERE r.id = t.[{column}]) AS [{column}__uid]"
                   for column, target in table.references.items())
    where = "" if full else (
        " WHERE t.updated_at >= :since OR t.uid IN "
        "(SELECT record_uid FROM audit WHERE id > :audit_max AND table_name = :table)")
    return f"SELECT t.*{refs} FROM [{table.name}] t{where} ORDER BY t.id"


def _rows(store: Store, table: SyncTable, full: bool, since: str, audit_max: int) -> Iterator[dict]:
    cur = store.conn.execute(_select(table, full), {"since": since, "audit_max": audit_max, "table": table.name})
    names = [d[0] for d in cur.description]
    for values in cur:
        row = dict(zip(names, values))
        for column in table.references:
            # The township has none of the village's integer ids: a reference travels as the uid.
            row[column] = row.pop(f"{column}__uid")
        yield row


class _Member:
    """One JSON Lines file of the zip, hashed and counted as it is written."""

    def __init__(self, archive: zipfile.ZipFile, name: str):
        self.name = name
        self.rows = 0
        self._digest = hashlib.sha256()
        self._out = archive.open(name, "w", force_zip64=True)

    def write(self, row: dict) -> None:
        line = orjson.dumps(row, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
        self._digest.update(line)
        self._out.write(line)
        self.rows += 1

    def close(self) -> dict:
        self._out.close()
        return {"sha256": self._digest.hexdigest(), "rows": self.rows}


def _add_file(archive: zipfile.ZipFile, name: str, source: Path) -> dict:
    digest = hashlib.sha256()
    with open(source, "rb") as fh, archive.open(name, "w", force_zip64=True) as out:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    return {"sha256": digest.hexdigest(), "rows": None}


# --- what a village's package and a township's share (township_writer.py) ---------------------

def sign_manifest(archive: zipfile.ZipFile, manifest: dict, sign: Callable[[bytes], str]) -> None:
    """``manifest.json`` and ``manifest.sig``, the signature (``sign``) of the manifest's exact bytes, added
    last: the manifest lists every other member's SHA-256, so signing it covers them all."""
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    archive.writestr(MANIFEST, manifest_bytes)
    archive.writestr(SIGNATURE, sign(manifest_bytes))


def seal_onto(plain: Path, path: Path, recipient: str, tick: Callable[[int], None] | None = None,
              sealed: Callable[[], None] | None = None) -> str:
    """The zip ``plain`` sealed for ``recipient`` into ``path``, streamed, whole or not at all (atomic_output);
    the SHA-256 of the file written.  ``sealed()`` is called before the file is renamed into place: what it
    raises (Cancelled) leaves no file."""
    with atomic_output(path) as out, open(plain, "rb") as zipped:
        sha256 = seal(zipped, out, recipient, tick=tick)
        if sealed is not None:
            sealed()
    return sha256


def package_folder(folder: Path | str) -> Path:
    """The folder a package is written into (a stick's); UserError when there is none."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise UserError(messages.FOLDER_MISSING.format(folder=folder))
    return folder


# --- the highest sequence sent, beside the database --------------------------------------

SENT_SUFFIX = ".packages.json"


def sent_record_path(store: Store) -> Path:
    """``<database file>.packages.json``: beside the file, so restoring a backup into it leaves it alone."""
    return store.path.with_name(store.path.name + SENT_SUFFIX)


def _sent_record(store: Store) -> dict:
    """What is remembered beside the database of the packages it wrote; {} when nothing is.

    Only a record of this database's own signing key counts: another database that once
    stood at the same path (a village made anew) did not send those packages.
    """
    found = None
    with contextlib.suppress(OSError, ValueError):  # none yet, or unreadable: nothing remembered
        found = json.loads(sent_record_path(store).read_bytes())
    if not isinstance(found, dict) or found.get("signer") != keys.public_key(store):
        return {}
    return found


def highest_sent(store: Store) -> int:
    """The highest sequence this village's database ever wrote, as remembered beside it; 0 when none is."""
    highest = _sent_record(store).get("highest_sequence")
    return highest if type(highest) is int and highest > 0 else 0


def _remembered_packages(store: Store) -> list[dict]:
    """The packages remembered beside the database, as package_history() rows (a restore leaves them)."""
    sent = _sent_record(store).get("sent")
    return [dict(p) for p in sent if isinstance(p, dict) and type(p.get("sequence")) is int] \
        if isinstance(sent, list) else []


def _remember_sent(store: Store, sequence: int, file_name: str, full: bool, counts: dict) -> None:
    # Each package is listed too, so that restoring a backup from before it does not lose its history.
    sent = [p for p in _remembered_packages(store) if p["sequence"] != sequence]
    sent.append({"sequence": sequence, "file_name": file_name, "full": int(full), "counts": counts,
                 "created_at": clock.timestamp()})
    record = {"signer": keys.public_key(store), "highest_sequence": max(sequence, highest_sent(store)),
              "file_name": file_name, "written_at": clock.timestamp(),
              "sent": sorted(sent, key=lambda p: p["sequence"])}
    with atomic_output(sent_record_path(store)) as out:
        out.write(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def package_history(store: Store) -> list[dict]:
    """The packages this village wrote, newest first.

    A package recorded only beside the database (a backup from before it was restored since) is listed
    too, with ``restored_away`` true: it left for the township all the same (docs/PACKAGES.md "After a
    restore").
    """
    found = store.rows("SELECT * FROM packages ORDER BY sequence DESC")
    for row in found:
        row["counts"] = json.loads(row["counts"])
        row["restored_away"] = False
    recorded = {row["sequence"] for row in found}
    found += [{**p, "restored_away": True} for p in _remembered_packages(store) if p["sequence"] not in recorded]
    return sorted(found, key=lambda row: row["sequence"], reverse=True)


@contextlib.contextmanager
def on_laptop(scratch: Path) -> Iterator[None]:
    """A failure writing the zip on the laptop's own disk, said as that (not as the stick's)."""
    try:
        yield
    except OSError as exc:
        raise UserError(messages.SCRATCH_NOT_WRITABLE.format(folder=scratch.parent, reason=os_reason(exc))) from None


def write_package(store: Store, folder: Path | str, *, full: bool = False, progress: Progress | None = None,
                  today: date | None = None) -> Path:
    """Write the next package into ``folder``; returns its path.

    Raises UserError (writing nothing, recording nothing) without a village
    profile, before the village joined a township (the package is sealed for it),
    for a folder that does not exist, or when the laptop or the stick cannot take it.
    """
    # loads openpyxl: not at start-up (the window lists the packages written without it)
    from villagedesk.documents.excel.workbook import default_sheets, export_workbook
    from villagedesk.documents.package.changes import changes_sheet

    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.PROFILE_MISSING)
    if store.scalar("SELECT value FROM settings WHERE key = 'mode'") == "township":
        raise UserError(messages.TOWNSHIP_NO_PACKAGE)
    card = keys.trusted_township(store)
    if card is None:  # a package is sealed for a township: nothing to seal it for yet
        raise UserError(messages.NOT_JOINED)
    folder = package_folder(folder)
    today = today or clock.today()
    previous = store.row("SELECT * FROM packages ORDER BY sequence DESC LIMIT 1")
    recorded = previous["sequence"] if previous else 0
    highest = highest_sent(store)
    restored = None
    if highest > recorded:
        # A backup from before the last package sent was restored: its numbers were used already,
        # and the township holds records this database no longer has (docs/PACKAGES.md "After a restore").
        last = messages.RESTORED_LAST.format(sequence=recorded) if recorded else messages.RESTORED_NONE
        restored = messages.RESTORED.format(last=last, highest=highest)
    sequence = max(recorded, highest) + 1
    full = full or previous is None or restored is not None
    chain_count, chain_hash = chain_head(store)
    # Changes are taken from the moment the previous package began; this one begins now.
    since = previous["since"] if previous else ""
    audit_from = previous["audit_max"] if previous else 0
    started, audit_max = clock.timestamp(), store.scalar("SELECT coalesce(max(id), 0) FROM audit")
    tables = sync_tables(store)
    sheets = default_sheets() if full else [changes_sheet(audit_from, audit_max)]
    # Progress runs over the rows sent (all of them in a full package) and then the workbook's rows.
    total = sum(store.scalar(f"SELECT count(*) FROM [{t.name}]") for t in tables) if full else 0
    total += sum(spec.count(store) for spec in sheets) if progress is not None else 0
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % _REPORT_EVERY == 0:
            progress(done, max(total, done))

    def workbook_progress(written: int, of: int) -> None:
        # Cancel is honoured during the workbook too (the longest part of a big package).  Its last
        # call comes before the workbook is assembled and zipped (half a minute for a million rows):
        # a busy bar then, not one standing full.  Handed to the workbook only when there is a progress.
        if progress is not None:
            progress(done + written, 0 if written >= of else max(total, done + written))

    path = folder / package_name(profile.code, sequence, today.isoformat())
    files: dict[str, dict] = {}
    # The zip is made on the laptop's own disk (the system's temporary folder), never on the stick:
    # only the sealed file goes there.
    with tempfile.TemporaryDirectory(prefix="villagedesk-package-") as scratch, store.atomic():
        workbook = Path(scratch) / f"{'村务数据' if full else '村务变更'}-{profile.name}-{today:%Y%m%d}.xlsx"
        plain = Path(scratch) / "package.zip"
        with on_laptop(Path(scratch)), zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in tables:
                member = _Member(archive, data_file(table.name))
                for row in _rows(store, table, full, since, audit_from):
                    member.write(row)
                    tick()
                files[member.name] = member.close()
            # Deletions are few (a draft thrown away): kept aside while the audit is written,
            # since a zip takes one member at a time.
            gone = []
            audit = _Member(archive, AUDIT)
            for row in store.conn.execute(
                    "SELECT id, at, actor, action, table_name, record_uid, before, after FROM audit "
                    "WHERE id > ? AND id <= ? ORDER BY id", (0 if full else audit_from, audit_max)):
                entry = dict(zip(("id", "at", "actor", "action", "table_name", "record_uid", "before", "after"),
                                 row))
                audit.write(entry)
                if entry["action"] == "delete" and not full:
                    gone.append({"table": entry["table_name"], "uid": entry["record_uid"]})
            files[AUDIT] = audit.close()
            deleted = _Member(archive, DELETED)
            for row in gone:
                deleted.write(row)
            files[DELETED] = deleted.close()
            written = export_workbook(store, workbook, sheets=sheets,
                                      progress=workbook_progress if progress is not None else None)
            done += sum(written.values())
            files[workbook.name] = _add_file(archive, workbook.name, workbook)
            figures = json.dumps(village_figures(store, today), ensure_ascii=False, sort_keys=True).encode("utf-8")
            archive.writestr(FIGURES, figures)
            files[FIGURES] = {"sha256": hashlib.sha256(figures).hexdigest(), "rows": None}
            manifest = {
                "format_version": FORMAT_VERSION,
                "village": {"code": profile.code, "name": profile.name, "township": profile.township,
                            "county": profile.county, "clerk": profile.clerk, "phone": profile.phone},
                "sequence": sequence,
                "previous_sequence": max(recorded, highest) or None,
                "full": full,
                "created_at": started,
                "app_version": __version__,
                "tables": {t.name: {"file": data_file(t.name), "references": t.references} for t in tables},
                "files": files,
                # Who made it, for whom, and which history it continues (docs/PACKAGES.md).
                "signer": keys.public_key(store),
                "sealed_for": card.fingerprint,
                "chain": {"count": chain_count, "head": chain_hash},
                "restored": restored,
            }
            sign_manifest(archive, manifest, lambda data: keys.sign(store, data))

        def sealing(_read: int) -> None:
            # A busy bar while the zip is sealed onto the stick, and a chance to Cancel.
            if progress is not None:
                progress(done, 0)

        def finished() -> None:
            # The last moment Cancel can take effect: before the file is renamed into place and
            # recorded (Cancelled removes the temporary file and rolls the record back).
            if progress is not None:
                progress(max(total, done), max(total, done))

        sha256 = seal_onto(plain, path, card.recipient, tick=sealing, sealed=finished)
        counts = {name: info["rows"] for name, info in files.items() if info["rows"] is not None}
        records.insert(store, "packages", {
            "sequence": sequence, "previous": manifest["previous_sequence"], "full": int(full), "since": started,
            "audit_max": audit_max, "file_name": path.name, "sha256": sha256, "counts": json.dumps(counts),
            "chain_count": chain_count, "chain_head": chain_hash})
        # Inside the transaction: a record that could not be kept beside the database rolls the
        # package's record back too, so the two never disagree in the direction that matters.
        _remember_sent(store, sequence, path.name, full, counts)
    return path


__all__ = ["SENT_SUFFIX", "SyncTable", "highest_sent", "on_laptop", "package_folder", "package_history",
           "seal_onto", "sent_record_path", "sign_manifest", "sync_tables", "write_package"]

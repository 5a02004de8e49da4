"""A township database: many villages' records, merged from their USB packages.

The township keeps each village's records as the village sent them — one JSON
object per record, keyed by (village, table, uid) — so a package is applied by
uid whatever the village's schema version, and nothing a village sends can
collide with another village's codes (every village has an HH001).

Before anything is written, a package opened and verified by documents.package
is checked as docs/PACKAGES.md "What the township checks, before its transaction"
says (steps 3–6): the key that signed it is the one pinned for its village (the first package pins it,
on the officer's confirmation; another key is taken only when confirmed, and
recorded); its sequence moves forward — an incremental package follows the last
one taken, a full one (which replaces the village's records) may skip ahead, and
neither may go back; its approved points entries continue the history held
(core.township.chain; a full package that diverges is taken only when confirmed,
and recorded); every line fits its table and figures.json fits the records
(core.township.validate).  Taking the same package again changes nothing.  What is
accepted is written in one transaction; a refusal writes nothing.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import orjson

from villagedesk import clock
from villagedesk.core.common import records, village
from villagedesk.core.points.ledger import GENESIS
from villagedesk.core.township import chain as chain_check
from villagedesk.core.township import keys, messages, validate
from villagedesk.core.township.held import Held, HeldVillage, TownshipHeld
from villagedesk.errors import UserError
from villagedesk.store import Store, open_store
from villagedesk.store.driver import sqlite3

# Tables that stay where they are: local settings, the audit (it travels apart), a
# village's own package history, and (in a township database) what villages sent.
LOCAL_TABLES = frozenset({"settings", "packages", "tw_villages", "tw_packages", "tw_rows", "audit", "keys",
                          "township_cards", "tw_village_keys", "tw_events",
                          # The holiday calendars a village loaded came from the township: nothing to send back.
                          "holiday_calendars",
                          # Who may use this database (core.accounts): a township keeps accounts of its own.
                          "accounts",
                          # A township's county, and what it forwards to it (core.township.county).
                          "county_cards", "county_packages", "tw_payloads"})

# Which kind of database this is lives in core.common.village (core.accounts, below this area, asks it
# too); named here as well, where the mode is set.
MODE_KEY, TOWNSHIP, is_township = village.MODE_KEY, village.TOWNSHIP, village.is_township


class NeedsConfirmation(UserError):
    """Taken only once the officer confirms: the window asks, the command line names its flag.

    ``kind`` says what is to be confirmed: ``new-village`` (a village's first package, its key
    pinned; or a village of another township), ``new-key`` (a known village signing with
    another key), ``divergence`` (a full package whose points history differs from the one held).
    """

    kind = "new-village"
    flag = "--accept-new-village"
    hint = messages.ACCEPT_NEW_VILLAGE
    foreign = False  # a new village of another township (the window asks it so)


# Each names UserError among its bases too: what the clerk is shown is found by it (tests/test_messages.py).

class ForeignVillage(NeedsConfirmation, UserError):
    """A village's first package: its key, and (when it is one) that it belongs to another township."""


class NewKey(NeedsConfirmation, UserError):
    kind, flag, hint = "new-key", "--accept-new-key", messages.ACCEPT_NEW_KEY


class Diverged(NeedsConfirmation, UserError):
    kind, flag, hint = "divergence", "--accept-divergence", messages.ACCEPT_DIVERGENCE


class IncomingPackage(Protocol):
    """What :func:`apply_package` needs of a verified package (documents.package.reader.Package)."""

    # Read-only: Package computes all but the manifest (and the opened zip's path) from the manifest.
    @property
    def path(self) -> Path: ...
    @property
    def manifest(self) -> dict: ...
    @property
    def village(self) -> dict: ...
    @property
    def sequence(self) -> int: ...
    @property
    def previous(self) -> int | None: ...
    @property
    def full(self) -> bool: ...

    @property
    def signer(self) -> str: ...
    @property
    def chain(self) -> dict: ...
    @property
    def restored(self) -> str | None: ...

    def tables(self) -> list[str]: ...
    def raw_rows(self, table: str) -> Iterator[str]: ...
    def deleted(self) -> Iterator[dict]: ...
    def audit_deflated(self) -> bytes: ...
    def figures(self) -> dict | None: ...


def set_township(store: Store, on: bool) -> None:
    """Make this database a township's (it then merges packages and writes none), or a village's again."""
    if not on and store.scalar("SELECT count(*) FROM tw_villages"):
        raise UserError(messages.ALREADY_TOWNSHIP)
    if on and store.scalar("SELECT count(*) FROM households") + store.scalar("SELECT count(*) FROM packages"):
        raise UserError(messages.NOT_EMPTY_FOR_TOWNSHIP)
    with store.atomic():
        if on:
            keys.make_township_keys(store)
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           (MODE_KEY, TOWNSHIP if on else "village"))
        store.db.table("audit").insert(records.audit_row(store, "set-mode", "settings", MODE_KEY, None,
                                                   {"mode": TOWNSHIP if on else "village"}))


# What the import report calls each table (a table a newer village sends is named as it is).
TABLE_LABELS = {
    "village": "村庄信息", "households": "户", "persons": "人员", "terms": "届次", "posts": "两委任职",
    "trainings": "培训", "training_attendees": "参训人员", "appraisals": "年度考核", "point_scheme": "积分办法",
    "point_rules": "积分细则", "point_entries": "积分明细", "point_periods": "考评期", "point_objections": "积分异议",
    "shop_goods": "积分超市商品", "redemptions": "积分兑换", "meetings": "会议记录", "meeting_people": "参会人员",
    "meeting_agenda": "会议议题", "meeting_resolutions": "会议决议", "meeting_amendments": "会议更正",
    "matters": "四议两公开事项", "requests": "民情诉求", "request_log": "诉求办理记录",
    "disclosure_items": "公开目录", "notices": "公开事项", "notice_free_rows": "公开表格行",
    "notice_finance_lines": "财务收支行", "notice_recipients": "公示名单", "notice_objections": "公开异议",
}


@dataclass
class ImportResult:
    village_code: str
    village_name: str
    sequence: int
    already: bool = False  # the same package was taken before: nothing changed
    new_village: bool = False
    replaced: bool = False  # a full package replaced the village's records
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # table → new / updated / unchanged / deleted
    fingerprint: str = ""  # of the key that signed the package
    # What taking it records for good (tw_events): (kind, detail), as :func:`event_text` words them.
    events: list[tuple[str, str]] = field(default_factory=list)
    # Decided by check_package for apply_package: the key to pin, the key it retires, the chain reached.
    pin_key: str | None = field(default=None, repr=False)
    retire_key: int | None = field(default=None, repr=False)
    chain: chain_check.Position | None = field(default=None, repr=False)
    deleted: list[dict] = field(default_factory=list, repr=False)
    # The lines the check kept for the merge (validate.Scan.kept): dropped once merged.
    kept: dict[str, list[tuple[str, str]]] | None = field(default=None, repr=False, compare=False)

    def summary(self) -> str:
        who = messages.PACKAGE_NAME.format(
            village_name=self.village_name, village_code=self.village_code, sequence=self.sequence)
        if self.already:
            return messages.ALREADY_IMPORTED.format(who=who)
        lines = [messages.IMPORTED.format(
            who=who, new_village=messages.IMPORTED_NEW_VILLAGE if self.new_village else "",
            replaced=messages.IMPORTED_REPLACED if self.replaced else "")]
        for table, c in sorted(self.counts.items()):
            if any(c.values()):
                lines.append(messages.TABLE_COUNTS.format(
                    table=TABLE_LABELS.get(table, table), new=c["new"], updated=c["updated"],
                    unchanged=c["unchanged"], deleted=c["deleted"]))
        lines += [messages.EVENT_RECORDED.format(event=event_text(kind, detail, self.sequence))
                  for kind, detail in self.events]
        return "\n".join(lines)


def _who(package: IncomingPackage) -> str:
    return messages.PACKAGE_NAME.format(village_name=package.village["name"], village_code=package.village["code"],
                                        sequence=package.sequence)


def _taken(store: Store, package: IncomingPackage) -> dict | None:
    """The package of the same village and sequence the township took (sha256, file_name), if any."""
    return store.row("SELECT sha256, file_name FROM tw_packages WHERE village_code = ? AND sequence = ?",
                     (package.village["code"], package.sequence))


@dataclass(frozen=True)
class OrderWords:
    """What an out-of-order package is told, by who sent it: a village's here, a township's at the county."""

    gap_new: str = messages.PACKAGE_GAP_NEW_VILLAGE
    older: str = messages.PACKAGE_OLDER_THAN_TAKEN
    different: str = messages.PACKAGE_DIFFERENT
    missing: str = messages.PACKAGE_MISSING


def _check_order(package: IncomingPackage, known: HeldVillage | None, taken: dict | None, sha256: str,
                 us: str) -> bool:
    return check_order(package.village["name"], package.sequence, package.previous, package.full,
                       None if known is None else known.last_sequence, taken, sha256, us)


def check_order(name: str, sequence: int, previous: int | None, full: bool, last: int | None, taken: dict | None,
                sha256: str, us: str, words: OrderWords = OrderWords()) -> bool:
    """Whether the same package was taken already; raises UserError when it is out of order.

    ``last``: the newest sequence taken from its sender (None: none yet); ``taken``: the package of the
    same sequence taken before (sha256, file_name), if any.  Sequences only move forward, full or not
    (docs/PACKAGES.md, step 4): a full package used to replace whatever was held, and an older one
    rolled the township back.
    """
    if taken is not None and taken["sha256"] == sha256:
        return True
    if last is None:
        if not full and previous is not None:
            raise UserError(words.gap_new.format(name=name, us=us, sequence=sequence, previous=previous))
        return False
    if sequence < last:
        raise UserError(words.older.format(name=name, us=us, sequence=sequence, last_sequence=last))
    if taken is not None:
        raise UserError(words.different.format(name=name, sequence=sequence, file_name=taken["file_name"]))
    if not full and previous != last:
        raise UserError(words.missing.format(name=name, missing=last + 1, last_sequence=last, sequence=sequence))
    return False


def _check_key(held: Held, package: IncomingPackage, known: HeldVillage | None, result: ImportResult,
               foreign: Callable[[dict], str], accept_new_village: bool, accept_new_key: bool) -> None:
    """Who made it (step 3): the village's first package pins its key; another key is taken only when confirmed.

    ``foreign(village)``: what to say first of a new village that is not the receiver's own ("" when it is).
    """
    who = _who(package)
    signer = package.signer
    result.fingerprint = keys.fingerprint(signer)
    pinned = held.pinned_key()
    if pinned is not None:
        if pinned.public_key == signer:
            return
        if not accept_new_key:
            raise NewKey(messages.KEY_CHANGED.format(who=who, us=held.receiver.us, old=pinned.fingerprint, new=result.fingerprint))
        result.pin_key, result.retire_key = signer, pinned.id
        result.events.append(("new-key", json.dumps({"old": pinned.fingerprint, "new": result.fingerprint})))
        return
    if not accept_new_village:
        # Said as a fact, with the fingerprint to compare by phone: the window then asks, the command line
        # names its flag.
        if known is not None:  # a village taken before packages were signed
            raise ForeignVillage(messages.KNOWN_VILLAGE_NEW_KEY.format(who=who, us=held.receiver.us,
                                                                    fingerprint=result.fingerprint))
        said = foreign(package.village)
        error = ForeignVillage(said + messages.NEW_VILLAGE_KEY.format(who=who, fingerprint=result.fingerprint))
        error.foreign = bool(said)
        raise error
    result.pin_key = signer


def _foreign_to(store: Store) -> Callable[[dict], str]:
    """A village of another township or county than this township's own (its profile), said so."""
    def foreign(v: dict) -> str:
        own = village.get_profile(store)
        if own is None or (v["township"], v["county"]) == (own.township, own.county):
            return ""
        return messages.FOREIGN_VILLAGE.format(name=v["name"], county=v["county"], township=v["township"],
                                               own_county=own.county, own_township=own.township)
    return foreign


def require_township(store: Store, doing: str = messages.DOING_IMPORT) -> None:
    if not is_township(store):
        raise UserError(messages.VILLAGE_DATABASE.format(doing=doing))


# The last package checked in full, kept for apply_package: the importer checks a package, backs the
# township up, then applies it, and a large village's rows are not read and hashed twice for that.
_checked: dict[tuple, validate.Scan] = {}


def _scan_key(store: Store, held: Held, known: HeldVillage | None, sha256: str) -> tuple:
    """What a scan of a package depends on: the file, the package, and what is held of its village."""
    position = chain_check.held_position(held, known)
    return str(store.path), sha256, position, None if known is None else known.last_sequence


def _scan(store: Store, held: Held, package: IncomingPackage, known: HeldVillage | None,
          sha256: str) -> validate.Scan:
    key = _scan_key(store, held, known, sha256)
    if key in _checked:
        return _checked[key]
    found = _scan_now(store, held, package, key[2])
    _checked.clear()
    _checked[key] = found
    return found


def _scan_now(store: Store, held: Held, package: IncomingPackage, position: chain_check.Position) -> validate.Scan:
    return scan_lines(validate.table_specs(store, LOCAL_TABLES), held, package, position)


def scan_lines(specs: dict[str, validate.TableSpec], held: Held, package: IncomingPackage,
               position: chain_check.Position) -> validate.Scan:
    """Every line of ``package`` checked (validate.scan), its entries against the chain ``held`` at ``position``."""
    who = _who(package)
    claimed = chain_check.claimed_position(package.chain, who)
    entries = package.manifest["files"].get(package.manifest["tables"].get("point_entries", {}).get("file"), {})
    sent = entries.get("rows") if type(entries.get("rows")) is int else 0
    check = chain_check.ChainCheck(held, who, position, claimed, package.full, sent)
    return validate.scan(specs, package, who, check)


def scan_ahead(store: Store, package: IncomingPackage, sha256: str) -> tuple[tuple, validate.Scan] | None:
    """Check the lines of a package before its turn — on another process, while the one before it is
    merged (documents.package.prescan) — as check_package would: (what the scan depended on, the scan).

    None when the package would be refused: at its turn check_package refuses it in its own order
    (a package out of sequence is said so before its lines are read).
    """
    held = TownshipHeld(store, package.village["code"])
    known = held.village()
    key = _scan_key(store, held, known, sha256)
    try:
        return key, _scan_now(store, held, package, key[2])
    except UserError:
        return None


def adopt_scan(key: tuple, found: validate.Scan) -> None:
    """A scan made ahead (:func:`scan_ahead`), used by check_package only while what it depended on holds:
    a package of the same village merged meanwhile changes the held position or sequence, and so the key."""
    _checked.clear()
    _checked[key] = found


def check_package(store: Store, package: IncomingPackage, *, sha256: str, accept_new_village: bool = False,
                  accept_new_key: bool = False, accept_divergence: bool = False) -> ImportResult:
    """What taking ``package`` would do (nothing written); UserError when it must be refused.

    Everything docs/PACKAGES.md "What the township checks, before its transaction" asks of a
    package once it is opened and its signature verified (steps 3–6): who made it, its sequence, the points
    history it continues, every line and its figures.  What the officer must confirm
    raises a NeedsConfirmation naming it, after the package was found sound otherwise.
    """
    require_township(store)
    held = TownshipHeld(store, package.village["code"])
    return check_held(held, package, sha256=sha256, taken=_taken(store, package), foreign=_foreign_to(store),
                      scan=lambda known: _scan(store, held, package, known, sha256),
                      accept_new_village=accept_new_village, accept_new_key=accept_new_key,
                      accept_divergence=accept_divergence)


def check_held(held: Held, package: IncomingPackage, *, sha256: str, taken: dict | None,
               foreign: Callable[[dict], str], scan: Callable[[HeldVillage | None], validate.Scan],
               accept_new_village: bool, accept_new_key: bool, accept_divergence: bool) -> ImportResult:
    """check_package's rules against what a receiver holds of the village (``held``): a township's or a county's.

    ``taken``: the package of the same village and sequence the receiver took (sha256, file_name), if any;
    ``foreign``: see _check_key; ``scan(known)``: the package's lines checked (:func:`scan_lines`).
    """
    known = held.village()
    already = _check_order(package, known, taken, sha256, held.receiver.us)
    result = ImportResult(held.code, package.village["name"], package.sequence, already=already,
                          new_village=known is None, replaced=package.full and known is not None)
    if already:
        result.new_village = False
        return result
    found = scan(known)
    _check_key(held, package, known, result, foreign, accept_new_village, accept_new_key)
    if found.divergence is not None:
        d = found.divergence
        if not accept_divergence:
            where = (messages.DIVERGENCE_WHERE_ENTRY.format(seq=d.seq, entry=d.entry) if d.entry
                     else messages.DIVERGENCE_WHERE_SEQ.format(seq=d.seq))
            raise Diverged(messages.DIVERGENCE.format(who=_who(package), us=held.receiver.us, held_count=d.held.count,
                                                      count=d.received.count, where=where))
        result.events.append(("divergence", chain_check.divergence_detail(d)))
    if package.restored is not None:
        result.events.append(("restored", json.dumps({"reason": str(package.restored)}, ensure_ascii=False)))
    result.chain, result.deleted, result.kept = found.position, found.deleted, found.kept
    return result


def apply_package(store: Store, package: IncomingPackage, *, file_name: str, sha256: str,
                  accept_new_village: bool = False, accept_new_key: bool = False,
                  accept_divergence: bool = False) -> ImportResult:
    """Merge a verified package into this township database; see the module's rules.

    Everything is checked first (check_package): a refusal writes nothing.
    """
    result = check_package(store, package, sha256=sha256, accept_new_village=accept_new_village,
                           accept_new_key=accept_new_key, accept_divergence=accept_divergence)
    if result.already:
        return result
    _checked.clear()  # what was held changes now
    code = result.village_code
    known = store.row("SELECT * FROM tw_villages WHERE code = ?", (code,))
    kept, result.kept = result.kept, None  # not carried by the result the caller keeps
    with store.atomic():
        if result.replaced:
            store.conn.execute("DELETE FROM tw_rows WHERE village_code = ?", (code,))
        for table in package.tables():
            result.counts[table] = _merge_rows(store, code, table, package, file_name,
                                               None if kept is None else kept[table])
        for gone in result.deleted:
            counts = result.counts.setdefault(gone["table"], {"new": 0, "updated": 0, "unchanged": 0,
                                                              "deleted": 0})
            hit = store.conn.execute(
                "UPDATE tw_rows SET deleted = 1, package_sequence = ? WHERE village_code = ? AND table_name = ? "
                "AND uid = ? AND deleted = 0", (package.sequence, code, gone["table"], gone["uid"])).rowcount
            counts["deleted"] += hit
        _record(store, package, known, file_name, sha256, result)
    return result


# The line is kept as the village wrote it.  Its uid (?5) is the one the check read; for a
# package too large for the check to keep its lines (validate.KEEP_BYTES) SQLite reads it from
# the line (coalesce evaluates that only then), and a line that is not a JSON object with a text
# uid fails the statement (malformed JSON, or a NULL key).
_UPSERT = ("INSERT INTO tw_rows (village_code, table_name, uid, data, deleted, package_sequence) "
           "VALUES (?1, ?2, coalesce(?5, CASE json_type(?3, '$.uid') WHEN 'text' "
           "THEN nullif(json_extract(?3, '$.uid'), '') END), ?3, 0, ?4) "
           "ON CONFLICT (village_code, table_name, uid) DO UPDATE SET "
           "data = excluded.data, deleted = 0, package_sequence = excluded.package_sequence "
           "WHERE tw_rows.data != excluded.data OR tw_rows.deleted = 1")


def _merge_rows(store: Store, code: str, table: str, package: IncomingPackage, file_name: str,
                kept: list[tuple[str, str]] | None) -> dict[str, int]:
    """Upsert one table's lines (``kept``: as the check kept them, with their uids; None: read again from
    the package); a row sent again unchanged is not written (and counted as unchanged)."""
    def held() -> int:
        return store.scalar("SELECT count(*) FROM tw_rows WHERE village_code = ? AND table_name = ?", (code, table))

    before, start, sent = held(), store.conn.total_changes, 0

    def lines() -> Iterator[tuple]:
        nonlocal sent
        for uid, line in kept if kept is not None else ((None, line) for line in package.raw_rows(table)):
            sent += 1
            yield code, table, line, package.sequence, uid

    try:
        store.conn.executemany(_UPSERT, lines())
    except (sqlite3.IntegrityError, sqlite3.OperationalError):  # checked before: only a file changed meanwhile
        raise _bad_line(file_name, package.manifest["tables"][table]["file"], sent) from None
    except UnicodeDecodeError:
        raise _bad_line(file_name, package.manifest["tables"][table]["file"], sent + 1) from None
    changed = store.conn.total_changes - start
    new = held() - before
    return {"new": new, "updated": changed - new, "unchanged": sent - changed, "deleted": 0}


def _bad_line(file_name: str, member: str, line: int) -> UserError:
    return UserError(messages.PACKAGE_BAD_RECORD.format(file_name=file_name, member=member, line=line))


def _record(store: Store, package: IncomingPackage, known: dict | None, file_name: str, sha256: str,
            result: ImportResult) -> None:
    v, now = package.village, clock.timestamp()
    position = result.chain or chain_check.Position(0, GENESIS)
    values = {"name": v["name"], "township": v["township"], "county": v["county"], "clerk": v.get("clerk", ""),
              "phone": v.get("phone", ""), "last_sequence": package.sequence,
              "last_created_at": package.manifest["created_at"], "last_imported_at": now,
              "chain_count": position.count, "chain_head": position.head}
    if known is None:
        records.insert(store, "tw_villages", {"code": v["code"], **values})
    else:
        records.update(store, "tw_villages", known["id"], values, action="import-package")
    if result.retire_key is not None:
        records.update(store, "tw_village_keys", result.retire_key, {"retired_at": now}, action="retire-key")
    if result.pin_key is not None:
        records.insert(store, "tw_village_keys", {
            "village_code": v["code"], "public_key": result.pin_key, "fingerprint": result.fingerprint,
            "first_sequence": package.sequence, "retired_at": None})
    for kind, detail in result.events:
        records.insert(store, "tw_events", {"village_code": v["code"], "sequence": package.sequence, "kind": kind,
                                            "detail": detail})
    counts = {name: info.get("rows") for name, info in package.manifest["files"].items()}
    taken = records.insert(store, "tw_packages", {
        "village_code": v["code"], "sequence": package.sequence, "previous": package.previous,
        "full": int(package.full), "package_created_at": package.manifest["created_at"],
        "app_version": str(package.manifest.get("app_version", "")), "file_name": file_name, "sha256": sha256,
        "counts": json.dumps(counts, ensure_ascii=False)})
    # The village's own audit rides along, outside the township's audit of its own writes.
    store.conn.execute("UPDATE tw_packages SET audit = ? WHERE id = ?", (package.audit_deflated(), taken["id"]))


# --- what the township accepted on confirmation ------------------------------------------

def event_text(kind: str, detail: str, sequence: int) -> str:
    """A tw_events row in words, as the villages page, the import report and the printed summary say it."""
    try:
        found = json.loads(detail)
    except ValueError:
        found = {}
    found = found if isinstance(found, dict) else {}
    if kind == "new-key":
        return messages.EVENT_NEW_KEY.format(sequence=sequence, old=found.get("old", ""), new=found.get("new", ""))
    if kind == "divergence":
        return messages.EVENT_DIVERGENCE.format(sequence=sequence, held_count=found.get("held_count", ""),
                                                count=found.get("count", ""), seq=found.get("seq", ""))
    return messages.EVENT_RESTORED.format(sequence=sequence, reason=found.get("reason", ""))


def village_events(store: Store, code: str | None = None) -> list[dict]:
    """What was accepted on confirmation, oldest first (one village's, or all): each row with its ``text``."""
    where, args = ("WHERE village_code = ?", (code,)) if code is not None else ("", ())
    found = store.rows(f"SELECT * FROM tw_events {where} ORDER BY id", args)
    for row in found:
        row["text"] = event_text(row["kind"], row["detail"], row["sequence"])
    return found


def village_keys(store: Store) -> dict[str, str]:
    """Village code → the fingerprint of the key its packages are signed with now."""
    return {r["village_code"]: r["fingerprint"] for r in store.rows(
        "SELECT village_code, fingerprint FROM tw_village_keys WHERE retired_at IS NULL ORDER BY id")}


def package_changes(store: Store, code: str, sequence: int) -> Iterator[dict]:
    """The village's audit rows that came with its package ``sequence``: who changed what, oldest first."""
    found = store.row("SELECT audit FROM tw_packages WHERE village_code = ? AND sequence = ?", (code, sequence))
    if found is None or found["audit"] is None:
        return
    inflater, rest = zlib.decompressobj(-zlib.MAX_WBITS), b""
    stream = memoryview(found["audit"])
    for at in range(0, len(stream), 1 << 16):
        rest += inflater.decompress(stream[at:at + (1 << 16)])
        *whole, rest = rest.split(b"\n")
        for line in whole:
            yield orjson.loads(line)
    rest += inflater.flush()
    for line in rest.split(b"\n"):
        if line:
            yield orjson.loads(line)


# --- one village, as it sent itself ------------------------------------------------------

class RowsSource(Protocol):
    """Where a village's records are held as it sent them: the township's tw_rows (:class:`TownshipRows`)
    or the county's county.rows (core.county.replica.CountyRows)."""

    @property
    def key(self) -> bytes | None:
        """The key the replica is encrypted with (None: a plain file)."""
        ...

    def require_village(self, code: str) -> None:
        """UserError, in the holder's words, when it holds no village ``code``."""
        ...

    def rows(self, code: str, table: str) -> Iterable[str | bytes]:
        """The JSON text of each of village ``code``'s records of ``table`` not deleted."""
        ...


@dataclass(frozen=True)
class TownshipRows:
    """A village's records in the township's database (tw_rows)."""

    store: Store

    @property
    def key(self) -> bytes | None:
        # Encrypted like the township's own file: it holds the village's people (docs/SECURITY.md "Backups").
        return self.store.key

    def require_village(self, code: str) -> None:
        if not self.store.scalar("SELECT count(*) FROM tw_villages WHERE code = ?", (code,)):
            raise UserError(messages.NO_SUCH_VILLAGE.format(code=code))

    def rows(self, code: str, table: str) -> Iterable[str | bytes]:
        return (data for (data,) in self.store.conn.execute(
            "SELECT data FROM tw_rows WHERE village_code = ? AND table_name = ? AND deleted = 0", (code, table)))


def build_replica(source: Store | RowsSource, code: str, path: Path, tables: Iterable[str] | None = None) -> Store:
    """The village's records in a database of their own at ``path``, in this program's schema.

    What the village's own reports are computed from (the committee checks, the
    points ranking, the requests' outcomes), and what the township browses
    read-only.  Records keep the village's numbers, so JF0000123 is the same
    entry in both places; columns a newer village program added are left out.
    ``source``: a township's database (its tw_rows) or another :class:`RowsSource`
    (the county's rows).  ``tables`` limits the copy to the tables a report reads
    and those they point at (all tables by default).
    """
    source = TownshipRows(source) if isinstance(source, Store) else source
    source.require_village(code)
    replica = open_store(path, backup_on_open=False, key=source.key)
    try:
        # A copy of records already made, only for reading, is made without the checks that guard
        # records being made one by one: the triggers (finalised minutes, approved points) and the
        # foreign keys, so rows go in table by table in any order.
        for trigger in replica.rows("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            replica.conn.execute(f"DROP TRIGGER [{trigger['name']}]")
        replica.conn.execute("PRAGMA foreign_keys = OFF")
        # A scratch copy made again from the township's rows whenever it is needed: not worth an fsync.
        replica.conn.execute("PRAGMA synchronous = OFF")
        replica.conn.execute("PRAGMA cache_size = -65536")
        wanted = _replica_tables(replica) if tables is None else _with_parents(replica, tables)
        with replica.atomic():
            ids: dict[str, dict[str, int]] = {}  # table → uid → the village's id
            for table in _replica_tables(replica):
                if table in wanted:
                    _copy_table(source, replica, code, table, ids)
        replica.conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        replica.close()
        raise
    return replica


def _copy_table(source: RowsSource, replica: Store, code: str, table: str, ids: dict[str, dict[str, int]]) -> None:
    columns = [r["name"] for r in replica.rows(f"PRAGMA table_info([{table}])")]
    references = {r["from"]: r["table"] for r in replica.rows(f"PRAGMA foreign_key_list([{table}])")}
    rows = [orjson.loads(data) for data in source.rows(code, table)]
    # In the village's order: rows land at the end of the table instead of all over it (ten times faster).
    rows.sort(key=lambda row: row.get("id") or 0)
    own = ids.setdefault(table, {})
    own.update((row["uid"], row.get("id")) for row in rows)
    for column, target in references.items():
        if target not in ids:  # a table pointed at before it was copied (only a table pointing at itself)
            ids[target] = {}
        targets = ids[target]
        for row in rows:
            if row.get(column) is not None:
                row[column] = targets.get(row[column])
    if rows:
        # The columns the village sent (a newer village sends more, an older one fewer: the rest take defaults).
        sent = [c for c in columns if c in rows[0]]
        names = ", ".join(f"[{c}]" for c in sent)
        replica.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(sent))})",
                                 ([row.get(c) for c in sent] for row in rows))


def _replica_tables(replica: Store) -> list[str]:
    """Record tables in creation order, which puts a table after the tables it points at."""
    names = [r["name"] for r in replica.rows(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    return [n for n in names if n not in LOCAL_TABLES
            and "uid" in {r["name"] for r in replica.rows(f"PRAGMA table_info([{n}])")}]


def _with_parents(replica: Store, tables: Iterable[str]) -> set[str]:
    """``tables`` and every table they point at, however indirectly (a points entry needs its rule)."""
    found, todo = set(), list(tables)
    while todo:
        table = todo.pop()
        if table not in found:
            found.add(table)
            todo += [r["table"] for r in replica.rows(f"PRAGMA foreign_key_list([{table}])")]
    return found


def villages(store: Store) -> list[dict]:
    """The villages this township merges, with their last package."""
    return store.rows("SELECT * FROM tw_villages ORDER BY name")


def village_rows(store: Store, code: str, table: str) -> list[dict]:
    """A village's current records of ``table`` as it sent them (read-only)."""
    return [orjson.loads(r["data"]) for r in store.rows(
        "SELECT data FROM tw_rows WHERE village_code = ? AND table_name = ? AND deleted = 0", (code, table))]


def packages_taken(store: Store, code: str) -> list[dict]:
    """The packages taken from village ``code``, newest first."""
    return store.rows("SELECT * FROM tw_packages WHERE village_code = ? ORDER BY sequence DESC", (code,))


__all__ = ["Diverged", "ForeignVillage", "ImportResult", "IncomingPackage", "NeedsConfirmation", "NewKey", "OrderWords",
           "RowsSource", "TownshipRows", "adopt_scan", "apply_package", "build_replica", "check_held", "check_order", "check_package", "event_text", "is_township",
           "package_changes", "packages_taken", "require_township", "scan_ahead", "scan_lines", "set_township",
           "village_events", "village_keys", "village_rows", "villages"]

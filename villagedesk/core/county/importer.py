"""Taking a township's package into the county database (docs/COUNTY.md "Importing township packages").

The township's rules one level up (core.township.merge; docs/PACKAGES.md "A township package"):

1. the sealed file is opened with the county's identity and every part of it verified before anything
   else (documents.package.county_import, documents.package.township_reader): the township's
   signature, its card, each village package inside with its village's signature;
2. the township is this county's, and its key the one pinned for it: its first package pins it, on
   the officer's confirmation (``accept_new_township``); another key for a known township is taken
   only when confirmed (``accept_new_township_key``), the old one retired and the change recorded;
3. its sequences only move forward (core.township.merge.check_order, in the county's words);
4. each village package is checked by the township's very code against what the county holds of
   that village (core.county.merge.check_village: order, key, history, lines, figures) and merged
   before the next one is checked, so a village's later packages in the same township package
   continue from its earlier ones.  The village keys were pinned by the township, whose signature
   covers each of them: a village's first package is taken without asking again; another key or a
   diverged history is the county's to confirm (``accept_new_key``, ``accept_divergence``) and is
   recorded.  A village that now comes through another township moves there, recorded too;
5. all of it is one transaction: a refusal anywhere (or a failure of the server) leaves the county
   as it was.  Taking the same file again changes nothing and is known from its SHA-256 before it is
   even opened.

Several people import at once (docs/COUNTY.md "Several people at once"): each import holds
transaction-level advisory locks on its township and on each of its villages (taken in one order, so
two imports never wait on each other in a circle), so two packages of the same township, or two
townships' packages carrying the same village, go one after the other, while other townships'
imports and every reader go on: readers read the last committed state and never wait.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

import orjson
import psycopg
from psycopg import errors
from psycopg.types.json import Jsonb

from villagedesk import clock
from villagedesk.core.county import audit, messages
from villagedesk.core.county.merge import check_village
from villagedesk.core.county.profile import county_name
from villagedesk.core.county.replica import CountyRows
from villagedesk.core.points.ledger import GENESIS
from villagedesk.core.township import keys
from villagedesk.core.township import merge as township
from villagedesk.core.township import messages as township_messages
from villagedesk.core.township.chain import Position
from villagedesk.core.township.figures import computed_figures
from villagedesk.core.township.merge import ImportResult
from villagedesk.errors import UserError

# What an out-of-order township package is told (core.township.merge.check_order).
ORDER = township.OrderWords(gap_new=messages.TOWNSHIP_GAP_NEW, different=messages.TOWNSHIP_DIFFERENT)
US = township_messages.US_COUNTY


class NewTownship(township.NeedsConfirmation, UserError):
    """A township's first package: its key is pinned once the officer compared its fingerprint."""

    kind, flag, hint = "new-township", "--accept-new-township", messages.ACCEPT_NEW_TOWNSHIP


class NewTownshipKey(township.NeedsConfirmation, UserError):
    kind, flag, hint = "new-township-key", "--accept-new-township-key", messages.ACCEPT_NEW_TOWNSHIP_KEY


@dataclass
class TownshipImport:
    """What importing one township package did (or, ``already``, that it had been done)."""

    township: str
    sequence: int
    file_name: str
    full: bool = False
    already: bool = False
    new_township: bool = False
    villages: list[ImportResult] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # what was recorded for good, in words

    def summary(self) -> str:
        if self.already:
            return messages.TOWNSHIP_ALREADY.format(name=self.township, sequence=self.sequence,
                                                    file_name=self.file_name)
        lines = [messages.TOWNSHIP_IMPORTED.format(
            name=self.township, sequence=self.sequence, full=messages.FULL if self.full else "",
            file_name=self.file_name, villages=len(self.villages),
            new_township=messages.TOWNSHIP_IMPORTED_NEW if self.new_township else "")]
        lines += [messages.EVENT_LINE.format(event=event) for event in self.events]
        for village in self.villages:
            lines.append(messages.VILLAGE_LINE.format(village=village.village_name, code=village.village_code,
                                                      sequence=village.sequence, what=_village_what(village)))
            lines += [messages.EVENT_LINE.format(event=township.event_text(kind, detail, village.sequence)
                                                 if kind != "moved" else _moved_text(detail, village.sequence))
                      for kind, detail in village.events]
        return "\n".join(lines)


def _village_what(result: township.ImportResult) -> str:
    if result.already:
        return messages.VILLAGE_ALREADY
    total = {key: sum(c[key] for c in result.counts.values()) for key in ("new", "updated", "unchanged", "deleted")}
    return messages.VILLAGE_COUNTS.format(**total, new_village=messages.VILLAGE_NEW if result.new_village else "",
                                          replaced=messages.VILLAGE_REPLACED if result.replaced else "")


def _moved_text(detail: str, sequence: int) -> str:
    found = json.loads(detail)
    return messages.EVENT_MOVED.format(old=found.get("from", ""), new=found.get("to", ""), sequence=sequence)


def event_text(kind: str, detail: str, sequence: int) -> str:
    """A county.events row in words: the township's kinds as the township says them, and the county's own."""
    if kind == "moved":
        return _moved_text(detail, sequence)
    if kind == "new-key":
        found = json.loads(detail)
        if "township" in found:
            return messages.EVENT_TOWNSHIP_KEY.format(township=found["township"], sequence=sequence,
                                                      old=found.get("old", ""), new=found.get("new", ""))
    return township.event_text(kind, detail, sequence)


def taken_file(conn: psycopg.Connection, sha256: str) -> TownshipImport | None:
    """The township package this very file was, if the county took it before."""
    row = conn.execute("SELECT t.name, p.sequence, p.file_name, p.\"full\" FROM county.township_packages p "
                       "JOIN county.townships t ON t.id = p.township_id WHERE p.file_sha256 = %s", (sha256,)).fetchone()
    return None if row is None else TownshipImport(row[0], row[1], row[2], full=row[3], already=True)


class IncomingTownshipPackage(Protocol):
    """What :func:`take_township_package` needs of a verified township package
    (documents.package.township_reader.TownshipPackage)."""

    @property
    def card(self) -> keys.Card: ...
    @property
    def manifest(self) -> dict: ...
    @property
    def sha256(self) -> str: ...

    def villages(self) -> Iterator[tuple[dict, township.IncomingPackage]]: ...


def take_township_package(conn: psycopg.Connection, package: IncomingTownshipPackage, file_name: str, whole: str, *,
                          accept_new_township: bool = False, accept_new_township_key: bool = False,
                          accept_new_key: bool = False, accept_divergence: bool = False) -> TownshipImport:
    """Merge the verified township package ``package`` (its file ``file_name``, whose SHA-256 is ``whole``)
    into the county on ``conn``; see the module.

    UserError (a NeedsConfirmation naming its flag for what the officer must confirm) with nothing
    changed when it is refused.
    """
    card, manifest = package.card, package.manifest
    own = county_name(conn)
    if card.county != own:
        raise UserError(messages.OTHER_COUNTY.format(county=card.county, township=card.township, own=own))
    result = TownshipImport(card.township, manifest["sequence"], file_name, full=manifest["full"])
    try:
        with conn.transaction():
            _lock(conn, "township", card.township)
            for code in sorted({entry["code"] for entry, _payload in package.villages()}):
                _lock(conn, "village", code)
            township_id, key_id = _take_township(conn, package, result, accept_new_township, accept_new_township_key)
            if result.already:
                return result
            package_id = _record_package(conn, township_id, key_id, package, file_name, whole)
            for entry, payload in package.villages():
                taken = conn.execute("SELECT sha256, file_name FROM county.village_packages "
                                     "WHERE village_code = %s AND sequence = %s",
                                     (entry["code"], entry["sequence"])).fetchone()
                checked = check_village(conn, payload, sha256=entry["sha256"],
                                        taken=None if taken is None else {"sha256": taken[0], "file_name": taken[1]},
                                        accept_new_village=True, accept_new_key=accept_new_key,
                                        accept_divergence=accept_divergence)
                if not checked.already:
                    try:
                        _merge_village(conn, township_id, card.township, package_id, entry, payload, checked)
                    except (errors.DataError, errors.CardinalityViolation, errors.IntegrityError) as exc:
                        # Checked before against this program's tables; what is left is what PostgreSQL alone
                        # will not hold (a NUL character where it cannot be made U+FFFD) or a uid sent twice.
                        raise UserError(messages.BAD_RECORD.format(
                            village=checked.village_name, member=entry["member"],
                            reason=exc.diag.message_primary or type(exc).__name__)) from None
                checked.kept = None
                result.villages.append(checked)
            conn.execute("UPDATE county.township_packages SET counts = %s WHERE id = %s",
                         (Jsonb(_package_counts(result)), package_id))
            audit.write(conn, "import-package", "township_packages", f"{card.township}#{result.sequence}",
                        {"file": file_name, "villages": len(result.villages)})
    except errors.InsufficientPrivilege:
        raise UserError(messages.IMPORT_NEEDS_WRITER.format(user=conn.info.user)) from None
    return result


def _new_id(cursor: psycopg.Cursor) -> int:
    """The id an INSERT … RETURNING id made."""
    row = cursor.fetchone()
    assert row is not None  # an INSERT that did not fail returns its row
    return int(row[0])


def _lock(conn: psycopg.Connection, what: str, name: str) -> None:
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"villagedesk-{what}:{name}",))


def _take_township(conn: psycopg.Connection, package: IncomingTownshipPackage, result: TownshipImport, accept_new: bool,
                   accept_new_key: bool) -> tuple[int, int]:
    """The township's row (made or brought up to date) and the key in force, once its key and sequence
    are checked; sets ``result.already`` when this package was taken before.

    A township that reinstalled signs with a new key and numbers its packages from 1 again: once the
    officer confirms the key, its sequences start afresh (they are counted per key).
    """
    card, manifest = package.card, package.manifest
    sequence, previous, full = manifest["sequence"], manifest["previous_sequence"], manifest["full"]
    now = clock.now().replace(microsecond=0)
    row = conn.execute("SELECT t.id, t.signing_key, t.fingerprint, t.last_sequence, k.id FROM county.townships t "
                       "JOIN county.township_keys k ON k.township_id = t.id AND k.retired_at IS NULL "
                       "WHERE t.name = %s", (card.township,)).fetchone()
    if row is None or row[1] != card.signing_key:
        other = conn.execute("SELECT name FROM county.townships WHERE signing_key = %s AND name <> %s",
                             (card.signing_key, card.township)).fetchone()
        if other is not None:
            raise UserError(messages.KEY_OF_OTHER_TOWNSHIP.format(fingerprint=card.fingerprint, other=other[0],
                                                                  township=card.township))
        township.check_order(card.township, sequence, previous, full, None, None, package.sha256, US, ORDER)
    if row is None:
        if not accept_new:
            raise NewTownship(messages.NEW_TOWNSHIP.format(township=card.township, fingerprint=card.fingerprint))
        result.new_township = True
        township_id = _new_id(conn.execute(
            "INSERT INTO county.townships (name, county, signing_key, fingerprint, created_at, updated_at) "
            "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
            (card.township, card.county, card.signing_key, card.fingerprint, now, now)))
        return township_id, _pin_township_key(conn, township_id, package, now)
    township_id, signing_key, fingerprint, last, key_id = row
    if signing_key == card.signing_key:
        taken = conn.execute("SELECT sha256, file_name FROM county.township_packages WHERE key_id = %s "
                             "AND sequence = %s", (key_id, sequence)).fetchone()
        result.already = township.check_order(
            card.township, sequence, previous, full, last,
            None if taken is None else {"sha256": taken[0], "file_name": taken[1]}, package.sha256, US, ORDER)
        return township_id, key_id
    if not accept_new_key:
        raise NewTownshipKey(messages.NEW_TOWNSHIP_KEY.format(township=card.township, old=fingerprint,
                                                              new=card.fingerprint))
    conn.execute("UPDATE county.township_keys SET retired_at = %s WHERE id = %s", (now, key_id))
    conn.execute("UPDATE county.townships SET signing_key = %s, fingerprint = %s WHERE id = %s",
                 (card.signing_key, card.fingerprint, township_id))
    detail = json.dumps({"township": card.township, "old": fingerprint, "new": card.fingerprint}, ensure_ascii=False)
    conn.execute("INSERT INTO county.events (township_id, sequence, kind, detail, at) VALUES (%s, %s, %s, %s, %s)",
                 (township_id, sequence, "new-key", detail, now))
    result.events.append(event_text("new-key", detail, sequence))
    return township_id, _pin_township_key(conn, township_id, package, now)


def _pin_township_key(conn: psycopg.Connection, township_id: int, package: IncomingTownshipPackage, now) -> int:
    card = package.card
    return _new_id(conn.execute(
        "INSERT INTO county.township_keys (township_id, public_key, fingerprint, card, first_sequence, created_at) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (township_id, card.signing_key, card.fingerprint,
         json.dumps(package.manifest["township"], ensure_ascii=False, sort_keys=True), package.manifest["sequence"], now)))


def _record_package(conn: psycopg.Connection, township_id: int, key_id: int, package: IncomingTownshipPackage,
                    file_name: str, whole: str) -> int:
    manifest, now = package.manifest, clock.now().replace(microsecond=0)
    conn.execute("UPDATE county.townships SET last_sequence = %s, last_created_at = %s, last_imported_at = %s, "
                 "updated_at = %s WHERE id = %s",
                 (manifest["sequence"], manifest["created_at"], now, now, township_id))
    return _new_id(conn.execute(
        'INSERT INTO county.township_packages (township_id, key_id, sequence, previous, "full", package_created_at, '
        "app_version, file_name, sha256, file_sha256, imported_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "RETURNING id",
        (township_id, key_id, manifest["sequence"], manifest["previous_sequence"], manifest["full"],
         manifest["created_at"], str(manifest.get("app_version", "")), file_name, package.sha256, whole, now)))


def _package_counts(result: TownshipImport) -> dict:
    return {"villages": len(result.villages),
            "taken": sum(1 for v in result.villages if not v.already)}


# --- one village package merged ------------------------------------------------------------

# A village's lines go to the server in one COPY and are merged from there in one statement: a
# statement per line would cost a round trip each (a small village sends tens of thousands).
_INCOMING = ("CREATE TEMP TABLE IF NOT EXISTS vd_incoming (table_name text NOT NULL, uid text NOT NULL, "
             "data text NOT NULL) ON COMMIT DELETE ROWS")
# Kept as the village sent it; a row sent again unchanged is not written (counted as unchanged).
_MERGE = """
    WITH merged AS (
        INSERT INTO county.rows AS r (village_code, table_name, uid, data, deleted, package_sequence)
        SELECT %(code)s, table_name, uid, data::json, false, %(sequence)s FROM vd_incoming
        ON CONFLICT (village_code, table_name, uid) DO UPDATE
            SET data = excluded.data, deleted = false, package_sequence = excluded.package_sequence
            WHERE r.data::text IS DISTINCT FROM excluded.data::text OR r.deleted
        RETURNING r.table_name, (xmax = 0) AS inserted
    )
    SELECT table_name, count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)
    FROM merged GROUP BY table_name"""


def _lines(payload: township.IncomingPackage, kept: dict[str, list[tuple[str, str]]] | None, sent: dict[str, int],
           before: str = "", after: str = "") -> Iterator[str]:
    """The village's lines as COPY's text format has them: table, uid and line, a tab between, one a line
    (``before`` and ``after``: columns written the same on every line, escaped, each with its tab)."""
    for table in payload.tables():
        found = kept[table] if kept is not None else ((None, line) for line in payload.raw_rows(table))
        field = before + _copy_field(table)
        count = 0
        for uid, line in found:
            count += 1
            # A package too large for its lines to be kept by the check (validate.KEEP_BYTES) is read again:
            # the check proved each line a JSON object with a text uid.
            uid = uid if uid is not None else orjson.loads(line)["uid"]
            yield f"{field}\t{_copy_field(uid)}\t{_copy_field(_without_nul(line))}{after}\n"
        sent[table] = sent.get(table, 0) + count


def _copy_field(text: str) -> str:
    # COPY's text format: a backslash, tab, newline or carriage return in a value is written escaped.  Done
    # here by str.replace (in C) rather than by psycopg's write_row, which escapes field by field in Python.
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _without_nul(line: str) -> str:
    """The line with every NUL character in its texts made U+FFFD: PostgreSQL's texts (and so JSONB) cannot
    hold NUL, which SQLite holds (a village may have one from a pasted or imported text).  Refusing would
    hold up the whole township's package for one invisible character; only that character is lost."""
    if "\\u0000" not in line:
        return line
    return orjson.dumps(_replace_nul(orjson.loads(line))).decode("utf-8")


def _replace_nul(value: object) -> object:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_replace_nul(k): _replace_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_nul(v) for v in value]
    return value


def _merge_village(conn: psycopg.Connection, township_id: int, township_name: str, package_id: int, entry: dict,
                   payload: township.IncomingPackage, result: township.ImportResult) -> None:
    code, now = result.village_code, clock.now().replace(microsecond=0)
    v = _replace_nul(payload.village)
    assert isinstance(v, dict)
    known = conn.execute("SELECT v.township_id, t.name FROM county.villages v JOIN county.townships t "
                         "ON t.id = v.township_id WHERE v.code = %s", (code,)).fetchone()
    if known is not None and known[0] != township_id:
        result.events.append(("moved", json.dumps({"from": known[1], "to": township_name}, ensure_ascii=False)))
    figures = _replace_nul(payload.figures())
    position = result.chain or Position(0, GENESIS)
    conn.execute(
        "INSERT INTO county.villages AS v (code, township_id, name, clerk, phone, last_sequence, last_created_at, "
        "chain_count, chain_head, figures, created_at, updated_at) "
        "VALUES (%(code)s, %(township)s, %(name)s, %(clerk)s, %(phone)s, %(sequence)s, %(created)s, %(count)s, "
        "%(head)s, %(figures)s, %(now)s, %(now)s) "
        "ON CONFLICT (code) DO UPDATE SET township_id = excluded.township_id, name = excluded.name, "
        "clerk = excluded.clerk, phone = excluded.phone, last_sequence = excluded.last_sequence, "
        "last_created_at = excluded.last_created_at, chain_count = excluded.chain_count, "
        "chain_head = excluded.chain_head, figures = coalesce(%(sent)s, v.figures), updated_at = excluded.updated_at",
        {"code": code, "township": township_id, "name": v["name"], "clerk": v.get("clerk", ""),
         "phone": v.get("phone", ""), "sequence": payload.sequence, "created": payload.manifest["created_at"],
         "count": position.count, "head": position.head, "figures": Jsonb(figures or {}),
         "sent": None if figures is None else Jsonb(figures), "now": now})
    if result.retire_key is not None:
        conn.execute("UPDATE county.village_keys SET retired_at = %s WHERE id = %s", (now, result.retire_key))
    if result.pin_key is not None:
        conn.execute("INSERT INTO county.village_keys (village_code, public_key, fingerprint, first_sequence, "
                     "created_at) VALUES (%s, %s, %s, %s, %s)",
                     (code, result.pin_key, result.fingerprint, payload.sequence, now))
    for kind, detail in result.events:
        conn.execute("INSERT INTO county.events (township_id, village_code, sequence, kind, detail, at) "
                     "VALUES (%s, %s, %s, %s, %s, %s)", (township_id, code, payload.sequence, kind, detail, now))
    _merge_rows(conn, payload, entry, result)
    if figures is None:
        # A package without figures.json (an older village program): computed here from what the county now
        # holds of the village, as the township does (core.township.figures.refresh_figures).
        conn.execute("UPDATE county.villages SET figures = %s WHERE code = %s",
                     (Jsonb(computed_figures(CountyRows(conn), code)), code))
    counts = {name: info.get("rows") for name, info in payload.manifest["files"].items()}
    conn.execute(
        'INSERT INTO county.village_packages (village_code, sequence, previous, "full", package_created_at, '
        "app_version, file_name, sha256, counts, audit, township_package_id, imported_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (code, payload.sequence, payload.previous, payload.full, payload.manifest["created_at"],
         str(payload.manifest.get("app_version", "")), entry["member"], entry["sha256"], Jsonb(counts),
         payload.audit_deflated(), package_id, now))


_HOLDS_ROWS = "SELECT 1 FROM county.rows WHERE village_code = %s LIMIT 1"
# How many records of each table the village has (not deleted): kept with the village (villages.table_rows,
# schema 3) for the window, which would otherwise count the village's every row at each click.
_TABLE_ROWS = ("SELECT table_name, count(*) FROM county.rows WHERE village_code = %s AND NOT deleted "
               "GROUP BY table_name")


def _copy(conn: psycopg.Connection, statement: str, lines: Iterator[str]) -> None:
    """``lines`` sent by ``statement`` (a COPY … FROM STDIN), a few thousand at a time."""
    with conn.cursor().copy(statement) as copy:
        block: list[str] = []
        for text in lines:
            block.append(text)
            if len(block) == 2000:
                copy.write("".join(block).encode("utf-8"))
                block.clear()
        copy.write("".join(block).encode("utf-8"))


def _merge_rows(conn: psycopg.Connection, payload: township.IncomingPackage, entry: dict,
                result: township.ImportResult) -> None:
    code, sequence = result.village_code, payload.sequence
    kept, result.kept = result.kept, None
    sent: dict[str, int] = {}
    replaced: dict[str, int] = {}
    if conn.execute(_HOLDS_ROWS, (code,)).fetchone() is None:
        # Nothing of the village here yet (its first package at the county; the whole county's first
        # import): its lines go straight into county.rows.  Nothing can conflict (a uid sent twice is
        # refused by the key) and nothing is there to be marked gone, so staging and merging them would
        # only have the server write every row twice.
        _copy(conn, "COPY county.rows (village_code, table_name, uid, data, package_sequence) FROM STDIN",
              _lines(payload, kept, sent, before=_copy_field(code) + "\t", after=f"\t{sequence}"))
        changed = {table: (count, 0) for table, count in sent.items()}
        table_rows: dict[str, int] | None = dict(sent)
    else:
        table_rows = None
        conn.execute(_INCOMING)
        _copy(conn, "COPY vd_incoming (table_name, uid, data) FROM STDIN", _lines(payload, kept, sent))
        changed = {table: (new, updated) for table, new, updated in
                   conn.execute(_MERGE, {"code": code, "sequence": sequence}).fetchall()}
        if result.replaced:
            # A full package replaces the village's records: what it no longer has is marked deleted (nothing
            # is deleted at the county).  Only those rows are written: marking all and reviving the rest
            # would write every row of the village twice.
            for table, hit in conn.execute(
                    "WITH gone AS (UPDATE county.rows r SET deleted = true, package_sequence = %s "
                    "WHERE r.village_code = %s AND NOT r.deleted AND NOT EXISTS (SELECT FROM vd_incoming i "
                    "WHERE i.table_name = r.table_name AND i.uid = r.uid) RETURNING r.table_name) "
                    "SELECT table_name, count(*) FROM gone GROUP BY table_name", (sequence, code)).fetchall():
                replaced[table] = hit
        conn.execute("TRUNCATE vd_incoming")
    for table in {*payload.tables(), *replaced}:
        new, updated = changed.get(table, (0, 0))
        result.counts[table] = {"new": new, "updated": updated,
                                "unchanged": sent.get(table, 0) - new - updated, "deleted": replaced.get(table, 0)}
    gone = [(g["table"], g["uid"]) for g in result.deleted]
    if gone:
        for table, hit in conn.execute(
                "WITH gone AS (UPDATE county.rows r SET deleted = true, package_sequence = %s "
                "FROM unnest(%s::text[], %s::text[]) AS g(table_name, uid) "
                "WHERE r.village_code = %s AND r.table_name = g.table_name AND r.uid = g.uid "
                "AND NOT r.deleted RETURNING r.table_name) SELECT table_name, count(*) FROM gone "
                "GROUP BY table_name",
                (sequence, [t for t, _ in gone], [u for _, u in gone], code)).fetchall():
            counts = result.counts.setdefault(table, {"new": 0, "updated": 0, "unchanged": 0, "deleted": 0})
            counts["deleted"] += hit
            if table_rows is not None:
                table_rows[table] -= hit
    if table_rows is None:  # what the village had, changed by the merge: counted again, from its own rows
        table_rows = dict(conn.execute(_TABLE_ROWS, (code,)).fetchall())
    conn.execute("UPDATE county.villages SET table_rows = %s WHERE code = %s", (Jsonb(table_rows), code))


__all__ = ["IncomingTownshipPackage", "NewTownship", "NewTownshipKey", "TownshipImport", "event_text",
           "take_township_package", "taken_file"]

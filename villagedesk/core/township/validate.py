"""Every line of a package checked before the township's transaction (docs/PACKAGES.md, steps 5 and 6).

One pass over the package's records:

- each line is a JSON object whose fields are columns of its table, as **this**
  database's own schema has them (``PRAGMA table_info`` of the village tables, which
  every database has), each of its column's type: an integer column holds an integer
  (not ``true``, not ``"7"``), a text column text, a column that points at another
  record that record's uid; NOT NULL columns are filled.  A column this program does
  not know is refused, not kept: the township cannot check it, and none of its
  reports would ever show it — a village whose program is newer waits until the
  township's program is upgraded (the upgrade comes with the columns' checks).
  A column an older village program did not have yet may be missing when the
  schema gives it a default or lets it be empty;
- the approved points entries feed the chain check (core.township.chain);
- what ``figures.json`` can be checked against is counted on the way: households and
  persons not archived, and the points participation of every period the figures give
  (the share of households with an approved entry in the period, as core.points.ranking
  counts it).  For an incremental package the count is of what the township will hold
  after the merge: what it holds, with what the package changes and deletes.

Rows are checked by their shape — the tuple of their keys and of their values'
types — and a shape seen valid once is not checked again, which keeps a million
points entries to a few seconds.

The lines checked are kept, each with its uid, for the merge (``Scan.kept``) up to
:data:`KEEP_BYTES`: the merge then neither inflates them again nor has SQLite parse
each line for its uid, an eighth of a small village's import.  A larger package is
read again by the merge instead of being held in memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import orjson

from villagedesk.core.common import periods
from villagedesk.core.common.codes import ENTRY
from villagedesk.core.points.rules import Scheme
from villagedesk.core.township import messages
from villagedesk.core.township.chain import ChainCheck, Divergence, Position
from villagedesk.core.township.held import Held
from villagedesk.errors import UserError
from villagedesk.store import Store


class ScannedPackage(Protocol):
    @property
    def path(self) -> Path: ...  # the opened zip
    @property
    def manifest(self) -> dict: ...
    @property
    def full(self) -> bool: ...

    def tables(self) -> list[str]: ...
    def raw_rows(self, table: str) -> Iterator[str]: ...
    def deleted(self) -> Iterator[dict]: ...
    def figures(self) -> dict | None: ...


@dataclass(frozen=True)
class TableSpec:
    """What a line of one table may hold: column → accepted value types; the columns it must have."""

    name: str
    types: dict[str, tuple[type, ...]]
    required: frozenset[str]
    why: dict[str, str]  # column → what it should be (the refusal says it)


_INT: tuple[type, ...] = (int,)
_TEXT: tuple[type, ...] = (str,)
_REAL: tuple[type, ...] = (int, float)
_NONE: tuple[type, ...] = (type(None),)

# A small demo village's records are 17 MB of JSON; the large demo's (a million points entries) half a gigabyte.
KEEP_BYTES = 64 << 20


def table_specs(store: Store, local: frozenset[str]) -> dict[str, TableSpec]:
    """The record tables this database has (they have a uid; ``local`` ones never travel), with their checks."""
    specs = {}
    for name in [r["name"] for r in store.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]:
        columns = store.rows(f"PRAGMA table_info([{name}])")
        if name in local or "uid" not in {c["name"] for c in columns}:
            continue
        references = {r["from"] for r in store.rows(f"PRAGMA foreign_key_list([{name}])")}
        types: dict[str, tuple[type, ...]] = {}
        required, why = set(), {}
        for c in columns:
            declared = (c["type"] or "").upper()
            if c["name"] in references:
                accepted, why[c["name"]] = _TEXT, messages.WHY_REFERENCE
            elif "INT" in declared:
                accepted, why[c["name"]] = _INT, messages.WHY_INTEGER
            elif "REAL" in declared:
                accepted, why[c["name"]] = _REAL, messages.WHY_NUMBER
            else:
                accepted, why[c["name"]] = _TEXT, messages.WHY_TEXT
            mandatory = bool(c["notnull"]) or bool(c["pk"])
            types[c["name"]] = accepted if mandatory else accepted + _NONE
            if c["pk"] or (c["notnull"] and c["dflt_value"] is None):
                required.add(c["name"])
        specs[name] = TableSpec(name, types, frozenset(required), why)
    return specs


@dataclass
class Counted:
    """What figures.json is checked against, counted from the package's records."""

    households: dict[str, object] = field(default_factory=dict)  # uid → archived
    persons: dict[str, object] = field(default_factory=dict)
    schemes: dict[str, tuple] = field(default_factory=dict)  # uid → (id, period_kind, reset_each_period)
    months: dict[str, set[str]] = field(default_factory=dict)  # household uid → months with an approved entry
    unsequenced: list[str] = field(default_factory=list)  # point entries without a sequence (incremental)


@dataclass
class Scan:
    divergence: Divergence | None
    deleted: list[dict]
    position: Position  # the chain the package brings the township to
    # table → (uid, line) of every line checked, in the package's order; None when the package was too large to keep.
    kept: dict[str, list[tuple[str, str]]] | None = None


def _lines(package: ScannedPackage, member: str) -> Iterator[bytes]:
    """The lines of ``member`` as bytes (orjson reads them without a decoded copy), a megabyte at a time."""
    with zipfile.ZipFile(package.path) as archive, archive.open(member) as fh:
        rest = b""
        while chunk := fh.read(1 << 20):
            *whole, rest = (rest + chunk).split(b"\n")
            yield from whole
        if rest:
            yield rest


def _rows(package: ScannedPackage, table: str, who: str) -> Iterator[tuple[int, bytes, dict]]:
    member = package.manifest["tables"][table]["file"]
    line = 1
    try:
        for line, text in enumerate(_lines(package, member), 1):
            row = orjson.loads(text)  # refuses text that is not UTF-8 too
            if type(row) is not dict:
                raise ValueError
            yield line, text, row
    except ValueError:  # orjson.JSONDecodeError is a ValueError
        raise UserError(messages.ROW_NOT_RECORD.format(who=who, member=member, line=line)) from None


def _refuse_row(spec: TableSpec, row: dict, who: str, member: str, line: int, level: str) -> UserError:
    """Why ``row`` is not a line of ``spec``'s table (it failed the quick check); ``level``: Receiver.level."""
    if not (isinstance(row.get("uid"), str) and row["uid"]):  # no record at all: what would it even be?
        return UserError(messages.ROW_NOT_RECORD.format(who=who, member=member, line=line))
    for column in row:
        if column not in spec.types:
            return UserError(messages.ROW_UNKNOWN_COLUMN.format(who=who, member=member, line=line, column=column,
                                                                level=level))
    for column in sorted(spec.required - row.keys()):
        return UserError(messages.ROW_BAD_VALUE.format(who=who, member=member, line=line, column=column,
                                                       why=messages.WHY_MISSING))
    for column, value in row.items():
        accepted = spec.types[column]
        if type(value) not in accepted:
            why = messages.WHY_MISSING if value is None else spec.why[column]
            return UserError(messages.ROW_BAD_VALUE.format(who=who, member=member, line=line, column=column,
                                                           why=why))
    return UserError(messages.ROW_NOT_RECORD.format(who=who, member=member, line=line))


def scan(specs: dict[str, TableSpec], package: ScannedPackage, who: str, chain: ChainCheck) -> Scan:
    """Check every line of ``package`` (and feed the chain and the figures); UserError at the first wrong one.

    ``specs``: the tables a package may bring (:func:`table_specs`); what is held of the village is
    ``chain.source``.
    """
    level = chain.source.receiver.level
    counted = Counted()
    kept: dict[str, list[tuple[str, str]]] | None = {}
    size = 0
    for table in package.tables():
        spec = specs.get(table)
        if spec is None:
            raise UserError(messages.ROW_UNKNOWN_TABLE.format(who=who, table=table, level=level))
        member = package.manifest["tables"][table]["file"]
        seen: set[tuple] = set()  # shapes already found valid
        types = spec.types
        entries, counts = table == "point_entries", getattr(counted, table, None) if table in (
            "households", "persons") else None
        add, unsequenced, months = chain.add, counted.unsequenced, counted.months
        keep = kept.setdefault(table, []).append if kept is not None else None
        for line, text, row in _rows(package, table, who):
            shape = (tuple(row), tuple(map(type, row.values())))
            if shape not in seen:
                if not (row.keys() <= types.keys() and spec.required <= row.keys()
                        and all(type(v) in types[k] for k, v in row.items())):
                    raise _refuse_row(spec, row, who, member, line, level)
                seen.add(shape)
            if not row["uid"]:
                raise _refuse_row(spec, row, who, member, line, level)
            if entries:
                if row.get("seq") is not None:
                    add(row)
                elif not package.full:
                    unsequenced.append(row["uid"])
                if row["status"] == "approved":
                    months.setdefault(row["household_id"], set()).add(row["entry_date"][:7])
            elif counts is not None:
                counts[row["uid"]] = row.get("archived", 0)
            elif table == "point_scheme":
                counted.schemes[row["uid"]] = (row["id"], row.get("period_kind"), row.get("reset_each_period"))
            if keep is not None:
                size += len(text)
                if size > KEEP_BYTES:
                    kept = keep = None  # the merge reads the package again
                else:
                    keep((row["uid"], text.decode()))  # UTF-8 already: orjson read it
    deleted = _deletions(package, specs, who)
    divergence = chain.finish()
    if not package.full:
        _unapproved(chain.source, counted.unsequenced, deleted, who)
    figures = package.figures()
    if figures is not None:
        check_figures(chain.source, package.full, figures, counted, deleted, who)
    return Scan(divergence, deleted, chain.claimed, kept)


def _deletions(package: ScannedPackage, specs: dict[str, TableSpec], who: str) -> list[dict]:
    found: list[dict] = []
    try:
        for gone in package.deleted():
            if not (isinstance(gone, dict) and gone.get("table") in specs and isinstance(gone.get("uid"), str)):
                raise ValueError
            if gone["table"] == "point_entries":  # entries are never deleted (a trigger in every village)
                raise UserError(messages.ROW_DELETED_ENTRY.format(who=who))
            found.append(gone)
    except ValueError:
        raise UserError(messages.ROW_NOT_RECORD.format(who=who, member="deleted.jsonl", line=len(found) + 1)) \
            from None
    return found


def _unapproved(held: Held, uids: list[str], deleted: list[dict], who: str) -> None:
    """An incremental package may not turn an entry the township holds approved into one without a sequence."""
    found = held.sequenced_among(uids)
    if found is not None:
        raise UserError(messages.CHAIN_UNAPPROVED.format(who=who, us=held.receiver.us, entry=ENTRY(found.id) if type(found.id) is int
                                                         else ""))


# --- figures.json against the records -------------------------------------------------------

def _after_merge(held: Held, counted: Counted, deleted: list[dict]) -> Counted:
    """What the receiver will hold of the village once an incremental package is merged."""
    gone: dict[str, set[str]] = {}
    for d in deleted:
        gone.setdefault(d["table"], set()).add(d["uid"])
    after = Counted()
    for table in ("households", "persons"):
        archived = {uid: value for uid, value in held.rows(table, ("archived",))}
        archived.update(getattr(counted, table))
        for uid in gone.get(table, ()):
            archived.pop(uid, None)
        setattr(after, table, archived)
    schemes = {uid: (i, k, r) for uid, i, k, r in held.rows(
        "point_scheme", ("id", "period_kind", "reset_each_period"))}
    schemes.update(counted.schemes)
    for uid in gone.get("point_scheme", ()):
        schemes.pop(uid, None)
    after.schemes = schemes
    # Approved entries never change nor go (the chain check holds them to it): those held and those received.
    months: dict[str, set[str]] = {}
    for household, month in held.approved_months():
        if household is not None:
            months.setdefault(household, set()).add(month)  # type: ignore[arg-type]
    for household, received in counted.months.items():
        months.setdefault(household, set()).update(received)
    after.months = months
    return after


def _participation(counted: Counted, active: list[str], period: periods.Period, reset: bool) -> float:
    """ranking's participation: the share of households with an approved entry counted in ``period``."""
    if not active:
        return 0.0
    last = period.end.isoformat()[:7]
    first = period.start.isoformat()[:7] if reset else ""
    taking = sum(1 for uid in active if any(first <= m <= last for m in counted.months.get(uid, ())))
    return round(taking / len(active), 3)


def check_figures(held: Held, full: bool, figures: dict, counted: Counted, deleted: list[dict], who: str) -> None:
    """figures.json against what the records count; UserError at the first figure that differs."""
    if not full:
        counted = _after_merge(held, counted, deleted)

    def differs(figure: str, claimed: object, actual: object) -> UserError:
        return UserError(messages.FIGURES_MISMATCH.format(who=who, figure=figure, claimed=claimed, counted=actual))

    households = [uid for uid, archived in counted.households.items() if archived == 0]
    persons = sum(1 for archived in counted.persons.values() if archived == 0)
    for name, label, actual in (("households", messages.FIGURE_HOUSEHOLDS, len(households)),
                                ("persons", messages.FIGURE_PERSONS, persons)):
        if name in figures and (type(figures[name]) is not int or figures[name] != actual):
            raise differs(label, figures[name], actual)
    # The scheme the figures were computed with: the village's first (core.points.rules.get_scheme).
    scheme = min(counted.schemes.values(), key=lambda s: s[0] if type(s[0]) is int else 0, default=None)
    default = Scheme()  # a village that never set a scheme (get_scheme gives the same)
    kind = scheme[1] if scheme is not None else default.period_kind
    reset = bool(scheme[2]) if scheme is not None else default.reset_each_period
    try:
        as_of = date.fromisoformat(figures["as_of"]) if "as_of" in figures else None
        wanted: list[tuple[periods.Period, object]] = []
        if as_of is not None and "participation" in figures:
            wanted.append((periods.of(as_of, kind), figures["participation"]))
        for period_code, values in (figures.get("periods") or {}).items():
            if isinstance(values, dict) and "participation" in values:
                wanted.append((periods.parse(period_code), values["participation"]))
    except (TypeError, ValueError, UserError, AttributeError):
        raise UserError(messages.FIGURES_UNREADABLE.format(who=who)) from None
    for period, claimed in wanted:
        share = _participation(counted, households, period, reset)
        if type(claimed) not in (int, float) or claimed != share:
            raise differs(messages.FIGURE_PARTICIPATION.format(period=period.label), claimed, share)


__all__ = ["KEEP_BYTES", "Counted", "Scan", "TableSpec", "check_figures", "scan", "table_specs"]

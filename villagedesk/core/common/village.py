"""The village profile: who keeps these records; every printout carries it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from villagedesk.core.common import ids, messages, records
from villagedesk.errors import UserError
from villagedesk.store import Store


@dataclass
class Profile:
    name: str
    code: str
    township: str
    county: str
    clerk: str
    phone: str

    @property
    def full_name(self) -> str:
        """县 乡镇 村, as a printed header says it."""
        return "".join(p for p in (self.county, self.township, self.name) if p)


_REQUIRED = {
    "name": "村名",
    "code": "统一社会信用代码",
    "township": "乡镇",
    "county": "县（市、区）",
    "clerk": "文书姓名",
    "phone": "联系电话",
}


def validate(profile: Profile) -> Profile:
    clean = Profile(**{k: (v or "").strip() for k, v in asdict(profile).items()})
    clean.code = clean.code.upper().replace(" ", "")
    clean.phone = ids.normalize_phone(clean.phone)
    for field, label in _REQUIRED.items():
        if not getattr(clean, field):
            raise UserError(messages.FILL_IN.format(label=label), field=field)
    problem = ids.uscc_problem(clean.code)
    if problem:
        raise UserError(messages.SENTENCE.format(reason=problem), field="code")
    problem = ids.phone_problem(clean.phone)
    if problem:
        raise UserError(messages.SENTENCE.format(reason=problem), field="phone")
    return clean


# What a database is, a village's or a township's (set by core.township.merge.set_township). A
# database turned back into a village's keeps the township keys it was given, so the mode, not the
# keys, says what it is now; a township's accounts have roles of their own (core.accounts.roles).
MODE_KEY, TOWNSHIP = "mode", "township"


def is_township(store: Store) -> bool:
    return store.scalar("SELECT value FROM settings WHERE key = ?", (MODE_KEY,)) == TOWNSHIP


def get_profile(store: Store) -> Profile | None:
    row = store.row("SELECT name, code, township, county, clerk, phone FROM village LIMIT 1")
    return Profile(**row) if row else None


def save_profile(store: Store, profile: Profile) -> Profile:
    clean = validate(profile)
    existing = store.row("SELECT id FROM village LIMIT 1")
    if existing:
        records.update(store, "village", existing["id"], asdict(clean))
    else:
        records.insert(store, "village", asdict(clean))
    store.actor = clean.clerk
    return clean

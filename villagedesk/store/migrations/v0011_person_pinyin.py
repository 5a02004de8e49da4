"""Schema version 11: a person's full pinyin beside the initials, so "dairui" finds 戴瑞.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import stamp

NAME = "0011_person_pinyin"

# The readings of surnames that differ from the common word, as core/common/pinyin.py had them when
# this step was released.  A step below core cannot ask core (docs/ARCHITECTURE.md "Layers and
# areas"), and a released step must spell old names as it did the day it ran, whatever core says later.
_SURNAMES = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "区": "ou", "朴": "piao", "查": "zha",
    "翟": "zhai", "缪": "miao", "覃": "qin", "尉": "yu", "乐": "yue", "盖": "ge", "种": "chong",
    "秘": "bi", "召": "shao", "长": "chang", "重": "chong", "沈": "shen", "柏": "bai", "藏": "zang",
}


def _spelled(name: str) -> str:
    from pypinyin import lazy_pinyin  # loads pypinyin's tables: not at start-up, only for this one step

    name = (name or "").strip()
    if not name:
        return ""
    head = _SURNAMES.get(name[0], "")
    rest = name[1:] if head else name
    keep = lambda chars: "".join(c for c in chars if c.isascii() and c.isalnum())  # noqa: E731
    return (head + "".join(lazy_pinyin(rest, errors=keep))).lower()


def migrate(db: Database) -> None:
    db.execute("ALTER TABLE persons ADD COLUMN pinyin TEXT NOT NULL DEFAULT ''")
    names = [row[0] for row in db.execute("SELECT DISTINCT name FROM persons").fetchall()]
    db.conn.executemany("UPDATE persons SET pinyin = ? WHERE name = ?", [(_spelled(n), n) for n in names])
    db.execute("CREATE INDEX persons_pinyin ON persons(pinyin)")
    stamp(db, 11)

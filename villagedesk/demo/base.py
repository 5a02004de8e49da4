"""What every step of the demo village shares: the :class:`Demo` state, the :class:`Step` type, the
village's groups and 屋场, and the bulk-insert helpers.

The steps live in their own modules (village, meetings, notices) and import this one; village.py
lists them in order.  Keeping the shared names here rather than in village.py is what lets
village.py import the later steps without an import cycle (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from villagedesk.core.common.village import Profile
from villagedesk.store import Store

SIZES = {"small": 300, "large": 3000}  # households; persons come out ≈ 3.3 per household

GROUPS = ("第一村民小组", "第二村民小组", "第三村民小组", "第四村民小组", "第五村民小组",
          "第六村民小组", "第七村民小组", "第八村民小组", "第九村民小组", "第十村民小组",
          "第十一村民小组", "第十二村民小组")
# Each group's 屋场 and the clan that mostly lives there (Hunan villages grew by lineage).
WUCHANG = (
    (("杨家湾", "大塘冲"), "杨"), (("罗家坳", "枫树坪"), "罗"), (("曾家垅", "石板桥"), "曾"),
    (("刘家院子", "茶山坳"), "刘"), (("谭家冲", "竹山湾"), "谭"), (("彭家台", "油溪口"), "彭"),
    (("陈家湾", "梨树垅"), "陈"), (("邓家坪", "老屋场"), "邓"), (("周家冲", "新屋场"), "周"),
    (("唐家湾", "水井坳"), "唐"), (("李家坪", "桐子坡"), "李"), (("袁家垅", "岩门前"), "袁"),
)
# The catalogue item the points step credits for a meeting, and the meetings step reads back.
MEETING = "参加屋场会、村民会议"


@dataclass
class Step:
    name: str
    run: Callable[[Demo], None]
    weight: int = 1  # share of the progress bar


@dataclass
class Demo:
    """What the steps share: the store, the size, and the rows written so far."""

    store: Store
    size: str
    seed: int
    today: date
    counts: dict[str, int] = field(default_factory=dict)
    profile: Profile | None = None
    households: list[dict] = field(default_factory=list)  # as inserted, with id and code
    persons: list[dict] = field(default_factory=list)
    report: Callable[[float], None] = lambda fraction: None

    @property
    def household_count(self) -> int:
        return SIZES[self.size]

    def rng(self, step: str) -> random.Random:
        # A string seed is hashed with SHA-512, the same on every run and machine.
        return random.Random(f"villagedesk-demo:{self.seed}:{step}")


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


AUDIT_COLUMNS = ("at", "actor", "action", "table_name", "record_uid", "before", "after")

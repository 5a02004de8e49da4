"""The village's scheme (period, base, pass line, stars) and its rule catalogue (细则).

Editing a rule makes a new version from a date on; entries keep the version
they were scored under, so last year's points still say what they were for.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from villagedesk.core.common import messages as common_messages
from villagedesk.core.common import records
from villagedesk.core.common.dates import parse_date
from villagedesk.core.common.periods import KINDS
from villagedesk.core.points import messages
from villagedesk.errors import UserError
from villagedesk.store import Store

UNITS = ("每次", "每人每次", "每月", "每项")


@dataclass
class Scheme:
    period_kind: str = "quarter"
    base_points: int = 100
    pass_line: int = 60
    star_thresholds: list[int] = field(default_factory=lambda: [100, 110, 120, 130, 140])
    reset_each_period: bool = True
    base_redeemable: bool = False
    objection_days: int = 7
    # The 黑榜 (docs/DOMAIN.md §2.3): whether the village posts one, and the score below which a
    # household is named on it (None: the pass line).
    black_board: bool = True
    black_line: int | None = None

    @property
    def black_threshold(self) -> int:
        """Households scoring below this go on the 黑榜 (the pass line unless the village set its own)."""
        return self.pass_line if self.black_line is None else self.black_line

    def stars(self, score: int) -> int:
        return sum(1 for threshold in self.star_thresholds if score >= threshold)

    def passes(self, score: int) -> bool:
        return score >= self.pass_line


def _clean_scheme(scheme: Scheme) -> Scheme:
    if scheme.period_kind not in KINDS:
        raise UserError(messages.PERIOD_KIND_CHOICES, field="period_kind")
    try:
        thresholds = [int(t) for t in scheme.star_thresholds]
        base, pass_line, days = int(scheme.base_points), int(scheme.pass_line), int(scheme.objection_days)
    except (TypeError, ValueError):
        raise UserError(messages.SCHEME_NOT_INTEGERS) from None
    if base < 0:
        raise UserError(messages.BASE_NEGATIVE, field="base_points")
    if len(thresholds) != 5 or thresholds != sorted(thresholds) or len(set(thresholds)) != 5:
        raise UserError(messages.STAR_LINES, field="star_thresholds")
    if not 1 <= days <= 60:
        raise UserError(messages.OBJECTION_DAYS_RANGE, field="objection_days")
    black_line = scheme.black_line
    if black_line in (None, ""):
        black_line = None
    else:
        try:
            black_line = int(str(black_line).strip())
        except ValueError:
            raise UserError(messages.BLACK_LINE_NOT_INTEGER, field="black_line") from None
    return Scheme(scheme.period_kind, base, pass_line, thresholds, bool(scheme.reset_each_period),
                  bool(scheme.base_redeemable), days, bool(scheme.black_board), black_line)


def get_scheme(store: Store) -> Scheme:
    """The village's scheme; a village that never set one uses 八名村's (docs/DOMAIN.md §2.2)."""
    row = store.row("SELECT * FROM point_scheme LIMIT 1")
    if row is None:
        return Scheme()
    return Scheme(row["period_kind"], row["base_points"], row["pass_line"], json.loads(row["star_thresholds"]),
                  bool(row["reset_each_period"]), bool(row["base_redeemable"]), row["objection_days"],
                  bool(row["black_board"]), row["black_line"])


def save_scheme(store: Store, scheme: Scheme) -> Scheme:
    clean = _clean_scheme(scheme)
    values = asdict(clean)
    values["star_thresholds"] = json.dumps(clean.star_thresholds)
    values["reset_each_period"] = int(clean.reset_each_period)
    values["base_redeemable"] = int(clean.base_redeemable)
    values["black_board"] = int(clean.black_board)
    existing = store.row("SELECT id FROM point_scheme LIMIT 1")
    if existing:
        records.update(store, "point_scheme", existing["id"], values)
    else:
        records.insert(store, "point_scheme", values)
    return clean


# --- the catalogue -------------------------------------------------------------

# Built from the real rule sets in docs/DOMAIN.md §2.2 (八名村, 徐塘村, 盛新村, the award ladder).
DEFAULT_CATALOGUE = (
    ("遵规守约", "遵守村规民约，全年无违规", 5, "每项", 5),
    ("遵规守约", "违反村规民约，经劝导拒不改正", -10, "每次", None),
    ("遵规守约", "破坏公共秩序", -20, "每次", None),
    ("环境卫生", "房前屋后干净整洁，无乱堆乱放", 10, "每月", 25),
    ("环境卫生", "房前屋后乱堆乱放（每处）", -5, "每次", None),
    ("环境卫生", "乱倒垃圾", -5, "每次", None),
    ("环境卫生", "焚烧秸秆", -5, "每次", None),
    ("移风易俗", "红白喜事简办，不大操大办", 10, "每次", 20),
    ("移风易俗", "大操大办、铺张浪费", -15, "每次", None),
    ("公益参与", "参加义务劳动（义务工）", 5, "每人每次", 30),
    ("公益参与", "志愿清扫公共区域", 5, "每人每次", 30),
    ("公益参与", "参加屋场会、村民会议", 2, "每次", 10),
    ("孝老爱亲", "孝敬老人，家庭和睦，获村评议表扬", 10, "每项", 20),
    ("孝老爱亲", "不赡养老人，经调解不改", -20, "每次", None),
    ("平安建设", "参与调解矛盾纠纷", 5, "每次", 15),
    ("平安建设", "参与赌博", -20, "每次", None),
    ("平安建设", "引发邻里纠纷，造成不良影响", -10, "每次", None),
    ("平安建设", "违章建房", -20, "每次", None),
    ("产业发展", "发展特色产业，带动乡邻增收", 10, "每项", 20),
    ("荣誉表彰", "获国家级荣誉", 50, "每项", None),
    ("荣誉表彰", "获省级荣誉", 30, "每项", None),
    ("荣誉表彰", "获市级荣誉", 20, "每项", None),
    ("荣誉表彰", "获县级荣誉", 15, "每项", None),
    ("荣誉表彰", "获乡镇级荣誉", 10, "每项", None),
    ("荣誉表彰", "获村级表彰", 5, "每项", None),
)


def install_default_catalogue(store: Store, valid_from: date) -> int:
    """A new village starts from the default catalogue; refused once rules exist."""
    if store.scalar("SELECT count(*) FROM point_rules"):
        raise UserError(messages.RULES_ALREADY_LOADED)
    rows = [{"rule_key": f"R{n:03d}", "version": 1, "category": category, "item": item, "points": points,
             "unit": unit, "cap_per_period": cap, "valid_from": valid_from.isoformat(), "valid_to": None,
             "note": ""}
            for n, (category, item, points, unit, cap) in enumerate(DEFAULT_CATALOGUE, 1)]
    records.insert_many(store, "point_rules", rows)
    return len(rows)


def clean_rule(values: dict) -> dict:
    """The content of a rule checked and normalised; raises UserError naming the field."""
    category = str(values.get("category") or "").strip()
    item = str(values.get("item") or "").strip()
    if not category:
        raise UserError(messages.CATEGORY_MISSING, field="category")
    if not item:
        raise UserError(messages.ITEM_MISSING, field="item")
    try:
        points = int(str(values.get("points")).strip())
    except ValueError:
        raise UserError(messages.POINTS_NOT_INTEGER, field="points") from None
    if points == 0 or abs(points) > 1000:
        raise UserError(messages.POINTS_RANGE, field="points")
    unit = str(values.get("unit") or "").strip()
    if unit not in UNITS:
        raise UserError(messages.UNIT_CHOICES.format(
            choices=common_messages.LIST_SEPARATOR.join(UNITS)), field="unit")
    cap = values.get("cap_per_period")
    if cap in (None, ""):
        cap = None
    else:
        try:
            cap = int(str(cap).strip())
        except ValueError:
            raise UserError(messages.CAP_NOT_POSITIVE, field="cap_per_period") from None
        if cap <= 0:
            raise UserError(messages.CAP_NOT_POSITIVE, field="cap_per_period")
    return {"category": category, "item": item, "points": points, "unit": unit, "cap_per_period": cap,
            "note": str(values.get("note") or "").strip()}


RULE_KEY = re.compile(r"^R\d{3,}$")


def add_rule(store: Store, *, valid_from, rule_key: str | None = None, **values) -> dict:
    """A new rule, numbered next (R026) unless ``rule_key`` (an imported catalogue's own number) is free."""
    start = parse_date(valid_from)
    if start is None:
        raise UserError(messages.VALID_FROM_MISSING, field="valid_from")
    clean = clean_rule(values)
    if rule_key is None:
        last = store.scalar("SELECT max(CAST(substr(rule_key, 2) AS INTEGER)) FROM point_rules") or 0
        rule_key = f"R{last + 1:03d}"
    elif not RULE_KEY.match(rule_key):
        raise UserError(messages.RULE_KEY_FORMAT.format(rule_key=rule_key), field="rule_key")
    elif store.scalar("SELECT count(*) FROM point_rules WHERE rule_key = ?", (rule_key,)):
        raise UserError(messages.RULE_KEY_TAKEN.format(rule_key=rule_key), field="rule_key")
    return records.insert(store, "point_rules", {**clean, "rule_key": rule_key, "version": 1,
                                                 "valid_from": start.isoformat(), "valid_to": None})


def revise_rule(store: Store, rule_id: int, *, valid_from, **values) -> dict:
    """A new version in force from ``valid_from``; the old one ends the day before."""
    current = records.get(store, "point_rules", rule_id)
    if current is None:
        raise UserError(messages.NO_SUCH_RULE)
    if current["valid_to"] is not None:
        raise UserError(messages.RULE_NOT_CURRENT)
    start = parse_date(valid_from)
    if start is None:
        raise UserError(messages.NEW_VERSION_DATE_MISSING, field="valid_from")
    if start.isoformat() <= current["valid_from"]:
        raise UserError(messages.NEW_VERSION_TOO_EARLY.format(
            valid_from=current["valid_from"]), field="valid_from")
    _refuse_orphans(store, current, start - timedelta(days=1), messages.ADVICE_NEW_VERSION_LATER, "valid_from")
    clean = clean_rule({**current, **values})
    with store.atomic():
        records.update(store, "point_rules", rule_id,
                       {"valid_to": (start - timedelta(days=1)).isoformat()}, action="supersede")
        return records.insert(store, "point_rules", {**clean, "rule_key": current["rule_key"],
                                                     "version": current["version"] + 1,
                                                     "valid_from": start.isoformat(), "valid_to": None})


def _refuse_orphans(store: Store, rule: dict, last_day: date, advice: str, field_name: str) -> None:
    # Entries keep the version they were scored under: ending it before their
    # date would leave them under a rule that was not in force that day.
    latest = store.scalar("SELECT max(entry_date) FROM point_entries WHERE rule_id = ?", (rule["id"],))
    if latest is not None and latest > last_day.isoformat():
        raise UserError(messages.RULE_HAS_LATER_ENTRIES.format(
            rule_key=rule["rule_key"], latest=latest, advice=advice), field=field_name)


def retire_rule(store: Store, rule_id: int, *, last_day) -> dict:
    current = records.get(store, "point_rules", rule_id)
    end = parse_date(last_day)
    if current is None or current["valid_to"] is not None:
        raise UserError(messages.RULE_NOT_CURRENT_TO_RETIRE)
    if end is None or end.isoformat() < current["valid_from"]:
        raise UserError(messages.RETIRE_BEFORE_VALID_FROM, field="valid_to")
    _refuse_orphans(store, current, end, messages.ADVICE_RETIRE_LATER, "valid_to")
    return records.update(store, "point_rules", rule_id, {"valid_to": end.isoformat()}, action="retire")


def rules_in_force(store: Store, day: date) -> list[dict]:
    d = day.isoformat()
    return store.rows("SELECT * FROM point_rules WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) "
                      "ORDER BY rule_key", (d, d))


def catalogue(store: Store, include_history: bool = False) -> list[dict]:
    where = "" if include_history else "WHERE valid_to IS NULL"
    return store.rows(f"SELECT * FROM point_rules {where} ORDER BY rule_key, version")


def has_rules(store: Store) -> bool:
    """Whether any rule was ever entered (an empty catalogue is offered the default one)."""
    return bool(store.scalar("SELECT EXISTS (SELECT 1 FROM point_rules)"))

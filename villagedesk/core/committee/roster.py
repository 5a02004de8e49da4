"""The village committees: terms (届次), posts, training and annual appraisal.

Whether someone serves is never stored: a post counts from its start date to its
end date, or to the end of its term while it has none (docs/DOMAIN.md §1.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from villagedesk import clock
from villagedesk.core.committee import messages
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common import records
from villagedesk.core.common.dates import day_field, parse_date
from villagedesk.errors import UserError
from villagedesk.store import Store

PARTY, VILLAGE, SUPERVISION = "村党组织", "村民委员会", "村务监督委员会"
BODIES = (PARTY, VILLAGE, SUPERVISION)
ROLES = {
    PARTY: ("书记", "副书记", "委员"),
    VILLAGE: ("主任", "副主任", "委员"),
    SUPERVISION: ("主任", "委员"),
}
HEAD = {PARTY: "书记", VILLAGE: "主任", SUPERVISION: "主任"}
SHORT = {PARTY: "党组织", VILLAGE: "村委会", SUPERVISION: "监委会"}
END_REASONS = ("届满", "辞职", "免职", "调动", "去世")
APPRAISALS = ("优秀", "称职", "基本称职", "不称职")
TERM_YEARS = 5
VILLAGE_COMMITTEE_SIZE = (3, 7)

SERVING, LEFT, NOT_YET = "在任", "离任", "未到任"

# The day a post stops counting: its own end, else its term's end.
EFFECTIVE_END = "coalesce(p.end_date, t.end_date)"


def title(body: str, role: str) -> str:
    """村党组织 书记 → 党组织书记; 村务监督委员会 主任 → 监委会主任."""
    return SHORT[body] + role



# --- terms ------------------------------------------------------------------

def default_end(start: date) -> date:
    """Five years from the start, less a day (a term ends when the next begins)."""
    try:
        return start.replace(year=start.year + TERM_YEARS) - timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + TERM_YEARS, day=28)


def save_term(store: Store, *, number, start_date, end_date=None, election_date=None, note: str = "",
              term_id: int | None = None) -> dict:
    try:
        number = int(str(number).strip())
    except ValueError:
        raise UserError(messages.TERM_NUMBER_NOT_NUMBER, field="number") from None
    if number <= 0:
        raise UserError(messages.TERM_NUMBER_NOT_POSITIVE, field="number")
    start = day_field(start_date, messages.DATE_INVALID.format(what="任期开始日期"), "start_date")
    end = day_field(end_date, messages.DATE_INVALID.format(what="任期结束日期"), "end_date", required=False) or default_end(start)
    election = day_field(election_date, messages.DATE_INVALID.format(what="选举日期"), "election_date", required=False)
    if end <= start:
        raise UserError(messages.TERM_END_BEFORE_START, field="end_date")
    if election and election > start:
        raise UserError(messages.ELECTION_AFTER_START, field="election_date")
    same = store.row("SELECT id FROM terms WHERE number = ?", (number,))
    if same and same["id"] != term_id:
        raise UserError(messages.TERM_NUMBER_TAKEN.format(number=number), field="number")
    overlap = store.row(
        "SELECT number, start_date, end_date FROM terms WHERE start_date <= ? AND end_date >= ? "
        "AND id != ?", (end.isoformat(), start.isoformat(), term_id or 0))
    if overlap:
        raise UserError(messages.TERMS_OVERLAP.format(
            number=overlap["number"], start_date=overlap["start_date"], end_date=overlap["end_date"]),
            field="start_date")
    out_of_order = store.row(
        "SELECT number, start_date FROM terms WHERE id != ? AND ((number < ? AND start_date > ?) "
        "OR (number > ? AND start_date < ?))", (term_id or 0, number, start.isoformat(), number, start.isoformat()))
    if out_of_order:
        raise UserError(messages.TERMS_OUT_OF_ORDER.format(
            number=number, other_number=out_of_order["number"], other_start=out_of_order["start_date"]),
            field="number")
    values = {"number": number, "start_date": start.isoformat(), "end_date": end.isoformat(),
              "election_date": election.isoformat() if election else None, "note": (note or "").strip()}
    with store.atomic():
        if term_id is None:
            return records.insert(store, "terms", values)
        outside = store.scalar(
            "SELECT count(*) FROM posts WHERE term_id = ? AND (start_date < ? OR start_date > ? "
            "OR end_date > ?)", (term_id, values["start_date"], values["end_date"], values["end_date"]))
        if outside:
            raise UserError(messages.TERM_POSTS_OUTSIDE.format(count=outside), field="start_date")
        return records.update(store, "terms", term_id, values)


def terms(store: Store) -> list[dict]:
    return store.rows("SELECT * FROM terms ORDER BY start_date DESC")


def term_by_number(store: Store, number: int) -> dict | None:
    return store.row("SELECT * FROM terms WHERE number = ?", (number,))


def current_term(store: Store, today: date | None = None) -> dict | None:
    day = (today or clock.today()).isoformat()
    return store.row("SELECT * FROM terms WHERE start_date <= ? AND end_date >= ?", (day, day))


# --- posts ------------------------------------------------------------------

def _term(store: Store, term_id) -> dict:
    term = records.get(store, "terms", term_id) if term_id else None
    if term is None:
        raise UserError(messages.TERM_MISSING, field="term")
    return term


def _clashes(store: Store, *, person_id: int, body: str, role: str, start: date, end: date,
             post_id: int | None) -> None:
    """Refuse a post that overlaps the person's same post, or a second head of the body."""
    overlap = f"p.start_date <= ? AND {EFFECTIVE_END} >= ? AND p.id != ?"
    window = (end.isoformat(), start.isoformat(), post_id or 0)
    same = store.row(
        f"SELECT p.role, p.start_date FROM posts p JOIN terms t ON t.id = p.term_id WHERE p.person_id = ? "
        f"AND p.body = ? AND {overlap}", (person_id, body, *window))
    if same and same["role"] == role:
        raise UserError(messages.POST_SAME_ROLE_OVERLAP.format(
            start_date=same["start_date"], title=title(body, role)), field="role")
    if same:
        # One seat per body: a 副主任 who becomes 主任 leaves the first post the day before.
        raise UserError(messages.POST_SAME_BODY_OVERLAP.format(
            start_date=same["start_date"], title=title(body, same["role"])), field="role")
    if role == HEAD[body]:
        other = store.row(
            f"SELECT s.name, p.start_date FROM posts p JOIN terms t ON t.id = p.term_id "
            f"JOIN persons s ON s.id = p.person_id WHERE p.body = ? AND p.role = ? AND {overlap}",
            (body, role, *window))
        if other:
            raise UserError(messages.POST_HEAD_TAKEN.format(
                name=other["name"], start_date=other["start_date"], title=title(body, role)), field="role")


def start_post(store: Store, *, person_id, body: str, role: str, term_id, start_date, note: str = "") -> dict:
    person = records.get(store, "persons", person_id) if person_id else None
    if person is None:
        raise UserError(messages.POST_PERSON_MISSING, field="person")
    if person["archived"]:
        raise UserError(messages.POST_PERSON_ARCHIVED.format(
            name=person["name"], reason=person["archived_reason"]), field="person")
    if body not in ROLES:
        raise UserError(messages.POST_BODY_MISSING, field="body")
    if role not in ROLES[body]:
        raise UserError(messages.POST_ROLE_CHOICES.format(
            body=body, choices=common_messages.LIST_SEPARATOR.join(ROLES[body])), field="role")
    term = _term(store, term_id)
    start = day_field(start_date, messages.DATE_INVALID.format(what="任职日期"), "start_date")
    if not term["start_date"] <= start.isoformat() <= term["end_date"]:
        raise UserError(messages.POST_START_OUTSIDE_TERM.format(
            start=start, number=term["number"], start_date=term["start_date"], end_date=term["end_date"]),
            field="start_date")
    with store.atomic():
        _clashes(store, person_id=person["id"], body=body, role=role, start=start,
                 end=date.fromisoformat(term["end_date"]), post_id=None)
        return records.insert(store, "posts", {
            "person_id": person["id"], "term_id": term["id"], "body": body, "role": role,
            "start_date": start.isoformat(), "end_date": None, "end_reason": "", "note": (note or "").strip()})


def end_post(store: Store, post_id: int, *, end_date, reason: str) -> dict:
    post = records.get(store, "posts", post_id)
    if post is None:
        raise UserError(messages.NO_SUCH_POST)
    if post["end_date"]:
        raise UserError(messages.POST_ALREADY_ENDED.format(end_date=post["end_date"]))
    end = day_field(end_date, messages.DATE_INVALID.format(what="离任日期"), "end_date")
    if end.isoformat() < post["start_date"]:
        raise UserError(messages.POST_END_BEFORE_START.format(
            end=end, start_date=post["start_date"]), field="end_date")
    term = records.get_existing(store, "terms", post["term_id"])
    if end.isoformat() > term["end_date"]:
        raise UserError(messages.POST_END_AFTER_TERM.format(end_date=term["end_date"]), field="end_date")
    if reason not in END_REASONS:
        raise UserError(messages.END_REASON_CHOICES.format(
            choices=common_messages.LIST_SEPARATOR.join(END_REASONS)), field="reason")
    return records.update(store, "posts", post_id, {"end_date": end.isoformat(), "end_reason": reason},
                          action="end")


def status(post: dict, term: dict, today: date | None = None) -> str:
    """在任 / 离任 / 未到任 from the dates alone."""
    day = (today or clock.today()).isoformat()
    if day < post["start_date"]:
        return NOT_YET
    return SERVING if day <= (post["end_date"] or term["end_date"]) else LEFT


_POST_ROWS = f"""
    SELECT p.*, t.number AS term_number, t.start_date AS term_start, t.end_date AS term_end, {EFFECTIVE_END} AS effective_end,
           s.name, s.gender, s.ethnicity, s.birth_date, s.id_number, s.phone, s.political, s.education,
           s.code AS person_code, h.address, h.group_name
    FROM posts p JOIN terms t ON t.id = p.term_id JOIN persons s ON s.id = p.person_id
    JOIN households h ON h.id = s.household_id
"""
_BODY_ORDER = "CASE p.body WHEN '村党组织' THEN 0 WHEN '村民委员会' THEN 1 ELSE 2 END"
_ROLE_ORDER = ("CASE p.role WHEN '书记' THEN 0 WHEN '主任' THEN 0 WHEN '副书记' THEN 1 "
               "WHEN '副主任' THEN 1 ELSE 2 END")


def serving_posts(store: Store, today: date | None = None) -> list[dict]:
    """Everyone in office on ``today``, by body and rank."""
    day = (today or clock.today()).isoformat()
    return store.rows(f"{_POST_ROWS} WHERE p.start_date <= ? AND {EFFECTIVE_END} >= ? "
                      f"ORDER BY {_BODY_ORDER}, {_ROLE_ORDER}, p.start_date, s.name", (day, day))


def term_posts(store: Store, term_id: int) -> list[dict]:
    return store.rows(f"{_POST_ROWS} WHERE p.term_id = ? ORDER BY {_BODY_ORDER}, {_ROLE_ORDER}, "
                      "p.start_date, s.name", (term_id,))


def person_posts(store: Store, person_id: int) -> list[dict]:
    return store.rows(f"{_POST_ROWS} WHERE p.person_id = ? ORDER BY p.start_date DESC", (person_id,))


def both_heads(posts: list[dict]) -> set[int]:
    """Persons who are 书记 and 主任 (村委会) in overlapping periods: 一肩挑."""
    secretaries = [p for p in posts if p["body"] == PARTY and p["role"] == "书记"]
    directors = [p for p in posts if p["body"] == VILLAGE and p["role"] == "主任"]
    return {s["person_id"] for s in secretaries for d in directors
            if s["person_id"] == d["person_id"] and s["start_date"] <= d["effective_end"]
            and d["start_date"] <= s["effective_end"]}


# --- checks -----------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    message: str
    person_id: int | None = None


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def checks(store: Store, today: date | None = None) -> list[Finding]:
    """What the clerk should look at in the committee records, most important first."""
    today = today or clock.today()
    found: list[Finding] = []
    term = current_term(store, today)
    if term is None:
        found.append(Finding(messages.CHECK_NO_CURRENT_TERM.format(today=today)))
    serving = serving_posts(store, today)
    for body in BODIES:
        if term is not None and not any(p["body"] == body and p["role"] == HEAD[body] for p in serving):
            found.append(Finding(messages.CHECK_NO_HEAD.format(body=body, head=HEAD[body])))
    village = {p["person_id"] for p in serving if p["body"] == VILLAGE}
    low, high = VILLAGE_COMMITTEE_SIZE
    if term is not None and not low <= len(village) <= high:
        found.append(Finding(messages.CHECK_COMMITTEE_SIZE.format(count=len(village), low=low, high=high)))
    everything = store.rows(_POST_ROWS)
    by_kind: dict[tuple, list[dict]] = {}
    for post in everything:
        by_kind.setdefault((post["person_id"], post["body"], post["role"]), []).append(post)
        if (post["start_date"] < post["term_start"] or post["start_date"] > post["term_end"]
                or (post["end_date"] or "") > post["term_end"]):
            found.append(Finding(messages.CHECK_POST_OUTSIDE_TERM.format(
                name=post["name"], title=title(post["body"], post["role"]), term_number=post["term_number"]),
                post["person_id"]))
        born = parse_date(post["birth_date"])
        if born and _age(born, date.fromisoformat(post["start_date"])) < 18:
            found.append(Finding(messages.CHECK_UNDER_18.format(
                name=post["name"], title=title(post["body"], post["role"]), born=born), post["person_id"]))
    for (_person, body, role), posts in by_kind.items():
        posts.sort(key=lambda p: p["start_date"])
        earlier = posts[0]  # of the posts so far, the one that runs longest
        for later in posts[1:]:
            if later["start_date"] <= earlier["effective_end"]:
                found.append(Finding(messages.CHECK_POSTS_OVERLAP.format(
                    name=later["name"], title=title(body, role), earlier_start=earlier["start_date"],
                    later_start=later["start_date"]), later["person_id"]))
            if later["effective_end"] > earlier["effective_end"]:
                earlier = later
    return found


# --- training and appraisal ---------------------------------------------------

def members(store: Store) -> list[dict]:
    """Everyone who has held a post, for choosing attendees and appraisals."""
    return store.rows(
        "SELECT DISTINCT s.id, s.name, s.code FROM posts p JOIN persons s ON s.id = p.person_id "
        "ORDER BY s.name")


def add_training(store: Store, *, day, topic: str, hours, organiser: str, attendee_ids, note: str = "") -> dict:
    day = day_field(day, messages.DATE_INVALID.format(what="培训日期"), "date")
    if day > clock.today():
        raise UserError(messages.TRAINING_IN_FUTURE, field="date")
    topic = (topic or "").strip()
    if not topic:
        raise UserError(messages.TRAINING_TOPIC_MISSING, field="topic")
    try:
        hours = float(str(hours).strip())
    except ValueError:
        raise UserError(messages.TRAINING_HOURS_NOT_NUMBER, field="hours") from None
    if not 0 < hours <= 200:
        raise UserError(messages.TRAINING_HOURS_RANGE, field="hours")
    attendee_ids = sorted(set(attendee_ids))
    if not attendee_ids:
        raise UserError(messages.TRAINING_NO_ATTENDEES, field="attendees")
    known = {m["id"] for m in members(store)}
    strangers = [i for i in attendee_ids if i not in known]
    if strangers:
        raise UserError(messages.TRAINING_ATTENDEE_NOT_MEMBER, field="attendees")
    with store.atomic():
        training = records.insert(store, "trainings", {
            "date": day.isoformat(), "topic": topic, "hours": hours,
            "organiser": (organiser or "").strip(), "note": (note or "").strip()})
        records.insert_many(store, "training_attendees",
                            [{"training_id": training["id"], "person_id": i} for i in attendee_ids])
    return training


def person_trainings(store: Store, person_id: int) -> list[dict]:
    return store.rows(
        "SELECT t.* FROM trainings t JOIN training_attendees a ON a.training_id = t.id "
        "WHERE a.person_id = ? ORDER BY t.date DESC", (person_id,))


def set_appraisal(store: Store, *, person_id, year, result: str, note: str = "") -> dict:
    try:
        year = int(str(year).strip())
    except ValueError:
        raise UserError(messages.APPRAISAL_YEAR_NOT_NUMBER, field="year") from None
    if not 2000 <= year <= clock.today().year:
        raise UserError(messages.APPRAISAL_YEAR_RANGE.format(year=clock.today().year), field="year")
    if result not in APPRAISALS:
        raise UserError(messages.APPRAISAL_CHOICES.format(
            choices=common_messages.LIST_SEPARATOR.join(APPRAISALS)), field="result")
    if not person_id or person_id not in {m["id"] for m in members(store)}:
        raise UserError(messages.APPRAISAL_PERSON_MISSING, field="person")
    first = store.scalar("SELECT min(start_date) FROM posts WHERE person_id = ?", (person_id,))
    if year < int(first[:4]):
        raise UserError(messages.APPRAISAL_BEFORE_FIRST_POST.format(first=first, year=year), field="year")
    values = {"person_id": person_id, "year": year, "result": result, "note": (note or "").strip()}
    existing = store.row("SELECT id FROM appraisals WHERE person_id = ? AND year = ?", (person_id, year))
    if existing:
        return records.update(store, "appraisals", existing["id"], values)
    return records.insert(store, "appraisals", values)


def person_appraisals(store: Store, person_id: int) -> list[dict]:
    return store.rows("SELECT * FROM appraisals WHERE person_id = ? ORDER BY year DESC", (person_id,))


# --- the roster as printed and exported ----------------------------------------

def roster(store: Store, term_id: int | None = None, today: date | None = None) -> list[dict]:
    """One row per person: their posts joined (党组织书记、村委会主任), 一肩挑 marked.

    With ``term_id`` everyone who held a post in that term; without, who serves today.
    """
    posts = term_posts(store, term_id) if term_id else serving_posts(store, today)
    double = both_heads(posts)
    people: dict[int, dict] = {}
    for post in posts:
        row = people.setdefault(post["person_id"], {**post, "titles": [], "since": post["start_date"],
                                                    "both_heads": post["person_id"] in double})
        label = title(post["body"], post["role"])
        # Only a departure before the term's end is news; 届满 on the last day is not.
        if post["end_date"] and post["end_date"] < post["term_end"]:
            label += f"（{post['end_date']} {post['end_reason']}）"
        row["titles"].append(label)
        row["since"] = min(row["since"], post["start_date"])
    return list(people.values())


# --- what the committee page and its forms look up ------------------------------

def next_term_number(store: Store) -> int | None:
    """The number the next term would have (届次), None before the first."""
    last = store.scalar("SELECT max(number) FROM terms")
    return last + 1 if last else None


def term_number(store: Store, term_id: int) -> int | None:
    return store.scalar("SELECT number FROM terms WHERE id = ?", (term_id,))


def get_post(store: Store, post_id: int) -> dict | None:
    """A post with its holder's ``name`` and its term's end (``term_end``)."""
    return store.row("SELECT p.*, s.name, t.end_date AS term_end FROM posts p JOIN persons s ON s.id = p.person_id "
                     "JOIN terms t ON t.id = p.term_id WHERE p.id = ?", (post_id,))


def has_posts(store: Store) -> bool:
    """Whether anyone was ever given a post (trainings and appraisals need members)."""
    return bool(store.scalar("SELECT EXISTS (SELECT 1 FROM posts)"))


def member(store: Store, person_id: int) -> dict | None:
    """A person of the register with the 村民小组 of their household."""
    return store.row("SELECT s.*, h.group_name FROM persons s JOIN households h ON h.id = s.household_id "
                     "WHERE s.id = ?", (person_id,))


def appraisal(store: Store, person_id: int, year: int | str) -> dict | None:
    """The appraisal recorded for ``person_id`` in ``year``, or None."""
    return store.row("SELECT * FROM appraisals WHERE person_id = ? AND year = ?", (person_id, year))

"""村“两委”成员花名册: the committee roster, for the notice board or for the township.

One row per person with all their posts joined (党组织书记、村委会主任), ordered by
body (党组织 first) and rank.  Either one term (every member it had, departures
marked in 职务) or who serves today.

The public version (the default) has no ID numbers and masks phones as
138****1234 (docs/DOMAIN.md §4.5); ``internal=True`` adds the full ID numbers and
phones and marks every page 内部资料.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, KeepTogether, Spacer

from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common import village
from villagedesk.core.common.dates import chinese_date, chinese_span, parse_date
from villagedesk.core.common.ids import mask_phone
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    MARGIN_X,
    MISSING,
    Progress,
    build_pdf,
    data_table,
    para,
    uncovered,
)
from villagedesk.documents.protect import OpenPassword
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "村“两委”成员花名册"
BOTH_HEADS = "一肩挑"
BOTH_HEADS_NOTE = "注：“一肩挑”指同一人同时担任党组织书记和村委会主任。"

# (header, row key, width in points, alignment).  At 9.5 pt an 18-character ID
# number, a date, an 0738-12345678 landline and 中共预备党员 each fit on one line;
# 职务 (None) takes what is left of the landscape A4 frame and wraps.
_COLUMNS = (
    ("序号", "seq", 28, "CENTER"),
    ("姓名", "name", 56, "LEFT"),
    ("性别", "gender", 28, "CENTER"),
    ("民族", "ethnicity", 46, "CENTER"),
    ("出生年月", "born", 50, "CENTER"),
    ("身份证号", "id_number", 118, "LEFT"),
    ("政治面貌", "political", 64, "CENTER"),
    ("文化程度", "education", 46, "CENTER"),
    ("职务", "titles", None, "LEFT"),
    ("任职时间", "since", 64, "CENTER"),
    ("联系电话", "phone", 84, "LEFT"),
    (BOTH_HEADS, "both_heads", 36, "CENTER"),
)
INTERNAL_ONLY = {"id_number"}
_FRAME_WIDTH = landscape(A4)[0] - 2 * MARGIN_X


def columns(internal: bool) -> tuple:
    """The printed columns with their widths: the public version has no 身份证号."""
    chosen = [c for c in _COLUMNS if internal or c[1] not in INTERNAL_ONLY]
    rest = _FRAME_WIDTH - sum(c[2] for c in chosen if c[2] is not None)
    return tuple((h, k, max(rest, 120) if w is None else w, a) for h, k, w, a in chosen)


_DIGITS = "零一二三四五六七八九"


def term_name(number: int) -> str:
    """12 → 第十二届 (Chinese numerals up to 99, as terms are written)."""
    if not 0 < number < 100:
        return f"第 {number} 届"
    tens, ones = divmod(number, 10)
    text = ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "") + (_DIGITS[ones] if ones else "")
    return f"第{text}届"


def term_label(term: dict) -> str:
    return f"{term_name(term['number'])}（{chinese_span(term['start_date'], term['end_date'])}）"


def _birth_month(value) -> str:
    born = parse_date(value)
    return f"{born.year}.{born.month:02d}" if born else ""


def _chosen(store: Store, term_number: int | None, today: date) -> tuple[dict | None, list[dict], str]:
    """(the term, or None for who serves today; its posts; subtitle).  UserError when nobody is on it."""
    if term_number is not None:
        term = committee.term_by_number(store, term_number)
        if term is None:
            known = sorted(t["number"] for t in committee.terms(store))
            hint = (messages.TERMS_KNOWN_HINT.format(
                numbers=common_messages.LIST_SEPARATOR.join(str(n) for n in known))
                    if known else messages.NO_TERMS_HINT)
            raise UserError(messages.NO_SUCH_TERM.format(term_number=term_number, hint=hint))
        posts = committee.term_posts(store, term["id"])
        if not posts:
            raise UserError(messages.TERM_NO_POSTS.format(term_name=term_name(term["number"])))
        return term, posts, term_label(term)
    posts = committee.serving_posts(store, today)
    current = committee.current_term(store, today)
    if posts:
        where = f"　{term_label(current)}" if current else ""
        return None, posts, f"现任（截至{chinese_date(today)}）{where}"
    if not committee.terms(store):
        raise UserError(messages.NO_TERMS)
    if current is None:
        raise UserError(messages.NO_CURRENT_TERM.format(today=today.isoformat()))
    raise UserError(messages.CURRENT_TERM_NO_POSTS.format(term_name=term_name(current["number"])))


def _cells(person: dict, titles: str, seq: int, internal: bool) -> dict:
    return {
        "seq": seq,
        "name": person["name"],
        "gender": person["gender"],
        "ethnicity": person["ethnicity"],
        "born": _birth_month(person["birth_date"]),
        "id_number": person["id_number"] if internal else "",
        "political": person["political"],
        "education": person["education"],
        "titles": titles,
        "since": person["since"],
        "phone": person["phone"] if internal else mask_phone(person["phone"]),
        "both_heads": "是" if person["both_heads"] else "",
    }


def print_roster(store: Store, path: Path | str, *, term_number: int | None = None, internal: bool = False,
                 progress: Progress | None = None, today: date | None = None,
                 password: OpenPassword | None = None) -> Path:
    """Print the roster of term ``term_number`` (else of who serves ``today``) to ``path``.

    Public by default: no ID numbers, phones masked.  ``internal`` prints full
    ID numbers and phones and marks every page 内部资料; only it may be encrypted with
    ``password`` (documents/protect.py).  Returns the path;
    raises UserError (and writes nothing) for a missing village profile, an
    unknown term or a roster with nobody on it.
    """
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    today = today or clock.today()
    term, posts, subtitle = _chosen(store, term_number, today)
    people = committee.roster(store, term_id=term["id"] if term else None, today=today)
    cols = columns(internal)

    rows, rare = [], []
    for seq, person in enumerate(people, 1):
        cells = _cells(person, "、".join(person["titles"]), seq, internal)
        rows.append([cells[key] for _, key, _, _ in cols])
        if uncovered(person["name"]):
            rare.append(person["name"])
    counts = {body: len({p["person_id"] for p in posts if p["body"] == body}) for body in committee.BODIES}
    double = sum(1 for p in people if p["both_heads"])

    table = data_table([c[0] for c in cols], rows, [c[2] for c in cols], align=[c[3] for c in cols],
                       zebra=True, font_size=9.5)
    bodies = "、".join(f"{committee.SHORT[b]} {n} 人" for b, n in counts.items() if n)
    tail: list[Flowable] = [para(f"合计：{len(people)} 人（{bodies}，兼任的分别计入），其中一肩挑 {double} 人。", BODY),
                            para(BOTH_HEADS_NOTE + ("" if internal else "本表为公开版，联系电话已部分隐去，不含身份证号。"), BODY)]
    if rare:
        tail.append(para(f"注：{'、'.join(rare)} 的姓名中有本机字体没有的生僻字，已印作“{MISSING}”，"
                         "请在纸上手工补写。", BODY))
    tail += [Spacer(1, 14), para(f"制表人：{profile.clerk}　　　　审核人：＿＿＿＿＿＿　　　　"
                                 f"制表日期：{chinese_date(clock.today())}", BODY)]
    # The totals, notes and signatures stay together, on the last page of the table if they fit.
    story = [table, Spacer(1, 8), KeepTogether(tail)]
    return build_pdf(path, title=TITLE, profile=profile, story=story, landscape=True, internal=internal,
                     subtitle=subtitle, progress=progress, full_ids=internal, password=password)


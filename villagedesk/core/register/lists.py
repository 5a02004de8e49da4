"""The register's lists, persons and households, as :class:`~villagedesk.core.common.listing.ListQuery`.

The register page, the person and household pickers and the search across areas
all page through these, so they agree on what "the household list" is.
"""

from __future__ import annotations

from villagedesk.core.common.listing import CODE_LIKE, Column, ListQuery, like_escape
from villagedesk.core.register.people import head_name_sql


def _person_search(text: str) -> tuple[str, list]:
    if CODE_LIKE.match(text):
        # Letters typed are pinyin: initials (zs) or the full spelling (dairui, or its start: dair).
        prefix = like_escape(text.lower()) + "%"
        return ("(p.initials LIKE ? ESCAPE '\\' OR p.pinyin LIKE ? ESCAPE '\\' OR p.code LIKE ? ESCAPE '\\' "
                "OR p.id_number LIKE ? ESCAPE '\\' OR p.phone LIKE ? ESCAPE '\\')",
                [prefix, prefix, prefix, prefix, "%" + like_escape(text) + "%"])
    inner = "%" + like_escape(text) + "%"
    return ("(p.name LIKE ? ESCAPE '\\' OR h.group_name LIKE ? ESCAPE '\\')", [inner, inner])


def _household_search(text: str) -> tuple[str, list]:
    # A household matches when it, or anyone living in it, matches; an archived household by the
    # members it had when it was archived (its 户主 among them), a current one not by those who left.
    member_sql, member_args = _person_search(text)
    own = "%" + like_escape(text) + "%"
    return (f"(h.code LIKE ? ESCAPE '\\' OR h.address LIKE ? ESCAPE '\\' OR h.group_name LIKE ? "
            f"ESCAPE '\\' OR h.phone LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM persons p "
            f"WHERE p.household_id = h.id AND (p.archived = 0 OR h.archived = 1) AND {member_sql}))",
            [own, own, own, own, *member_args])


PERSONS = ListQuery(
    source="persons p JOIN households h ON h.id = p.household_id",
    columns=(
        Column("code", "p.code"),
        Column("name", "p.name"),
        Column("gender", "p.gender"),
        Column("birth_date", "p.birth_date"),
        Column("id_number", "p.id_number"),
        Column("relation", "p.relation"),
        Column("group_name", "h.group_name"),
        Column("phone", "p.phone"),
        Column("ethnicity", "p.ethnicity"),
        Column("education", "p.education"),
        Column("political", "p.political"),
        Column("household_code", "h.code"),
        Column("archived", "p.archived"),
    ),
    search=_person_search,
    archived_expr="p.archived",
    default_order="p.code",
    id_expr="p.id",
)

HOUSEHOLDS = ListQuery(
    source="households h",
    columns=(
        Column("code", "h.code"),
        # An archived household keeps naming the head it had (its members are archived with it).
        Column("head_name", head_name_sql("h.id", former="first")),
        Column("group_name", "h.group_name"),
        Column("address", "h.address"),
        Column("phone", "h.phone"),
        Column("member_count", "(SELECT count(*) FROM persons mp WHERE mp.household_id = h.id "
                               "AND mp.archived = 0)"),
        Column("archived", "h.archived"),
    ),
    search=_household_search,
    archived_expr="h.archived",
    default_order="h.code",
    id_expr="h.id",
)


def members_filter(household_id: int | None) -> tuple[str, tuple]:
    """The ``extra`` WHERE clause and params of PERSONS for the members of one household (none
    when ``household_id`` is None)."""
    return "p.household_id = ?", (household_id or 0,)

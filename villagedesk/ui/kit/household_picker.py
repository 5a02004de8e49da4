"""Choosing households: the person picker over :data:`villagedesk.core.register.lists.HOUSEHOLDS`.

The clerk types the head's name, pinyin initials (``zs`` finds 张三's household), the
household code, or the name of anyone living there; archived households are not
offered.  ``HouseholdPicker(store, parent, multi=True)`` ticks many households (a
clean-up day); ``tick_group`` ticks every household of a 村民小组 at once.

``personChanged`` and ``chosenChanged`` carry household ids here; ``household_id``
and ``household_ids`` read them.
"""

from __future__ import annotations

from villagedesk.core.register import lists, people
from villagedesk.store import Store
from villagedesk.ui.kit.person_picker import PersonPicker


def group_names(store: Store) -> list[str]:
    """The 村民小组 that have households in the register."""
    return people.group_names(store, include_archived=False)


class HouseholdPicker(PersonPicker):
    query = lists.HOUSEHOLDS
    object_prefix = "household"
    names_shown = 12

    def __init__(self, store: Store, parent=None, **options):
        super().__init__(store, parent, **options)
        if self.multi:
            # Room for the names ticked and the "first 50" note: a wrapped label that grows
            # later would be squeezed under the list.
            self.chosen_label.setMinimumHeight(self.chosen_label.fontMetrics().lineSpacing() * 3 + 4)

    def placeholder(self) -> str:
        return self.tr("Head's name, pinyin initials (e.g. zs) or household code")

    def columns(self) -> list[tuple[str, str]]:
        return [("head_name", self.tr("Head")), ("code", self.tr("Household code")),
                ("group_name", self.tr("Villager group"))]

    def name_of(self, record: dict) -> str:
        return record["head_name"] or record["code"]

    def nothing_chosen(self) -> str:
        return self.tr("No household chosen yet: click one in the list.")

    def count_text(self, count: int) -> str:
        return self.tr("%n household(s) chosen: ", "", count)

    def cut_text(self) -> str:
        return self.tr("Only the first %n matches are listed: type more to narrow the search.", "", self.limit)

    def describe(self, record: dict) -> str:
        return " ".join(v for v in (record["code"], record["head_name"], record["group_name"]) if v)

    @property
    def household_id(self) -> int | None:
        return self.person_id

    @household_id.setter
    def household_id(self, household_id: int | None) -> None:
        self.person_id = household_id

    @property
    def household_ids(self) -> list[int]:
        return self.person_ids

    def groups(self) -> list[str]:
        return group_names(self.store)

    def tick_group(self, group_name: str) -> int:
        """Multi mode: tick every household of the group as well; returns how many it has."""
        ids = people.household_ids_of_group(self.store, group_name)
        self.set_person_ids([*self.person_ids, *ids])
        return len(ids)

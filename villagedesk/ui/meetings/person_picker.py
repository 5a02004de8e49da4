"""The person picker of the minutes: who was listed stays listed, and a whole 村民小组 can be ticked."""

from __future__ import annotations

from datetime import date

from villagedesk.core.meetings import lists as meeting_lists
from villagedesk.ui.kit.person_picker import PersonPicker


class MeetingPersonPicker(PersonPicker):
    """The person picker for minutes: who was listed stays listed, and a whole 村民小组 can be ticked.

    Someone archived (moved away) after a meeting keeps their place in its minutes, so
    persons chosen by id are found whether archived or not; searching offers only the
    register as it stands.
    """

    object_prefix = "person"

    def _fetch(self, text: str, ids=None) -> list[dict]:
        if ids:
            return self.query.fetch_ids(self.store, ids, include_archived=True)
        return super()._fetch(text, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n ticked: ", "", count)

    def cut_text(self) -> str:
        return self.tr("Only the first %n matches are listed: type more to narrow the search.", "", self.limit)

    def group_ids(self, group_name: str, adults_on: date | None = None) -> list[int]:
        """Everyone of a 村民小组 in the register (aged 18 on ``adults_on``, when given; an unknown
        birth date counts as grown up)."""
        return meeting_lists.group_member_ids(self.store, group_name, adults_on)

    def tick_group(self, group_name: str, adults_on: date | None = None) -> int:
        """Multi mode: tick the group's members as well; returns how many were newly ticked."""
        before = set(self.person_ids)
        ids = self.group_ids(group_name, adults_on)
        self.set_person_ids([*self.person_ids, *ids])
        return len(set(ids) - before)

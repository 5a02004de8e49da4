"""What the minutes editor's parts ask of the editor, so they need not import it (no module cycle)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from villagedesk.errors import UserError
from villagedesk.store import Store


class MinutesEditor(Protocol):
    """The editor as its parts see it (:class:`~villagedesk.ui.meetings.editor.MeetingDialog`)."""

    store: Store
    form: QWidget  # the Designer form the parts find their widgets in
    actions: dict[str, QPushButton]  # every button of the editor, by key
    final: bool
    meeting_id: int | None

    def field(self, name: str) -> QWidget: ...

    def officer_ids(self) -> list[int]: ...

    def officer_rows(self) -> list[dict]: ...

    def show_error(self, err: UserError) -> None: ...

    def unmark(self, widget: QWidget) -> None: ...

    def ensure_saved(self) -> bool: ...

    def run_form(self, dialog) -> bool: ...

    def act(self, title: str, action: Callable[[], object]) -> bool: ...

    def button_row(self, layout: QVBoxLayout, specs: Iterable[tuple[str, str, Callable]]) -> QWidget: ...

"""Previous / next rows over a list read one page at a time: a village's records at the township
(ui/township/page.VillageRecordsDialog) and at the county (ui/county/records.RecordsPanel).

The pager holds the offset and the two buttons; the page reads the rows at ``pager.offset`` (off the
GUI thread) whenever the pager calls its ``read``, holds the buttons while it reads and lets the pager
show them again once the rows are in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QWidget

from villagedesk.ui.kit.widgets import button_bar


class Pager:
    """The offset into a list of ``count()`` rows shown ``page_rows`` at a time, and its two buttons
    (``previous_page``, ``next_page``, kept in ``buttons``); ``bar`` is their row, for the page's layout."""

    def __init__(self, parent: QWidget, page_rows: int, count: Callable[[], int], read: Callable[[], None],
                 buttons: dict[str, QPushButton]):
        self.page_rows = page_rows
        self.offset = 0
        self._count = count
        self._read = read
        self.bar = button_bar(parent, (
            ("previous_page", QCoreApplication.translate("Pager", "Previous rows"), self.previous),
            ("next_page", QCoreApplication.translate("Pager", "Next rows"), self.next)), buttons)
        self.buttons = (buttons["previous_page"], buttons["next_page"])

    def previous(self) -> None:
        if self.offset > 0:
            self.offset = max(0, self.offset - self.page_rows)
            self._read()

    def next(self) -> None:
        if self.offset + self.page_rows < self._count():
            self.offset += self.page_rows
            self._read()

    def hold(self) -> None:
        """While a page is read: no second read asked for meanwhile."""
        for button in self.buttons:
            button.setEnabled(False)

    def update(self) -> None:
        """The buttons as the offset stands: shown only for a list longer than a page."""
        previous, following = self.buttons
        paged = self._count() > self.page_rows
        previous.setVisible(paged)
        following.setVisible(paged)
        previous.setEnabled(self.offset > 0)
        following.setEnabled(self.offset + self.page_rows < self._count())


__all__ = ["Pager"]

"""What the county window's pages share: each reads from the server when it is first shown, not when built."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class CountyPage(QWidget):
    """A page of the county window: :meth:`refresh` reads what it shows, first when the page is first shown
    (the window opens on one page; the other waits until it is chosen)."""

    _read_once = False

    def refresh(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        if not self._read_once:
            self._read_once = True
            self.refresh()
        super().showEvent(event)


__all__ = ["CountyPage"]

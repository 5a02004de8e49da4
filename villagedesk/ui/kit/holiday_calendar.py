"""Loading the township's holiday calendar file, offered where a posting period is set
(the notice's 张贴 dialog, the points board's 公示) and on the notices page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from villagedesk.core.common import workdays
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.file_dialogs import ask_open


def load_calendar(parent: QWidget, store: Store) -> bool:
    """Ask for the file, check it whole and keep it; say what was loaded or why not.  True when loaded."""
    title = QCoreApplication.translate("HolidayCalendar", "Load holiday calendar")
    path = ask_open(parent, title, QCoreApplication.translate("HolidayCalendar", "Holiday calendar (*.csv)"))
    if path is None:
        return False
    try:
        year = workdays.load_calendar_file(store, path)
    except UserError as err:
        QMessageBox.warning(parent, title, str(err))
        return False
    QMessageBox.information(parent, title, workdays.loaded_message(year, path.name))
    return True

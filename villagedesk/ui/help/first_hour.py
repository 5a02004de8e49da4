"""The guided first hour: a checklist of the four first steps, each opening what it needs.

Offered on a village's first start (no profile yet) and from Help later.  The ticks
come from the data (core.home.first_steps), read again after each step and whenever a page
of the window saved something (the window calls :meth:`FirstHourDialog.refresh`), so work
done another way ticks off too.  The checklist
stays open beside the window (not modal): the clerk works in the pages it opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.core.home import first_steps
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import Dialog

DONE_MARK, OPEN_MARK = "✔", "○"


class FirstHourDialog(Dialog):
    """The four steps with a tick, a line of explanation and a button that opens the step.

    ``openers`` maps each step of first_steps.STEPS to what opens it in the window.
    """

    def __init__(self, store: Store, openers: dict[str, Callable[[], object]], parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.openers = openers
        self.setObjectName("first_hour")
        self.setWindowTitle(self.tr("Your first hour with VillageDesk"))
        intro = QLabel(self.tr("Four steps make the program ready for the village. Each button opens the "
                               "right page or form; a step is ticked off as soon as its records are there."), self)
        intro.setWordWrap(True)
        texts = {
            "profile": (self.tr("1. The village profile"),
                        self.tr("Name, code, township and the clerk: printed on every document."),
                        self.tr("Fill in…")),
            "roster": (self.tr("2. Import the household roster (花名册)"),
                       self.tr("An Excel roster: the program lists what it will add before it writes."),
                       self.tr("Import…")),
            "points": (self.tr("3. Record the first points"),
                       self.tr("Install the rule catalogue if asked, then record points for one household."),
                       self.tr("Open points")),
            "notice": (self.tr("4. Draft the first public notice"),
                       self.tr("Start from a template: finances, 低保, a project or a meeting's resolution."),
                       self.tr("Choose a template…")),
        }
        grid = QGridLayout()
        self.marks: dict[str, QLabel] = {}
        self.step_buttons: dict[str, QPushButton] = {}
        for row, step in enumerate(first_steps.STEPS):
            title, explanation, action = texts[step]
            mark = QLabel(self)
            mark.setObjectName(f"{step}_mark")
            heading = QLabel(f"<b>{title}</b><br>{explanation}", self)
            heading.setWordWrap(True)
            heading.setTextFormat(Qt.TextFormat.RichText)
            button = QPushButton(action, self)
            button.setObjectName(f"{step}_button")
            button.clicked.connect(lambda _checked=False, s=step: self.open_step(s))
            grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(heading, row, 1)
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.marks[step] = mark
            self.step_buttons[step] = button
        grid.setColumnStretch(1, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("first_hour_summary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.refresh()

    def refresh(self) -> first_steps.Progress:
        """Tick the steps the data shows done; the next one's button is the default."""
        progress = first_steps.progress(self.store)
        for step, mark in self.marks.items():
            done = progress.done[step]
            mark.setText(DONE_MARK if done else OPEN_MARK)
            mark.setStyleSheet("color: #1e7e34; font-size: 18px;" if done else "color: #888888; font-size: 18px;")
            self.step_buttons[step].setDefault(step == progress.next_step)
        self.summary.setText(self.tr("All four steps are done. Help → Manual (F1) explains the rest.")
                             if progress.finished else "")
        return progress

    def open_step(self, step: str) -> None:
        self.openers[step]()
        self.refresh()

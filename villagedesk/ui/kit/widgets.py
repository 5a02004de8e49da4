"""Small widget builders every page shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QPushButton, QSplitter, QVBoxLayout, QWidget


def push_button(parent: QWidget, key: str, text: str, slot: Callable,
                buttons: dict[str, QPushButton]) -> QPushButton:
    """A button named ``key`` (tests and the page find it by that) and kept in ``buttons``."""
    button = QPushButton(text, parent)
    button.setObjectName(key)
    # clicked(bool) would arrive as a slot's first optional argument (add_row(cells=False)):
    # a button only ever means "do it".
    button.clicked.connect(lambda _checked=False: slot())
    buttons[key] = button
    return button


def button_bar(parent: QWidget, specs: Iterable[tuple[str, str, Callable]],
               buttons: dict[str, QPushButton]) -> QHBoxLayout:
    """A row of push buttons, left-aligned."""
    bar = QHBoxLayout()
    for key, text, slot in specs:
        bar.addWidget(push_button(parent, key, text, slot, buttons))
    bar.addStretch(1)
    return bar


def splitter(parent: QWidget, first: QWidget, second: QWidget, *, stretch: tuple[int, int] = (3, 1),
             sizes: tuple[int, int], orientation: Qt.Orientation = Qt.Orientation.Vertical) -> QSplitter:
    """A page's list over (or beside) what belongs to its selection; the list takes the growth."""
    split = QSplitter(orientation, parent)
    split.addWidget(first)
    split.addWidget(second)
    split.setStretchFactor(0, stretch[0])
    split.setStretchFactor(1, stretch[1])
    split.setSizes(list(sizes))
    return split


def page_column(parent: QWidget, *parts: QWidget | QLayout) -> QVBoxLayout:
    """A page's layout: bars and notes top to bottom, the last part taking the rest of the height."""
    layout = QVBoxLayout(parent)
    for part in parts:
        stretch = 1 if part is parts[-1] else 0
        if isinstance(part, QLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)
    return layout

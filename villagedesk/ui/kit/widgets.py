"""Small widget builders every page shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


def push_button(parent: QWidget, key: str, text: str, slot: Callable,
                buttons: dict[str, QPushButton]) -> QPushButton:
    """A button named ``key`` (tests and the page find it by that) and kept in ``buttons``."""
    button = QPushButton(text, parent)
    button.setObjectName(key)
    button.clicked.connect(slot)
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

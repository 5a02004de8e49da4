"""The manual: bundled Chinese HTML, opened inside the program at the page's section."""

from __future__ import annotations

from tests.helpers.ui import shown
from villagedesk.ui.help.manual import SECTIONS, ManualDialog, manual_path


def test_the_manual_is_bundled_and_has_every_section():
    text = manual_path().read_text(encoding="utf-8")
    assert "村务通使用说明" in text
    for key in SECTIONS:
        assert f'id="{key}"' in text, key


def test_it_opens_at_the_section_asked(qtbot):
    dialog = shown(qtbot, ManualDialog(), (600, 400))
    assert "村务通使用说明" in dialog.browser.toPlainText()
    assert dialog.windowTitle() == "村务通使用说明"
    dialog.show_section("undo")
    assert dialog.browser.verticalScrollBar().value() > 0
    dialog.show_section("villages")  # a page the manual has no section for: the beginning
    assert dialog.browser.verticalScrollBar().value() == 0
    assert dialog.isVisible()

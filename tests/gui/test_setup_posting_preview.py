"""The setup page shows which questions a pasted posting gets and why each was picked (issue 15.3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.gui.application import create_context, create_main_window
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]

POSTINGS = Path(__file__).resolve().parents[1] / "banks" / "postings"


def test_posting_preview_lists_the_questions_with_their_reasons(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.LAST_PAGE, 0)
    settings.set(Key.QUESTION_COUNT, 6)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    setup = page.setup
    qtbot.waitUntil(lambda: setup.library is not None, timeout=30_000)
    button = setup.use_posting
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert setup.preview_button.isVisible() and not setup.preview_button.isEnabled()  # nothing pasted yet

    setup.posting.setPlainText((POSTINGS / "warehouse_team_leader.txt").read_text(encoding="utf-8"))
    assert setup.preview_button.isEnabled()
    qtbot.mouseClick(setup.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: setup.preview.text().startswith("1. "), timeout=30_000)
    shown = setup.preview.text()
    assert shown.count("    Why: ") == 6
    assert "Tell me about your experience as a team leader or supervisor in a warehouse" in shown
    assert "Built from the posting" in shown and "From Operations and logistics" in shown
    assert "ward" not in shown.lower()  # nothing from nursing for a warehouse job

    # a changed posting makes the list stale: it is cleared rather than shown for the wrong text
    setup.posting.setPlainText((POSTINGS / "solar_installer.txt").read_text(encoding="utf-8"))
    assert setup.preview.text() == ""

"""Settings → Follow-ups: none, one (the default) or adaptive, kept across restarts and read by the session."""

from __future__ import annotations

import pytest
from review_data import _services

from app.gui.context import AppContext
from app.gui.pages.settings_page import SettingsPage
from app.gui.settings import Key, Settings
from app.gui.tasks import TaskRunner
from app.storage.database import Database

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService")]


def test_follow_ups_choice_persists(qtbot) -> None:  # type: ignore[no-untyped-def]
    database = Database.open()
    runner = TaskRunner(max_threads=2)
    context = AppContext(settings=Settings(), runner=runner, services=_services(), database=database)
    try:
        page = SettingsPage(context)
        qtbot.addWidget(page)
        page.show()
        box = page.follow_ups_box
        assert [box.itemData(i) for i in range(box.count())] == ["none", "one", "adaptive"]
        assert box.currentData() == "one" and box.currentText() == "One follow-up after each answer"
        box.setCurrentIndex(box.findData("adaptive"))
        assert Settings().get(Key.FOLLOW_UPS) == "adaptive"  # stored at once, read by the next session
        again = SettingsPage(context)
        qtbot.addWidget(again)
        assert again.follow_ups_box.currentText() == "A follow-up only when the answer left something out"
    finally:
        runner.shutdown()
        database.close()

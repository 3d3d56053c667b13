"""Settings: values persist, a model download fails plainly offline, "Delete all my data" empties it all."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from review_data import _services, jfk_clip, store_session

from app.gui.context import AppContext
from app.gui.settings.keys import Key, Settings
from app.gui.settings.settings_page import SettingsPage
from app.gui.tasks import TaskRunner
from app.platform.logs import setup_logging
from app.platform.paths import app_paths
from app.storage.database import Database

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService")]


@pytest.fixture
def context():  # type: ignore[no-untyped-def]
    database = Database.open()
    runner = TaskRunner(max_threads=2)
    ctx = AppContext(settings=Settings(), runner=runner, services=_services(), database=database)
    yield ctx
    runner.shutdown()
    if ctx.database is not None:
        ctx.database.close()


def _page(qtbot, context: AppContext) -> SettingsPage:  # type: ignore[no-untyped-def]
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitUntil(lambda: page.camera_box.itemText(0) != "Looking for cameras…", timeout=20000)
    return page


def test_practice_defaults_persist(qtbot, context: AppContext) -> None:
    page = _page(qtbot, context)
    page.thinking_spin.setValue(45)
    page.answer_spin.setValue(90)
    page.live_cues_check.setChecked(True)
    fresh = Settings()
    assert fresh.get(Key.THINKING_SECONDS) == 45
    assert fresh.get(Key.ANSWER_SECONDS) == 90
    assert fresh.get(Key.LIVE_CUES) is True
    again = _page(qtbot, context)
    assert again.thinking_spin.value() == 45


def test_no_devices_are_stated_plainly(qtbot, context: AppContext) -> None:
    page = _page(qtbot, context)  # this machine has no camera and no sound card
    assert page.camera_box.currentText() == "No camera found" and not page.camera_box.isEnabled()
    assert "No camera found" in page.device_note.text()
    if page.microphone_box.count() == 1:
        assert page.microphone_box.itemText(0) == "No microphone found"
        assert "No microphone found" in page.device_note.text()


def test_model_download_offline_shows_a_clear_message(qtbot, context: AppContext) -> None:
    page = _page(qtbot, context)
    page.model_base_url = "http://127.0.0.1:9"  # nothing listens there: like being offline
    page.model_box.setCurrentIndex(page.model_box.findData("base.en"))
    assert page.download_button.isVisible()
    assert "not on this computer" in page.model_note.text()
    page.download_button.click()
    assert page.download_bar.isVisible() and page.cancel_download_button.isVisible()
    qtbot.waitUntil(lambda: not page.download_bar.isVisible(), timeout=30000)
    assert page.model_note.text() == (
        "The speech model could not be downloaded: the download server refused the connection. "
        "Check the internet connection and try again, or keep using the built-in tiny.en model."
    )
    assert Settings().get(Key.TRANSCRIPTION_MODEL) == "tiny.en"
    assert not (app_paths().models / "faster-whisper-base.en").exists()


def test_the_built_in_multilingual_base_needs_no_download(qtbot, context: AppContext) -> None:
    page = _page(qtbot, context)
    index = page.model_box.findData("base")
    assert page.model_box.itemText(index) == "base (built in, also other languages)"
    page.model_box.setCurrentIndex(index)
    assert not page.download_button.isVisible()
    assert page.model_note.text() == (
        "base is ready. It is used from your next answer on. "
        "It also hears answers in other languages (a bank's language)."
    )
    assert Settings().get(Key.TRANSCRIPTION_MODEL) == "base"
    assert context.services.model == "base"
    context.services.use_language("es")  # a Spanish bank's answers can now be transcribed


@pytest.mark.media
@pytest.mark.slow
def test_delete_all_my_data_empties_the_folders(qtbot, context: AppContext, shared_audio: Path) -> None:
    setup_logging()
    logging.getLogger("test").warning("a line in the log file")
    db = context.database
    assert db is not None
    session = store_session(db, [jfk_clip(shared_audio)], "2026-03-05T09:00:00+00:00")
    (app_paths().reports / "old.html").parent.mkdir(parents=True, exist_ok=True)
    (app_paths().reports / "old.html").write_text("<p>report</p>")
    (app_paths().tts_cache).mkdir(parents=True, exist_ok=True)
    (app_paths().tts_cache / "q.wav").write_bytes(b"RIFF")
    context.settings.set(Key.THINKING_SECONDS, 50)
    context.settings.sync()
    page = _page(qtbot, context)
    asked: list[str] = []
    page.confirm = lambda title, _text: asked.append(title) is None and len(asked) == 1  # yes, then no
    page.delete_button.click()
    assert asked == ["Delete all my data", "Delete all my data — are you sure?"]
    assert context.database is db and db.load_session(session.id).id == session.id  # nothing deleted

    page.confirm = lambda _title, _text: True
    page.delete_button.click()
    qtbot.waitUntil(lambda: page.data_note.text() != "Deleting…", timeout=20000)
    assert page.data_note.text() == "All your data was deleted."
    assert context.database is not None and context.database is not db
    assert context.database.list_sessions() == []
    paths = app_paths()
    data_files = sorted(p.name for p in paths.data.rglob("*"))
    assert data_files == sorted(p for p in data_files if p.startswith("mock_interview.sqlite3"))
    assert [p for p in paths.cache.rglob("*")] == []
    log_files = [p for p in paths.logs.rglob("*") if p.is_file()]
    assert all("a line in the log file" not in p.read_text() for p in log_files)
    assert Settings().get(Key.THINKING_SECONDS) == Key.THINKING_SECONDS.default
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_mock_interview", False):
            logging.getLogger().removeHandler(handler)
            handler.close()

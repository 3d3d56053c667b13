"""A file that cannot stand in for the camera or the microphone (issue 17, item 1 and 2).

The walkthrough: notes.txt picked as the video. The pre-check warned but let the interview start; when the
thinking time ran out the same message box opened ten times a second, End session did nothing and only
kill -9 ended it. Now the pre-check refuses such a file, and a session that meets one anyway (the file
changed after the check) shows one message, marks the answer failed and stays usable.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.capture.audio_file import write_wav
from app.core.questions import Category, Question
from app.core.session import AnswerStatus, SessionStatus
from app.gui.application import create_context, create_main_window
from app.gui.crash import ExceptionHook
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings
from app.session.engine import Phase
from app.session.plan import SessionPlan
from app.session.planning import SetupChoice
from app.storage.database import Database

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    notes = tmp_path / "notes.txt"
    notes.write_text("Situation: the release slipped.\nAction: daily goals.\n", encoding="utf-8")
    tone = 0.3 * np.sin(2 * np.pi * 220 * np.arange(32000) / 16000).astype(np.float32)
    return {"notes": notes, "voice": write_wav(tmp_path / "voice.wav", tone, 16000)}


def _window(qtbot, settings: Settings):  # type: ignore[no-untyped-def]
    settings.set(Key.LAST_PAGE, 0)
    settings.set(Key.SPEAK_QUESTIONS, False)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    return window, page


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_text_file_as_the_video_shows_one_message_and_end_session_works(qtbot, files) -> None:  # type: ignore[no-untyped-def]
    """Past the pre-check (the file was replaced after it): the session itself must cope."""
    window, page = _window(qtbot, Settings())
    questions = [Question(id=f"q{i}", text=f"Tell me about challenge {i}.", category=Category.BEHAVIORAL,
                          competency="resilience") for i in range(2)]
    plan = SessionPlan(questions, thinking_seconds=1, answer_seconds=60, speak_questions=False)
    choice = SetupChoice(use_files=True, video_file=files["notes"], audio_file=files["voice"],
                         speak_questions=False, thinking_seconds=1)
    hook = ExceptionHook()  # as in the running app: an error that escapes a slot becomes a message box
    hook.install()
    try:
        page._begin(choice, plan)
        driver = page.driver
        assert driver is not None
        view = page.session_view
        qtbot.waitUntil(lambda: driver.phase == Phase.FAILED, timeout=10_000)  # the thinking second ran out
        qtbot.wait(1500)  # fifteen more ticks of the session timer: the storm came from these
        boxes = _boxes()
        assert len(boxes) == 1, [box.text() for box in boxes]
        (box,) = boxes
        assert "notes.txt" in box.text() and "camera" in box.text()
        assert "pick a video file" in box.informativeText()
        assert hook.dialogs_shown == 0  # no crash dialog either

        assert page.stack.currentWidget() is view
        assert view.start_button.text() == "Try again" and view.start_button.isEnabled()
        assert view.skip_button.isEnabled() and view.end_button.isEnabled()
        assert "This answer was not recorded" in view.notices.text
        assert "Ctrl+E to end the session" in view.status.text()

        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter closes it
        qtbot.waitUntil(lambda: not _boxes(), timeout=5_000)
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)  # Try again: the file is still text
        qtbot.wait(500)
        (again,) = _boxes()  # one message for one try
        again.button(QMessageBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not _boxes(), timeout=5_000)

        session_id = driver.engine.session.id
        qtbot.mouseClick(view.end_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary, timeout=10_000)
        assert driver.phase == Phase.FINISHED
        assert "No answers were recorded." in page.summary.answers.text()
    finally:
        hook.uninstall()
    with Database.open() as database:
        session = database.load_session(session_id)
        failed = database.answers_in_status(AnswerStatus.FAILED)
        recording = database.answers_in_status(AnswerStatus.RECORDING)
    assert session.status == SessionStatus.COMPLETED and session.answers == []
    assert len(failed) == 2 and recording == []  # two tries, two failed rows, nothing left to "recover"


@pytest.mark.parametrize(
    ("video", "audio", "expected"),
    [
        ("notes", "voice", ["notes.txt is not an audio or video file", "cannot stand in for the camera",
                            "pick a video file (MP4, MOV, MKV or WebM) for the camera"]),
        ("voice", "voice", ["voice.wav has no video track", "cannot stand in for the camera",
                            "clear the Video field to practise audio-only"]),
        (None, "notes", ["notes.txt is not an audio or video file", "cannot stand in for the microphone",
                         "pick a file with sound for the microphone"]),
    ],
)
def test_the_check_refuses_a_file_that_cannot_stand_in(qtbot, files, video, audio, expected) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.USE_FILES, True)
    settings.set(Key.DEMO_VIDEO, str(files[video]) if video else "")
    settings.set(Key.DEMO_AUDIO, str(files[audio]))
    _window_, page = _window(qtbot, settings)
    setup = page.setup
    qtbot.waitUntil(setup.continue_button.isEnabled, timeout=30_000)  # the setup page only checks they exist
    qtbot.mouseClick(setup.continue_button, Qt.MouseButton.LeftButton)
    check = page.precheck
    assert page.stack.currentWidget() is check
    qtbot.waitUntil(lambda: check.sources is not None, timeout=30_000)  # opened (in the background)
    assert not check.start_button.isEnabled()
    assert check.refusal.isVisible()
    for text in expected:
        assert text in check.refusal.text(), check.refusal.text()
    qtbot.keyClick(check, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the Start shortcut
    assert page.stack.currentWidget() is check and page.driver is None


def test_the_check_lets_usable_files_start(qtbot, files) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.USE_FILES, True)
    settings.set(Key.DEMO_VIDEO, "")
    settings.set(Key.DEMO_AUDIO, str(files["voice"]))
    _window_, page = _window(qtbot, settings)
    qtbot.waitUntil(page.setup.continue_button.isEnabled, timeout=30_000)
    qtbot.mouseClick(page.setup.continue_button, Qt.MouseButton.LeftButton)
    check = page.precheck
    qtbot.waitUntil(check.start_button.isEnabled, timeout=30_000)
    assert not check.refusal.isVisible() and check.refusal.text() == ""

"""The setup page on a machine with no camera and no microphone (like this one), and the plans it builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.gui.application import create_context, create_main_window
from app.gui.practice.live_cues import CUE_INTERVAL_S, LiveCoach
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings
from app.session.planning import QuestionSource, SetupChoice, build_plan

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]

POSTINGS = Path(__file__).resolve().parents[1] / "banks" / "postings"


def _click_radio(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    """Click the round indicator, as a person would (the button's far right is empty space)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


@pytest.fixture
def setup_page(qtbot):  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.LAST_PAGE, 0)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    qtbot.waitUntil(lambda: page.setup.devices is not None and page.setup.library is not None, timeout=30_000)
    return page.setup


def test_no_camera_and_no_microphone_are_said_plainly(qtbot, setup_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = setup_page
    if page.devices.cameras or page.devices.microphones:
        pytest.skip("this machine has a camera or a microphone")
    assert "No camera was found: your answers will be recorded as audio only." in page.device_status.text()
    assert "No microphone was found" in page.device_status.text()
    assert page.camera.currentText() == "No camera (audio only)"
    assert not page.continue_button.isEnabled()
    assert "A microphone is needed to record your answers" in page.problem.text()

    # Recordings can stand in for the devices: an audio file alone gives audio-only answers.
    _click_radio(qtbot, page.use_files)
    assert page.use_files.isChecked()
    assert "Choose an audio file" in page.problem.text()
    audio = tmp_path / "answer.wav"
    audio.write_bytes(b"RIFF")  # existence is all the page checks; the pre-session check opens it
    page.audio_file[1].setFocus()
    qtbot.keyClicks(page.audio_file[1], str(audio))
    assert page.continue_button.isEnabled()
    choice = page.choice()
    assert choice.use_files and choice.audio_file == audio and not choice.has_video


def test_job_posting_needs_text_and_tailors_the_questions(qtbot, setup_page) -> None:  # type: ignore[no-untyped-def]
    page = setup_page
    _click_radio(qtbot, page.use_posting)
    assert page.posting.isVisible() and not page.track.isEnabled()
    assert "Paste the job posting" in page.problem.text()
    posting = (POSTINGS / "data_analyst.txt").read_text(encoding="utf-8")
    page.posting.setPlainText(posting)
    choice = page.choice()
    assert choice.source == QuestionSource.POSTING
    plan = build_plan(SetupChoice(source=QuestionSource.POSTING, posting=posting, count=4))
    assert len(plan.questions) == 4
    assert plan.track == "data_analytics"
    assert {"sql", "tableau"} & {term.lower() for term in plan.job_terms}
    assert any(q.job_terms for q in plan.questions)


def test_live_coach_reads_the_recording() -> None:
    """The GUI adapter feeds the level, the newest analysed frame and the live words to the cue rules
    (app.session.cues; the rules themselves are tested in tests/session/test_live_cues.py)."""
    import numpy as np

    class Turned:  # landmarks of a face turned 40 degrees away (the face model's transformation matrix)
        face = np.zeros((478, 3))
        face_matrix = np.array([[0.77, 0, 0.64, 0], [0, 1, 0, 0], [-0.64, 0, 0.77, 0], [0, 0, 0, 1]])

    coach = LiveCoach(answer_limit_s=180)
    shown = [coach.update(t / 10, -22.0 if t % 4 else -48.0, (t / 10, Turned()), []) for t in range(0, 200)]
    first = next(i for i, cue in enumerate(shown) if cue)
    assert shown[first] == "Look at the camera" and first / 10 == pytest.approx(5.0, abs=0.15)
    assert coach.cues.given[0].reason == "looking away for 5 s"
    assert len(coach.cues.given) == 1 and CUE_INTERVAL_S == 20.0  # nothing else within 20 s


def test_posting_hint_and_continue_follow_what_is_in_the_box(qtbot, setup_page) -> None:  # type: ignore[no-untyped-def]
    """Issue 17.5: the hint changed after a paste, and Continue is disabled, with the reason, once cleared."""
    from PySide6.QtWidgets import QApplication

    page = setup_page
    if not page.typed.isChecked():
        _click_radio(qtbot, page.typed)  # answers typed: only the posting decides whether Continue works
    _click_radio(qtbot, page.use_posting)
    assert page.posting_hint.isVisible()
    assert page.posting_hint.text().startswith("Paste the job posting")
    assert not page.continue_button.isEnabled()
    assert page.problem.text().startswith("Paste the job posting")

    posting = (POSTINGS / "data_analyst.txt").read_text(encoding="utf-8")
    QApplication.clipboard().setText(posting)
    page.posting.setFocus()
    qtbot.keyClick(page.posting, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    words = len(posting.split())
    assert page.posting_hint.text() == (
        f"Posting pasted ({words} words): the questions and their key terms will match it."
    )
    assert page.problem.text() == ""
    assert page.continue_button.isEnabled()

    qtbot.keyClick(page.posting, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.posting, "Data analyst, SQL")
    assert page.posting_hint.text() == (
        "3 words so far: paste the whole posting (at least 10 words) to get questions tailored to it."
    )
    assert not page.continue_button.isEnabled()
    assert page.problem.text() == (
        "The job posting is too short: paste the whole posting (at least 10 words) to get questions "
        "tailored to it."
    )

    qtbot.keyClick(page.posting, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.posting, Qt.Key.Key_Delete)
    assert page.posting.toPlainText() == ""
    assert page.posting_hint.text().startswith("Paste the job posting")
    assert not page.continue_button.isEnabled()
    assert page.problem.text().startswith("Paste the job posting")
    assert page.problem.isVisible()
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    assert page.parent().currentWidget() is page  # still here, with the reason shown


def test_continue_with_a_problem_says_why(qtbot, setup_page) -> None:  # type: ignore[no-untyped-def]
    """Continue reached while the choice cannot start shows the reason: never nothing."""
    page = setup_page
    if not page.typed.isChecked():
        _click_radio(qtbot, page.typed)
    _click_radio(qtbot, page.use_posting)
    page.problem.setText("")
    seen: list[object] = []
    page.continue_requested.connect(seen.append)
    page.continue_button.click()  # a disabled button: nothing
    page._continue()  # what Enter or a stale enabled state would reach
    assert seen == []
    assert page.problem.text().startswith("Paste the job posting")
    assert page.posting.hasFocus()

"""Typed answers through the Practice page, as someone with no working microphone (like this machine) does it:
choose "Type my answers" on the setup page, type the answer with the keyboard, stop, rate, read the results,
then open the answer in Review. Nothing is recorded; content is scored; no moment is shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.core.session import AnswerStatus
from app.gui.application import create_context, create_main_window
from app.gui.practice.practice_page import PracticePage
from app.gui.practice.practice_session import TYPED_NOTICE
from app.gui.settings.keys import Key, Settings
from app.platform.paths import app_paths
from app.session.engine import Phase
from app.storage.database import Database

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]

ANSWER = (
    "At my last job our release was two weeks late. My task was to get it back on track. "
    "So I split the work into daily goals and I paired with the newest developer. "
    "As a result we shipped on time and cut open bugs by 30%."
)


@pytest.fixture
def practice(qtbot):  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.QUESTION_COUNT, 1)
    settings.set(Key.THINKING_SECONDS, 60)
    settings.set(Key.ANSWER_SECONDS, 300)
    settings.set(Key.SPEAK_QUESTIONS, False)
    settings.set(Key.LAST_PAGE, 0)
    settings.set(Key.FOLLOW_UPS, "none")  # follow-ups have their own test (tests/gui/test_follow_up_practice.py)
    context = create_context(settings)
    window = create_main_window(settings, context)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    yield window, page, settings


def test_typed_answer_from_setup_to_review(qtbot, practice) -> None:  # type: ignore[no-untyped-def]
    window, page, settings = practice
    setup = page.setup
    qtbot.waitUntil(lambda: setup.devices is not None and setup.library is not None, timeout=30_000)
    if setup.devices.microphones:
        pytest.skip("this machine has a microphone")
    assert "A microphone is needed" in setup.problem.text() and "Type my answers" in setup.problem.text()
    assert not setup.continue_button.isEnabled()
    assert not setup.typed_note.isVisible()

    qtbot.mouseClick(setup.typed, Qt.MouseButton.LeftButton, pos=QPoint(8, setup.typed.height() // 2))
    assert setup.typed.isChecked()
    assert setup.typed_note.isVisible() and "not measured" in setup.typed_note.text()
    assert not setup.microphone.isEnabled() and not setup.use_files.isEnabled()
    assert setup.continue_button.isEnabled(), setup.problem.text()
    qtbot.mouseClick(setup.continue_button, Qt.MouseButton.LeftButton)
    assert settings.get(Key.TYPED_ANSWERS)

    check = page.precheck
    assert page.stack.currentWidget() is check
    qtbot.waitUntil(check.start_button.isEnabled, timeout=30_000)
    assert "type your answers" in check.level_text.text()
    qtbot.mouseClick(check.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.driver is not None, timeout=60_000)
    driver = page.driver
    qtbot.waitUntil(lambda: driver.phase == Phase.THINKING, timeout=30_000)
    view = page.session_view
    assert page.stack.currentWidget() is view
    assert TYPED_NOTICE in view.notices.text
    assert not view.level.isVisible() and not view.typed_answer.isVisible()

    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert driver.phase == Phase.ANSWERING
    box = view.typed_answer
    assert box.isVisible() and not view.camera.isVisible()
    assert box.accessibleName() == "Your typed answer"
    qtbot.waitUntil(box.hasFocus, timeout=5_000)
    qtbot.keyClicks(box, ANSWER)  # spaces go into the text: Space does not stop a typed answer
    assert driver.phase == Phase.ANSWERING
    assert box.toPlainText() == ANSWER
    assert view.recording.text().startswith("✎ Typing")
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Stop
    assert driver.phase in (Phase.RATING, Phase.RESULTS)

    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.rating, timeout=10_000)
    qtbot.mouseClick(page.rating.groups["content"].button(4), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.rating.save_button, Qt.MouseButton.LeftButton)
    results = page.results
    qtbot.waitUntil(
        lambda: page.stack.currentWidget() is results and results.answer is not None, timeout=60_000
    )
    assert results.badges["content"].score is not None
    assert results.badges["delivery"].score is None and results.badges["body_language"].score is None
    assert results.transcript_title.text() == "What you typed"
    assert "cut open bugs by 30%" in results.transcript.text()
    basis = results.basis.text()
    if driver.engine.question.star_expected:  # the session's question is drawn at random from the track
        # Which parts the content judge reads is its own accuracy (benchmarks/bench_content.py); the flow
        # must show the measured structure of the typed words.
        assert "Structure (STAR): " in basis and " of 4 parts" in basis
    else:
        assert "Structure (STAR): not measured (This kind of question does not call for" in basis
    assert "Delivery: not measured — A typed answer: delivery was not measured." in basis
    assert "At 0:" not in results.tips.text() and "0:00" not in results.tips.text()
    session_id = driver.engine.session.id
    answer_id = results.answer.id
    qtbot.mouseClick(results.next_button, Qt.MouseButton.LeftButton)  # "Finish session"
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary, timeout=30_000)

    with Database.open() as database:
        (stored,) = database.load_session(session_id).answers
    assert stored.status == AnswerStatus.ANALYSED and stored.media_path == ""
    assert stored.analysis is not None and stored.analysis.transcript is not None
    assert stored.analysis.transcript.typed
    media = app_paths().media
    assert not media.exists() or not any(media.rglob("*"))  # nothing recorded

    qtbot.mouseClick(page.summary.review_button, Qt.MouseButton.LeftButton)
    review = window.pages.currentWidget()
    qtbot.waitUntil(lambda: review.answer is not None and review.answer.id == answer_id, timeout=30_000)
    assert review.transcript_title.text() == "Typed answer"
    assert "cut open bugs by 30%" in review.transcript.toPlainText()
    assert review.transcript.words == []  # plain text: no word to click and seek to
    assert "Typed answer: nothing was recorded" in review.player.placeholder.text()
    assert not review.player.play_button.isEnabled()
    assert not review.timeline.isVisible()



def test_skip_rating_skips_only_the_rating(qtbot, practice) -> None:  # type: ignore[no-untyped-def]
    """Issue 17.7: "Skip rating" shows the answer's results (unrated), not the next question."""
    _window, page, _settings = practice
    setup = page.setup
    qtbot.waitUntil(lambda: setup.devices is not None and setup.library is not None, timeout=30_000)
    setup.count.setValue(2)
    if not setup.typed.isChecked():
        qtbot.mouseClick(setup.typed, Qt.MouseButton.LeftButton, pos=QPoint(8, setup.typed.height() // 2))
    qtbot.mouseClick(setup.continue_button, Qt.MouseButton.LeftButton)
    check = page.precheck
    qtbot.waitUntil(check.start_button.isEnabled, timeout=30_000)
    qtbot.mouseClick(check.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.driver is not None, timeout=60_000)
    driver = page.driver
    qtbot.waitUntil(lambda: driver.phase == Phase.THINKING, timeout=30_000)
    view = page.session_view
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.typed_answer.hasFocus, timeout=5_000)
    qtbot.keyClicks(view.typed_answer, ANSWER)
    qtbot.keyClick(view.typed_answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.rating, timeout=10_000)

    qtbot.mouseClick(page.rating.skip_button, Qt.MouseButton.LeftButton)
    results = page.results
    qtbot.waitUntil(
        lambda: page.stack.currentWidget() is results and results.answer is not None, timeout=20_000
    )
    assert driver.engine.index == 0 and driver.phase == Phase.RESULTS  # still the first question
    assert results.comparison.text() == "You did not rate this answer."
    assert results.answer.position == 0
    assert results.next_button.isEnabled()

    qtbot.mouseClick(results.next_button, Qt.MouseButton.LeftButton)  # now on to question 2
    qtbot.waitUntil(lambda: driver.engine.index == 1, timeout=10_000)

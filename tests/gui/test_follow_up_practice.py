"""A practice session with a follow-up question (issue 15.1), driven like a person would through the Practice
page: a real recording (jfk.wav, with a talking-head video) answers the question, the interviewer speaks a
follow-up with the same voice, the follow-up is recorded and scored as its own answer, and the results,
the summary, Review, History and the report all show it linked to its question."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.banks.user_banks import create_user_bank, save_user_bank
from app.core.questions import Category, Question
from app.gui.application import create_context, create_main_window
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings
from app.report.html import render_session_html
from app.session.engine import Phase
from app.storage.database import Database

pytestmark = [
    pytest.mark.gui,
    pytest.mark.media,
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ANALYSIS_TIMEOUT_MS = 180_000
# JFK's "ask not what your country can do for you" answers this, on topic but with no example in it.
QUESTION = "Tell me about a time you served your community or your country."
EXAMPLE_PROBE = "Can you give me a specific example?"


@pytest.fixture
def practice(qtbot, shared_audio: Path, shared_video: Path):  # type: ignore[no-untyped-def]
    bank = create_user_bank("Service", track="personal")
    bank.questions = [Question(id="service-time", text=QUESTION, category=Category.BEHAVIORAL,
                               competency="service", star_expected=True, target_seconds=90,
                               talking_points=["Where and when you served, and who it was for",
                                               "What you did yourself",
                                               "What changed because of it"],
                               key_terms=["volunteer", "community"],
                               follow_ups=["What did that teach you about yourself?"])]
    save_user_bank(bank)
    settings = Settings()
    settings.set(Key.USE_FILES, True)
    settings.set(Key.DEMO_VIDEO, str(shared_video / "smile_glasses_480.mp4"))
    settings.set(Key.DEMO_AUDIO, str(shared_audio / "jfk.wav"))
    settings.set(Key.PRACTICE_TRACK, "personal")
    settings.set(Key.QUESTION_COUNT, 1)
    settings.set(Key.THINKING_SECONDS, 60)
    settings.set(Key.LAST_PAGE, 0)
    assert settings.get(Key.FOLLOW_UPS) == "one"  # the default: one follow-up after each answer
    context = create_context(settings)
    window = create_main_window(settings, context)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    yield window, page


def _answer_and_rate(qtbot, page: PracticePage, heading: str = "Question 1") -> None:  # type: ignore[no-untyped-def]
    driver = page.driver
    assert driver is not None
    qtbot.waitUntil(lambda: driver.phase == Phase.THINKING, timeout=60_000)  # spoken, then thinking time
    qtbot.keyClick(page.session_view, Qt.Key.Key_Space)  # start answering now
    assert driver.phase == Phase.ANSWERING
    capture = driver.factory.current
    qtbot.waitUntil(lambda: capture.audio_source.ended, timeout=60_000)
    qtbot.keyClick(page.session_view, Qt.Key.Key_Space)  # done
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.rating, timeout=10_000)
    assert page.rating.question.text().startswith(f"{heading}: ")  # named as on every other screen
    qtbot.mouseClick(page.rating.groups["content"].button(3), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.rating.save_button, Qt.MouseButton.LeftButton)
    results = page.results
    qtbot.waitUntil(lambda: page.stack.currentWidget() is results and results.answer is not None,
                    timeout=ANALYSIS_TIMEOUT_MS)


def test_practice_session_asks_records_and_shows_a_follow_up(qtbot, practice) -> None:  # type: ignore[no-untyped-def]
    window, page = practice
    setup = page.setup
    qtbot.waitUntil(setup.continue_button.isEnabled, timeout=30_000)
    assert setup.track.currentData() == "personal"
    qtbot.mouseClick(setup.continue_button, Qt.MouseButton.LeftButton)
    check = page.precheck
    qtbot.waitUntil(check.start_button.isEnabled, timeout=60_000)
    qtbot.mouseClick(check.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.driver is not None, timeout=120_000)
    driver = page.driver
    played: list[Path] = []
    speak = driver.player.play
    driver.player.play = lambda path: (played.append(path), speak(path))[1]  # see what the interviewer says

    _answer_and_rate(qtbot, page)
    results = page.results
    assert results.title.text() == "Question 1: results"
    parent = results.answer
    assert parent.analysis.follow_up is not None and parent.analysis.follow_up.text == EXAMPLE_PROBE
    assert results.next_button.text() == "Follow-up question"  # not "Finish session": one is to come
    assert "The interviewer has a follow-up question. The answer gave no specific example." in results.notices.text

    qtbot.mouseClick(results.next_button, Qt.MouseButton.LeftButton)
    view = page.session_view
    qtbot.waitUntil(lambda: driver.phase == Phase.THINKING and page.stack.currentWidget() is view, timeout=60_000)
    assert view.question.text() == EXAMPLE_PROBE
    assert view.progress.text() == "Question 1 of 1 · Follow-up to Q1"
    assert "following up on your last answer" in view.camera._placeholder  # the pane while thinking
    # Spoken with the same voice as the question: the WAVs the same synthesizer made at session start.
    assert len(played) == 2 and played[1] == driver._voices[EXAMPLE_PROBE] and played[0] != played[1]
    assert played[1].stat().st_size > 20_000  # about two seconds of 22 kHz speech
    SCREENSHOTS.mkdir(exist_ok=True)
    assert window.grab().save(str(SCREENSHOTS / "follow_up.png"))

    _answer_and_rate(qtbot, page, heading="Follow-up to Q1")
    follow_up = results.answer
    assert results.title.text() == "Follow-up to Q1: results"
    assert follow_up.parent_id == parent.id and follow_up.question.text == EXAMPLE_PROBE
    assert results.badges["overall"].score is not None and results.badges["content"].score is not None
    assert results.next_button.text() == "Finish session"
    qtbot.mouseClick(results.next_button, Qt.MouseButton.LeftButton)

    summary = page.summary
    qtbot.waitUntil(lambda: page.stack.currentWidget() is summary, timeout=30_000)
    assert summary.subtitle.text().count("2 answers recorded (1 to follow-up question)") == 1
    lines = summary.answers.text().splitlines()
    assert lines[0].startswith(f"1. {QUESTION} — overall ")
    assert lines[1].startswith(f"    ↳ Follow-up to Q1: {EXAMPLE_PROBE} — overall ")
    session_id = driver.engine.session.id

    with Database.open() as database:
        stored = database.load_session(session_id)
        history = database.list_sessions()
    assert [(a.question.text, a.parent_id) for a in stored.answers] == [(QUESTION, ""), (EXAMPLE_PROBE, parent.id)]
    assert stored.answers[1].analysis is not None and stored.answers[1].analysis.scores is not None
    (listed,) = [s for s in history if s.id == session_id]
    assert len(listed.answers) == 2  # History counts the follow-up in its session

    html = render_session_html(stored, history)
    assert "Follow-up to Q1" in html and "The interviewer followed up: \u201cCan you give me a specific example?" in html

    qtbot.mouseClick(summary.review_button, Qt.MouseButton.LeftButton)
    review = window.pages.currentWidget()
    qtbot.waitUntil(lambda: review.sessions.selected_ids()[0] == session_id, timeout=30_000)
    tree = review.sessions

    def session_item():  # type: ignore[no-untyped-def]
        return next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                    if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1) == session_id)

    qtbot.waitUntil(lambda: session_item().childCount() > 0, timeout=30_000)  # the list reloads once stored
    assert session_item().childCount() == 1  # the question; its follow-up is nested under it
    question_item = session_item().child(0)
    assert question_item.text(0).startswith("Q1. Tell me about a time you served")
    assert question_item.childCount() == 1
    assert question_item.child(0).text(0).startswith(f"Follow-up to Q1: {EXAMPLE_PROBE} — ")
    tree.select(session_id, follow_up.id)
    assert tree.selected_ids() == (session_id, follow_up.id)

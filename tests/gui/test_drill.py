"""Drill mode (issue 15.4-15.5) on the Practice page, with a real database of earlier scored sessions.

Earlier sessions: the real recording ../shared/media/audio/jfk.wav (transcribed once by the app's Whisper)
answered to four bundled questions and to a question noted in a debrief, each scored by the app's own
analysis on a different day. The drill must offer exactly what that history says (questions to retry,
weakest competencies, lowest sub-scores), honour the kind and difficulty filters, and show the debrief
note and the question's own answer limit beside the question while it is practised.
"""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from review_data import jfk_clip

from app.analysis import rubric
from app.analysis.answer import analyze_answer
from app.banks.debrief import DEBRIEF_BANK_ID, DebriefEntry, record_debrief
from app.banks.loader import load_all_banks
from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.gui.application import create_context, create_main_window
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings
from app.session.drill import weak_spots
from app.session.engine import Phase
from app.session.plan import answer_limit_for
from app.session.planning import QuestionSource, build_plan
from app.storage.database import Database

pytestmark = [
    pytest.mark.gui,
    pytest.mark.media,
    pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
HOW_IT_WENT = "I rambled and never said what I would do differently."


def _history_questions() -> list[Question]:
    """Four bundled core questions of different competencies (the first of each, by id) and a debrief one."""
    picked: dict[str, Question] = {}
    for question in sorted(load_all_banks().questions(["core"]), key=lambda q: q.id):
        if question.category != Category.CLOSING and question.competency not in picked:
            picked[question.competency] = question
        if len(picked) == 4:
            break
    bank = record_debrief(
        [DebriefEntry("Tell me about a time you missed a deadline.", HOW_IT_WENT)],
        company="Northwind",
        role="data analyst",
    )
    return [*picked.values(), bank.questions[-1]]


def _store(database: Database, questions: list[Question], shared_audio: Path) -> list[Answer]:
    """One session a day, each answering one question with the real JFK recording, scored for it."""
    clip = jfk_clip(shared_audio)
    heard = clip.result.analysis
    now = datetime.now(UTC).replace(microsecond=0)
    answers = []
    for day, question in enumerate(questions):
        when = (now - timedelta(days=len(questions) - day)).isoformat()
        session = Session(id=uuid.uuid4().hex, title="Practice", created_at=when,
                          status=SessionStatus.COMPLETED, ended_at=when)
        database.save_session(session)
        transcript, delivery = copy.deepcopy(heard.transcript), copy.deepcopy(heard.delivery)
        analysis = analyze_answer(question, transcript, delivery, None)
        answer = Answer(id=uuid.uuid4().hex, session_id=session.id, position=0, question=question,
                        status=AnswerStatus.ANALYSED, started_at=when, duration_s=clip.result.duration_s,
                        analysis=analysis)
        database.save_answer(answer)
        answers.append(answer)
    return answers


@pytest.fixture
def drill_window(qtbot, shared_audio: Path):  # type: ignore[no-untyped-def]
    questions = _history_questions()
    with Database.open() as database:
        answers = _store(database, questions, shared_audio)
    settings = Settings()
    for key, value in ((Key.QUESTION_COUNT, 5), (Key.SPEAK_QUESTIONS, False), (Key.LAST_PAGE, 0),
                       (Key.THINKING_SECONDS, 60), (Key.TYPED_ANSWERS, True)):
        settings.set(key, value)
    context = create_context(settings)
    window = create_main_window(settings, context)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    setup = page.setup
    qtbot.waitUntil(lambda: setup.library is not None and setup.weak_spots is not None, timeout=60_000)
    return window, page, context, answers


def test_weak_spots_drill_from_the_history(qtbot, drill_window) -> None:  # type: ignore[no-untyped-def]
    window, page, context, answers = drill_window
    setup = page.setup
    overall = {a.question.id: a.analysis.scores.overall for a in answers}
    to_retry = sorted((score, qid) for qid, score in overall.items() if score is not None
                      and score < rubric.RETRY_BELOW)
    assert to_retry, f"the JFK answers should score low on interview questions: {overall}"

    # The page says what the history says: the retry count, the weakest competencies, the lowest sub-scores.
    assert setup.use_drill.isEnabled()
    qtbot.mouseClick(setup.use_drill, Qt.MouseButton.LeftButton, pos=QPoint(8, setup.use_drill.height() // 2))
    assert setup.use_drill.isChecked() and setup.drill_summary.isVisible()
    summary = setup.drill_summary.text()
    assert f"{len(to_retry)} question{'s' if len(to_retry) != 1 else ''} to retry" in summary
    spots = weak_spots(context.database.list_sessions())
    for competency in spots.weakest_competencies:
        assert competency.competency in summary
    for sub in spots.lowest_sub_scores:
        assert f"{sub.label} {sub.mean_score:.1f}" in summary
        measured = [s.score for a in answers for d in a.analysis.scores.dimensions() for s in d.sub_scores
                    if s.key == sub.key and s.score is not None]
        assert sub.mean_score == pytest.approx(sum(measured) / len(measured), abs=0.05)
    assert spots.lowest_sub_scores, "an 11 s answer to 2-minute questions has weak sub-scores (its length)"
    assert setup.category.isEnabled() and setup.difficulty.isEnabled()

    # The plan starts with the questions to retry, lowest score first.
    choice = setup.choice()
    assert choice.source == QuestionSource.DRILL
    plan = build_plan(choice, history=context.database)
    retry_ids = [qid for _score, qid in to_retry]
    assert [q.id for q in plan.questions[: len(retry_ids)]] == retry_ids[: len(plan.questions)]
    assert plan.title == "My weak spots" and plan.drill_focus == spots.focus()

    # The kind filter: only behavioural questions, retries among them first.
    setup.category.setCurrentIndex(setup.category.findData(Category.BEHAVIORAL))
    behavioural = build_plan(setup.choice(), history=context.database)
    assert {q.category for q in behavioural.questions} == {Category.BEHAVIORAL}
    kept = [qid for qid in retry_ids if next(a for a in answers if a.question.id == qid).question.category
            == Category.BEHAVIORAL]
    assert [q.id for q in behavioural.questions[: len(kept)]] == kept[: len(behavioural.questions)]
    for level in (1, 2, 3):  # the difficulty filter (with any kind)
        setup.category.setCurrentIndex(0)
        setup.difficulty.setCurrentIndex(setup.difficulty.findData(level))
        try:
            plan_at = build_plan(setup.choice(), history=context.database)
        except Exception as error:  # noqa: BLE001 - a level none of the weak spots has says so plainly
            assert "None of your weak spots matches" in str(getattr(error, "message", error))
            continue
        assert {q.difficulty for q in plan_at.questions} == {level}
    setup.difficulty.setCurrentIndex(0)
    SCREENSHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "drill.png"))

    # Practise the drill: the debrief note and the question's own limit are shown beside each question.
    qtbot.mouseClick(setup.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.precheck.start_button.isEnabled, timeout=30_000)
    qtbot.mouseClick(page.precheck.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.driver is not None, timeout=60_000)
    driver, view = page.driver, page.session_view
    seen_debrief = False
    for _ in range(len(driver.engine.plan.questions)):
        qtbot.waitUntil(lambda: driver.phase == Phase.THINKING, timeout=30_000)
        question = driver.engine.question
        limit = answer_limit_for(question.target_seconds)
        minutes = f"{int(question.target_seconds) // 60}:{int(question.target_seconds) % 60:02d}"
        assert view.aim.text() == f"Aim for {minutes}, stops at {int(limit) // 60}:{int(limit) % 60:02d}"
        if question.bank_id == DEBRIEF_BANK_ID:
            seen_debrief = True
            assert view.debrief.isVisible()
            assert HOW_IT_WENT in view.debrief.text() and "Northwind" in view.debrief.text()
            window.grab().save(str(SCREENSHOTS / "drill_debrief.png"))
        else:
            assert not view.debrief.isVisible()
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
        assert driver.phase == Phase.ANSWERING
        assert driver.engine.remaining == pytest.approx(limit, abs=1.0)  # stops at its own limit
        assert view.countdown.clock.text() == f"{int(limit) // 60}:{int(limit) % 60:02d}"
        qtbot.mouseClick(view.skip_button, Qt.MouseButton.LeftButton)
        if driver.phase == Phase.FINISHED:
            break
    assert seen_debrief, "the question from the debrief scored low, so the drill asks it again"


def test_no_history_no_drill(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.LAST_PAGE, 0)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    window.show()
    setup = window.pages.widget(0).setup
    qtbot.waitUntil(lambda: setup.weak_spots is not None, timeout=30_000)
    assert not setup.use_drill.isEnabled()
    assert setup.drill_summary.text().startswith("No weak spots yet")

"""Settings → Follow-ups: none, one (the default) or adaptive, kept across restarts and read by the session."""

from __future__ import annotations

import pytest
from review_data import _services

from app.gui.context import AppContext
from app.gui.settings.keys import Key, Settings
from app.gui.settings.settings_page import SettingsPage
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


def test_next_on_the_last_question_waits_for_its_follow_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Next pressed while the last answer is still analysed must not end the session: the analysis decides
    whether a follow-up comes first."""
    from concurrent.futures import Future

    from app.core.analysis_result import AnswerAnalysis, FollowUp
    from app.core.questions import Category, Question
    from app.core.session import SelfRating
    from app.gui.practice.session_driver import SessionDriver
    from app.session.engine import Phase, SessionEngine
    from app.session.plan import SessionPlan
    from app.session.typed import TypedCaptureFactory

    held: list[tuple[Future, object, tuple]] = []

    class Executor:
        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            future: Future = Future()
            held.append((future, fn, args))
            return future

        def shutdown(self, wait: bool = True) -> None:
            pass

    def analyse(captured, question):  # type: ignore[no-untyped-def]
        probe = FollowUp("How did you measure that?", "The result had no number or measure.", "probe", "measure")
        return AnswerAnalysis(transcript=captured.transcript, follow_up=None if question.follows else probe)

    question = Question(id="q", text="Tell me about a result you are proud of.", category=Category.BEHAVIORAL,
                        competency="drive", star_expected=True)
    plan = SessionPlan([question], thinking_seconds=30, speak_questions=False)
    with Database.open() as database:
        factory = TypedCaptureFactory()
        engine = SessionEngine(plan, database, factory, analyse, executor=Executor(), follow_ups="one")
        runner = TaskRunner(max_threads=1)
        driver = SessionDriver(engine, factory, runner, speak=False)
        try:
            driver.start()
            engine.start_answer()
            factory.current.submit_text("We grew sales a lot last year.")  # type: ignore[union-attr]
            engine.stop_answer()
            driver.rate(SelfRating(overall=3))
            assert engine.phase == Phase.ANALYSING
            driver.next()  # the person moves on before the results are ready
            assert not driver.ending
            for future, fn, args in held:
                future.set_result(fn(*args))  # type: ignore[operator]
            qtbot.waitUntil(lambda: engine.phase == Phase.THINKING, timeout=5_000)
            assert engine.question.text == "How did you measure that?" and engine.follow_up_parent is not None
        finally:
            driver.close()
            runner.shutdown()

"""Follow-up questions in a session (issue 15.1): asked after the parent answer, recorded and scored as their
own answer linked to it, stored and read back; none / one / adaptive; old databases still open."""

from __future__ import annotations

import sqlite3
from concurrent.futures import Future

import pytest

from app.core.analysis_result import AnswerAnalysis, FollowUp
from app.core.questions import Category, Question
from app.core.session import AnswerStatus, SelfRating
from app.core.transcript import Transcript, Word
from app.platform.paths import app_paths
from app.session.analyse import AnalysisServices
from app.session.capture import CapturedAnswer
from app.session.engine import Phase, SessionEngine
from app.session.live import make_analyzer
from app.session.plan import SessionPlan
from app.session.typed import TypedCaptureFactory
from app.storage.database import Database
from app.storage.migrations import MIGRATIONS


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class HeldExecutor:
    """Runs work at once, or holds it back until `release()` (an analysis still running)."""

    def __init__(self) -> None:
        self.hold = False
        self.held: list[tuple[Future, object, tuple]] = []

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        future: Future = Future()
        if self.hold:
            self.held.append((future, fn, args))
        else:
            future.set_result(fn(*args))
        return future

    def release(self) -> None:
        for future, fn, args in self.held:
            future.set_result(fn(*args))  # type: ignore[operator]
        self.held.clear()

    def shutdown(self, wait: bool = True) -> None:
        pass


class Capture:
    def start(self, media_path) -> None:  # type: ignore[no-untyped-def]
        if media_path is not None:
            media_path.write_bytes(b"recorded")
        self.path = media_path

    def request_stop(self) -> None:
        pass

    def finish(self) -> CapturedAnswer:
        return CapturedAnswer(self.path, 20.0, False, transcript=Transcript([Word("hello", 0.1, 0.5)]))

    def cancel(self) -> None:
        pass


class Factory:
    has_video = False

    def __call__(self, question: Question) -> Capture:
        return Capture()


PROBE = FollowUp("What was the outcome, and how did you know?", "The story had no result.", "probe", "outcome")


def fake_analysis(source_of: dict[str, str]):  # type: ignore[no-untyped-def]
    """An analyzer whose answers to question q<i> carry a probe or a bank follow-up (`source_of`)."""

    def analyse(captured: CapturedAnswer, question: Question) -> AnswerAnalysis:
        source = source_of.get(question.id, "probe")
        chosen = PROBE if source == "probe" else FollowUp("Who else was involved?", "basics", "bank", "bank")
        return AnswerAnalysis(transcript=captured.transcript, follow_up=None if question.follows else chosen)

    return analyse


def questions(n: int) -> list[Question]:
    return [Question(id=f"q{i}", text=f"Tell me about time {i}.", category=Category.BEHAVIORAL,
                     competency="teamwork", star_expected=True) for i in range(n)]


@pytest.fixture
def db() -> Database:
    with Database.open() as database:
        yield database


def make(db: Database, mode: str, n: int = 2, source_of: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    executor = HeldExecutor()
    plan = SessionPlan(questions(n), thinking_seconds=5, answer_seconds=60)
    engine = SessionEngine(plan, db, Factory(), fake_analysis(source_of or {}), clock=Clock(),
                           executor=executor, follow_ups=mode)
    return engine, executor


def answer(engine: SessionEngine) -> None:
    engine.question_spoken()
    engine.start_answer()
    engine.stop_answer()
    engine.rate(SelfRating(overall=3))
    assert engine.phase == Phase.RESULTS


def test_one_follow_up_per_question_spoken_recorded_and_linked(db: Database) -> None:
    engine, _ = make(db, "one")
    asked: list[str] = []
    engine.subscribe(lambda e: asked.append(e.question.text) if e.phase == Phase.SPEAKING else None)
    engine.start()
    answer(engine)
    parent = engine.current_answer
    assert not engine.last_step
    engine.next_question()
    assert engine.phase == Phase.SPEAKING and engine.index == 0  # still question 1: its follow-up
    assert engine.question.text == PROBE.text and engine.follow_up_parent is parent
    answer(engine)
    follow_up = engine.current_answer
    assert follow_up is not None and follow_up.parent_id == parent.id and follow_up.status == AnswerStatus.ANALYSED
    engine.next_question()
    assert engine.index == 1 and engine.question.text == "Tell me about time 1."
    answer(engine)
    assert not engine.last_step  # the last question's follow-up is still to come
    engine.next_question()
    answer(engine)
    assert engine.last_step
    engine.next_question()
    assert engine.phase == Phase.FINISHED
    assert asked == ["Tell me about time 0.", PROBE.text, "Tell me about time 1.", PROBE.text]
    stored = db.load_session(engine.session.id)
    assert [(a.question.id, a.position, bool(a.parent_id)) for a in stored.answers] == [
        ("q0", 0, False), ("q0/follow-up", 0, True), ("q1", 1, False), ("q1/follow-up", 1, True)]
    assert stored.answers[1].parent_id == stored.answers[0].id
    assert stored.answers[1].question.follows == "q0" and stored.answers[1].question.target_seconds == 60
    assert stored.answers[1].analysis is not None and stored.answers[1].self_rating == SelfRating(overall=3)


def test_none_asks_no_follow_up_and_adaptive_only_probes(db: Database) -> None:
    engine, _ = make(db, "none")
    engine.start()
    answer(engine)
    engine.next_question()
    assert engine.index == 1 and engine.follow_up_parent is None
    engine, _ = make(db, "adaptive", source_of={"q0": "bank", "q1": "probe"})
    engine.start()
    answer(engine)
    engine.next_question()  # q0 earned only the bank's follow-up: adaptive moves on
    assert engine.index == 1 and engine.follow_up_parent is None
    answer(engine)
    engine.next_question()  # q1 left something out: adaptive probes it
    assert engine.follow_up_parent is not None and engine.question.text == PROBE.text


def test_next_before_the_analysis_waits_for_it_then_asks_the_follow_up(db: Database) -> None:
    engine, executor = make(db, "one", n=1)
    executor.hold = True
    engine.start()
    engine.question_spoken()
    engine.start_answer()
    engine.stop_answer()
    assert engine.phase == Phase.RATING and not engine.last_step  # the analysis may bring a follow-up
    engine.next_question()  # rating skipped, analysis still running
    assert engine.phase == Phase.ANALYSING
    executor.release()
    engine.tick()
    assert engine.phase == Phase.SPEAKING and engine.question.text == PROBE.text


def test_skip_and_redo_of_a_follow_up(db: Database) -> None:
    engine, _ = make(db, "one")
    engine.start()
    answer(engine)
    parent_id = engine.current_answer.id  # type: ignore[union-attr]
    engine.next_question()
    engine.question_spoken()
    engine.start_answer()
    engine.redo()  # answer the follow-up again: it stays the follow-up
    engine.tick()  # the first attempt's recording is finished and stored
    assert engine.phase == Phase.THINKING and engine.question.text == PROBE.text
    engine.start_answer()
    assert engine.current_answer.attempt == 2 and engine.current_answer.parent_id == parent_id  # type: ignore[union-attr]
    engine.skip()
    assert engine.index == 1 and engine.follow_up_parent is None
    stored = db.load_session(engine.session.id).answers
    assert [(a.attempt, a.status, a.parent_id == parent_id) for a in stored if a.position == 0] == [
        (1, AnswerStatus.ANALYSED, False), (1, AnswerStatus.ANALYSED, True), (2, AnswerStatus.SKIPPED, True)]


def test_a_database_from_before_follow_ups_opens_and_reads_as_before() -> None:
    paths = app_paths()
    paths.data.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(paths.database)
    old.executescript(MIGRATIONS[0])
    old.execute("INSERT INTO sessions (id, title, created_at, status) VALUES ('s1', 'Old', '2026-01-01', 'completed')")
    old.execute("""INSERT INTO answers (id, session_id, position, question_id, question_json, status)
                   VALUES ('a1', 's1', 0, 'q', '{"id": "q", "text": "Old question?", "category": "behavioral",
                   "competency": "x"}', 'recorded')""")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    with Database.open() as database:
        assert database.schema_version == len(MIGRATIONS)
        (stored,) = database.load_session("s1").answers
        assert stored.question.text == "Old question?" and stored.parent_id == "" and not stored.is_follow_up


WE_STORY = ("Our scanning app recorded some pallets twice. We added logging on the server and we saw the two "
            "requests were always thirty seconds apart. We gave every scan a unique key and we added a test that "
            "replays a dropped response.")
PERSONAL = ("I wrote the logging change myself and I found the thirty second retry in the client. I designed the "
            "unique key, and I wrote the replay test; a colleague reviewed it.")


def test_typed_session_with_the_real_analysis_probes_and_scores_the_follow_up(db: Database) -> None:
    """The content judge reads a "we" story: the interviewer asks what the speaker did, and that reply is
    scored against the probe's own talking points."""
    clock = Clock()
    factory = TypedCaptureFactory(clock)
    from app.banks.loader import load_all_banks

    question = next(q for b in load_all_banks().banks for q in b.questions if q.id == "swe-hardest-bug")
    plan = SessionPlan([question], thinking_seconds=5, answer_seconds=300, speak_questions=False)
    engine = SessionEngine(plan, db, factory, make_analyzer(AnalysisServices(vision=False)), clock=clock,
                           executor=HeldExecutor(), follow_ups="one")
    engine.start()
    for text in (WE_STORY, PERSONAL):
        engine.start_answer()
        factory.current.submit_text(text)  # type: ignore[union-attr]
        clock.now += 40
        engine.stop_answer()
        engine.skip_rating()
        if text == WE_STORY:
            assert engine.current_answer.analysis.follow_up.kind in ("personal", "outcome")  # type: ignore[union-attr]
            engine.next_question()
            assert engine.phase == Phase.THINKING and engine.follow_up_parent is not None
    follow_up = engine.current_answer
    assert follow_up is not None and follow_up.analysis is not None and follow_up.analysis.content is not None
    assert follow_up.analysis.content.talking_points  # the probe's points: what a good reply says
    assert follow_up.analysis.scores.content.score is not None  # type: ignore[union-attr]
    assert follow_up.analysis.follow_up is None  # one follow-up per question
    engine.next_question()
    assert engine.phase == Phase.FINISHED


def test_export_and_import_keep_a_follow_up_linked_to_its_parent(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.storage.exchange import export_session, import_session

    engine, _ = make(db, "one", n=1)
    engine.start()
    answer(engine)
    engine.next_question()
    answer(engine)
    engine.next_question()
    archive = export_session(db, engine.session.id, tmp_path / "session.zip")
    imported = import_session(db, archive)
    parent, follow_up = db.load_session(imported.id).answers
    assert parent.id != engine.session.answers[0].id  # fresh ids on import...
    assert follow_up.parent_id == parent.id and not parent.parent_id  # ...and the link follows them

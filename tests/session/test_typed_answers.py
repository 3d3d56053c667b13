"""Typed answers (no working microphone), end to end: the session engine with the typed capture and the real
analyzer, stored in the database, then tips and the HTML report. Content is scored from the typed words;
delivery and body language are not measured; no media file is written; no moment is ever shown."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from app.core.questions import Category, Question
from app.core.session import AnswerStatus, SelfRating
from app.report.html import render_session_html
from app.session.analyse import AnalysisServices
from app.session.engine import Phase, SessionEngine
from app.session.live import make_analyzer
from app.session.plan import SessionPlan
from app.session.typed import TypedCaptureFactory, typed_words
from app.storage.database import Database

QUESTION = Question(
    id="typed-conflict",
    text="Tell me about a time you disagreed with a colleague. How did you handle it?",
    category=Category.BEHAVIORAL,
    competency="Teamwork",
    target_seconds=90,
    star_expected=True,
    talking_points=[
        "The disagreement and why it mattered to the project",
        "How you listened to the colleague's point of view",
        "The compromise you reached together",
    ],
    key_terms=["compromise", "stakeholders"],
)

# A STAR answer as someone would type it, with hedges ("maybe", "kind of", "I guess") so that
# tips which name moments for spoken answers are produced, and a quantified result.
STAR_TEXT = (
    "At my last job I was a developer on the billing team, and we were two weeks from a release. "
    "A colleague wanted to ship a new invoice layout, but I think it would maybe break reports for our "
    "biggest customers, so the disagreement really mattered to the project. "
    "My task was to find a way forward without delaying the release. "
    "So I set up a meeting and listened to his point of view first. He was kind of worried about "
    "stakeholders in sales. I guess I showed him three reports that would break, and together we reached "
    "a compromise: ship the layout behind a switch. "
    "As a result, the release went out on time, and support tickets about invoices fell by 40% that month."
)


class InlineExecutor:
    """Runs the capture's finish and the analysis at once, so the test needs no waiting."""

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        future: Future = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, wait: bool = True) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db() -> Database:
    with Database.open() as database:
        yield database


def _engine(db: Database, count: int = 1) -> tuple[SessionEngine, TypedCaptureFactory, Clock]:
    clock = Clock()
    factory = TypedCaptureFactory(clock)
    plan = SessionPlan([QUESTION] * count, thinking_seconds=10, answer_seconds=300, speak_questions=False)
    analyzer = make_analyzer(AnalysisServices(vision=False))
    engine = SessionEngine(plan, db, factory, analyzer, clock=clock, executor=InlineExecutor())
    return engine, factory, clock


def _media_files(db: Database) -> list[str]:
    folder = db.paths.media
    return sorted(str(p) for p in folder.rglob("*")) if folder.exists() else []


def test_typed_star_answer_is_analysed_for_content_only_and_stored_without_media(db: Database) -> None:
    engine, factory, clock = _engine(db)
    engine.start()
    assert engine.phase == Phase.THINKING  # questions are not spoken in this plan
    engine.start_answer()
    assert engine.phase == Phase.ANSWERING
    capture = factory.current
    assert capture is not None
    capture.submit_text(STAR_TEXT[:40])  # the text as it grows; the last one before Stop counts
    clock.now += 95.0
    capture.submit_text(STAR_TEXT)
    engine.stop_answer()
    capture.submit_text("typed after Stop is ignored")
    engine.rate(SelfRating(content=4, overall=4))
    assert engine.phase == Phase.RESULTS
    engine.next_question()
    assert engine.phase == Phase.FINISHED

    assert _media_files(db) == []  # nothing recorded, not even an empty file or folder
    session = db.load_session(engine.session.id)
    (answer,) = session.answers
    assert answer.status == AnswerStatus.ANALYSED
    assert answer.media_path == "" and not answer.has_video
    assert answer.duration_s == pytest.approx(95.0)  # the time spent answering
    analysis = answer.analysis
    assert analysis is not None and analysis.transcript is not None
    transcript = analysis.transcript
    assert transcript.typed  # survives the database round trip
    texts = [w.text for w in transcript.words]
    assert texts[:4] == ["At", "my", "last", "job"]
    bare = [t.rstrip(".?!") for t in texts]
    assert "40%" in bare and "switch" in bare and "month" in bare  # punctuation kept out of words...
    assert not any(t.endswith((",", ":", ";")) for t in texts)
    assert any(t.endswith(".") for t in texts)  # ...except a sentence's end, which the content judge reads
    assert "typed after Stop" not in transcript.text

    scores = analysis.scores
    assert scores is not None
    assert scores.delivery.score is None and scores.body_language.score is None
    assert scores.delivery.reason == "A typed answer: delivery was not measured."
    assert analysis.delivery is None and analysis.body_language is None
    assert scores.content.score is not None
    content = analysis.content
    assert content is not None
    assert [p.value for p in content.parts_present] == ["situation", "task", "action", "result"]
    assert content.quantified_result
    assert {p.point: p.covered for p in content.talking_points}["The compromise you reached together"]
    assert {k.term for k in content.key_terms if k.used} == {"compromise", "stakeholders"}
    assert [h.phrase for h in content.hedges] == ["maybe", "kind of", "i guess"]  # in the order typed
    subs = {s.key: s for s in scores.content.sub_scores}
    assert subs["structure"].score == 5
    # 125 typed words take 50 s to say at 150 wpm: a typed answer's length is measured that way.
    assert subs["length"].value == pytest.approx(50 / 90, abs=0.01) and subs["length"].score == 3
    assert subs["hedging"].value == pytest.approx(3.6)  # 3 hedges in 125 words, said in 50 s at 150 wpm

    tips = analysis.tips
    hedging = next(tip for tip in tips if tip.metric == "hedging")
    assert hedging.text == "You hedged 3 times, e.g. 'maybe' and 'kind of'. Say what you did plainly."
    assert all(tip.time is None for tip in tips)
    assert not any("0:00" in tip.text or " at 0:" in tip.text for tip in tips)

    html = render_session_html(session)
    assert "Typed answer: delivery and body language were not measured" in html
    assert "0:00" not in html
    assert "support tickets about invoices fell by 40%" in html  # the transcript is in the report


def test_skipping_and_ending_during_a_typed_answer_leave_no_file(db: Database) -> None:
    engine, factory, clock = _engine(db, count=2)
    engine.start()
    engine.start_answer()
    factory.current.submit_text("I would start by")  # type: ignore[union-attr]
    engine.skip()
    assert engine.index == 1 and engine.phase == Phase.THINKING
    engine.start_answer()
    factory.current.submit_text("At my last job I led the release and we shipped on time.")  # type: ignore[union-attr]
    clock.now += 20.0
    engine.finish()  # ending the session keeps the answer in progress
    assert _media_files(db) == []
    first, second = db.load_session(engine.session.id).answers
    assert first.status == AnswerStatus.SKIPPED and first.media_path == ""
    assert second.status == AnswerStatus.ANALYSED and second.duration_s == pytest.approx(20.0)
    assert second.analysis is not None and second.analysis.transcript is not None
    assert second.analysis.transcript.text == "At my last job I led the release and we shipped on time."


def test_typed_words_keep_what_belongs_to_a_word_and_drop_punctuation_around_it() -> None:
    # Punctuation around a word goes, except a sentence's end (kept as a transcriber writes it).
    words = typed_words('Result: "we cut costs by $5,000 (about 40%)." — don\'t guess… well-known!')
    assert [w.text for w in words] == ["Result", "we", "cut", "costs", "by", "$5,000", "about", "40%.",
                                       "don't", "guess", "well-known!"]
    assert all(w.start == w.end == 0.0 for w in words)

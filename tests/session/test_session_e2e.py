"""A whole practice session with real recordings standing in for the camera and the microphone."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import av
import pytest

from app.core.questions import Category, Question
from app.core.session import AnswerStatus, SelfRating, SessionStatus
from app.session.analyse import AnalysisServices
from app.session.engine import Phase, SessionEngine
from app.session.live import file_capture_factory, make_analyzer
from app.session.plan import SessionPlan
from app.storage.database import Database
from app.storage.media import absolute_media_path

pytestmark = [pytest.mark.media, pytest.mark.slow]


def _questions() -> list[Question]:
    return [
        Question(id="e2e-1", text="What does public service mean to you?", category=Category.MOTIVATION,
                 competency="motivation", talking_points=["why it matters to you", "an example"],
                 key_terms=["country", "service"]),
        Question(id="e2e-2", text="Tell me about a challenge you took on.", category=Category.BEHAVIORAL,
                 competency="ownership", star_expected=True, talking_points=["the challenge", "what you did"],
                 key_terms=["challenge"]),
    ]


def _wait_for_sources(engine: SessionEngine, factory) -> None:  # type: ignore[no-untyped-def]
    capture = factory.current
    assert capture.audio_source.wait(timeout=120), "the audio replay did not end"
    if capture.video_source is not None:
        assert capture.video_source.wait(timeout=120), "the video replay did not end"


def test_two_question_session_end_to_end(shared_audio: Path, shared_video: Path) -> None:
    services = AnalysisServices()
    factory = file_capture_factory(shared_video / "smile_glasses_480.mp4", shared_audio / "jfk.wav", services,
                                   speed=0, max_seconds=11.0)
    executor = ThreadPoolExecutor(max_workers=1)
    with Database.open() as db:
        engine = SessionEngine(SessionPlan(_questions(), speak_questions=False, thinking_seconds=0), db, factory,
                               make_analyzer(services), executor=executor)
        engine.start()
        for _ in range(2):
            engine.tick()  # zero thinking time: the answer starts at the first tick
            assert engine.phase == Phase.ANSWERING
            _wait_for_sources(engine, factory)
            engine.stop_answer()
            engine.rate(SelfRating(delivery=4, body_language=4, content=3))
            executor.submit(lambda: None).result(timeout=300)  # analysis done
            engine.tick()
            assert engine.phase == Phase.RESULTS
            engine.next_question()
        assert engine.phase == Phase.FINISHED
        session = db.load_session(engine.session.id)
    services.close()
    executor.shutdown()

    assert session.status == SessionStatus.COMPLETED
    assert [a.status for a in session.answers] == [AnswerStatus.ANALYSED, AnswerStatus.ANALYSED]
    for answer in session.answers:
        analysis = answer.analysis
        assert analysis is not None and analysis.transcript is not None
        text = analysis.transcript.text.lower()
        assert "ask not what your country can do for you" in text.replace(",", "")
        assert analysis.delivery is not None and 80 < analysis.delivery.words_per_minute < 200
        assert analysis.delivery.fillers == []  # JFK read his speech: no um or uh
        assert analysis.body_language is not None and analysis.body_language.face_visible_ratio > 0.9
        assert analysis.scores is not None and analysis.scores.overall is not None
        assert answer.self_rating == SelfRating(delivery=4, body_language=4, content=3)
        path = absolute_media_path(db.paths, answer.media_path)
        with av.open(str(path)) as container:
            kinds = sorted(stream.type for stream in container.streams)
            assert kinds == ["audio", "video"]
            frames = sum(1 for _ in container.decode(video=0))
            assert frames > 100
            duration = float(container.duration / av.time_base)
            assert 9.5 < duration < 12.5

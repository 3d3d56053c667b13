"""A realistic practice session (two answers, one without video) and two earlier sessions for progress."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "analysis"))

from answer_samples import (  # noqa: E402
    CONFLICT_QUESTION,
    NO_RESULT_ANSWER,
    STAR_ANSWER,
    cues,
    delivery_for,
    make_transcript,
)

from app.analysis.answer import analyze_answer  # noqa: E402
from app.core.body_language import LookAway  # noqa: E402
from app.core.delivery import Filler, Pause  # noqa: E402
from app.core.questions import Category, Question  # noqa: E402
from app.core.session import Answer, AnswerStatus, SelfRating, Session, SessionStatus  # noqa: E402

PRIORITY_QUESTION = Question(
    id="core-priorities",
    text="Tell me about a time you had to juggle competing priorities.",
    category=Category.BEHAVIORAL,
    competency="Prioritisation",
    target_seconds=90,
    star_expected=True,
    talking_points=[
        "What was competing for your time",
        "How you decided what came first",
        "The outcome for each task",
    ],
    key_terms=["deadline"],
    track="core",
)


def _ums(times: list[float]) -> list[Filler]:
    return [Filler("um", "hesitation", t, t + 0.3) for t in times]


def build_session(session_id: str, day: str, strong: bool) -> Session:
    star = make_transcript(STAR_ANSWER)
    fillers = _ums([2.0, 6.0, 11.0, 17.0, 25.0, 40.0, 48.0, 55.0, 61.0] if not strong else [30.0])
    delivery = delivery_for(star, fillers=fillers, pauses=[Pause(42.2, 46.3)] if not strong else [])
    body = cues(duration_s=67.0, facing=0.72 if not strong else 0.9, looking_away=[LookAway(20.0, 26.0)])
    first = analyze_answer(CONFLICT_QUESTION, star, delivery, body, job_terms=["stakeholders"])
    second_transcript = make_transcript(NO_RESULT_ANSWER)
    second = analyze_answer(
        PRIORITY_QUESTION, second_transcript, delivery_for(second_transcript, pitch_variation=1.8)
    )
    answers = [
        Answer(
            f"{session_id}-a1",
            session_id,
            0,
            CONFLICT_QUESTION,
            AnswerStatus.ANALYSED,
            started_at=f"{day}T18:31:00+00:00",
            duration_s=67.0,
            has_video=True,
            analysis=first,
            self_rating=SelfRating(
                delivery=4, body_language=3, content=4, overall=4, feeling="Rushed at the start"
            ),
        ),
        Answer(
            f"{session_id}-a2",
            session_id,
            1,
            PRIORITY_QUESTION,
            AnswerStatus.ANALYSED,
            started_at=f"{day}T18:34:00+00:00",
            duration_s=45.0,
            has_video=False,
            analysis=second,
            self_rating=SelfRating(delivery=3, content=3, overall=3),
        ),
    ]
    return Session(
        session_id,
        "Behavioral core practice",
        f"{day}T18:30:00+00:00",
        SessionStatus.COMPLETED,
        track="core",
        bank_id="core",
        job_terms=["stakeholders"],
        answers=answers,
    )


@pytest.fixture(scope="session")
def practice_session() -> Session:
    return build_session("s3-current", "2026-11-20", strong=False)


@pytest.fixture(scope="session")
def history() -> list[Session]:
    return [
        build_session("s1-earlier", "2026-11-12", strong=False),
        build_session("s2-earlier", "2026-11-18", True),
    ]

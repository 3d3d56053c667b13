"""The History figures without widgets (app.session.history), from typed sessions in a real database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.session.history import compare_rows, load_history, local_time, session_labels, session_score
from app.session.store import Database
from app.session.typed import analyse_typed_text

QUESTION = Question(
    id="hist-q1",
    text="Tell me about a time you improved a process.",
    category=Category.BEHAVIORAL,
    competency="ownership",
    star_expected=True,
    talking_points=["the process", "the result"],
    key_terms=["process"],
)
STRONG = (
    "In my last role our release process took two days. I was asked to shorten it. "
    "I automated the checks and wrote a checklist. As a result releases took four hours."
)
WEAK = "I think processes are good."


@pytest.fixture
def database() -> Iterator[Database]:
    with Database.open() as db:
        yield db


def store(database: Database, created_at: str, *texts: str) -> Session:
    session = Session(id=uuid.uuid4().hex, title="Typed", created_at=created_at,
                      status=SessionStatus.COMPLETED, ended_at=created_at)
    database.save_session(session)
    for position, text in enumerate(texts):
        answer = Answer(id=uuid.uuid4().hex, session_id=session.id, position=position, question=QUESTION,
                        status=AnswerStatus.ANALYSED, started_at=created_at,
                        analysis=analyse_typed_text(text, QUESTION))
        database.save_answer(answer)
        session.answers.append(answer)
    return session


def test_history_holds_the_scored_sessions_oldest_first(database: Database) -> None:
    later = store(database, "2026-11-20T10:00:00+00:00", STRONG)
    earlier = store(database, "2026-11-10T10:00:00+00:00", WEAK)
    store(database, "2026-11-15T10:00:00+00:00")  # no answers: nothing to draw
    data = load_history(database, weekly_goal=4)
    assert [s.id for s in data.sessions] == [earlier.id, later.id]
    assert data.progress.routine.weekly_goal == 4


def test_compare_shows_what_was_measured_and_says_what_was_not(database: Database) -> None:
    weak = store(database, "2026-11-10T10:00:00+00:00", WEAK)
    strong = store(database, "2026-11-20T10:00:00+00:00", STRONG, STRONG)
    rows = {row[0]: row for row in compare_rows(weak, strong)}
    # Typed answers: nothing heard, nothing seen.
    assert rows["Delivery"][1:] == ("not measured", "not measured", "")
    assert rows["Words per minute (wpm)"][1:] == ("not measured", "not measured", "")
    content_a, content_b = session_score(weak, "content"), session_score(strong, "content")
    assert content_a is not None and content_b is not None and content_b > content_a
    assert rows["Content"][1:3] == (f"{content_a:.1f}", f"{content_b:.1f}")
    assert rows["Content"][3].startswith("+")
    assert rows["Answers"] == ("Answers", "1", "2", "")


def test_sessions_in_the_same_minute_get_told_apart(database: Database) -> None:
    first = store(database, "2026-11-20T10:00:05+00:00", WEAK)
    second = store(database, "2026-11-20T10:00:40+00:00", STRONG)
    third = store(database, "2026-11-21T09:30:00+00:00", STRONG)
    minute = local_time(first.created_at)
    assert session_labels([first, second, third]) == [
        f"{minute} #1",
        f"{minute} #2",
        local_time(third.created_at),
    ]


def test_a_moment_that_is_not_a_date_is_shown_as_it_is() -> None:
    assert local_time("yesterday") == "yesterday"

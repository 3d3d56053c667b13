"""The answer limit follows the question (issue 15.5): 1.5x its target, in quarter minutes, 1 to 5 minutes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_engine import FakeClock, FakeFactory, InlineExecutor, analyse, questions

from app.banks.loader import load_all_banks
from app.session.engine import Phase, SessionEngine
from app.session.plan import SessionPlan, aim_line, answer_limit_for
from app.storage.database import Database


def test_every_bundled_question_gets_at_least_its_target_and_at_most_five_minutes() -> None:
    bank_questions = load_all_banks().questions()
    assert max(q.target_seconds for q in bank_questions) == 180  # the longest target the old 120 s cut short
    for question in bank_questions:
        limit = answer_limit_for(question.target_seconds)
        assert question.target_seconds < limit <= 300
        assert limit >= 1.5 * question.target_seconds or limit == 300
        assert limit % 15 == 0
    assert answer_limit_for(120) == 180 and aim_line(120, 180) == "Aim for 2:00, stops at 3:00"
    assert answer_limit_for(30) == 60  # the floor: a minute
    assert answer_limit_for(400) == 300  # the cap: five minutes
    assert answer_limit_for(120, fixed_seconds=90) == 90  # Settings' one limit for every question
    assert answer_limit_for(120, fixed_seconds=5) == 15  # never a limit that stops before a sentence


def test_each_answer_stops_at_its_own_question_s_limit() -> None:
    short, long = questions(2)
    short, long = replace(short, target_seconds=60), replace(long, target_seconds=180)
    clock, executor, factory = FakeClock(), InlineExecutor(), FakeFactory()
    with Database.open() as database:
        plan = SessionPlan([short, long], thinking_seconds=10, speak_questions=False)
        engine = SessionEngine(plan, database, factory, analyse, clock=clock, executor=executor)
        engine.start()
        engine.start_answer()
        assert engine.remaining == pytest.approx(90)
        clock.now += 89.9
        engine.tick()
        assert engine.phase == Phase.ANSWERING
        clock.now += 0.1
        engine.tick()
        assert engine.phase != Phase.ANSWERING  # stopped at 1:30, not at a global 2:00
        if engine.phase == Phase.RATING:
            engine.skip_rating()
        engine.next_question()
        engine.start_answer()
        clock.now += 180
        engine.tick()
        assert engine.phase == Phase.ANSWERING  # a 3:00 target runs on past 3:00...
        assert engine.remaining == pytest.approx(90)  # ...to 4:30
        clock.now += 90
        engine.tick()
        assert engine.phase != Phase.ANSWERING

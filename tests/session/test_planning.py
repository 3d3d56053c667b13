"""The setup choice and the plan it builds, without widgets (the setup page fills the choice)."""

from __future__ import annotations

from pathlib import Path

from app.core.questions import Category
from app.session.devices import Devices
from app.session.planning import QuestionSource, SetupChoice, build_plan


def test_track_plan_follows_the_interview_order() -> None:
    choice = SetupChoice(source=QuestionSource.TRACK, track="core", count=5, thinking_seconds=15,
                         answer_seconds=90, seed=7)
    plan = build_plan(choice)
    assert len(plan.questions) == 5
    assert {q.track for q in plan.questions} == {"core"}
    assert plan.questions[-1].category == Category.CLOSING
    assert (plan.thinking_seconds, plan.answer_seconds) == (15.0, 90.0)


def test_devices_problem_wording() -> None:
    assert SetupChoice(microphone=None).problem().startswith("A microphone is needed")
    assert SetupChoice(microphone="USB mic").problem() == ""
    assert SetupChoice(use_files=True, audio_file=Path("/nowhere/a.wav")).problem() == "a.wav was not found."
    assert Devices().cameras == []

"""The HR and recruiting and project management tracks: complete banks, and postings for those jobs are
tailored from their own track. The two postings in postings/hr_project/heldback were written before
tailoring was run on them and were not tuned on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.banks import load_all_banks
from app.banks.loader import read_bank
from app.banks.tailoring import tailor
from app.core.questions import TRACKS, Category, track_title
from app.platform.paths import bundled_banks_dir

POSTINGS = Path(__file__).resolve().parent / "postings" / "hr_project"


@pytest.mark.parametrize(
    ("name", "track"), [("hr_recruiting", "hr_recruiting"), ("project_management", "project_management")]
)
def test_new_track_bank_is_complete(name: str, track: str) -> None:
    parsed = read_bank(bundled_banks_dir() / f"{name}.yaml", read_only=True)
    assert parsed.problems == []
    bank = parsed.bank
    assert bank is not None and bank.track == track and len(bank.questions) == 18
    assert track in TRACKS and track_title(track) == TRACKS[track]
    categories = Counter(q.category for q in bank.questions)
    assert categories[Category.BEHAVIORAL] >= 6 and categories[Category.SITUATIONAL] >= 3
    assert categories[Category.TECHNICAL] + categories[Category.ROLE_SPECIFIC] >= 5
    assert categories[Category.MOTIVATION] == 1 and categories[Category.CLOSING] == 1
    assert sum(1 for q in bank.questions if q.follow_ups) >= 10
    for q in bank.questions:
        assert len(q.point_examples) == len(q.talking_points), q.id
        for point, examples in zip(q.talking_points, q.point_examples, strict=True):
            assert 2 <= len(examples) <= 3, (q.id, point)
            assert len(set(examples)) == len(examples), (q.id, point)
            assert all(example.lower() != point.lower() for example in examples), (q.id, point)


@pytest.mark.parametrize(
    ("posting", "track"),
    [
        ("recruiter.txt", "hr_recruiting"),
        ("project_manager.txt", "project_management"),
        ("heldback/hr_adviser.txt", "hr_recruiting"),
        ("heldback/it_project_coordinator.txt", "project_management"),
    ],
)
def test_posting_for_the_job_is_tailored_from_its_track(posting: str, track: str) -> None:
    result = tailor((POSTINGS / posting).read_text(encoding="utf-8"), load_all_banks().questions(), count=8)
    assert result.track == track
    from_track = [q for q in result.questions if q.track == track]
    assert len(from_track) >= 4, [q.id for q in result.questions]
    # nothing from an unrelated bundled track (questions built from the posting itself are welcome)
    assert not [q.id for q in result.questions if q.track not in {track, "core", "posting"}]
    assert any(q.job_terms for q in from_track)


def test_leave_one_out_cases_hold_out_the_phrasing_they_answer_with() -> None:
    from benchmarks.bank_examples import held_out_cases

    bank = read_bank(bundled_banks_dir() / "hr_recruiting.yaml").bank
    assert bank is not None
    question = bank.questions[0]
    cases = held_out_cases(question)
    assert len(cases) == 3  # three phrasings per point
    for k, (reduced, answer, said) in enumerate(cases):
        assert said.count(False) == 1 and not said[k % len(said)]
        for index, examples in enumerate(question.point_examples):
            assert examples[k] not in reduced.examples_for(index)
            assert (examples[k] in answer) == said[index]

"""Talking points with example phrasings: both forms load, bad examples are named by file, line and field,
and every way a question is copied or written keeps the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.banks import load_all_banks, load_bank, read_bank
from app.banks.loader import bank_to_yaml, parse_bank_text
from app.banks.tailoring import tailor
from app.banks.user_banks import export_bank, import_bank_file, save_user_bank
from app.core.questions import Category, Question, QuestionBank
from app.core.serialization import from_dict, to_dict
from app.platform.paths import bundled_banks_dir

BANK = """\
format: 1
id: examples-bank
title: Examples
track: consulting
questions:
  - id: examples-q1
    text: Tell me about a time a client rejected your recommendation.
    category: behavioral
    competency: influence
    talking_points:
      - The recommendation and why it mattered
      - point: How you found the concern behind the objection
        examples:
          - "I asked them what would have to be true for them to say yes."
          - 'It turned out the real worry was the cost of retraining staff.'
      - point: What changed their mind
      - The outcome
    key_terms: [client, recommendation, evidence]
"""

# A question whose second point is replaced by TALKING_POINT (indented as a list item of talking_points).
BROKEN = """\
format: 1
id: broken-examples
title: Broken
track: consulting
questions:
  - id: broken-examples-q1
    text: Tell me about a time a client rejected your recommendation.
    category: behavioral
    competency: influence
    talking_points:
      - The recommendation
{point}
      - The outcome
    key_terms: [client]
"""


def _broken(point: str) -> str:
    return BROKEN.format(point="\n".join("      " + line for line in point.strip("\n").splitlines()))


def test_a_point_is_text_or_a_mapping_with_examples() -> None:
    parsed = parse_bank_text(BANK, "examples.yaml")
    assert parsed.problems == []
    assert parsed.bank is not None
    question = parsed.bank.questions[0]
    assert question.talking_points == [
        "The recommendation and why it mattered",
        "How you found the concern behind the objection",
        "What changed their mind",
        "The outcome",
    ]
    assert question.point_examples == [
        [],
        [
            "I asked them what would have to be true for them to say yes.",
            "It turned out the real worry was the cost of retraining staff.",
        ],
        [],
        [],
    ]
    assert question.examples_for(1)[0].startswith("I asked them")
    assert question.examples_for(0) == [] and question.examples_for(9) == []


def test_a_question_built_in_code_has_one_empty_list_per_point() -> None:
    question = Question("q", "Why us?", Category.MOTIVATION, "motivation", talking_points=["a", "b", "c"])
    assert question.point_examples == [[], [], []]
    with pytest.raises(ValueError, match="4 example lists for 3 talking points"):
        Question(
            "q", "Why us?", Category.MOTIVATION, "m", talking_points=["a", "b", "c"], point_examples=[[]] * 4
        )


@pytest.mark.parametrize(
    ("point", "line", "field", "message"),
    [
        (
            "- point: ''\n  examples: [I did it.]",
            12,
            "questions[0].talking_points[1].point",
            "is empty; write the text",
        ),
        (
            "- examples: [I did it.]",
            12,
            "questions[0].talking_points[1].point",
            "the talking point is missing the required field 'point'",
        ),
        (
            "- point: The objection\n  exampels: [I did it.]",
            13,
            "questions[0].talking_points[1].exampels",
            "unknown field 'exampels' (expected one of: point, examples)",
        ),
        (
            "- point: The objection\n  examples: I asked them why.",
            13,
            "questions[0].talking_points[1].examples",
            "expected a list of 1 to 5 items, got text",
        ),
        (
            "- point: The objection\n  examples: []",
            13,
            "questions[0].talking_points[1].examples",
            "has 0 items; expected 1 to 5",
        ),
        (
            "- point: The objection\n  examples: [a, b, c, d, e, f]",
            13,
            "questions[0].talking_points[1].examples",
            "has 6 items; expected 1 to 5",
        ),
        (
            "- point: The objection\n  examples:\n    - I asked them why.\n    - ''",
            15,
            "questions[0].talking_points[1].examples[1]",
            "is empty; write the text",
        ),
        (
            "- point: The objection\n  examples:\n    - 42",
            14,
            "questions[0].talking_points[1].examples[0]",
            "expected text, got a whole number",
        ),
        (
            "- point: The objection\n  examples:\n    - " + "I said so. " * 30,
            14,
            "questions[0].talking_points[1].examples[0]",
            "characters long; at most 300 are allowed",
        ),
        (
            "- [The objection, I asked them why]",
            12,
            "questions[0].talking_points[1]",
            "expected text, got a list",
        ),
    ],
)
def test_bad_examples_name_file_line_and_field(
    point: str, line: int, field: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(_broken(point), encoding="utf-8")
    parsed = read_bank(path)
    assert parsed.bank is not None and parsed.bank.questions == []  # only the question is skipped
    problem = next((p for p in parsed.problems if p.field == field), None)
    assert problem is not None, [p.message for p in parsed.problems]
    assert problem.line == line
    assert message in problem.message
    assert problem.message.startswith(f"{path}:{line} [{field}]: ")


def test_round_trip_keeps_examples_and_writes_plain_points_as_before() -> None:
    bank = parse_bank_text(BANK, "examples.yaml").bank
    assert bank is not None
    text = bank_to_yaml(bank)
    assert "  - The recommendation and why it mattered\n" in text
    assert "  - point: How you found the concern behind the objection\n    examples:\n" in text
    assert "  - What changed their mind\n" in text  # a mapping without examples is written as text
    again = parse_bank_text(text, "copy.yaml").bank
    assert again is not None and again.questions == bank.questions
    question = bank.questions[0]
    assert from_dict(Question, to_dict(question)) == question
    # A snapshot stored before examples existed still loads, with empty examples.
    old = to_dict(question)
    del old["point_examples"]
    assert from_dict(Question, old).point_examples == [[], [], [], []]


def test_a_bank_without_examples_is_written_exactly_as_before() -> None:
    bank = parse_bank_text(BANK, "examples.yaml").bank
    assert bank is not None
    bank.questions[0].point_examples = [[], [], [], []]
    data = bank_to_yaml(bank)
    assert "examples:" not in data and "point:" not in data
    assert "  talking_points:\n  - The recommendation and why it mattered\n  - How you found" in data


def test_user_banks_save_export_and_import_keep_examples(tmp_path: Path) -> None:
    bank = parse_bank_text(BANK, "examples.yaml").bank
    assert bank is not None
    saved = save_user_bank(QuestionBank(bank.id, bank.title, bank.track, questions=bank.questions))
    assert saved.questions[0].point_examples == bank.questions[0].point_examples
    exported = export_bank(bank.id, tmp_path / "out.yaml")
    reloaded = read_bank(exported).bank
    assert reloaded is not None
    assert reloaded.questions[0].point_examples == bank.questions[0].point_examples
    loaded = load_all_banks().bank(bank.id)
    assert loaded is not None and loaded.questions[0].point_examples[1][1].startswith("It turned out")
    # Importing a copy under another id keeps them too.
    other = tmp_path / "other.yaml"
    other.write_text(
        exported.read_text(encoding="utf-8")
        .replace("examples-bank", "other-bank")
        .replace("examples-q1", "other-q1"),
        encoding="utf-8",
    )
    imported = import_bank_file(other)
    assert imported.questions[0].point_examples == bank.questions[0].point_examples


def test_tailoring_carries_examples_on_its_copies() -> None:
    bank = parse_bank_text(BANK, "examples.yaml").bank
    assert bank is not None
    result = tailor("We need a consultant who wins client trust with evidence.", bank.questions, count=1)
    assert [q.id for q in result.questions] == ["examples-q1"]
    copy = result.questions[0]
    assert copy.job_terms  # it is the tailored copy
    assert copy.point_examples == bank.questions[0].point_examples
    assert copy.point_examples is not bank.questions[0].point_examples
    assert copy.point_examples[1] is not bank.questions[0].point_examples[1]


@pytest.mark.parametrize(
    "name",
    [
        "core",
        "entry_level",
        "software_engineering",
        "data_analytics",
        "operations_logistics",
        "retail_hospitality",
        "office_admin",
    ],
)
def test_bundled_banks_give_every_point_example_phrasings(name: str) -> None:
    bank = load_bank(bundled_banks_dir() / f"{name}.yaml", read_only=True)
    assert bank.questions
    seen: set[str] = set()
    for question in bank.questions:
        assert len(question.point_examples) == len(question.talking_points), question.id
        for point, examples in zip(question.talking_points, question.point_examples, strict=True):
            assert 2 <= len(examples) <= 3, (question.id, point)
            for example in examples:
                assert example.lower() != point.lower()
                assert example not in seen, example  # varied: no phrasing is used twice
                seen.add(example)

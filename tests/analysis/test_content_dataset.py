"""The hand-labelled content data is well formed: the evaluation answers and the sentence-role corpus.

Fast and model-free: it only parses the files and checks them against the bundled question banks.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.banks.loader import BankLibrary, load_all_banks
from app.platform.paths import bundled_banks_dir

REPO_ROOT = Path(__file__).resolve().parents[2]
ANSWERS = REPO_ROOT / "benchmarks" / "data" / "content" / "answers.yaml"
HELD_BACK = ANSWERS.with_name("held_back.yaml")
HELD_BACK_2 = ANSWERS.with_name("held_back_2.yaml")
SUBSTANCE = REPO_ROOT / "app" / "analysis" / "data" / "substance_sentences.tsv"
SENTENCES = REPO_ROOT / "app" / "analysis" / "data" / "star_sentences.tsv"

KINDS = {"strong", "partial", "stuffed", "nonsense", "off_topic", "rambling", "spoken"}
SPLITS = {"dev", "held_out"}
STAR_PARTS = {"situation", "task", "action", "result"}
LABELS = {"situation", "task", "action", "result", "other"}
FIELDS = {"id", "question_id", "kind", "split", "grade", "covered_points", "star_parts", "text"}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> BankLibrary:
    library = load_all_banks(bundled_banks_dir(), tmp_path_factory.mktemp("no-user-banks"))
    assert not library.problems
    return library


@pytest.fixture(scope="module")
def answers() -> list[dict[str, Any]]:
    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def held_back() -> list[dict[str, Any]]:
    data = yaml.safe_load(HELD_BACK.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def held_back_2() -> list[dict[str, Any]]:
    data = yaml.safe_load(HELD_BACK_2.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _read_tsv(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["label", "sentence"]
    return [(row[0], row[1]) for row in rows[1:]]


@pytest.fixture(scope="module")
def sentences() -> list[tuple[str, str]]:
    with SENTENCES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["label", "sentence"]
    assert all(len(row) == 2 for row in rows[1:]), [row for row in rows[1:] if len(row) != 2][:3]
    return [(label, sentence) for label, sentence in rows[1:]]


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def test_every_answer_is_well_formed(answers: list[dict[str, Any]], library: BankLibrary) -> None:
    _check_answers(answers, library, SPLITS)


def _check_answers(answers: list[dict[str, Any]], library: BankLibrary, splits: set[str]) -> None:
    ids = Counter(answer["id"] for answer in answers)
    assert [answer_id for answer_id, count in ids.items() if count > 1] == []
    for answer in answers:
        name = answer["id"]
        expected = FIELDS | ({"base_kind"} if answer.get("kind") == "spoken" else set())
        assert set(answer) == expected, name
        question = library.question(answer["question_id"])
        assert question is not None, f"{name}: unknown question {answer['question_id']}"
        assert answer["kind"] in KINDS, name
        assert answer["split"] in splits, name
        assert answer["grade"] in range(1, 6), name
        points = answer["covered_points"]
        assert len(set(points)) == len(points), name
        assert all(0 <= point < len(question.talking_points) for point in points), name
        assert set(answer["star_parts"]) <= STAR_PARTS, name
        if not question.star_expected:
            assert answer["star_parts"] == [], f"{name}: STAR parts on a question that expects none"
        if answer["kind"] == "spoken":
            assert answer["base_kind"] in {"strong", "partial"}, name
        if answer["kind"] in {"stuffed", "nonsense"}:
            assert points == [] and answer["star_parts"] == [] and answer["grade"] == 1, name
        assert isinstance(answer["text"], str) and len(answer["text"].split()) >= 10, name


def test_enough_answers_questions_and_tracks(answers: list[dict[str, Any]], library: BankLibrary) -> None:
    track = {question.id: bank.track for bank in library.banks for question in bank.questions}
    questions = {answer["question_id"] for answer in answers}
    assert len(answers) >= 140
    assert len(questions) >= 28
    assert len({track[question] for question in questions}) >= 7
    assert sum(answer["kind"] == "spoken" for answer in answers) >= 20
    kinds_per_question = defaultdict(set)
    for answer in answers:
        kinds_per_question[answer["question_id"]].add(answer["kind"])
    for question, kinds in kinds_per_question.items():
        assert {"strong", "partial", "stuffed", "nonsense"} <= kinds, question
        assert kinds & {"off_topic", "rambling"}, question


def test_splits_are_by_whole_question(answers: list[dict[str, Any]], library: BankLibrary) -> None:
    track = {question.id: bank.track for bank in library.banks for question in bank.questions}
    splits: dict[str, set[str]] = defaultdict(set)
    for answer in answers:
        splits[answer["question_id"]].add(answer["split"])
    mixed = [question for question, seen in splits.items() if len(seen) > 1]
    assert mixed == [], "a question's answers must all be in one split"
    held_out = {question for question, seen in splits.items() if seen == {"held_out"}}
    dev = {question for question, seen in splits.items() if seen == {"dev"}}
    assert held_out.isdisjoint(dev)
    assert len(held_out) >= 12
    assert len({track[question] for question in held_out}) >= 5
    assert dev


def test_sentence_corpus_is_balanced_and_unique(sentences: list[tuple[str, str]]) -> None:
    counts = Counter(label for label, _ in sentences)
    assert set(counts) == LABELS
    assert all(count >= 150 for count in counts.values()), counts
    assert len(sentences) >= 900
    normal = Counter(_normal(sentence) for _, sentence in sentences)
    assert [sentence for sentence, count in normal.items() if count > 1] == []
    assert all(sentence == sentence.strip() and sentence for _, sentence in sentences)


def test_sentence_corpus_shares_no_sentence_with_the_evaluation_answers(
    sentences: list[tuple[str, str]], answers: list[dict[str, Any]]
) -> None:
    answer_sentences = {
        _normal(part) for answer in answers for part in re.split(r"(?<=[.!?])\s+", answer["text"])
    }
    reused = [sentence for _, sentence in sentences if _normal(sentence) in answer_sentences]
    assert reused == []


def test_held_back_set_is_well_formed_and_new(
    held_back: list[dict[str, Any]], answers: list[dict[str, Any]], library: BankLibrary
) -> None:
    """The second held-back set: >= 40 answers to >= 8 bank questions that answers.yaml does not use,
    from >= 4 tracks, every kind the judge must tell apart for every question."""
    _check_answers(held_back, library, {"held_back"})
    track = {question.id: bank.track for bank in library.banks for question in bank.questions}
    questions = {answer["question_id"] for answer in held_back}
    assert len(held_back) >= 40 and len(questions) >= 8
    assert len({track[question] for question in questions}) >= 4
    assert questions.isdisjoint({answer["question_id"] for answer in answers})
    assert {answer["id"] for answer in held_back}.isdisjoint({answer["id"] for answer in answers})
    kinds = defaultdict(set)
    for answer in held_back:
        kinds[answer["question_id"]].add(answer["kind"])
    for question, found in kinds.items():
        assert {"strong", "partial", "stuffed", "nonsense", "off_topic", "spoken"} <= found, question


def test_training_corpora_share_no_sentence_with_the_held_back_set(
    sentences: list[tuple[str, str]], held_back: list[dict[str, Any]]
) -> None:
    answer_sentences = {
        _normal(part) for answer in held_back for part in re.split(r"(?<=[.!?])\s+", answer["text"])
    }
    corpus = sentences + _read_tsv(SUBSTANCE)
    assert [sentence for _, sentence in corpus if _normal(sentence) in answer_sentences] == []


def test_independent_held_back_set_is_well_formed_and_new(
    held_back_2: list[dict[str, Any]],
    held_back: list[dict[str, Any]],
    answers: list[dict[str, Any]],
    library: BankLibrary,
) -> None:
    """The third held-back set (the independent test, judged only by bench_content --final): >= 60
    answers to >= 10 bank questions that no other set uses, from >= 6 tracks, with all seven kinds for
    every question. Only its form is checked here; the judge never reads it in a test."""
    _check_answers(held_back_2, library, {"held_back_2"})
    track = {question.id: bank.track for bank in library.banks for question in bank.questions}
    questions = {answer["question_id"] for answer in held_back_2}
    assert len(held_back_2) >= 60 and len(questions) >= 10
    assert len({track[question] for question in questions}) >= 6
    others = answers + held_back
    assert questions.isdisjoint({answer["question_id"] for answer in others})
    assert {answer["id"] for answer in held_back_2}.isdisjoint({answer["id"] for answer in others})
    kinds = defaultdict(set)
    for answer in held_back_2:
        kinds[answer["question_id"]].add(answer["kind"])
    for question, found in kinds.items():
        assert found == KINDS, question


def test_training_corpora_share_no_sentence_with_the_independent_set(
    sentences: list[tuple[str, str]], held_back_2: list[dict[str, Any]]
) -> None:
    answer_sentences = {
        _normal(part) for answer in held_back_2 for part in re.split(r"(?<=[.!?])\s+", answer["text"])
    }
    corpus = sentences + _read_tsv(SUBSTANCE)
    assert [sentence for _, sentence in corpus if _normal(sentence) in answer_sentences] == []

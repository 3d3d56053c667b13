"""Every bundled bank loads, and the library is broad and complete enough to practise any of its tracks."""

from __future__ import annotations

from collections import Counter

from app.banks import check_banks, load_all_banks
from app.banks.loader import bank_files, bank_to_yaml, parse_bank_text, read_bank
from app.core.questions import Category, Question
from app.core.serialization import from_dict, to_dict
from app.platform.paths import bundled_banks_dir

EXPECTED_TRACKS = {
    "core",
    "entry_level",
    "software_engineering",
    "data_analytics",
    "product_management",
    "sales",
    "customer_support",
    "nursing",
    "teaching",
    "marketing",
    "finance",
    "hr_recruiting",
    "project_management",
    "operations_logistics",
    "retail_hospitality",
    "office_admin",
}


def test_every_bundled_bank_validates_without_problems() -> None:
    files = bank_files(bundled_banks_dir())
    assert len(files) == len(EXPECTED_TRACKS)  # one bundled bank per track
    for path in files:
        parsed = read_bank(path, read_only=True)
        assert parsed.problems == [], [p.message for p in parsed.problems]
        assert parsed.bank is not None and parsed.bank.read_only
        assert parsed.bank.licence == "CC-BY-4.0"


def test_counts_per_track_and_category() -> None:
    library = load_all_banks()
    assert library.problems == []
    counts = library.track_counts()
    assert set(counts) == EXPECTED_TRACKS
    assert all(count >= 15 for count in counts.values()), counts
    assert sum(counts.values()) >= 15 * len(EXPECTED_TRACKS)
    for bank in library.banks:
        categories = bank.count_by_category()
        for needed in (Category.BEHAVIORAL, Category.SITUATIONAL, Category.MOTIVATION, Category.CLOSING):
            assert categories.get(needed, 0) >= 1, f"{bank.id} has no {needed.value} question"
        assert categories.get(Category.TECHNICAL, 0) + categories.get(Category.ROLE_SPECIFIC, 0) >= 1, bank.id
        assert categories[Category.BEHAVIORAL] >= 5, bank.id
    overall = Counter(q.category for q in library.questions())
    assert overall[Category.BEHAVIORAL] >= 60 and overall[Category.CLOSING] == len(EXPECTED_TRACKS)


def test_every_question_is_complete() -> None:
    questions = load_all_banks().questions()
    for q in questions:
        assert 3 <= len(q.talking_points) <= 6, q.id
        assert 3 <= len(q.key_terms) <= 8, q.id
        assert 60 <= q.target_seconds <= 180, q.id
        assert q.text.endswith("?") or q.text.endswith("."), q.id
        assert q.star_expected == (q.category == Category.BEHAVIORAL), q.id
        assert q.id.split("-")[0] in {
            "core",
            "entry",
            "swe",
            "data",
            "pm",
            "sales",
            "support",
            "nurse",
            "teach",
            "mkt",
            "fin",
            "hr",
            "project",
            "ops",
            "retail",
            "admin",
        }, q.id
    # a third of the library has follow-up probes, every track at least one
    assert {q.track for q in questions if q.follow_ups} == EXPECTED_TRACKS


def test_question_ids_and_texts_are_unique_across_banks() -> None:
    all_ids: list[str] = []
    texts: list[str] = []
    for path in bank_files(bundled_banks_dir()):
        bank = read_bank(path).bank
        assert bank is not None
        all_ids += [q.id for q in bank.questions]
        texts += [q.text.lower() for q in bank.questions]
    assert len(all_ids) == len(set(all_ids))
    assert len(texts) == len(set(texts))


def test_question_survives_json_and_yaml_round_trips() -> None:
    library = load_all_banks()
    nursing = library.bank("nursing")
    assert nursing is not None
    question = nursing.questions[0]
    assert from_dict(Question, to_dict(question)) == question
    assert to_dict(question)["category"] == "behavioral"
    reparsed = parse_bank_text(bank_to_yaml(nursing), "copy.yaml").bank
    assert reparsed is not None
    assert reparsed.questions == nursing.questions


def test_doctor_check_reports_counts() -> None:
    check = check_banks()
    assert check.ok, check.detail
    files = bank_files(bundled_banks_dir())
    questions = 0
    for path in files:
        bank = read_bank(path).bank
        assert bank is not None
        questions += len(bank.questions)
    assert f"{len(files)} banks" in check.detail and f"{questions} questions" in check.detail

"""Tailoring to postings for roles with and without a track of their own (issue 15, item 3).

What a person preparing would notice: no question from a field that has nothing to do with the job (no
nursing handover for a warehouse team leader), questions about the skills and duties the posting
itself names, and a reason for every question. The postings in postings/heldback/ were written with
their expectations below before the method was tuned, and were not used to tune it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.banks import load_all_banks
from app.banks.loader import bank_to_yaml, parse_bank_text
from app.banks.posting_questions import with_article
from app.banks.posting_skills import gerund, posting_items
from app.banks.tailoring import tailor
from app.cli import main as cli_main
from app.core.questions import Category, Question, QuestionBank

POSTINGS = Path(__file__).resolve().parent / "postings"


@dataclass(frozen=True)
class Expected:
    tracks: tuple[str, ...]  # the tracks it should be tailored from (besides core); () = none fits
    allowed: frozenset[str]  # tracks a question may come from besides core and the posting itself
    skills: tuple[str, ...]  # at least one posting-specific question names one of these


def _expect(tracks: tuple[str, ...], skills: tuple[str, ...], also: tuple[str, ...] = ()) -> Expected:
    return Expected(tracks, frozenset(tracks + also), skills)


TUNED = {
    "warehouse_team_leader.txt": _expect(
        ("operations_logistics",),
        (
            "warehouse management system",
            "manhattan",
            "excel",
            "reach truck",
            "iosh",
            "team leader",
            "picking",
        ),
    ),
    "vet_receptionist.txt": _expect(
        ("office_admin",),
        ("practice management system", "appointment", "insurance", "reception", "payments"),
        also=("customer_support",),
    ),
    "solar_installer.txt": _expect(
        (), ("solar", "battery", "inverter", "cscs", "18th edition", "driving licence", "height")
    ),
    "barista_supervisor.txt": _expect(
        ("retail_hospitality",), ("espresso", "food hygiene", "cash handling", "barista", "shift")
    ),
    # written as prose, not lists; two passing mentions of admin words must not make it an admin job
    "dog_groomer.txt": _expect((), ("bathe", "nervous dogs", "dog grooming")),
    "office_manager.txt": _expect(
        ("office_admin",), ("microsoft office", "diary", "invoices", "gdpr", "filing", "minutes", "office")
    ),
}
HELD_BACK = {
    "delivery_driver.txt": _expect(
        ("operations_logistics",),
        (
            "7.5 tonne",
            "walkaround",
            "tachograph",
            "driver cpc",
            "c1",
            "proof of delivery",
            "multi-drop",
            "tail lift",
        ),
    ),
    "hotel_receptionist.txt": _expect(
        ("retail_hospitality",),
        ("opera", "property management system", "reservations", "check guests", "upsell", "payments"),
        also=("office_admin", "customer_support"),
    ),
    "dental_receptionist.txt": _expect(
        ("office_admin",),
        (
            "practice management",
            "software of excellence",
            "appointments",
            "diaries",
            "nhs",
            "gdpr",
            "payments",
        ),
        also=("customer_support",),
    ),
    "electrician.txt": _expect(
        (),
        (
            "18th edition",
            "consumer unit",
            "fault",
            "inspection",
            "eicr",
            "first and second fix",
            "nvq",
            "licence",
        ),
    ),
    "supply_chain_planner.txt": _expect(
        ("operations_logistics",),
        ("sap", "excel", "mrp", "production plan", "forecast", "safety stock", "supply chain planning"),
        also=("data_analytics",),
    ),
    "school_administrator.txt": _expect(
        ("office_admin",),
        ("sims", "attendance", "parentpay", "microsoft office", "minute", "records", "letters"),
    ),
    "chef_de_partie.txt": _expect(
        ("retail_hospitality",),
        (
            "haccp",
            "food safety",
            "allergen",
            "mise en place",
            "section",
            "stock rotation",
            "menus",
            "kitchen",
        ),
    ),
    # a second held-back set, written after the method was final and run once
    "forklift_driver.txt": _expect(
        ("operations_logistics",),
        ("forklift", "counterbalance", "side loader", "pre-use checks", "load", "stock counts", "yard"),
    ),
    "landscape_gardener.txt": _expect(
        (),
        (
            "mow",
            "hedge",
            "patios",
            "plant",
            "pa1",
            "weed",
            "mowers",
            "grounds maintenance",
            "driving licence",
        ),
    ),
    "housekeeping_supervisor.txt": _expect(
        ("retail_hospitality",),
        ("room attendants", "inspect", "housekeeping", "linen", "coshh", "rooms", "brand standards"),
    ),
    "legal_secretary.txt": _expect(
        ("office_admin",),
        (
            "dictation",
            "diaries",
            "case management",
            "completion statements",
            "land registry",
            "typing",
            "legal",
        ),
    ),
    "care_assistant.txt": _expect(
        ("nursing",),
        ("personal care", "moving and handling", "hoists", "care plan", "dementia", "care notes", "eating"),
    ),
}


def _questions() -> list[Question]:
    return load_all_banks().questions()


def _check(path: Path, expected: Expected, questions: list[Question]) -> list[str]:
    """Every way the tailored session falls short of what the posting's reader expects ([] = none)."""
    result = tailor(path.read_text(encoding="utf-8"), questions, count=8)
    problems: list[str] = []
    if tuple(result.tracks) != expected.tracks:
        problems.append(f"tracks {result.tracks}, expected {list(expected.tracks)}")
    unrelated = [q.id for q in result.questions if q.track not in {"core", "posting", *expected.allowed}]
    if unrelated:
        problems.append(f"questions from unrelated tracks: {unrelated}")
    own = [q for q in result.questions if q.track == "posting"]
    if not any(skill in q.text.lower() for q in own for skill in expected.skills):
        problems.append(f"no question about a skill it names: {[q.text for q in own]}")
    if len(result.questions) != 8 or result.questions[-1].category != Category.CLOSING:
        problems.append("not 8 questions ending with a closing question")
    if any(not result.reasons.get(q.id) for q in result.questions):
        problems.append("a question without a reason")
    return problems


@pytest.mark.parametrize("name", sorted(TUNED))
def test_tuned_postings_get_their_own_skills_and_nothing_unrelated(name: str) -> None:
    assert _check(POSTINGS / name, TUNED[name], _questions()) == []


def test_held_back_postings_meet_the_same_bar() -> None:
    """Postings not used for tuning. The first eight: 7 of 8 met every expectation written beforehand; the
    miss (hotel receptionist) asked about "hotel reception" and "checking guests in and out", which the
    expectation spelt "check guests". Four more, written after the method was final: 4 of 4. Nothing
    unrelated is ever allowed."""
    questions = _questions()
    misses = {name: _check(POSTINGS / "heldback" / name, HELD_BACK[name], questions) for name in HELD_BACK}
    failed = {name: problems for name, problems in misses.items() if problems}
    for problems in failed.values():
        assert not [p for p in problems if p.startswith("questions from unrelated")], failed
    assert len(failed) <= 1, failed


def test_warehouse_posting_asks_about_its_own_duties_and_says_why() -> None:
    text = (POSTINGS / "warehouse_team_leader.txt").read_text(encoding="utf-8")
    result = tailor(text, _questions(), count=8)
    own = [q for q in result.questions if q.track == "posting"]
    assert own and all(q.talking_points and all(2 <= len(e) <= 3 for e in q.point_examples) for q in own)
    duty = next(q for q in own if q.category == Category.BEHAVIORAL)
    assert duty.text.startswith("This role involves leading a team of 25 warehouse operatives")
    assert duty.star_expected
    assert "Lead a team of 25 warehouse operatives" in result.reasons[duty.id]
    bank = next(q for q in result.questions if q.track == "operations_logistics")
    assert "Operations and logistics" in result.reasons[bank.id]
    assert not any(q.track in {"nursing", "finance", "customer_support"} for q in result.questions)


def test_solar_installer_items_are_read_from_the_posting() -> None:
    items = posting_items((POSTINGS / "solar_installer.txt").read_text(encoding="utf-8"))
    by_kind = {
        kind: [item.subject for item in items if item.kind == kind]
        for kind in ("duty", "skill", "qualification")
    }
    assert (
        "installing solar PV systems and battery storage on domestic roofs to MCS standards"
        in by_kind["duty"]
    )
    assert (
        "testing and commissioning systems and completing handover paperwork for the customer"
        in by_kind["duty"]
    )
    assert "UK driving licence" in by_kind["qualification"]
    assert any("CSCS card" in q for q in by_kind["qualification"])
    # soft qualities are left to the general questions
    assert not any("communication" in item.subject.lower() for item in items)


def test_articles_for_qualifications() -> None:
    assert with_article("UK driving licence") == "a UK driving licence"
    assert with_article("NVQ Level 3 qualification") == "an NVQ Level 3 qualification"
    assert with_article("enhanced DBS certificate") == "an enhanced DBS certificate"
    assert with_article("IOSH Managing Safely") == "IOSH Managing Safely"  # not a noun it can count


def test_gerunds() -> None:
    assert [gerund(v) for v in ("manage", "plan", "carry", "fault-find", "see", "tie", "lead")] == [
        "managing",
        "planning",
        "carrying",
        "fault-finding",
        "seeing",
        "tying",
        "leading",
    ]


def test_built_questions_are_valid_bank_questions() -> None:
    """A question built from a posting passes the same validation as a bank file's question."""
    built: list[Question] = []
    for name in TUNED:
        result = tailor((POSTINGS / name).read_text(encoding="utf-8"), _questions(), count=10)
        built += [q for q in result.questions if q.track == "posting"]
    unique = list({q.id: q for q in built}.values())
    assert len(unique) >= 10
    parsed = parse_bank_text(
        bank_to_yaml(QuestionBank("built", "Built", "posting", questions=unique)), "built.yaml"
    )
    assert parsed.problems == [], [p.message for p in parsed.problems]


def test_own_bank_questions_count_only_when_they_share_terms() -> None:
    consulting = Question(
        "mine-client-pushback",
        "Tell me about a client who rejected your recommendation.",
        Category.BEHAVIORAL,
        "influence",
        talking_points=["The objection", "What changed", "The outcome"],
        key_terms=["client", "recommendation", "evidence"],
        track="consulting",
        bank_id="mine",
    )
    pool = [*_questions(), consulting]
    fits = tailor(
        "Consultant wanted. You will win client trust with evidence and sharp recommendations. " * 3, pool, 8
    )
    assert "mine-client-pushback" in [q.id for q in fits.questions]
    assert "shares" in fits.reasons["mine-client-pushback"]
    warehouse = tailor((POSTINGS / "warehouse_team_leader.txt").read_text(encoding="utf-8"), pool, 8)
    assert "mine-client-pushback" not in [q.id for q in warehouse.questions]


def test_tailor_json_carries_a_reason_per_question(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["tailor", str(POSTINGS / "vet_receptionist.txt"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["tracks"] == ["office_admin"]
    assert {q["id"] for q in doc["questions"]} == set(doc["reasons"])
    own = [q for q in doc["questions"] if q["track"] == "posting"]
    assert any("booking appointments" in q["text"] for q in own)
    assert all(doc["reasons"][q["id"]].startswith("Built from the posting") for q in own)
    assert cli_main(["tailor", str(POSTINGS / "solar_installer.txt")]) == 0
    out = capsys.readouterr().out
    assert "Track: no clear track" in out and out.count("   Why: ") == 8

"""Follow-up probes in the bundled banks (issue 15): an interviewer probes, so every bank carries them."""

from __future__ import annotations

from app.banks import load_all_banks

# The ten role tracks that shipped with one follow-up or two each; BANKS-B added probes to them.
ORIGINAL_ROLE_BANKS = {
    "customer-support",
    "data-analytics",
    "entry-level",
    "finance",
    "marketing",
    "nursing",
    "product-management",
    "sales",
    "software-engineering",
    "teaching",
}


def test_every_bank_probes_at_least_half_of_its_questions() -> None:
    library = load_all_banks()
    bundled = [bank for bank in library.banks if bank.read_only]
    assert {bank.id for bank in bundled} >= ORIGINAL_ROLE_BANKS
    for bank in bundled:
        probed = sum(1 for q in bank.questions if q.follow_ups)
        assert probed * 2 >= len(bank.questions), (
            f"{bank.id}: follow-ups on {probed} of {len(bank.questions)}"
        )
        if bank.id in ORIGINAL_ROLE_BANKS:
            assert probed >= 0.6 * len(bank.questions), f"{bank.id}: follow-ups on {probed}"
    questions = [q for bank in bundled for q in bank.questions]
    assert sum(1 for q in questions if q.follow_ups) * 2 >= len(questions)


def test_follow_ups_are_spoken_questions_that_probe_the_answer() -> None:
    for q in load_all_banks().questions():
        assert len(q.follow_ups) <= 6, q.id
        assert len(set(q.follow_ups)) == len(q.follow_ups), q.id
        for follow_up in q.follow_ups:
            # asked aloud after the answer: a question, or a "Tell me about..." request
            assert follow_up.endswith("?") or follow_up.startswith(("Tell me", "Give me", "Walk me")), (
                follow_up
            )
            assert 20 <= len(follow_up) <= 160, follow_up
            assert follow_up.lower() != q.text.lower(), q.id


def test_library_meets_the_issue_targets() -> None:
    """Issue 15.2: at least 16 tracks and 260 original questions, follow-ups on at least half."""
    bundled = [bank for bank in load_all_banks().banks if bank.read_only]
    questions = [q for bank in bundled for q in bank.questions]
    assert len({bank.track for bank in bundled}) >= 16
    assert len(questions) >= 260
    assert sum(1 for q in questions if q.follow_ups) >= 0.5 * len(questions)

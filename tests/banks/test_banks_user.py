"""The user's own banks: create, edit, import, export, delete; bundled banks stay read-only; debriefs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.banks import load_all_banks
from app.banks.debrief import DEBRIEF_BANK_ID, DebriefEntry, infer_category, record_debrief
from app.banks.user_banks import (
    create_user_bank,
    delete_user_bank,
    export_bank,
    import_bank_file,
    save_user_bank,
)
from app.cli import main as cli_main
from app.core.errors import BankFormatError
from app.core.questions import Category, Question

MALFORMED = Path(__file__).resolve().parent / "malformed"


def _question(qid: str) -> Question:
    return Question(
        id=qid,
        text="Why consulting, and why now?",
        category=Category.MOTIVATION,
        competency="motivation",
        talking_points=["a reason", "a proof", "a plan"],
        key_terms=["consulting", "clients"],
    )


def test_create_edit_and_delete_a_user_bank() -> None:
    bank = create_user_bank("Consulting prep", track="consulting")
    assert bank.id == "consulting-prep" and not bank.read_only and Path(bank.path).is_file()
    bank.questions.append(_question("consulting-why"))
    save_user_bank(bank)
    loaded = load_all_banks().bank("consulting-prep")
    assert loaded is not None and [q.id for q in loaded.questions] == ["consulting-why"]
    assert loaded.questions[0].bank_id == "consulting-prep" and loaded.questions[0].track == "consulting"
    assert create_user_bank("Consulting prep").id == "consulting-prep-2"  # never overwrites
    delete_user_bank("consulting-prep")
    assert load_all_banks().bank("consulting-prep") is None


def test_invalid_edit_is_refused_and_file_kept() -> None:
    bank = create_user_bank("Mine")
    bank.questions.append(_question("mine-q1"))
    save_user_bank(bank)
    bank.questions[0].talking_points = ["only one"]
    with pytest.raises(BankFormatError, match=r"talking_points\]: has 1 items; expected 3 to 6"):
        save_user_bank(bank)
    reloaded = load_all_banks().bank("mine")
    assert reloaded is not None and len(reloaded.questions[0].talking_points) == 3


def test_bundled_banks_are_read_only() -> None:
    nursing = load_all_banks().bank("nursing")
    assert nursing is not None and nursing.read_only
    with pytest.raises(BankFormatError, match="bundled bank and cannot be changed"):
        save_user_bank(nursing)
    with pytest.raises(BankFormatError, match="bundled bank and cannot be deleted"):
        delete_user_bank("nursing")
    nursing.read_only = False  # even a copy may not take a bundled id
    with pytest.raises(BankFormatError, match="belongs to a bundled bank"):
        save_user_bank(nursing)


def test_export_then_import_a_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "teaching-copy.yaml"
    assert cli_main(["banks", "export", "teaching", str(out)]) == 0
    text = out.read_text(encoding="utf-8").replace("id: teaching\n", "id: my-teaching\n")
    text = text.replace("- id: teach-", "- id: my-teach-")
    out.write_text(text, encoding="utf-8")
    assert cli_main(["banks", "import", str(out)]) == 0
    library = load_all_banks()
    mine = library.bank("my-teaching")
    assert library.problems == [] and mine is not None and not mine.read_only and len(mine.questions) == 15
    assert cli_main(["banks", "list"]) == 0
    listing = capsys.readouterr().out
    total = sum(len(bank.questions) for bank in library.banks)
    assert "my-teaching" in listing and "yours" in listing
    assert f"{len(library.banks)} banks, {total} questions" in listing  # the bundled ones plus this copy


def test_import_refuses_broken_or_clashing_files(tmp_path: Path) -> None:
    with pytest.raises(BankFormatError) as error:
        import_bank_file(MALFORMED / "wrong-type.yaml")
    assert error.value.line == 10 and error.value.field == "questions[0].target_seconds"
    exported = export_bank("sales", tmp_path)
    with pytest.raises(BankFormatError, match="belongs to a bundled bank"):
        import_bank_file(exported)
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(
        exported.read_text(encoding="utf-8").replace("id: sales\n", "id: my-sales\n"), encoding="utf-8"
    )
    with pytest.raises(
        BankFormatError, match="question id 'sales-biggest-deal' is already used in bank 'sales'"
    ):
        import_bank_file(renamed)
    assert load_all_banks().bank("my-sales") is None


def test_debrief_round_trip() -> None:
    record_debrief(
        [
            DebriefEntry("Tell me about a time you disagreed with your manager.", "Rambled, no clear result"),
            DebriefEntry("How would you handle a patient who refuses their medication?"),
            DebriefEntry("Why do you want to work for our trust?"),
            DebriefEntry("Do you have any questions for us?"),
            DebriefEntry("   "),
        ],
        company="Riverside Hospital",
        role="Staff nurse",
        date=dt.date(2026, 11, 20),
    )
    bank = load_all_banks().bank(DEBRIEF_BANK_ID)
    assert bank is not None and bank.title == "From my interviews" and not bank.read_only
    assert [q.category for q in bank.questions] == [
        Category.BEHAVIORAL,
        Category.SITUATIONAL,
        Category.MOTIVATION,
        Category.CLOSING,
    ]
    first = bank.questions[0]
    assert first.id == "fmi-2026-11-20-tell-me-about-a-time-you-disagreed-with"
    assert first.star_expected and first.competency == "conflict"
    assert "How did you actually answer? Sum it up in one or two sentences." in first.talking_points
    assert "disagreed" in first.key_terms and "manager" in first.key_terms
    assert (
        first.notes
        == "Asked as Staff nurse at Riverside Hospital on 2026-11-20. How it went: Rambled, no clear result"
    )
    # a second debrief adds to the same bank, keeping ids unique
    record_debrief(
        [DebriefEntry("Tell me about a time you disagreed with your manager.")], date=dt.date(2026, 11, 20)
    )
    again = load_all_banks().bank(DEBRIEF_BANK_ID)
    assert again is not None and len(again.questions) == 5
    assert again.questions[-1].id == "fmi-2026-11-20-tell-me-about-a-time-you-disagreed-with-2"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Describe a situation where you had to work with someone difficult.", Category.BEHAVIORAL),
        ("What would you do if a client missed three payments?", Category.SITUATIONAL),
        ("Where do you see yourself in five years?", Category.MOTIVATION),
        ("What is the difference between a list and a tuple in Python?", Category.TECHNICAL),
        ("What are your salary expectations?", Category.CLOSING),
        ("Talk me through your typical caseload.", Category.ROLE_SPECIFIC),
    ],
)
def test_debrief_category_rules(text: str, category: Category) -> None:
    assert infer_category(text) == category

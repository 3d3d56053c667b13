"""My question banks, driven like a person: create a bank, write a question (and get told what is wrong),
import a broken file and a good one, export a bundled bank, delete a bank; each checked in the files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt

from app.banks import load_all_banks, load_bank
from app.banks.loader import bank_files
from app.banks.user_banks import create_user_bank, user_banks_dir
from app.core.questions import Category
from app.gui.banks.banks_dialog import BanksDialog
from app.gui.context import AppContext
from app.gui.settings.keys import Settings
from app.gui.tasks import TaskRunner
from app.platform.paths import bundled_banks_dir
from app.session.analyse import AnalysisServices

pytestmark = [pytest.mark.gui]

MALFORMED = Path(__file__).resolve().parents[1] / "banks" / "malformed"
GOOD_BANK = """\
format: 1
id: good-user-bank
title: Client work
track: consulting
questions:
  - id: good-user-q1
    text: Tell me about a time a client rejected your recommendation.
    category: behavioral
    competency: influence
    talking_points: [The recommendation, The objection, What changed their mind]
    key_terms: [client, recommendation, evidence]
"""


@pytest.fixture
def context():  # type: ignore[no-untyped-def]
    runner = TaskRunner(max_threads=2)
    ctx = AppContext(settings=Settings(), runner=runner, services=AnalysisServices(), database=None)
    yield ctx
    runner.shutdown()


def _dialog(qtbot, context: AppContext) -> BanksDialog:  # type: ignore[no-untyped-def]
    dialog = BanksDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.library is not None, timeout=20_000)
    return dialog


def _click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_lines(qtbot, box, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    for index, line in enumerate(lines):
        if index:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)


def _select_bank(dialog: BanksDialog, bank_id: str) -> None:
    for row in range(dialog.bank_list.count()):
        if dialog.bank_list.item(row).data(Qt.ItemDataRole.UserRole) == bank_id:
            dialog.bank_list.setCurrentRow(row)
            return
    raise AssertionError(f"{bank_id} is not listed")


def test_create_a_bank_and_write_its_first_question(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    changes: list[str] = []
    context.banks_changed.append(lambda: changes.append("banks"))
    dialog = _dialog(qtbot, context)
    bundled = bank_files(bundled_banks_dir())
    assert f"{len(bundled)} bundled, 0 of yours" in dialog.status.text()

    # A bundled bank can be read but not edited.
    _select_bank(dialog, "core")
    assert dialog.question_list.count() == len(load_bank(bundled_banks_dir() / "core.yaml").questions)
    assert not dialog.save_button.isEnabled() and not dialog.form.text.isEnabled()
    assert dialog.export_button.isEnabled() and not dialog.delete_button.isEnabled()

    qtbot.keyClicks(dialog.new_title, "Consulting interviews")
    dialog.new_track.setCurrentIndex(dialog.new_track.findData("personal"))
    _click(qtbot, dialog.create_button)
    qtbot.waitUntil(
        lambda: dialog.bank is not None and dialog.bank.id == "consulting-interviews", timeout=20_000
    )
    bank = load_all_banks().bank("consulting-interviews")
    assert bank is not None and not bank.read_only and bank.questions == []
    assert dialog.form.text.isEnabled() and dialog.form.text.hasFocus()

    form = dialog.form
    qtbot.keyClicks(form.text, "Tell me about a time a client pushed back on your recommendation.")
    form.category.setCurrentIndex(form.category.findData(Category.BEHAVIORAL.value))
    qtbot.keyClicks(form.competency, "influence")
    form.difficulty.setCurrentIndex(form.difficulty.findData(3))
    form.target.setValue(150)
    _type_lines(
        qtbot, form.talking_points, ["The recommendation", "The objection", "What changed their mind"]
    )
    qtbot.keyClicks(form.key_terms, "client, evidence, recommendation")
    _type_lines(
        qtbot,
        form.examples,
        [
            "2: They worried it would slow the launch.",
            "3: I showed them numbers from a pilot.",
            "2) It was cost.",
        ],
    )
    _type_lines(qtbot, form.follow_ups, ["What would you do differently?"])
    _click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: "Saved" in dialog.status.text(), timeout=20_000)

    saved = load_all_banks().bank("consulting-interviews")
    assert saved is not None and len(saved.questions) == 1
    question = saved.questions[0]
    assert question.text == "Tell me about a time a client pushed back on your recommendation."
    assert (question.category, question.competency, question.difficulty) == (
        Category.BEHAVIORAL,
        "influence",
        3,
    )
    assert question.target_seconds == 150 and question.star_expected
    assert question.talking_points == ["The recommendation", "The objection", "What changed their mind"]
    assert question.point_examples == [
        [],
        ["They worried it would slow the launch.", "It was cost."],
        ["I showed them numbers from a pilot."],
    ]
    assert question.key_terms == ["client", "evidence", "recommendation"]
    assert question.follow_ups == ["What would you do differently?"]
    assert question.id.startswith("consulting-interviews-tell-me-about")
    assert dialog.question_list.count() == 1
    assert dialog.bank_list.currentItem().text() == "Consulting interviews  (1 question, yours)"
    assert changes.count("banks") == 2  # created, then saved: the setup page reloads each time

    # Editing the saved question keeps its id and replaces it.
    form.competency.selectAll()
    qtbot.keyClicks(form.competency, "persuasion")
    _click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: len(changes) == 3, timeout=20_000)
    edited = load_all_banks().bank("consulting-interviews")
    assert edited is not None and [q.competency for q in edited.questions] == ["persuasion"]
    assert edited.questions[0].id == question.id
    assert form.examples.toPlainText() == (
        "2: They worried it would slow the launch.\n2: It was cost.\n3: I showed them numbers from a pilot."
    )
    assert edited.questions[0].point_examples == question.point_examples


def test_an_invalid_question_is_explained_and_nothing_is_saved(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    create_user_bank("Nursing extras", track="nursing")
    path = user_banks_dir() / "nursing-extras.yaml"
    before = path.read_text(encoding="utf-8")
    dialog = _dialog(qtbot, context)
    _select_bank(dialog, "nursing-extras")
    assert dialog.bank is not None and dialog.bank.id == "nursing-extras"
    form = dialog.form
    qtbot.keyClicks(form.text, "How would you handle a patient who refuses their medication?")
    form.category.setCurrentIndex(form.category.findData(Category.SITUATIONAL.value))
    _type_lines(qtbot, form.talking_points, ["Listen to the reason", "Explain the risk"])
    _type_lines(qtbot, form.examples, ["3: I'd let my charge nurse know.", "I'd ask them what worries them."])
    _click(qtbot, dialog.save_button)

    errors = form.errors
    assert errors["talking_points"].isVisible()
    # Whole sentences, not the bank format's fragments ("is empty; write the text").
    assert errors["talking_points"].text() == "Write 3 to 6 talking points (there are 2 now)."
    assert errors["competency"].text() == "Competency is empty: write it in."
    assert errors["key_terms"].text() == "Write 1 to 12 key terms (there are none yet)."
    assert not errors["text"].isVisible() and not errors["category"].isVisible()
    assert form.talking_points.accessibleDescription() == "Write 3 to 6 talking points (there are 2 now)."
    assert errors["point_examples"].text().splitlines() == [
        "Line 1 is for talking point 3, but there are only 2 talking points.",
        "Line 2 does not say which talking point it is for: start it with the point's number and a colon, "
        "like “2: I'd start by asking what they need”.",
    ]
    assert dialog.form_status.text() == "The question was not saved: fix the fields marked in red."
    assert form.competency.hasFocus()  # the first field with a problem
    assert path.read_text(encoding="utf-8") == before
    assert load_all_banks().bank("nursing-extras").questions == []  # type: ignore[union-attr]

    # Fixing the marked fields saves it.
    qtbot.keyClicks(form.competency, "patient advocacy")
    qtbot.keyClick(form.talking_points, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.talking_points, Qt.Key.Key_Return)
    qtbot.keyClicks(form.talking_points, "Involve the prescriber and document it")
    qtbot.keyClicks(form.key_terms, "consent; document")
    _click(qtbot, dialog.save_button)
    assert errors["point_examples"].isVisible() and not errors["talking_points"].isVisible()
    assert "Saved" not in dialog.status.text()
    assert path.read_text(encoding="utf-8") == before  # a line the form cannot place stops the save
    qtbot.keyClick(form.examples, Qt.Key.Key_Home)
    qtbot.keyClicks(form.examples, "1: ")
    _click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: "Saved" in dialog.status.text(), timeout=20_000)
    assert not errors["talking_points"].isVisible() and not errors["point_examples"].isVisible()
    saved = load_all_banks().bank("nursing-extras")
    assert saved is not None and [q.key_terms for q in saved.questions] == [["consent", "document"]]
    assert saved.questions[0].point_examples == [
        ["I'd ask them what worries them."],
        [],
        ["I'd let my charge nurse know."],
    ]
    assert saved.questions[0].track == "nursing"


def test_import_lists_every_problem_and_imports_nothing(qtbot, context: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, context)
    dialog.ask_open_path = lambda: str(MALFORMED / "too-few-points.yaml")
    _click(qtbot, dialog.import_button)
    qtbot.waitUntil(dialog.problems.isVisible, timeout=20_000)
    assert [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == [
        "too-few-points.yaml:11 [questions[0].talking_points]: has 2 items; expected 3 to 6"
    ]
    assert "Nothing was imported" in dialog.status.text()

    two_problems = tmp_path / "two-problems.yaml"
    two_problems.write_text(
        (MALFORMED / "unknown-category.yaml")
        .read_text(encoding="utf-8")
        .replace("competency:", "competence:"),
        encoding="utf-8",
    )
    dialog.ask_open_path = lambda: str(two_problems)
    _click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.problems.count() > 1, timeout=20_000)
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("[questions[0].category]: unknown category 'behavioural'" in line for line in lines), lines
    assert any("unknown field 'competence'" in line for line in lines), lines
    assert all(line.startswith("two-problems.yaml:") for line in lines)
    assert list(user_banks_dir().iterdir()) == []

    good = tmp_path / "good.yaml"
    good.write_text(GOOD_BANK, encoding="utf-8")
    dialog.ask_open_path = lambda: str(good)
    _click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.bank is not None and dialog.bank.id == "good-user-bank", timeout=20_000)
    assert not dialog.problems.isVisible()
    assert load_all_banks().bank("good-user-bank") is not None


def test_export_a_bundled_bank_and_delete_a_bank_of_mine(qtbot, context: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_user_bank("Scratch", track="personal")
    dialog = _dialog(qtbot, context)
    _select_bank(dialog, "nursing")
    asked: list[str] = []
    dialog.ask_save_path = lambda name: asked.append(name) or str(tmp_path / name)
    _click(qtbot, dialog.export_button)
    exported = tmp_path / "nursing.yaml"
    qtbot.waitUntil(lambda: "Exported" in dialog.status.text(), timeout=20_000)
    assert asked == ["nursing.yaml"]
    copy = load_bank(exported)
    original = load_all_banks().bank("nursing")
    assert original is not None
    assert [q.id for q in copy.questions] == [q.id for q in original.questions]
    assert [q.talking_points for q in copy.questions] == [q.talking_points for q in original.questions]
    assert yaml.safe_load(exported.read_text(encoding="utf-8"))["title"] == original.title

    _select_bank(dialog, "scratch")
    dialog.confirm = lambda _title, _text: False
    _click(qtbot, dialog.delete_button)
    assert load_all_banks().bank("scratch") is not None
    dialog.confirm = lambda _title, _text: True
    _click(qtbot, dialog.delete_button)
    qtbot.waitUntil(
        lambda: "Deleted" in dialog.status.text() and dialog.library.bank("scratch") is None, timeout=20_000
    )
    assert load_all_banks().bank("scratch") is None


def test_every_problem_of_an_edited_question_is_a_whole_sentence() -> None:
    """Issue 17.7: the bank format's fragments become sentences a person reads, naming what to fix."""

    from app.core.questions import Question, QuestionBank
    from app.session.bank_editing import question_problems

    question = Question(
        id="mine-q1", text="Tell me about a deadline you missed.", track="personal", bank_id="mine",
        category=Category.BEHAVIORAL, competency="x" * 200,
        talking_points=["What happened", "", "What you learned"],
        point_examples=[["One", "Two", "Three", "Four", "Five", "Six", "Seven"], [], []],
        key_terms=["deadline"], follow_ups=[],
    )
    bank = QuestionBank(id="mine", title="Mine", track="personal", questions=[question])
    problems = question_problems(bank, 0)
    messages = [m for field in problems.fields.values() for m in field] + problems.general
    assert len(messages) == 3
    for message in messages:
        assert message[0].isupper() and message.endswith("."), message
        assert "; expected" not in message and "; write" not in message, message
    assert "Line 2 of the talking points is empty: write it in, or delete the line." in problems.fields[
        "talking_points"
    ]
    assert problems.fields["competency"] == [
        "Competency is 200 characters long: shorten it to 60 characters at most."
    ]
    assert problems.fields["point_examples"] == [
        "Keep 1 to 5 examples for talking point 1 (there are 7 now)."
    ]

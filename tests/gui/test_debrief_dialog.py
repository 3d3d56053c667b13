"""Debrief a real interview from the setup page: the questions typed in become "From my interviews", which
the setup page offers (and picks) at once; the banks button opens the banks dialog; and the CLI twin."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.banks import load_all_banks
from app.banks.debrief import DEBRIEF_BANK_ID
from app.cli import main as cli_main
from app.core.questions import Category
from app.gui.application import create_context, create_main_window
from app.gui.banks.banks_dialog import BanksDialog
from app.gui.practice.practice_page import PracticePage
from app.gui.review.debrief_dialog import DebriefDialog
from app.gui.settings.keys import Key, Settings
from app.session.planning import QuestionSource, build_plan

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]


@pytest.fixture
def setup_page(qtbot):  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.LAST_PAGE, 0)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    qtbot.waitUntil(lambda: page.setup.library is not None, timeout=30_000)
    return page.setup


def _open_dialog(qtbot, page, kind: type):  # type: ignore[no-untyped-def]
    button = page.debrief_button if kind is DebriefDialog else page.banks_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(dialogs) == 1
    qtbot.waitUntil(dialogs[0].isActiveWindow, timeout=5_000)
    return dialogs[0]


def test_debrief_questions_are_offered_on_the_setup_page_at_once(qtbot, setup_page) -> None:  # type: ignore[no-untyped-def]
    page = setup_page
    assert not page.use_debrief.isEnabled()
    assert "Debrief a real interview" in page.debrief_note.text()

    dialog = _open_dialog(qtbot, page, DebriefDialog)
    qtbot.keyClicks(dialog.company, "Northwind Health")
    qtbot.keyClicks(dialog.role, "Charge nurse")
    dialog.date.setDate(QDate(2026, 11, 3))
    questions = [
        "Tell me about a time you disagreed with a doctor about a patient's care.",
        "How would you handle two urgent admissions at once?",
        "Why do you want to work on this ward?",
        "Do you have any questions for us?",
    ]
    first = dialog.rows[0].question
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert first.hasFocus()
    for index, text in enumerate(questions):  # Enter moves on, and adds a row after the last one
        qtbot.keyClicks(QApplication.focusWidget(), text)
        if index == 0:
            qtbot.keyClicks(dialog.rows[0].how_it_went, "Rambled; no clear result")
            dialog.rows[0].question.setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert [row.question.text() for row in dialog.rows] == [*questions, ""]
    assert dialog.rows[4].question.hasFocus()
    assert dialog.isVisible()  # Enter never saved the dialog by accident
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.use_debrief.isEnabled() and page.use_debrief.isChecked(), timeout=30_000)
    assert not dialog.isVisible()
    assert page.debrief_note.text() == "4 question(s) you were asked in real interviews."
    bank = load_all_banks().bank(DEBRIEF_BANK_ID)
    assert bank is not None and [q.text for q in bank.questions] == questions
    assert [q.category for q in bank.questions] == [
        Category.BEHAVIORAL,
        Category.SITUATIONAL,
        Category.MOTIVATION,
        Category.CLOSING,
    ]
    assert bank.questions[0].notes == (
        "Asked as Charge nurse at Northwind Health on 2026-11-03. How it went: Rambled; no clear result"
    )
    assert bank.questions[0].id.startswith("fmi-2026-11-03-")

    choice = page.choice()
    assert choice.source == QuestionSource.DEBRIEF
    choice.count = 4
    plan = build_plan(choice)
    assert sorted(q.text for q in plan.questions) == sorted(questions)
    assert plan.bank_id == DEBRIEF_BANK_ID


def test_an_empty_debrief_is_not_saved(qtbot, setup_page) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_dialog(qtbot, setup_page, DebriefDialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Type at least one question you were asked."
    assert dialog.isVisible() and dialog.rows[0].question.hasFocus()
    assert load_all_banks().bank(DEBRIEF_BANK_ID) is None
    dialog.reject()


def test_a_bank_made_in_the_dialog_appears_in_the_setup_list(qtbot, setup_page) -> None:  # type: ignore[no-untyped-def]
    page = setup_page
    tracks_before = [page.track.itemData(i) for i in range(page.track.count())]
    assert "consulting" not in tracks_before
    dialog = _open_dialog(qtbot, page, BanksDialog)
    qtbot.waitUntil(lambda: dialog.library is not None, timeout=20_000)
    qtbot.keyClicks(dialog.new_title, "Consulting")
    qtbot.keyClick(dialog.new_title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.bank is not None and dialog.bank.id == "consulting", timeout=20_000)
    form = dialog.form
    qtbot.keyClicks(form.text, "Walk me through how you would size the market for e-bikes in Lisbon.")
    form.category.setCurrentIndex(form.category.findData(Category.TECHNICAL.value))
    qtbot.keyClicks(form.competency, "structured thinking")
    form.talking_points.setPlainText("Clarify the question\nA structure\nNumbers with a sanity check")
    qtbot.keyClicks(form.key_terms, "market, assumption, estimate")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save question
    qtbot.waitUntil(lambda: page.track.findText("My own questions (1 questions)") >= 0, timeout=20_000)
    dialog.close()


def test_settings_page_opens_the_banks_dialog(qtbot, setup_page) -> None:  # type: ignore[no-untyped-def]
    window = setup_page.window()
    settings_page = window.pages.widget(3)
    qtbot.mouseClick(settings_page.banks_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert isinstance(settings_page.banks_dialog, BanksDialog) and settings_page.banks_dialog.isVisible()
    qtbot.waitUntil(lambda: settings_page.banks_dialog.library is not None, timeout=20_000)
    settings_page.banks_dialog.close()


def test_cli_debrief_adds_the_questions(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(
        [
            "banks",
            "debrief",
            "--company",
            "Acme",
            "--role",
            "Data analyst",
            "--date",
            "2026-10-30",
            "Tell me about a time you cleaned messy data.",
            "What is a left join?",
        ]
    )
    assert code == 0
    assert "Added 2 question(s) to 'From my interviews'" in capsys.readouterr().out
    bank = load_all_banks().bank(DEBRIEF_BANK_ID)
    assert bank is not None and [q.category for q in bank.questions] == [
        Category.BEHAVIORAL,
        Category.TECHNICAL,
    ]
    assert bank.questions[0].notes == f"Asked as Data analyst at Acme on {dt.date(2026, 10, 30).isoformat()}."

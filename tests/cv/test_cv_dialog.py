"""The CV dialog from the setup page: a pasted posting and a .docx CV give the gaps, slips and questions;
"Practise these questions" makes "From my CV" the chosen question set; an unreadable file says why.
Saves tests/screenshots/cv.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from cv_files import POSTING, write_docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.gui.application import create_context, create_main_window
from app.gui.practice.cv_dialog import CvDialog
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings
from app.session.planning import QuestionSource, build_plan

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]
SCREENSHOT = Path(__file__).resolve().parents[1] / "screenshots" / "cv.png"


@pytest.fixture
def setup_page(qtbot):  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.LAST_PAGE, 0)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    qtbot.waitUntil(lambda: page.setup.library is not None, timeout=30_000)
    return page.setup


def _open(qtbot, page) -> CvDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.cv_button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CvDialog) and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_cv_dialog_shows_gaps_slips_and_questions_and_practises_them(qtbot, setup_page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = setup_page
    page.use_posting.setChecked(True)
    page.posting.setPlainText(POSTING)
    dialog = _open(qtbot, page)
    assert dialog.posting == POSTING
    assert not dialog.practise_button.isEnabled() and not dialog.results_area.isVisible()

    dialog.path.setText(str(write_docx(tmp_path / "Jane Okafor CV.docx")))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check_result is not None, timeout=30_000)
    assert dialog.results_area.isVisible() and dialog.practise_button.isEnabled()
    assert "• IOSH Managing Safely certificate (qualification)" in dialog.gaps.text()
    assert "• lean or 5S (skill)" in dialog.gaps.text()
    assert "counterbalance forklift licence" not in dialog.gaps.text()  # the CV shows it
    assert "“Managd” → managed" in dialog.slips.text() and "Okafor" not in dialog.slips.text()
    assert dialog.slips_title.text() == "Possible slips (4)"
    assert "1. Walk me through your time at Northgate Logistics." in dialog.questions.text()
    assert "Tell me about the project Cross-dock pilot on your CV." in dialog.questions.text()
    assert dialog.status.text().startswith(f"Your CV ({dialog.check_result.words} words) shows ")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOT))

    qtbot.mouseClick(dialog.practise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.track.currentData() == "cv", timeout=30_000)
    assert page.use_track.isChecked()
    assert "Saved 5 question(s) as “From my CV”" in dialog.status.text()
    choice = page.choice()
    assert choice.source == QuestionSource.TRACK and choice.track == "cv"
    choice.count = 5
    plan = build_plan(choice)
    assert {q.track for q in plan.questions} == {"cv"}
    assert "Walk me through your time at Tesco Distribution." in [q.text for q in plan.questions]
    dialog.close()


def test_an_unreadable_cv_says_what_to_do(qtbot, setup_page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, setup_page)
    assert dialog.posting == ""  # nothing pasted: only slips and questions
    bad = tmp_path / "cv.doc"
    bad.write_bytes(b"an old Word file")
    dialog.path.setText(str(bad))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Save it as .docx or PDF" in dialog.status.text(), timeout=10_000)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "cv.doc is not a CV file" in boxes[0].text()
    for box in boxes:
        box.close()
    assert dialog.check_button.isEnabled() and not dialog.practise_button.isEnabled()
    dialog.close()

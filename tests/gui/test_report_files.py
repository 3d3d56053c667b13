"""Opening a report always gives feedback (issue 17.5): the browser, or else the file's path with
"Copy path" and "Open folder"; a saved PDF is confirmed with its path."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QMainWindow

from app.gui.application import create_context, create_main_window
from app.gui.practice.practice_page import PracticePage
from app.gui.report_files import ReportFileDialog, confirm_saved, open_report
from app.gui.settings.keys import Key, Settings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]


class FakeDesktop:
    """Stands in for QDesktopServices.openUrl: records each URL, answers whether something opened it."""

    def __init__(self, opens: bool) -> None:
        self.opens = opens
        self.urls: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url)
        return self.opens


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "reports" / "answer-0123456789ab.html"
    path.parent.mkdir()
    path.write_text("<html></html>", encoding="utf-8")
    return path


def test_no_browser_shows_the_path_with_copy_and_open_folder(qtbot, report: Path) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    desktop = FakeDesktop(opens=False)
    dialog = open_report(window, report, desktop)
    assert isinstance(dialog, ReportFileDialog)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert desktop.urls == [QUrl.fromLocalFile(str(report))]
    assert "No browser could open the report" in dialog.message.text()
    assert dialog.path_field.text() == str(report)

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == str(report)
    assert dialog.note.text() == "The path was copied: paste it into a browser's address bar."

    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert desktop.urls[-1] == QUrl.fromLocalFile(str(report.parent))
    assert dialog.note.text() == (
        "No file manager could open the folder either: copy the path and open it yourself."
    )
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_browser_that_opens_it_is_still_said_with_the_path(qtbot, report: Path) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    assert open_report(window.centralWidget() or window, report, FakeDesktop(opens=True)) is None
    said = window.statusBar().currentMessage()
    assert said == f"The report is opening in your browser. It is saved as {report}"


def test_a_saved_pdf_is_confirmed_with_its_path(qtbot, report: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = report.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7")
    desktop = FakeDesktop(opens=True)
    dialog = confirm_saved(None, pdf, "The PDF report", desktop)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Report saved"
    assert dialog.message.text() == "The PDF report was saved."
    assert dialog.path_field.text() == str(pdf)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert desktop.urls == [QUrl.fromLocalFile(str(pdf))]
    assert not dialog.isVisible()  # opened: nothing left to do here


def test_open_full_report_on_the_results_page_gives_feedback(qtbot, report: Path) -> None:  # type: ignore[no-untyped-def]
    """The Practice page's "Open full report": with no browser, the path dialog opens."""
    settings = Settings()
    settings.set(Key.LAST_PAGE, 0)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    desktop = FakeDesktop(opens=False)
    page.open_url = desktop
    page._report_ready(report)  # what the background job delivers once the HTML is written
    dialog = page.report_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.path_field.text() == str(report)
    assert desktop.urls == [QUrl.fromLocalFile(str(report))]

"""Your CV against the job posting: what the posting asks that the CV does not show, spelling slips, and
the questions an interviewer would ask about the CV, with a way to practise them.

The CV is read and checked on the TaskRunner (app.cv.check; nothing leaves the computer). "Practise these
questions" saves them as the "From my CV" question set (app.cv.bank), makes it the chosen set and tells
the setup page (`context.notify_banks_changed`), which lists it at once.

Signals:
    practise_requested(str): the questions were saved as the question set with this track id.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserFacingError
from app.core.questions import QuestionBank
from app.cv.check import CvCheck, check_cv_file
from app.cv.questions import CV_TRACK
from app.gui.context import AppContext
from app.gui.crash import show_user_error
from app.gui.settings.keys import Key
from app.gui.theme import SPACING, label
from app.session.planning import MIN_POSTING_WORDS

_KIND = {"duty": "duty", "skill": "skill", "qualification": "qualification", "term": "key term"}


def gaps_text(result: CvCheck, has_posting: bool) -> str:
    if not has_posting:
        return "Paste the job posting on the setup page to see what it asks for that your CV does not show."
    if not result.gaps:
        return f"Your CV shows all {result.asked} things the posting lists."
    lines = [f"• {gap.what} ({_KIND.get(gap.kind, gap.kind)})" for gap in result.gaps]
    return "\n".join(lines)


def slips_text(result: CvCheck) -> str:
    if not result.slips:
        return "No spelling slips found."
    return "\n".join(
        f"• Line {slip.line_number}: “{slip.word}”"
        + (f" → {slip.suggestion}" if slip.suggestion else "")
        + (" (repeated word)" if slip.kind != "spelling" else "")
        for slip in result.slips
    )


def questions_text(result: CvCheck) -> str:
    if not result.questions:
        return "No questions: the check found no dated jobs or projects on your CV."
    blocks = []
    for number, question in enumerate(result.questions, start=1):
        points = "\n".join(f"    – {point}" for point in question.talking_points)
        blocks.append(f"{number}. {question.text}\n{points}")
    return "\n".join(blocks)


class CvDialog(QDialog):
    practise_requested = Signal(str)

    def __init__(self, context: AppContext, posting: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.posting = posting if len(posting.split()) >= MIN_POSTING_WORDS else ""
        self.check_result: CvCheck | None = None
        self.setWindowTitle("Check my CV against the posting")
        self.setAccessibleName("Check my CV against the posting")
        self.resize(860, 640)

        self.path = QLineEdit()
        self.path.setAccessibleName("CV file")
        self.path.setPlaceholderText("Your CV: a .pdf, .docx or .txt file")
        self.path.returnPressed.connect(self.check)
        browse = QPushButton("Choose CV…")
        browse.setAccessibleName("Choose CV file")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        self.check_button = QPushButton("Check")
        self.check_button.setObjectName("primary")
        self.check_button.setAccessibleName("Check the CV")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        file_row.addWidget(self.check_button)

        self.status = label("", "muted")
        self.status.setAccessibleName("Status")
        self.gaps_title = label("Not shown on your CV", "sectionTitle")
        self.gaps = label("", "")
        self.gaps.setAccessibleName("What the posting asks that your CV does not show")
        self.slips_title = label("Possible slips", "sectionTitle")
        self.slips = label("", "")
        self.slips.setAccessibleName("Possible spelling slips")
        self.questions_title = label("Questions about your CV", "sectionTitle")
        self.questions = label("", "")
        self.questions.setAccessibleName("Questions about your CV")
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setSpacing(SPACING // 2)
        for widget in (
            self.gaps_title, self.gaps, self.slips_title, self.slips, self.questions_title, self.questions
        ):  # fmt: skip
            results_layout.addWidget(widget)
        results_layout.addStretch(1)
        self.results_area = QScrollArea()
        self.results_area.setWidgetResizable(True)
        self.results_area.setFrameShape(QFrame.Shape.NoFrame)
        self.results_area.setWidget(results)
        self.results_area.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.practise_button = self.buttons.addButton(
            "Practise these questions", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.practise_button.setAccessibleName("Practise these questions")
        self.practise_button.setToolTip(
            "Save them as the question set “From my CV” and choose it for practice"
        )
        self.practise_button.setEnabled(False)
        self.practise_button.setAutoDefault(False)
        self.practise_button.clicked.connect(self.practise)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(label("Check my CV against the posting", "sectionTitle"))
        posting_note = (
            f"Compared with the job posting on the setup page ({len(self.posting.split())} words). "
            if self.posting
            else "No job posting pasted on the setup page: only slips and questions. "
        )
        layout.addWidget(
            label(posting_note + "Your CV is read on this computer and never sent anywhere.", "muted")
        )
        layout.addLayout(file_row)
        layout.addWidget(self.status)
        layout.addWidget(self.results_area, 1)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose your CV", self.path.text(), "CVs (*.pdf *.docx *.txt)"
        )
        if path:
            self.path.setText(path)
            self.check()

    def check(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.status.setText("Choose your CV file first (a .pdf, .docx or .txt).")
            return
        self.check_button.setEnabled(False)
        self.practise_button.setEnabled(False)
        self.status.setText("Reading your CV…")
        self.context.runner.run(
            check_cv_file,
            Path(text),
            self.posting,
            on_done=self._show,
            on_error=self._failed,
            name="check CV",
        )

    def _show(self, result: CvCheck) -> None:
        self.check_result = result
        self.check_button.setEnabled(True)
        if self.posting:
            self.status.setText(
                f"Your CV ({result.words} words) shows {len(result.shown)} of the {result.asked} things "
                f"the posting asks for; {len(result.slips)} possible slip(s); "
                f"{len(result.questions)} question(s) about it."
            )
        else:
            self.status.setText(
                f"Your CV ({result.words} words): {len(result.slips)} possible slip(s); "
                f"{len(result.questions)} question(s) about it."
            )
        self.gaps_title.setText(
            f"Not shown on your CV ({len(result.gaps)})" if self.posting else "Not shown on your CV"
        )
        self.gaps.setText(gaps_text(result, bool(self.posting)))
        self.slips_title.setText(f"Possible slips ({len(result.slips)})")
        self.slips.setText(slips_text(result))
        self.questions_title.setText(f"Questions about your CV ({len(result.questions)})")
        self.questions.setText(questions_text(result))
        self.results_area.setVisible(True)
        self.practise_button.setEnabled(bool(result.questions))

    def _failed(self, error: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.practise_button.setEnabled(self.check_result is not None and bool(self.check_result.questions))
        if not isinstance(error, UserFacingError):
            raise error
        self.status.setText(str(error))
        show_user_error(self, error)

    def practise(self) -> None:
        """Save the questions as "From my CV" and choose that set on the setup page."""
        if self.check_result is None or not self.check_result.questions:
            return
        from app.cv.bank import save_cv_questions

        self.practise_button.setEnabled(False)
        self.status.setText("Saving the questions…")
        self.context.runner.run(
            save_cv_questions,
            self.check_result.questions,
            on_done=self._saved,
            on_error=self._failed,
            name="save CV",
        )

    def _saved(self, bank: QuestionBank) -> None:
        self.context.settings.set(Key.PRACTICE_TRACK, CV_TRACK)
        self.context.notify_banks_changed()
        self.practise_button.setEnabled(True)
        self.status.setText(
            f"Saved {len(bank.questions)} question(s) as “{bank.title}”, now the question set on the setup "
            "page: Continue there to practise them."
        )
        self.practise_requested.emit(CV_TRACK)


def open_cv_dialog(context: AppContext, parent: QWidget, posting: str, dialog: CvDialog | None) -> CvDialog:
    """Show the CV dialog (a new one when the posting changed, else the one already open)."""
    if (
        dialog is not None
        and dialog.isVisible()
        and dialog.posting == (posting if len(posting.split()) >= MIN_POSTING_WORDS else "")
    ):
        dialog.raise_()
        return dialog
    dialog = CvDialog(context, posting, parent)
    dialog.show()
    dialog.activateWindow()
    return dialog

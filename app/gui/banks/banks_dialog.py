"""My question banks: browse the bundled banks (read-only, exportable) and the person's own banks; create,
edit, delete, import and export them.

Reading and writing bank files runs on the TaskRunner; only the check of one edited question (parsing one
bank's YAML) happens on the GUI thread. Every change calls `context.notify_banks_changed()`, so the setup
page lists the new questions at once. File choosers and the delete confirmation are attributes
(`ask_open_path`, `ask_save_path`, `confirm`) so tests can stand in for the person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.banks.loader import BankLibrary
from app.core.errors import UserFacingError
from app.core.questions import TRACKS, QuestionBank
from app.gui.banks.bank_widgets import BankList, ask_yes, choose_bank_file, choose_export_file, dialog_button
from app.gui.banks.question_form import QuestionForm
from app.gui.context import AppContext
from app.gui.crash import show_user_error
from app.gui.theme import SPACING, fit_to_screen, label
from app.session import bank_editing as model

log = logging.getLogger(__name__)


class BanksDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("My question banks")
        self.setAccessibleName("My question banks")
        fit_to_screen(self, 1080, 760)
        self.library: BankLibrary | None = None
        self.bank: QuestionBank | None = None
        self.editing: int | None = None  # index of the question in the form; None: a new question
        self.busy = False
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask_yes(self, title, text)
        self.ask_open_path: Callable[[], str] = lambda: choose_bank_file(self)
        self.ask_save_path: Callable[[str], str] = lambda suggested: choose_export_file(self, suggested)

        columns = QHBoxLayout()
        columns.setSpacing(SPACING * 2)
        columns.addLayout(self._banks_column(), 2)
        columns.addLayout(self._questions_column(), 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self._show_bank(None)
        self.reload()

    def _banks_column(self) -> QVBoxLayout:
        """The banks, a new bank's title and track, and the file buttons."""
        self.bank_list = BankList()
        self.bank_list.currentRowChanged.connect(self._bank_chosen)
        self.new_title = QLineEdit()
        self.new_title.setAccessibleName("New bank title")
        self.new_title.setPlaceholderText("Title of a new bank, e.g. Consulting interviews")
        self.new_track = QComboBox()
        self.new_track.setAccessibleName("Track of the new bank")
        for track, title in TRACKS.items():
            self.new_track.addItem(title, track)
        self.new_track.setCurrentIndex(self.new_track.findData("personal"))
        self.create_button = dialog_button(
            "Create bank", "Create a new, empty bank of your own", self.create_bank
        )
        self.new_title.returnPressed.connect(self.create_bank)
        make = dialog_button
        self.import_button = make("Import…", "Add a bank file (YAML) to your banks", self.import_file)
        self.export_button = make("Export…", "Save the chosen bank as a YAML file", self.export_file)
        self.delete_button = make("Delete bank…", "Delete the chosen bank of yours", self.delete_bank)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems in the bank file")
        self.problems.hide()
        self.status = label("Loading the banks…", "muted")
        self.status.setAccessibleName("Status")

        left = QVBoxLayout()
        left.setSpacing(SPACING)
        left.addWidget(label("Banks", "sectionTitle"))
        left.addWidget(self.bank_list, 1)
        left.addWidget(label("New bank", "muted"))
        left.addWidget(self.new_title)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_track, 1)
        new_row.addWidget(self.create_button)
        left.addLayout(new_row)
        file_row = QHBoxLayout()
        for button in (self.import_button, self.export_button, self.delete_button):
            file_row.addWidget(button)
        left.addLayout(file_row)
        left.addWidget(self.problems)
        return left

    def _questions_column(self) -> QVBoxLayout:
        """The chosen bank's questions and the form that edits one."""
        self.bank_title = label("", "sectionTitle")
        self.bank_note = label("", "muted")
        self.question_list = QListWidget()
        self.question_list.setAccessibleName("Questions in the bank")
        self.question_list.currentRowChanged.connect(self._question_chosen)
        self.add_button = dialog_button(
            "Add question", "Start a new question in this bank", self.new_question
        )
        self.remove_button = dialog_button(
            "Remove question…", "Remove the chosen question", self.remove_question
        )
        self.form = QuestionForm()
        self.save_button = dialog_button(
            "Save question", "Check the question and save it (Ctrl+S)", self.save_question
        )
        self.save_button.setObjectName("primary")
        self.save_button.setShortcut("Ctrl+S")
        self.form_status = label("", "fieldError")
        self.form_status.setAccessibleName("Why the question was not saved")
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setWidget(self.form)
        # It scrolls down, never sideways: as wide as the form's fields need (the list on the left gives way).
        form_scroll.setMinimumWidth(
            self.form.minimumSizeHint().width() + form_scroll.verticalScrollBar().sizeHint().width() + 4
        )
        right = QVBoxLayout()
        right.setSpacing(SPACING)
        right.addWidget(self.bank_title)
        right.addWidget(self.bank_note)
        right.addWidget(self.question_list, 1)
        question_row = QHBoxLayout()
        question_row.addWidget(self.add_button)
        question_row.addWidget(self.remove_button)
        question_row.addStretch(1)
        right.addLayout(question_row)
        right.addWidget(form_scroll, 2)
        save_row = QHBoxLayout()
        save_row.addWidget(self.form_status, 1)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)
        return right

    # ---- the list of banks ----------------------------------------------------------------------

    def reload(self, select: str | None = None, message: str = "") -> None:
        """List the banks again, choosing `select` (else the current one); `message` goes to the status."""
        wanted = select or (self.bank.id if self.bank is not None else None)
        self.context.runner.run(
            model.load_library,
            on_done=lambda library: self._loaded(library, wanted, message),
            name="load banks",
        )

    def _loaded(self, library: BankLibrary, wanted: str | None, message: str = "") -> None:
        self.library = library
        banks = sorted(library.banks, key=lambda b: (b.read_only, b.title.lower()))
        self._bank_chosen(self.bank_list.set_banks(banks, wanted))
        yours = sum(1 for b in banks if not b.read_only)
        self.status.setText(message or f"{len(banks)} banks: {len(banks) - yours} bundled, {yours} of yours.")
        self.busy = False

    def _bank_chosen(self, row: int) -> None:
        bank_id = self.bank_list.bank_id(row)
        bank = self.library.bank(bank_id) if bank_id is not None and self.library is not None else None
        self._show_bank(bank)

    def _show_bank(self, bank: QuestionBank | None, select_question: int = 0) -> None:
        self.bank = bank
        editable = bank is not None and not bank.read_only
        self.bank_title.setText(bank.title if bank is not None else "No bank chosen")
        self.bank_note.setText(
            ""
            if bank is None
            else "A bundled bank: read-only. Export it to get an editable copy."
            if bank.read_only
            else f"Your bank ({bank.id}). Choose a question to edit it, or add one."
        )
        self.question_list.blockSignals(True)
        self.question_list.clear()
        for question in bank.questions if bank is not None else []:
            self.question_list.addItem(question.text)
        self.question_list.blockSignals(False)
        for widget in (self.add_button, self.remove_button, self.save_button, self.delete_button):
            widget.setEnabled(editable)
        self.export_button.setEnabled(bank is not None)
        self.form.set_editable(editable)
        self.form_status.setText("")
        if bank is not None and bank.questions:
            row = min(select_question, len(bank.questions) - 1)
            self.question_list.setCurrentRow(row)
            self._question_chosen(row)
        else:
            self.new_question()

    # ---- editing questions --------------------------------------------------------------------------

    def _question_chosen(self, row: int) -> None:
        if self.bank is None or not 0 <= row < len(self.bank.questions):
            return
        self.editing = row
        self.form.load(self.bank.questions[row])
        self.form_status.setText("")

    def new_question(self) -> None:
        self.editing = None
        self.question_list.clearSelection()
        self.form.clear()
        self.form_status.setText("")
        if self.bank is not None and not self.bank.read_only:
            self.form.text.setFocus()

    def save_question(self) -> None:
        bank, library = self.bank, self.library
        if bank is None or bank.read_only or library is None or self.busy:
            return
        if self.editing is not None:
            old = bank.questions[self.editing]
            question = self.form.question(old.id, bank.track, bank.id, old.notes)
        else:
            taken = [q.id for q in library.questions()]
            question_id = model.unique_question_id(bank.id, self.form.text.toPlainText(), taken)
            question = self.form.question(question_id, bank.track, bank.id)
        candidate = model.with_question(bank, question, self.editing)
        index = self.editing if self.editing is not None else len(candidate.questions) - 1
        problems = model.question_problems(candidate, index)
        self.form.show_problems(problems.fields)
        if problems:
            self.form_status.setText(
                "The question was not saved. " + " ".join(problems.general)
                if problems.general
                else "The question was not saved: fix the fields marked in red."
            )
            return
        self.form_status.setText("")
        self._write(candidate, index, f"Saved “{question.text[:60]}” in {bank.title}.")

    def remove_question(self) -> None:
        bank, index = self.bank, self.editing
        if bank is None or bank.read_only or index is None or self.busy:
            return
        if not self.confirm("Remove question", f"Remove “{bank.questions[index].text}” from {bank.title}?"):
            return
        self._write(model.without_question(bank, index), max(0, index - 1), "Question removed.")

    def _write(self, bank: QuestionBank, select: int, message: str) -> None:
        self.busy = True
        self.save_button.setEnabled(False)

        def saved(result: QuestionBank) -> None:
            self.busy = False
            if self.library is not None:
                self.library.banks = [result if b.id == result.id else b for b in self.library.banks]
            self.bank_list.update_line(result)  # its line says how many questions it has
            self._show_bank(result, select)
            self.status.setText(message)
            self.context.notify_banks_changed()

        self.context.runner.run(model.save_bank, bank, on_done=saved, on_error=self._failed, name="save bank")

    # ---- banks: create, delete, import, export -------------------------------------------------------

    def create_bank(self) -> None:
        title = self.new_title.text().strip()
        if self.busy:
            return
        if not title:
            self.status.setText("Type a title for the new bank first.")
            self.new_title.setFocus()
            return
        self.busy = True

        def created(bank: QuestionBank) -> None:
            self.new_title.clear()
            self.context.notify_banks_changed()
            self.reload(select=bank.id, message=f"Created “{bank.title}”. Add its first question.")

        track = str(self.new_track.currentData() or "personal")
        self.context.runner.run(model.create_bank, title, track, on_done=created, on_error=self._failed)

    def delete_bank(self) -> None:
        bank = self.bank
        if bank is None or bank.read_only or self.busy:
            return
        if not self.confirm(
            "Delete bank",
            f"Delete your bank “{bank.title}” and its {len(bank.questions)} questions? "
            "Export it first if you may want it back.",
        ):
            return
        self.busy = True

        def deleted(_bank_id: str) -> None:
            self.bank = None
            self.context.notify_banks_changed()
            self.reload(message=f"Deleted “{bank.title}”.")

        self.context.runner.run(model.delete_bank, bank.id, on_done=deleted, on_error=self._failed)

    def import_file(self) -> None:
        path = self.ask_open_path()
        if not path or self.busy:
            return
        self.busy = True
        self.status.setText(f"Checking {Path(path).name}…")
        self.context.runner.run(
            model.import_bank, Path(path), on_done=self._imported, on_error=self._failed, name="import bank"
        )

    def _imported(self, result: model.ImportResult) -> None:
        self.busy = False
        self.problems.clear()
        if result.bank is None:
            for problem in result.problems:
                item = QListWidgetItem(model.problem_line(problem))
                item.setToolTip(problem.message)
                self.problems.addItem(item)
            self.problems.setVisible(True)
            count = len(result.problems)
            self.status.setText(f"Nothing was imported: the file has {count} problem(s), listed above.")
            return
        self.problems.hide()
        self.context.notify_banks_changed()
        count = len(result.bank.questions)
        self.reload(select=result.bank.id, message=f"Imported “{result.bank.title}” ({count} questions).")

    def export_file(self) -> None:
        bank = self.bank
        if bank is None or self.busy:
            return
        path = self.ask_save_path(f"{bank.id}.yaml")
        if not path:
            return
        self.context.runner.run(
            model.export_bank,
            bank.id,
            Path(path),
            on_done=lambda written: self.status.setText(f"Exported “{bank.title}” to {written}."),
            on_error=self._failed,
            name="export bank",
        )

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(self.bank is not None and not self.bank.read_only)
        if not isinstance(error, UserFacingError):
            raise error
        self.status.setText(error.message)
        show_user_error(self, error)


def open_banks_dialog(
    context: AppContext, parent: QWidget | None, current: BanksDialog | None
) -> BanksDialog:
    """Show the dialog (non-modal), reusing `current` while it is open."""
    if current is not None and current.isVisible():
        current.raise_()
        current.activateWindow()
        return current
    dialog = BanksDialog(context, parent)
    dialog.show()
    dialog.activateWindow()
    return dialog

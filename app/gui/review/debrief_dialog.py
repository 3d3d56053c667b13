"""Debrief a real interview: the questions someone was just asked become the "From my interviews" bank.

One row per remembered question, with an optional note on how answering it went; more rows are added as
they are needed (Add another question, or Enter in the last row). Saving runs `record_debrief` on the
TaskRunner and then tells the setup page (`context.notify_banks_changed`) so it can offer the questions
at once.

Signals:
    saved(int): the number of questions added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserFacingError
from app.core.questions import QuestionBank
from app.gui.context import AppContext
from app.gui.crash import show_user_error
from app.gui.theme import SPACING, fit_to_screen, label
from app.session.bank_editing import DebriefRow, save_debrief

FIRST_ROWS = 3


@dataclass
class QuestionRow:
    question: QLineEdit
    how_it_went: QLineEdit


class DebriefDialog(QDialog):
    saved = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Debrief a real interview")
        self.setAccessibleName("Debrief a real interview")
        fit_to_screen(self, 820, 600)
        self.rows: list[QuestionRow] = []

        self.company = QLineEdit()
        self.company.setAccessibleName("Company")
        self.company.setPlaceholderText("Where you interviewed (optional)")
        self.role = QLineEdit()
        self.role.setAccessibleName("Role")
        self.role.setPlaceholderText("The job you interviewed for (optional)")
        self.date = QDateEdit(QDate.currentDate())
        self.date.setAccessibleName("Interview date")
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        details = QFormLayout()
        details.addRow("Company:", self.company)
        details.addRow("Role:", self.role)
        details.addRow("Date:", self.date)

        self.grid = QGridLayout()
        self.grid.setSpacing(SPACING // 2)
        self.grid.addWidget(label("Question they asked", "muted"), 0, 0)
        self.grid.addWidget(label("How it went (optional)", "muted"), 0, 1)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        rows_holder = QWidget()
        holder_layout = QVBoxLayout(rows_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addLayout(self.grid)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows_holder)
        for _ in range(FIRST_ROWS):
            self.add_row(focus=False)
        self.add_button = QPushButton("Add another question")
        self.add_button.setAccessibleName("Add another question")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.add_button.setAutoDefault(False)  # Enter in a row moves to the next row, never saves

        self.status = label("", "muted")
        self.status.setAccessibleName("Status")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # ActionRole, not AcceptRole: the button box would make an accept button the default, and Enter in
        # a question row would then save half a debrief.
        self.save_button = self.buttons.addButton("Save questions", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName("Save questions")
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(label("Debrief a real interview", "sectionTitle"))
        layout.addWidget(
            label(
                "Note the questions you were asked while you still remember them. They go into "
                "“From my interviews”, so you can rehearse a better answer to each.",
                "muted",
            )
        )
        layout.addLayout(details)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def add_row(self, focus: bool = True) -> QuestionRow:
        number = len(self.rows) + 1
        question = QLineEdit()
        question.setAccessibleName(f"Question {number}")
        question.setPlaceholderText(f"Question {number}")
        how = QLineEdit()
        how.setAccessibleName(f"How question {number} went")
        how.setPlaceholderText("e.g. rambled, no clear example")
        question.returnPressed.connect(lambda: self._next_row(question))
        how.returnPressed.connect(lambda: self._next_row(question))
        row = QuestionRow(question, how)
        self.rows.append(row)
        self.grid.addWidget(question, number, 0)
        self.grid.addWidget(how, number, 1)
        if focus:
            question.show()  # a widget added to a shown layout appears only later; focus needs it now
            how.show()
            question.setFocus()
        return row

    def _next_row(self, question: QLineEdit) -> None:
        """Enter moves to the next question, adding a row after the last one."""
        index = next(i for i, row in enumerate(self.rows) if row.question is question)
        if index + 1 < len(self.rows):
            self.rows[index + 1].question.setFocus()
        else:
            self.add_row()

    def entries(self) -> list[DebriefRow]:
        return [
            DebriefRow(row.question.text().strip(), row.how_it_went.text().strip())
            for row in self.rows
            if row.question.text().strip()
        ]

    def save(self) -> None:
        entries = self.entries()
        if not entries:
            self.status.setText("Type at least one question you were asked.")
            self.rows[0].question.setFocus()
            return
        self.save_button.setEnabled(False)
        self.status.setText("Saving…")
        qdate = self.date.date()
        date = dt.date(qdate.year(), qdate.month(), qdate.day())
        self.context.runner.run(
            save_debrief,
            entries,
            self.company.text().strip(),
            self.role.text().strip(),
            date,
            on_done=lambda bank: self._saved(bank, len(entries)),
            on_error=self._failed,
            name="save debrief",
        )

    def _saved(self, bank: QuestionBank, added: int) -> None:
        self.status.setText(f"Added {added} question(s); “{bank.title}” now has {len(bank.questions)}.")
        self.context.notify_banks_changed()
        self.saved.emit(added)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, UserFacingError):
            raise error
        self.status.setText(error.message)
        show_user_error(self, error)

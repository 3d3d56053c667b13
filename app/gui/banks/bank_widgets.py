"""Parts of the banks dialog: the list of banks, its buttons, and what the person is asked (a confirmation,
which file to import, where to export)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QWidget

from app.core.questions import QuestionBank
from app.session.bank_editing import bank_line


class BankList(QListWidget):
    """The banks in the order given, each line saying its title, how many questions it has and whether
    it can be edited; each item holds its bank's id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Question banks")

    def set_banks(self, banks: list[QuestionBank], wanted: str | None) -> int:
        """Show `banks` (without signalling), choose `wanted` (else the first); returns the chosen row."""
        self.blockSignals(True)
        self.clear()
        for bank in banks:
            item = QListWidgetItem(bank_line(bank))
            item.setData(Qt.ItemDataRole.UserRole, bank.id)
            self.addItem(item)
        self.blockSignals(False)
        ids = [b.id for b in banks]
        row = ids.index(wanted) if wanted in ids else (0 if ids else -1)
        self.setCurrentRow(row)
        return row

    def bank_id(self, row: int) -> str | None:
        item = self.item(row) if row >= 0 else None
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def update_line(self, bank: QuestionBank) -> None:
        """The bank's line again (its question count changed)."""
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == bank.id:
                item.setText(bank_line(bank))


def dialog_button(text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.rstrip("…"))
    button.setToolTip(tip)
    button.clicked.connect(slot)
    button.setAutoDefault(False)  # Enter in a field must not press a button as well
    return button


def ask_yes(parent: QWidget, title: str, text: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
    return QMessageBox.warning(parent, title, text, buttons, QMessageBox.StandardButton.Cancel) == (
        QMessageBox.StandardButton.Yes
    )


def choose_bank_file(parent: QWidget) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Import a question bank", "", "Question banks (*.yaml *.yml)"
    )
    return path


def choose_export_file(parent: QWidget, suggested: str) -> str:
    start = str(Path.home() / suggested)
    path, _filter = QFileDialog.getSaveFileName(parent, "Export the bank", start, "Question banks (*.yaml)")
    return path

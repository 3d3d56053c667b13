"""A calm one-line notice ("No camera found: answers are audio-only"), never a pop-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("Notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label)
        self.hide()

    def show_notices(self, notices: list[str]) -> None:
        text = "\n".join(dict.fromkeys(n for n in notices if n))
        self.label.setText(text)
        self.setVisible(bool(text))

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.label.text() else ""

"""What carried an answer's content: each talking point and STAR part with the sentence that said it.

The rows come from app.report.content_evidence (the report shows the same ones). In a spoken answer a row
with a time is clickable: the player seeks there and plays. A typed answer has no times, so its rows are
plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.analysis_result import AnswerAnalysis
from app.gui.theme import label
from app.gui.widgets.notice_bar import NoticeBar
from app.report.content_evidence import HOW_CONTENT_IS_JUDGED, EvidenceRow, evidence_sections

TIME_ROLE = Qt.ItemDataRole.UserRole + 1


def row_text(row: EvidenceRow) -> str:
    """Two lines: the point or part with its status (▶ when it can be played), then the sentence."""
    head = f"▶ {row.heading}" if row.time is not None else row.heading
    return f"{head}\n    {row.said}" if row.said else head


class HowJudgedNote(QWidget):
    """A "How content is judged" button that opens a short plain explanation beneath it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QToolButton()
        self.button.setText("How content is judged")
        self.button.setCheckable(True)
        self.button.setArrowType(Qt.ArrowType.RightArrow)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAutoRaise(True)
        self.button.setToolTip(HOW_CONTENT_IS_JUDGED)
        self.button.setAccessibleName("How content is judged")
        self.text = label(HOW_CONTENT_IS_JUDGED, "muted")
        self.text.setAccessibleName("How content is judged: explanation")
        self.text.hide()
        self.button.toggled.connect(self._toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text)

    def _toggled(self, open_: bool) -> None:
        self.button.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.text.setVisible(open_)


class ContentEvidenceView(QWidget):
    """Review's list of talking points and STAR parts. Signals: play_requested(float seconds)."""

    play_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = NoticeBar()
        self.note.label.setAccessibleName("Content score note")
        self.rows = QListWidget()
        self.rows.setAccessibleName("Talking points and STAR parts with the sentences that carried them")
        self.rows.setWordWrap(True)
        self.rows.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.rows.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the sentences when the view resizes
        self.rows.setUniformItemSizes(False)
        self.rows.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.rows.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows.itemClicked.connect(self._activated)
        self.rows.itemActivated.connect(self._activated)
        self.how = HowJudgedNote()
        self.title = label("Talking points and STAR parts (click a sentence to play it)", "sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.how)

    def show_analysis(self, analysis: AnswerAnalysis | None) -> None:
        self.rows.clear()
        content = analysis.content if analysis is not None else None
        scores = analysis.scores if analysis is not None else None
        self.note.show_notices([scores.content.note] if scores is not None else [])
        if analysis is None or content is None:
            self.rows.addItem(QListWidgetItem("Nothing was said that could be judged."))
            return
        typed = bool(analysis.transcript and analysis.transcript.typed)
        self.title.setText(
            "Talking points and STAR parts"
            if typed
            else "Talking points and STAR parts (click a sentence to play it)"
        )
        sections = evidence_sections(content, typed)
        for title, rows in sections:
            heading = QListWidgetItem(title)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a choice
            self.rows.addItem(heading)
            for row in rows:
                item = QListWidgetItem(row_text(row))
                item.setData(TIME_ROLE, row.time)
                if row.time is not None:
                    item.setToolTip(f"Click to play the answer from {row.time_text}.")
                self.rows.addItem(item)
        if not sections:
            self.rows.addItem(QListWidgetItem("This question has no talking points and no STAR structure."))

    def item_for(self, label_text: str) -> QListWidgetItem | None:
        """The row of a talking point or STAR part (for tests and accessibility tools)."""
        for index in range(self.rows.count()):
            item = self.rows.item(index)
            if f" {label_text} — " in item.text():
                return item
        return None

    def _activated(self, item: QListWidgetItem) -> None:
        time = item.data(TIME_ROLE)
        if time is not None:
            self.play_requested.emit(float(time))

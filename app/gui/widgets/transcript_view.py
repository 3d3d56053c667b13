"""The transcript beside the player: each word is a link that seeks there; the word being said is highlighted.

The current word is found by bisecting the words' start times (`word_index_at`), so following playback
costs O(log n) per position update. Fillers are shown in the filler colour, so they stand out on reading.
"""

from __future__ import annotations

import bisect
import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from app.core.transcript import Word
from app.gui.theme import palette_colours


def word_index_at(starts: list[float], seconds: float) -> int:
    """Index of the word being said at `seconds` (the last word started by then), -1 before the first."""
    return bisect.bisect_right(starts, seconds + 1e-6) - 1


class TranscriptView(QTextBrowser):
    """Signals:
    word_clicked(int, float): index of the clicked word and its start time (seconds).
    """

    word_clicked = Signal(int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Transcript")
        self.setAccessibleDescription("Each word is a link: activate it to play the answer from there.")
        self.anchorClicked.connect(self._anchor_clicked)
        self.words: list[Word] = []
        self._starts: list[float] = []
        self._spans: list[tuple[int, int]] = []  # character range of each word in the document
        self.current_index = -1
        self.set_words([])

    def set_words(
        self,
        words: list[Word],
        filler_times: set[float] | None = None,
        empty_text: str = "No words were transcribed for this answer.",
        timed: bool = True,
    ) -> None:
        """Show `words`; words whose start is in `filler_times` are marked as fillers.

        `timed` False (a typed answer): the words have no times, so they are plain text: no links to
        seek with, and playback never highlights them.
        """
        self.words = list(words) if timed else []
        self._starts = [word.start for word in self.words]
        self.current_index = -1
        fillers = filler_times or set()
        colours = palette_colours()
        if not timed and words:
            text = html.escape(" ".join(word.text for word in words))
            self.setHtml(f"<p style='line-height:150%'>{text}</p>")
            self._spans = []
            self.setExtraSelections([])
            return
        if not self.words:
            self.setHtml(f"<p style='color:{colours.muted}'>{html.escape(empty_text)}</p>")
            self._spans = []
            return
        parts = []
        for index, word in enumerate(self.words):
            colour = colours.fair if round(word.start, 2) in fillers else colours.text
            parts.append(
                f"<a href='word:{index}' style='color:{colour}; text-decoration:none'>"
                f"{html.escape(word.text)}</a>"
            )
        self.setHtml(f"<p style='line-height:150%'>{' '.join(parts)}</p>")
        self._spans = self._find_spans()
        self.setExtraSelections([])

    def _find_spans(self) -> list[tuple[int, int]]:
        """Character positions of the words, as laid out in the document (words joined by one space)."""
        text = self.document().toPlainText()
        spans, cursor = [], 0
        for word in self.words:
            start = text.find(word.text, cursor)
            if start < 0:
                start = cursor
            spans.append((start, start + len(word.text)))
            cursor = start + len(word.text)
        return spans

    def word_index_at(self, seconds: float) -> int:
        return word_index_at(self._starts, seconds)

    def highlight_at(self, seconds: float) -> int:
        """Highlight the word said at `seconds`; returns its index (-1: none yet)."""
        index = self.word_index_at(seconds)
        if index != self.current_index:
            self.highlight_index(index)
        return index

    def highlight_index(self, index: int) -> None:
        self.current_index = index
        if index < 0 or index >= len(self._spans):
            self.setExtraSelections([])
            return
        start, end = self._spans[index]
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        char_format = QTextCharFormat()
        colours = palette_colours()
        char_format.setBackground(QColor(colours.accent))
        char_format.setForeground(QColor(colours.accent_text))
        selection.format = char_format  # type: ignore[attr-defined]
        self.setExtraSelections([selection])
        visible = QTextCursor(self.document())
        visible.setPosition(start)
        rect = self.cursorRect(visible)
        if not self.viewport().rect().contains(rect):
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + rect.top() - 20)

    @property
    def highlighted_text(self) -> str:
        if self.current_index < 0:
            return ""
        start, end = self._spans[self.current_index]
        return self.document().toPlainText()[start:end]

    def click_word(self, index: int) -> None:
        """Same as the user activating word `index` (also used by keyboard navigation)."""
        self._anchor_clicked(QUrl(f"word:{index}"))

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if not text.startswith("word:"):
            return
        index = int(text.removeprefix("word:"))
        if 0 <= index < len(self.words):
            self.highlight_index(index)
            self.word_clicked.emit(index, self.words[index].start)

    def word_anchor_rect(self, index: int):  # type: ignore[no-untyped-def]
        """Viewport rectangle of word `index` (tests click it like a user would)."""
        cursor = QTextCursor(self.document())
        start, end = self._spans[index]
        cursor.setPosition(start + max(1, (end - start) // 2))
        return self.cursorRect(cursor)

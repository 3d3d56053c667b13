"""An answer's scores, each with the metric behind it and its definition, and the tips that point at moments.

Scores are a tree: a dimension (Delivery 3.5) opens onto its sub-scores (Pace 4 — 126 words per minute,
"100-165 wpm: comfortable"), and every row's tooltip holds the metric's definition, so nothing is a bare
number. A tip with a time is clickable: the player seeks there.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.analysis_result import AnswerAnalysis
from app.core.scores import DimensionScore, SubScore
from app.core.session import SelfRating
from app.core.timefmt import clock
from app.gui.theme import ElidedLabel, score_colour
from app.gui.widgets.notice_bar import NoticeBar
from app.report.context import format_value
from app.session.labels import no_tips_text

TIME_ROLE = Qt.ItemDataRole.UserRole + 1


def format_score(score: float | None) -> str:
    return "not measured" if score is None else f"{score:.1f} / 5"


def format_metric(sub: SubScore) -> str:
    if sub.value is None:
        return sub.reason or "not measured"
    return format_value(sub)


class ScoresTree(QTreeWidget):
    """Dimension rows (expandable) with their measured sub-scores."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(["Score", "", "Measured", "Your rating"])
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        # The layout keeps the tree wide enough for every column (see minimumSizeHint).
        self.model().rowsInserted.connect(lambda *_args: self.updateGeometry())
        self.expanded.connect(lambda _index: self.updateGeometry())
        self.setAccessibleName("Scores and the metrics behind them")
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Wide enough for the labels, scores and ratings and the whole "Measured" title (at 1024 px it was
        cut to "Measu"); the measured texts then elide, with the whole text in their tooltips."""
        header = self.header()
        width = sum(max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in (0, 1, 3))
        width += header.sectionSizeHint(2) + 2 * self.frameWidth()
        width += self.verticalScrollBar().sizeHint().width()
        return QSize(width, super().minimumSizeHint().height())

    def show_scores(self, analysis: AnswerAnalysis | None, rating: SelfRating | None) -> None:
        self.clear()
        scores = analysis.scores if analysis is not None else None
        if scores is None:
            item = QTreeWidgetItem(["Not scored yet", "", "Re-run the analysis to score this answer.", ""])
            self.addTopLevelItem(item)
            return
        overall = QTreeWidgetItem(
            [
                "Overall",
                format_score(scores.overall),
                "mean of dimensions",
                _rating(rating, "overall"),
            ]
        )
        overall.setForeground(1, QColor(score_colour(scores.overall)))
        self.addTopLevelItem(overall)
        for dimension in scores.dimensions():
            item = self._dimension_item(dimension, rating)
            self.addTopLevelItem(item)
            item.setExpanded(dimension.measured)

    def _dimension_item(self, dimension: DimensionScore, rating: SelfRating | None) -> QTreeWidgetItem:
        detail = dimension.reason if not dimension.measured else f"{len(dimension.sub_scores)} metrics"
        if dimension.note:
            detail = "capped (why: below)"  # the note itself wraps in full under the tree
        item = QTreeWidgetItem(
            [
                dimension.label,
                format_score(dimension.score),
                detail,
                _rating(rating, str(dimension.dimension)),
            ]
        )
        item.setForeground(1, QColor(score_colour(dimension.score)))
        tooltip = f"{dimension.label}: the mean of its measured metrics. Expand to see each one."
        item.setToolTip(0, f"{tooltip}\n{dimension.note}" if dimension.note else tooltip)
        if dimension.note:
            item.setToolTip(2, dimension.note)
        for sub in dimension.sub_scores:
            child = QTreeWidgetItem(
                [
                    sub.label,
                    "–" if sub.score is None else f"{sub.score} / 5",
                    f"{format_metric(sub)} — {sub.band}" if sub.band else format_metric(sub),
                    "",
                ]
            )
            tooltip = f"{sub.label}: {sub.definition}"
            if sub.band:
                tooltip += f"\nBand: {sub.band}"
            for column in range(3):
                child.setToolTip(column, tooltip)
            child.setForeground(1, QColor(score_colour(None if sub.score is None else float(sub.score))))
            item.addChild(child)
        return item


def _rating(rating: SelfRating | None, key: str) -> str:
    value = getattr(rating, key, None) if rating is not None else None
    return "" if value is None else f"{value} / 5"


class ReportView(QWidget):
    """Scores, tips and the outline of a strong answer. Signals: seek_requested(float)."""

    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores = ScoresTree()
        self.tips = QListWidget()
        self.tips.setAccessibleName("Tips")
        self.tips.setWordWrap(True)
        self.tips.itemActivated.connect(self._tip_activated)
        self.tips.itemClicked.connect(self._tip_activated)
        self.outline = QListWidget()
        self.outline.setAccessibleName("Outline of a strong answer")
        self.outline.setWordWrap(True)
        for box in (self.tips, self.outline):
            box.setMinimumHeight(48)  # two lines, then they scroll: Review fits 1024x640 (125% of 1280x800)
        scores_box = QWidget()
        scores_layout = QVBoxLayout(scores_box)
        scores_layout.setContentsMargins(0, 0, 0, 0)
        scores_layout.addWidget(ElidedLabel("Scores (hover a metric for its definition)", "sectionTitle"))
        scores_layout.addWidget(self.scores, 1)
        self.content_note = NoticeBar()  # the rule that capped the content score, wrapped in full
        self.content_note.label.setAccessibleName("Content score note")
        scores_layout.addWidget(self.content_note)
        advice_box = QWidget()
        advice_layout = QVBoxLayout(advice_box)
        advice_layout.setContentsMargins(0, 0, 0, 0)
        advice_layout.addWidget(ElidedLabel("Tips (click one to play that moment)", "sectionTitle"))
        advice_layout.addWidget(self.tips, 3)
        advice_layout.addWidget(ElidedLabel("A strong answer would", "sectionTitle"))
        advice_layout.addWidget(self.outline, 2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scores_box, 3)  # four columns of scores need more room than the tips
        layout.addWidget(advice_box, 2)

    def show_analysis(self, analysis: AnswerAnalysis | None, rating: SelfRating | None = None) -> None:
        self.scores.show_scores(analysis, rating)
        scores = analysis.scores if analysis is not None else None
        self.content_note.show_notices(
            [f"Content: {scores.content.note}"] if scores and scores.content.note else []
        )
        self.tips.clear()
        self.outline.clear()
        if analysis is None:
            return
        for tip in analysis.tips:
            item = QListWidgetItem(f"▶ {tip.text}" if tip.time is not None else tip.text)
            item.setData(TIME_ROLE, tip.time)
            if tip.time is not None:
                item.setToolTip(f"Click to play the answer from {clock(tip.time)}.")
            self.tips.addItem(item)
        if not analysis.tips:
            self.tips.addItem(QListWidgetItem(no_tips_text(analysis.scores)))
        for line in analysis.model_outline:
            self.outline.addItem(QListWidgetItem(line))

    def _tip_activated(self, item: QListWidgetItem) -> None:
        time = item.data(TIME_ROLE)
        if time is not None:
            self.seek_requested.emit(float(time))

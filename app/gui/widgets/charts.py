"""Line charts across sessions (QtCharts): one point per session, a gap-free line through measured values.

A session where a value was not measured simply has no point (never a made-up zero). The x axis is a
value axis over the session numbers (0 .. n-1, half a step of margin on each side) with the sessions'
labels placed on their values: its range comes from the number of sessions, never from the labels, so
two sessions with the same label cannot squeeze the later ones off the chart (a QBarCategoryAxis drops
duplicate categories and did exactly that). When the labels do not fit side by side, every k-th one is
shown, counted back from the latest session so the newest always has its label.

`series_points`, `x_labels` and `point_positions` expose what a chart shows, for tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.theme import palette_colours

SERIES_COLOURS = ("#2f6fb3", "#2e7d4f", "#a86b00", "#7b4fb3", "#b3261e")
LABEL_GAP_PX = 36
"""Room beyond a label's own width between two neighbouring x labels: Qt elides a category label ("23 Nov,
14:...") unless the space per label exceeds its text by about 32 px (measured: an 85 px label was cut
below 117 px per label)."""


def label_indices(count: int, available_px: float, label_px: float) -> list[int]:
    """Which of `count` evenly spaced labels to show so that none overlap, the last one always shown.

    Args:
        count: number of sessions.
        available_px: width of the plot area.
        label_px: width of the widest label plus the gap wanted between labels.
    """
    if count <= 0:
        return []
    per_label = available_px / count  # pixels between two neighbouring sessions
    step = max(1, math.ceil(label_px / per_label)) if per_label > 0 else count
    return sorted(range(count - 1, -1, -step))


def y_bounds(
    values: Sequence[float], fixed: tuple[float, float] | None = None, symmetric: bool = False
) -> tuple[float, float]:
    """The y range that holds every value with a margin.

    Args:
        values: the measured values (no None).
        fixed: a preferred range (e.g. 1-5 for scores), widened only if a value falls outside it, with a
            margin of 5% of the range on both sides so a point at the top or bottom is drawn whole.
        symmetric: centre the range on 0 (for signed gaps), at least -1 .. 1, in steps of 0.5.
    """
    if symmetric:
        largest = max((abs(v) for v in values), default=0.0)
        top = max(1.0, math.ceil(largest * 1.15 * 2) / 2)
        return -top, top
    if fixed is not None:
        low, high = min([fixed[0], *values]), max([fixed[1], *values])
        margin = (high - low) * 0.05
        return low - margin, high + margin
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, abs(high) * 0.1, 0.5)
    bottom = low - pad
    if low >= 0:
        bottom = max(0.0, bottom)  # a rate or a share never goes below zero: don't suggest it could
    return bottom, high + pad


class LineChart(QChartView):
    """A titled chart of named series, one point per session, labelled with the sessions' names."""

    def __init__(
        self,
        title: str,
        y_title: str = "",
        y_range: tuple[float, float] | None = None,
        symmetric: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.y_title = y_title
        self.y_range = y_range
        self.symmetric = symmetric
        self.chart_ = QChart()
        self.chart_.setTitle(title)
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(self.chart_)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)
        self.series_by_name: dict[str, QLineSeries] = {}
        self.categories: list[str] = []
        self.x_axis: QCategoryAxis | None = None
        self.y_axis: QValueAxis | None = None
        self._labelled: tuple[list[int], int] | None = None  # indices shown, and for which axis
        # The plot area settles only after the axes are laid out (and moves when the title wraps): label
        # again then, or labels chosen for an estimated width are elided by Qt.
        self.chart_.plotAreaChanged.connect(lambda _area: self._label_x_axis())

    def set_data(self, categories: Sequence[str], series: dict[str, Sequence[float | None]]) -> None:
        """Draw one point per measured value; `categories` names the sessions, oldest first."""
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.series_by_name = {}
        self.categories = list(categories)
        colours = palette_colours()
        chart.setBackgroundBrush(QColor(colours.surface))
        chart.setTitleBrush(QColor(colours.text))
        chart.legend().setLabelColor(QColor(colours.text))
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        x_axis.setRange(-0.5, max(len(self.categories), 1) - 0.5)
        x_axis.setLabelsColor(QColor(colours.muted))
        x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        y_axis.setLabelsColor(QColor(colours.muted))
        if self.y_title:
            y_axis.setTitleText(self.y_title)
            y_axis.setTitleBrush(QColor(colours.muted))
        measured = [float(v) for values in series.values() for v in values if v is not None]
        y_axis.setRange(*y_bounds(measured, self.y_range, self.symmetric))
        if self.symmetric:
            y_axis.setTickCount(5)  # -top, -top/2, 0, top/2, top: zero is a grid line
        elif self.y_range is not None:  # grid lines on the range's whole steps (1, 2 ... 5), not on the margins
            y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
            y_axis.setTickAnchor(self.y_range[0])
            y_axis.setTickInterval(max(1.0, (self.y_range[1] - self.y_range[0]) / 4))
        y_axis.setLabelFormat("%.1f" if y_axis.max() <= 10 else "%.0f")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self.x_axis, self.y_axis = x_axis, y_axis
        for number, (name, values) in enumerate(series.items()):
            line = QLineSeries()
            line.setName(name)
            line.setPointsVisible(True)
            line.setPen(QPen(QColor(SERIES_COLOURS[number % len(SERIES_COLOURS)]), 2.5))
            for index, value in enumerate(values):
                if value is not None:
                    line.append(float(index), float(value))
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
            self.series_by_name[name] = line
        chart.legend().setVisible(len(series) > 1)
        self._label_x_axis()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._label_x_axis()  # a narrower chart shows fewer labels

    def _label_x_axis(self) -> None:
        axis = self.x_axis
        if axis is None:
            return
        if not self.categories:
            for old in axis.categoriesLabels():
                axis.remove(old)
            return
        metrics = QFontMetrics(axis.labelsFont())
        widest = max(metrics.horizontalAdvance(text) for text in self.categories) + LABEL_GAP_PX
        plot_width = self.chart_.plotArea().width()
        if plot_width <= 0:  # not laid out yet: estimate from the view, leaving room for the y axis
            plot_width = max(self.width() - 80, 100)
        indices = label_indices(len(self.categories), plot_width, widest)
        if self._labelled == (indices, id(axis)) and axis.categoriesLabels():
            return  # unchanged: relabelling would move the plot area again
        self._labelled = (indices, id(axis))
        for old in axis.categoriesLabels():
            axis.remove(old)
        used: set[str] = set()
        for index in indices:
            text = self.categories[index]
            while text in used:  # QCategoryAxis needs distinct labels; callers should give distinct ones
                text += "\u200b"
            used.add(text)
            axis.append(text, float(index))
        axis.setStartValue(-0.5)

    def series_points(self) -> dict[str, list[tuple[float, float]]]:
        return {name: [(p.x(), p.y()) for p in line.points()] for name, line in self.series_by_name.items()}

    def x_labels(self) -> list[tuple[str, float]]:
        """The x labels shown and the session index each stands at."""
        if self.x_axis is None:
            return []
        return [(text, self.x_axis.endValue(text)) for text in self.x_axis.categoriesLabels()]

    def point_positions(self) -> dict[str, list[QPointF]]:
        """Where each point is drawn, in chart coordinates (compare with chart_.plotArea())."""
        return {
            name: [self.chart_.mapToPosition(p, line) for p in line.points()]
            for name, line in self.series_by_name.items()
        }

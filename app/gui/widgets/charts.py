"""Line charts across sessions (QtCharts): one point per session, a gap-free line through measured values.

A session where a value was not measured simply has no point (never a made-up zero). `series_points`
exposes what a chart shows, so tests can check the number of points per series.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.theme import palette_colours

SERIES_COLOURS = ("#2f6fb3", "#2e7d4f", "#a86b00", "#7b4fb3", "#b3261e")


class LineChart(QChartView):
    """A titled chart of named series over categories (session dates)."""

    def __init__(
        self,
        title: str,
        y_title: str = "",
        y_range: tuple[float, float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.y_title = y_title
        self.y_range = y_range
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

    def set_data(self, categories: Sequence[str], series: dict[str, Sequence[float | None]]) -> None:
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.series_by_name = {}
        colours = palette_colours()
        chart.setBackgroundBrush(QColor(colours.surface))
        chart.setTitleBrush(QColor(colours.text))
        chart.legend().setLabelColor(QColor(colours.text))
        x_axis = QBarCategoryAxis()
        x_axis.append(list(categories))
        x_axis.setLabelsColor(QColor(colours.muted))
        y_axis = QValueAxis()
        y_axis.setLabelsColor(QColor(colours.muted))
        if self.y_title:
            y_axis.setTitleText(self.y_title)
            y_axis.setTitleBrush(QColor(colours.muted))
        measured = [v for values in series.values() for v in values if v is not None]
        if self.y_range is not None:
            y_axis.setRange(*self.y_range)
        elif measured:
            low, high = min(measured), max(measured)
            pad = max((high - low) * 0.15, abs(high) * 0.1, 0.5)
            y_axis.setRange(max(0.0, low - pad), high + pad)
        y_axis.setLabelFormat("%.1f" if self.y_range is None or self.y_range[1] <= 10 else "%.0f")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
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

    def series_points(self) -> dict[str, list[tuple[float, float]]]:
        return {name: [(p.x(), p.y()) for p in line.points()] for name, line in self.series_by_name.items()}

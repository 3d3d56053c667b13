"""History: how scores and key metrics change across sessions, two sessions side by side, how well the
person's own ratings match what was measured, and the practice routine (streak, weekly goal).

Everything is computed in the background from the stored sessions by app.session.history; the page
only draws it. No sessions yet -> a friendly message instead of empty charts.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.session import Session
from app.gui.context import AppContext
from app.gui.settings.controls import bind_spin
from app.gui.settings.keys import Key
from app.gui.theme import PAGE_MARGINS, label
from app.gui.widgets.charts import LineChart
from app.session.history import (
    DIMENSION_ROWS,
    GOAL_RULE,
    METRICS,
    HistoryData,
    compare_rows,
    load_history,
    overall_by_measurement,
    session_labels,
    session_metric,
    session_score,
    trend_summary,
)

__all__ = ["HistoryPage", "session_score"]


class HistoryPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("History page")
        self.data: HistoryData | None = None
        self.labels_by_id: dict[str, str] = {}
        self.loaded_once = False

        self.streak_label = label("", "sectionTitle", wrap=False)
        self.goal_bar = QProgressBar()
        self.goal_bar.setAccessibleName("Progress towards the weekly goal")
        self.goal_bar.setTextVisible(True)
        self.goal_bar.setMinimumWidth(
            160
        )  # the header row fits a 1024 px window (tests/gui/test_layout_fit.py)
        self.goal_bar.setToolTip(GOAL_RULE)
        self.goal_rule = label(GOAL_RULE, "muted", wrap=False)
        self.goal_rule.setAccessibleName("What counts towards the weekly goal")
        self.goal_spin = QSpinBox()
        self.goal_spin.setRange(int(Key.WEEKLY_GOAL.minimum or 1), int(Key.WEEKLY_GOAL.maximum or 21))
        self.goal_spin.setSuffix(" sessions a week")
        self.goal_spin.setAccessibleName("Weekly goal")
        bind_spin(context.settings, Key.WEEKLY_GOAL, self.goal_spin)
        self.goal_spin.valueChanged.connect(self._goal_changed)

        self.score_chart = LineChart("Delivery, body language and content (1-5)", y_range=(1.0, 5.0))
        self.overall_chart = LineChart("Overall (1-5)", y_range=(1.0, 5.0))
        self.trend_label = label("", "muted")
        self.trend_label.setAccessibleName("Trend of each score")
        self.metric_charts = {m.key: LineChart(m.label, y_title=m.unit) for m in METRICS}
        self.calibration_chart = LineChart(
            "Your rating minus the measured score", y_title="points", symmetric=True
        )
        self.calibration_label = label("", "muted")
        self.compare_a = QComboBox()
        self.compare_b = QComboBox()
        self.compare_a.setAccessibleName("First session to compare")
        self.compare_b.setAccessibleName("Second session to compare")
        self.compare_table = QTableWidget(0, 4)
        self.compare_table.setHorizontalHeaderLabels(["", "Session A", "Session B", "Change"])
        self.compare_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The row names ("Overall (recorded with camera and microphone)") are never cut short.
        self.compare_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.compare_table.verticalHeader().setVisible(False)
        self.compare_table.setAccessibleName("Two sessions side by side")
        self.compare_a.currentIndexChanged.connect(self._compare)
        self.compare_b.currentIndexChanged.connect(self._compare)
        self._build_layout()
        context.sessions_changed.append(self.refresh)

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(label("History", "pageTitle", wrap=False))
        header.addStretch(1)
        header.addWidget(QLabel("Weekly goal:"))
        header.addWidget(self.goal_spin)
        header.addWidget(self.goal_bar)
        rule = QHBoxLayout()  # the streak on this second row: one row for all of it needs > 1024 px
        rule.addWidget(self.streak_label)
        rule.addStretch(1)
        rule.addWidget(self.goal_rule)

        metrics = QWidget()
        grid = QGridLayout(metrics)
        for index, chart in enumerate(self.metric_charts.values()):
            grid.addWidget(chart, index // 2, index % 2)
        calibration = QWidget()
        calibration_layout = QVBoxLayout(calibration)
        calibration_layout.addWidget(self.calibration_label)
        calibration_layout.addWidget(self.calibration_chart, 1)
        compare = QWidget()
        compare_layout = QVBoxLayout(compare)
        pickers = QHBoxLayout()
        pickers.addWidget(QLabel("Session A:"))
        pickers.addWidget(self.compare_a, 1)
        pickers.addWidget(QLabel("Session B:"))
        pickers.addWidget(self.compare_b, 1)
        compare_layout.addLayout(pickers)
        compare_layout.addWidget(self.compare_table, 1)
        scores = QWidget()
        scores_layout = QVBoxLayout(scores)
        scores_layout.addWidget(self.trend_label)
        charts = QHBoxLayout()
        charts.addWidget(self.score_chart, 3)
        charts.addWidget(self.overall_chart, 2)
        scores_layout.addLayout(charts, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(scores, "Scores")
        self.tabs.addTab(metrics, "Key metrics")
        self.tabs.addTab(calibration, "Self-rating")
        self.tabs.addTab(compare, "Compare two sessions")

        self.empty = label(
            "No sessions yet.\n\nPractise an interview (or import a recording in Review) and your "
            "scores, pace and progress will appear here.",
            "muted",
        )
        self.empty.setAccessibleName("No sessions yet")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addLayout(header)
        layout.addLayout(rule)
        layout.addWidget(self.stack, 1)
        self._show_routine(None)

    # ---- loading ------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded_once:
            self.refresh()

    def refresh(self) -> None:
        self.loaded_once = True
        database = self.context.database
        if database is None:
            self.empty.setText("The practice database could not be opened, so there is no history to show.")
            return
        self.context.runner.run(
            load_history, database, self.goal_spin.value(), on_done=self.show_data, name="load history"
        )

    def show_data(self, data: HistoryData) -> None:
        self.data = data
        self._show_routine(data)
        if not data.sessions:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.tabs)
        dates = session_labels(data.sessions)
        self.labels_by_id = {s.id: text for s, text in zip(data.sessions, dates, strict=True)}
        self.score_chart.set_data(
            dates, {name: [session_score(s, key) for s in data.sessions] for key, name in DIMENSION_ROWS}
        )
        self._show_overall(data, dates)
        self.trend_label.setText(trend_summary(data.progress.trends))
        for metric in METRICS:
            self.metric_charts[metric.key].set_data(
                dates, {metric.label: [session_metric(s, metric) for s in data.sessions]}
            )
        self._show_calibration(data)
        self._fill_compare_choices(data.sessions)

    def _show_overall(self, data: HistoryData, dates: list[str]) -> None:
        """Overall only for the sessions measured the same way (progress.OverallBasis), said in the title."""
        basis = data.progress.overall_basis
        if basis is None:
            self.overall_chart.chart_.setTitle("Overall (1-5): no session has one yet")
            self.overall_chart.setToolTip(
                "Overall needs both delivery and content, so typed answers and videos without sound "
                "have none."
            )
            self.overall_chart.set_data([], {})
            return
        shown = [
            (text, value)
            for session, text in zip(data.sessions, dates, strict=True)
            if (value := overall_by_measurement(session).get(basis.measured_with)) is not None
        ]
        plural = "s" if basis.sessions != 1 else ""
        self.overall_chart.chart_.setTitle(
            f"Overall (1-5)<br>compared only across {basis.sessions} session{plural}<br>recorded with "
            f"{basis.measured_with}"
        )
        self.overall_chart.setAccessibleName(basis.note)
        self.overall_chart.setToolTip(
            basis.note + " An answer's overall includes body language only when the camera saw you, so "
            "sessions recorded another way are scored on different things."
        )
        self.overall_chart.set_data([t for t, _v in shown], {"Overall": [v for _t, v in shown]})

    def _show_routine(self, data: HistoryData | None) -> None:
        if data is None:
            self.streak_label.setText("")
            self.goal_bar.setRange(0, self.goal_spin.value())
            self.goal_bar.setValue(0)
            return
        routine = data.progress.routine
        days = f"{routine.day_streak} day{'s' if routine.day_streak != 1 else ''}"
        weeks = f"{routine.week_streak} week{'s' if routine.week_streak != 1 else ''}"
        self.streak_label.setText(f"Streak: {days} · {weeks}")
        self.streak_label.setToolTip("Consecutive days (and weeks) with practice, up to today.")
        self.goal_bar.setRange(0, max(1, routine.weekly_goal))
        self.goal_bar.setValue(min(routine.sessions_this_week, routine.weekly_goal))
        done = " — goal met!" if routine.goal_met else ""
        text = f"{routine.sessions_this_week} of {routine.weekly_goal} this week{done}"
        self.goal_bar.setFormat(text)
        # Wide enough for its text ("6 of 3 this week — goal met!" wrapped and was cut at 220 px).
        self.goal_bar.setMinimumWidth(max(220, self.goal_bar.fontMetrics().horizontalAdvance(text) + 40))

    def _show_calibration(self, data: HistoryData) -> None:
        points = data.progress.calibration.points
        if not points:
            self.calibration_label.setText(
                "Rate your own answers before seeing the results, and this shows "
                "whether your impression matches what was measured."
            )
            self.calibration_chart.set_data([], {})
            return
        verdict = data.progress.calibration.verdict
        self.calibration_label.setText(
            "Above zero: you rated yourself higher than measured; below: lower. "
            f"Your self-judgement: {verdict}."
        )
        self.calibration_chart.set_data(
            [self.labels_by_id.get(p.session_id, p.date) for p in points],
            {
                "Gap (yours - measured)": [p.mean_gap for p in points],
                "Size of the gap": [p.mean_abs_gap for p in points],
            },
        )

    def _goal_changed(self, _value: int) -> None:
        if self.data is not None:
            self.refresh()

    # ---- compare ------------------------------------------------------------------------------------

    def _fill_compare_choices(self, sessions: list[Session]) -> None:
        for box in (self.compare_a, self.compare_b):
            box.blockSignals(True)
            box.clear()
            for session in reversed(sessions):  # newest first
                box.addItem(f"{self.labels_by_id[session.id]} — {session.title}", session.id)
            box.blockSignals(False)
        self.compare_a.setCurrentIndex(min(1, len(sessions) - 1))  # the one before the latest
        self.compare_b.setCurrentIndex(0)
        self._compare()

    def compare_rows(self, first: Session, second: Session) -> list[tuple[str, str, str, str]]:
        return compare_rows(first, second)

    def _compare(self) -> None:
        if self.data is None or not self.data.sessions:
            return
        by_id = {s.id: s for s in self.data.sessions}
        first, second = by_id.get(self.compare_a.currentData()), by_id.get(self.compare_b.currentData())
        if first is None or second is None:
            return
        rows = self.compare_rows(first, second)
        self.compare_table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.compare_table.setItem(row, column, QTableWidgetItem(value))

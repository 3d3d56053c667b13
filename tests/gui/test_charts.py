"""History's line charts: every session inside the plot, labels that do not overlap, signed gaps drawn."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from app.gui.widgets.charts import LineChart, label_indices, y_bounds

pytestmark = pytest.mark.gui


def shown(qtbot, chart: LineChart, width: int = 600, height: int = 300) -> LineChart:  # type: ignore[no-untyped-def]
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def inside_plot(chart: LineChart) -> bool:
    area = chart.chart_.plotArea().adjusted(-0.5, -0.5, 0.5, 0.5)
    positions = [p for points in chart.point_positions().values() for p in points]
    return bool(positions) and all(area.contains(p) for p in positions)


def test_sessions_with_the_same_label_all_stay_on_the_chart(qtbot) -> None:  # type: ignore[no-untyped-def]
    # The walkthrough's bug: six sessions on one day had one label each ("12 Nov"); the category axis kept
    # one category, so the x range ended at the first session and the other five were drawn off the right.
    chart = shown(qtbot, LineChart("Words per minute", y_title="wpm"))
    chart.set_data(["12 Nov"] * 6, {"Words per minute": [100, 120, None, 130, 140, 150]})
    qtbot.waitUntil(lambda: chart.chart_.plotArea().width() > 0)
    assert [x for x, _y in chart.series_points()["Words per minute"]] == [0, 1, 3, 4, 5]  # None: no point
    assert chart.x_axis is not None and chart.x_axis.min() == -0.5 and chart.x_axis.max() == 5.5
    assert inside_plot(chart)


def test_labels_thin_out_when_many_sessions_and_never_overlap(qtbot) -> None:  # type: ignore[no-untyped-def]
    labels = [f"{day:02d} Nov, 18:{day:02d}" for day in range(1, 31)]
    chart = shown(qtbot, LineChart("Scores", y_range=(1.0, 5.0)), width=420)
    chart.set_data(labels, {"Overall": [3.0 + (i % 5) / 4 for i in range(30)]})
    qtbot.waitUntil(lambda: chart.chart_.plotArea().width() > 0)
    chart.set_data(labels, {"Overall": [3.0 + (i % 5) / 4 for i in range(30)]})  # laid out: real plot width
    assert inside_plot(chart)
    shown_labels = chart.x_labels()
    assert 2 <= len(shown_labels) < 30
    assert shown_labels[-1] == ("30 Nov, 18:30", 29.0)  # the latest session always has its label
    area = chart.chart_.plotArea()
    assert chart.x_axis is not None
    widest = max(QFontMetrics(chart.x_axis.labelsFont()).horizontalAdvance(t) for t in labels)
    pixels_per_session = area.width() / 30
    centres = [area.left() + (index + 0.5) * pixels_per_session for _text, index in shown_labels]
    assert all(b - a >= widest for a, b in zip(centres, centres[1:], strict=False))

    few = shown(qtbot, LineChart("Scores", y_range=(1.0, 5.0)), width=900)
    few.set_data(labels[:4], {"Overall": [3.0, 3.5, 4.0, 4.5]})
    qtbot.waitUntil(lambda: few.chart_.plotArea().width() > 0)
    assert [text for text, _x in few.x_labels()] == labels[:4]  # room for all: every session labelled


def drawn_x_labels(chart: LineChart) -> list[str]:
    """The x labels as Qt drew them (elided ones end in "...")."""
    from PySide6.QtWidgets import QGraphicsTextItem

    texts = [item.toPlainText() for item in chart.scene().items() if isinstance(item, QGraphicsTextItem)]
    return [text for text in texts if "Nov" in text]


@pytest.mark.parametrize("width", [330, 390, 450])
def test_no_label_is_cut_short(qtbot, width: int) -> None:  # type: ignore[no-untyped-def]
    # At 390 px, three labels side by side were drawn as "23 Nov, 14:..." (Qt elides a label that does not
    # have about 32 px to spare).
    labels = ["23 Nov, 14:35", "26 Nov, 14:35", "28 Nov, 14:35"]
    chart = shown(qtbot, LineChart("Overall", y_range=(1.0, 5.0)), width=width)
    chart.set_data(labels, {"Overall": [2.5, 3.0, 3.5]})
    qtbot.waitUntil(lambda: chart.chart_.plotArea().width() > 0)
    chart.set_data(labels, {"Overall": [2.5, 3.0, 3.5]})
    qtbot.waitUntil(lambda: len(drawn_x_labels(chart)) == len(chart.x_labels()))
    drawn = drawn_x_labels(chart)
    assert drawn and all(text in labels for text in drawn), (
        drawn,
        chart.x_labels(),
        chart.chart_.plotArea().width(),
    )
    assert "28 Nov, 14:35" in drawn  # the latest is always labelled


def test_negative_gap_is_drawn_on_an_axis_symmetric_around_zero(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = shown(qtbot, LineChart("Your rating minus the measured score", symmetric=True))
    chart.set_data(["a", "b", "c"], {"Gap": [0.4, -1.6, None], "Size of the gap": [0.4, 1.6, None]})
    qtbot.waitUntil(lambda: chart.chart_.plotArea().width() > 0)
    assert chart.y_axis is not None
    assert chart.y_axis.min() == -2.0 and chart.y_axis.max() == 2.0
    assert inside_plot(chart)


def test_axis_ranges_hold_every_value() -> None:
    assert y_bounds([0.3, -0.2], symmetric=True) == (-1.0, 1.0)  # at least -1 .. 1
    assert y_bounds([2.2], symmetric=True) == (-3.0, 3.0)
    assert y_bounds([2.0, 5.0], fixed=(1.0, 5.0)) == pytest.approx((0.8, 5.2))  # a point at 5.0 is drawn whole
    assert y_bounds([120, 180]) == (102.0, 198.0)  # padded by 15% of the spread or 10% of the top, the larger
    assert y_bounds([0.1, 0.4])[0] == 0.0  # a rate never suggests negative values
    assert label_indices(6, 600, 90) == [0, 1, 2, 3, 4, 5]
    assert label_indices(30, 300, 90) == [2, 11, 20, 29]  # 10 px per session, a label needs 90: every 9th
    assert label_indices(0, 300, 90) == []

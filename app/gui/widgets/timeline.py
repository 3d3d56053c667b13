"""A strip under the player: where the fillers, long pauses and looking-away moments of an answer are.

Each marker is clickable (the player seeks there) and has a tooltip saying what it is and when. The
markers come from the stored analysis by `timeline_markers`, a plain function so tests can check it.
The strip spans the whole recording, as the player does; a band under it shows the spoken span (first
word to last word), the part the answer's length is measured on.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.analysis_result import AnswerAnalysis
from app.core.timefmt import clock
from app.gui.theme import palette_colours

LONG_PAUSE_S = 2.0
"""Pauses shown on the timeline: shorter silences are ordinary phrasing."""

FILLER, PAUSE, LOOK_AWAY = "filler", "pause", "look_away"
LANES = (FILLER, PAUSE, LOOK_AWAY)
LANE_LABELS = {FILLER: "Fillers", PAUSE: "Long pauses", LOOK_AWAY: "Looking away"}


@dataclass(frozen=True)
class Marker:
    kind: str  # FILLER, PAUSE or LOOK_AWAY
    start: float
    end: float
    label: str

    @property
    def description(self) -> str:
        return f"{clock(self.start)} {self.label}"


def timeline_markers(analysis: AnswerAnalysis | None) -> list[Marker]:
    """Fillers, pauses of at least LONG_PAUSE_S and looking-away episodes, in time order."""
    if analysis is None:
        return []
    markers: list[Marker] = []
    if analysis.delivery is not None:
        for filler in analysis.delivery.fillers:
            markers.append(Marker(FILLER, filler.start, filler.end, f'filler "{filler.word}"'))
        for pause in analysis.delivery.pauses:
            if pause.duration >= LONG_PAUSE_S:
                markers.append(Marker(PAUSE, pause.start, pause.end, f"pause of {pause.duration:.1f} s"))
    if analysis.body_language is not None:
        for episode in analysis.body_language.looking_away:
            markers.append(
                Marker(
                    LOOK_AWAY,
                    episode.start,
                    episode.end,
                    f"looking away for {episode.end - episode.start:.1f} s",
                )
            )
    return sorted(markers, key=lambda m: (m.start, m.kind))


def spoken_span(analysis: AnswerAnalysis | None) -> tuple[float, float] | None:
    """From the first word's start to the last word's end (None without timed words)."""
    transcript = analysis.transcript if analysis is not None else None
    if transcript is None or transcript.typed or not transcript.words:
        return None
    return transcript.words[0].start, transcript.words[-1].end


class TimelineWidget(QWidget):
    """Signals:
    seek_requested(float): the user clicked the strip; seconds from the answer start.
    play_requested(float): the user clicked a marker (or pressed Enter on one): play from its start.
    """

    seek_requested = Signal(float)
    play_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.markers: list[Marker] = []
        self.duration = 0.0
        self.spoken: tuple[float, float] | None = None
        self.position = 0.0
        self._focused_marker = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Answer timeline")
        self.set_markers([], 0.0)

    def set_markers(
        self, markers: list[Marker], duration: float, spoken: tuple[float, float] | None = None
    ) -> None:
        """`duration`: the recording's length; `spoken`: the spoken span (first to last word) in it."""
        self.markers = list(markers)
        self.spoken = spoken
        ends = [m.end for m in markers] + ([spoken[1]] if spoken else [])
        self.duration = max(duration, max(ends, default=0.0))
        self.position = 0.0
        self._focused_marker = -1
        counts = {kind: sum(1 for m in markers if m.kind == kind) for kind in LANES}
        speech = f"Speech from {clock(spoken[0])} to {clock(spoken[1])}. " if spoken else ""
        self.setAccessibleDescription(
            speech
            + ", ".join(f"{count} {LANE_LABELS[kind].lower()}" for kind, count in counts.items())
            + ". Left and right arrows move between markers, Enter plays from one."
        )
        self.update()

    def extend_to(self, duration: float) -> None:
        """The player knows the media's own length: span at least that, so positions line up."""
        if duration > self.duration:
            self.duration = duration
            self.update()

    def set_position(self, seconds: float) -> None:
        self.position = seconds
        self.update()

    # ---- geometry -------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(400, self._lane_height() * len(LANES) + self.fontMetrics().height() + 10)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(200, self.sizeHint().height())

    def _lane_height(self) -> int:
        return self.fontMetrics().height() + 6

    def _label_width(self) -> int:
        return max(self.fontMetrics().horizontalAdvance(text) for text in LANE_LABELS.values()) + 12

    def _track(self) -> QRectF:
        left = self._label_width()
        return QRectF(left, 2, max(10.0, self.width() - left - 8), self._lane_height() * len(LANES))

    def _x(self, seconds: float) -> float:
        track = self._track()
        if self.duration <= 0:
            return track.left()
        return track.left() + track.width() * min(max(seconds / self.duration, 0.0), 1.0)

    def marker_rect(self, index: int) -> QRectF:
        marker = self.markers[index]
        lane = LANES.index(marker.kind)
        top = self._track().top() + lane * self._lane_height() + 3
        left = self._x(marker.start)
        width = max(6.0, self._x(marker.end) - left)
        return QRectF(left, top, width, self._lane_height() - 6)

    def marker_at(self, point: QPointF) -> int:
        for index in range(len(self.markers)):
            if self.marker_rect(index).adjusted(-3, -2, 3, 2).contains(point):
                return index
        return -1

    # ---- events -----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() != Qt.MouseButton.LeftButton or self.duration <= 0:
            return super().mousePressEvent(event)
        index = self.marker_at(event.position())
        if index >= 0:
            self._focused_marker = index
            self.play_requested.emit(self.markers[index].start)
        elif self._track().contains(event.position()):
            track = self._track()
            self.seek_requested.emit((event.position().x() - track.left()) / track.width() * self.duration)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if not self.markers:
            return super().keyPressEvent(event)
        if event.key() == Qt.Key.Key_Right:
            self._focused_marker = min(self._focused_marker + 1, len(self.markers) - 1)
        elif event.key() == Qt.Key.Key_Left:
            self._focused_marker = max(self._focused_marker - 1, 0)
        elif (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            and self._focused_marker >= 0
        ):
            self.play_requested.emit(self.markers[self._focused_marker].start)
        else:
            return super().keyPressEvent(event)
        if self._focused_marker >= 0:
            self.setAccessibleName(f"Answer timeline: {self.markers[self._focused_marker].description}")
        self.update()

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.marker_at(QPointF(event.pos()))
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.markers[index].description, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        colours = palette_colours()
        lane_colours = {
            FILLER: QColor(colours.fair),
            PAUSE: QColor(colours.accent),
            LOOK_AWAY: QColor(colours.poor),
        }
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = self._track()
        lane_height = self._lane_height()
        painter.setPen(QColor(colours.muted))
        for lane, kind in enumerate(LANES):
            row = QRectF(0, track.top() + lane * lane_height, track.left() - 6, lane_height)
            painter.drawText(
                row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, LANE_LABELS[kind]
            )
            painter.fillRect(
                QRectF(track.left(), row.top() + 2, track.width(), lane_height - 4),
                QColor(colours.border).lighter(110),
            )
        for index, marker in enumerate(self.markers):
            rect = self.marker_rect(index)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(lane_colours[marker.kind])
            painter.drawRoundedRect(rect, 2, 2)
            if index == self._focused_marker and self.hasFocus():
                painter.setPen(QPen(QColor(colours.text), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 3, 3)
        if self.spoken is not None and self.duration > 0:
            left, right = self._x(self.spoken[0]), self._x(self.spoken[1])
            band = QRectF(left, track.bottom() + 1, max(2.0, right - left), 3)
            painter.fillRect(band, QColor(colours.accent))
        if self.duration > 0:
            x = self._x(self.position)
            painter.setPen(QPen(QColor(colours.text), 2))
            painter.drawLine(QPointF(x, track.top()), QPointF(x, track.bottom()))
        small = QFont(self.font())
        painter.setFont(small)
        painter.setPen(QColor(colours.muted))
        axis = QRectF(track.left(), track.bottom() + 5, track.width(), self.fontMetrics().height() + 4)
        painter.drawText(axis, Qt.AlignmentFlag.AlignLeft, "0:00")
        painter.drawText(axis, Qt.AlignmentFlag.AlignRight, clock(self.duration))
        if not self.markers:
            painter.drawText(axis, Qt.AlignmentFlag.AlignHCenter, "No fillers, long pauses or looking away")
        painter.end()

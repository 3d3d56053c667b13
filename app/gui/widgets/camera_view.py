"""The camera preview: draws the newest frame of a source, polled from a QTimer (~20 fps).

Capture threads never touch widgets: they keep their newest frame, and this view asks for it on the GUI
thread (`follow(provider)`), converts it to a QImage and paints it scaled, keeping the aspect ratio.
With the landmark overlay on (off by default), it also polls the newest analysed face outline, shoulders
and wrists (`follow(provider, overlay)`) and draws them over the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.theme import palette_colours

if TYPE_CHECKING:
    from app.session.preview import LandmarkOverlay

FrameProvider = Callable[[], "np.ndarray | None"]
OverlayProvider = Callable[[], "LandmarkOverlay | None"]
PREVIEW_INTERVAL_MS = 50  # 20 fps: smooth enough for a self-view, cheap for the GUI thread


class CameraView(QWidget):
    """Shows RGB frames (height x width x 3 uint8). Without frames it shows `placeholder` text."""

    def __init__(self, placeholder: str = "No camera picture", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Camera preview")
        self.setMinimumSize(QSize(240, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._placeholder = placeholder
        self._image: QImage | None = None
        self._frame_id = 0
        self._provider: FrameProvider | None = None
        self._overlay_provider: OverlayProvider | None = None
        self._overlay: LandmarkOverlay | None = None
        self.show_overlay = False  # draw the landmark overlay (the LANDMARK_OVERLAY setting)
        self._timer = QTimer(self)
        self._timer.setInterval(PREVIEW_INTERVAL_MS)
        self._timer.timeout.connect(self._poll)
        self.frames_shown = 0
        self.guide = False  # draw a centre guide (used by the pre-session check)

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.update()

    def follow(self, provider: FrameProvider | None, overlay: OverlayProvider | None = None) -> None:
        """Poll `provider` for the newest frame and `overlay` for its landmarks (None stops and clears)."""
        self._provider = provider
        self._overlay_provider = overlay
        if provider is None:
            self._timer.stop()
            self.set_frame(None)
            self.set_overlay(None)
        else:
            self._timer.start()

    def set_frame(self, frame: np.ndarray | None) -> None:
        if frame is None:
            self._image = None
        else:
            rgb = np.ascontiguousarray(frame[:, :, :3], dtype=np.uint8)
            height, width = rgb.shape[:2]
            self._image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
            self.frames_shown += 1
        self.update()

    def set_overlay(self, overlay: LandmarkOverlay | None) -> None:
        self._overlay = overlay
        self.update()

    def set_overlay_visible(self, visible: bool) -> None:
        self.show_overlay = visible
        self.update()

    @property
    def has_picture(self) -> bool:
        return self._image is not None

    def _poll(self) -> None:
        provider = self._provider
        if provider is None:
            return
        if self.show_overlay and self._overlay_provider is not None:
            overlay = self._overlay_provider()
            if overlay is not self._overlay:
                self.set_overlay(overlay)
        frame = provider()
        if frame is None:
            return
        if id(frame) == self._frame_id:
            return  # the same frame object as last time: nothing new to draw
        self._frame_id = id(frame)
        self.set_frame(frame)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        self._timer.stop()
        super().hideEvent(event)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        if self._provider is not None:
            self._timer.start()
        super().showEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        colours = palette_colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor("#15181c"))
        if self._image is None:
            painter.setPen(QColor("#c9d1d9"))
            font = self.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            painter.setFont(font)
            painter.drawText(
                self.rect().adjusted(16, 16, -16, -16),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._placeholder,
            )
            return
        image_size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - image_size.width()) / 2
        y = (self.height() - image_size.height()) / 2
        target = QRectF(x, y, image_size.width(), image_size.height())
        painter.drawImage(target, self._image)
        if self.show_overlay and self._overlay is not None:
            self._paint_overlay(painter, target, self._overlay)
        if self.guide:
            pen = QPen(QColor(colours.accent))
            pen.setWidthF(2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            oval = QRectF(
                target.center().x() - target.width() * 0.18,
                target.top() + target.height() * 0.15,
                target.width() * 0.36,
                target.height() * 0.5,
            )
            painter.drawEllipse(oval)

    def _paint_overlay(self, painter: QPainter, target: QRectF, overlay: LandmarkOverlay) -> None:
        """The face outline, the shoulder line and the wrists, scaled from 0..1 to the drawn picture."""

        def at(point: tuple[float, float]) -> QPointF:
            x, y = point
            return QPointF(target.left() + x * target.width(), target.top() + y * target.height())

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(target)
        pen = QPen(QColor("#5fd0e6"))
        pen.setWidthF(2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if overlay.face_outline:
            painter.drawPolygon(QPolygonF([at(point) for point in overlay.face_outline]))
        pen.setColor(QColor("#6cc58f"))
        pen.setWidthF(3)
        painter.setPen(pen)
        if len(overlay.shoulders) == 2:
            painter.drawLine(at(overlay.shoulders[0]), at(overlay.shoulders[1]))
        pen.setColor(QColor("#e0a840"))
        painter.setPen(pen)
        radius = max(4.0, target.width() / 80)
        for wrist in overlay.wrists:
            painter.drawEllipse(at(wrist), radius, radius)
        painter.restore()

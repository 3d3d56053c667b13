"""The camera preview: draws the newest frame of a source, polled from a QTimer (~20 fps).

Capture threads never touch widgets: they keep their newest frame, and this view asks for it on the GUI
thread (`follow(provider)`), converts it to a QImage and paints it scaled, keeping the aspect ratio.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.theme import palette_colours

FrameProvider = Callable[[], "np.ndarray | None"]
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
        self._timer = QTimer(self)
        self._timer.setInterval(PREVIEW_INTERVAL_MS)
        self._timer.timeout.connect(self._poll)
        self.frames_shown = 0
        self.guide = False  # draw a centre guide (used by the pre-session check)

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.update()

    def follow(self, provider: FrameProvider | None) -> None:
        """Poll `provider` for the newest frame (None stops following and clears the picture)."""
        self._provider = provider
        if provider is None:
            self._timer.stop()
            self.set_frame(None)
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

    @property
    def has_picture(self) -> bool:
        return self._image is not None

    def _poll(self) -> None:
        provider = self._provider
        if provider is None:
            return
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

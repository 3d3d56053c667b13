"""The optional landmark overlay: live analysis of a file-source answer hands the face outline and
shoulders to the preview, which draws them only while the overlay is on; a checkbox is the switch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.core.questions import Category, Question
from app.gui.application import create_context, create_main_window
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings
from app.gui.widgets.camera_view import CameraView
from app.session.analyse import AnalysisServices
from app.session.live import file_capture_factory

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]

OUTLINE = QColor("#5fd0e6")


def _outline_pixels(image: QImage) -> int:
    """Pixels drawn in the face-outline colour (the preview's picture never has exactly this cyan)."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = pixels[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    target = np.array([OUTLINE.red(), OUTLINE.green(), OUTLINE.blue()])
    return int((np.abs(rgb - target).sum(axis=2) <= 12).sum())


@pytest.mark.media
@pytest.mark.slow
def test_overlay_arrives_from_a_file_answer_and_is_drawn(
    qtbot,
    shared_video: Path,
    shared_audio: Path,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    services = AnalysisServices()
    factory = file_capture_factory(
        shared_video / "smile_glasses_480.mp4",
        shared_audio / "jfk.wav",
        services,
        max_seconds=6.0,
        live_transcription=False,
    )
    question = Question(
        id="q", text="Tell me about yourself.", category=Category.MOTIVATION, competency="fit"
    )
    capture = factory(question)
    assert capture.latest_overlay() is None  # nothing analysed yet
    capture.start(tmp_path / "answer.mp4")
    try:
        qtbot.waitUntil(
            lambda: (o := capture.latest_overlay()) is not None and bool(o.face_outline), timeout=120_000
        )
    finally:
        capture.cancel()
        services.close()
    overlay = capture.latest_overlay()
    frame = capture.latest_frame()
    assert capture.latest_overlay() is overlay  # eased once per camera frame, not per poll
    assert overlay is not None and frame is not None
    xs = [x for x, _y in overlay.face_outline]
    ys = [y for _x, y in overlay.face_outline]
    assert len(xs) == 36 and all(0.0 <= v <= 1.0 for v in xs + ys)
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.1 < width < 0.8 and 0.1 < height < 0.9, (width, height)  # a talking head, not a speck
    assert 0.2 < (min(xs) + max(xs)) / 2 < 0.8  # roughly centred, as the speaker sits

    view = CameraView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.follow(lambda: frame, lambda: overlay)
    view.set_frame(frame)
    view._poll()  # noqa: SLF001 - one timer tick, without waiting for the timer
    off = view.grab().toImage()
    assert _outline_pixels(off) == 0
    view.set_overlay_visible(True)
    view._poll()  # noqa: SLF001
    on = view.grab().toImage()
    assert on != off
    assert _outline_pixels(on) > 200  # the outline around the face is drawn
    view.follow(None)


def test_practice_screen_checkbox_switches_the_overlay_and_remembers_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.set(Key.LAST_PAGE, 0)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    view = page.session_view
    assert not view.overlay_check.isChecked() and not view.camera.show_overlay  # off by default
    page.stack.setCurrentWidget(view)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.mouseClick(view.overlay_check, Qt.MouseButton.LeftButton)
    assert view.overlay_check.isChecked() and view.camera.show_overlay
    assert settings.get(Key.LANDMARK_OVERLAY) is True
    assert view.overlay_check.hasFocus()
    qtbot.keyClick(view.overlay_check, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not view.camera.show_overlay and settings.get(Key.LANDMARK_OVERLAY) is False

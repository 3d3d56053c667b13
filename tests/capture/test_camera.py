"""The camera: no camera, a busy camera, and a camera unplugged in the middle of an answer."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.capture.camera import CameraMode, CameraSource, check_camera, list_cameras
from app.capture.recorder import Recorder, VideoSpec
from app.capture.sources import CAMERA_LOST, STOPPED, FileAudioSource, VideoSource
from app.core.errors import CameraUnavailable


class FakeCapture:
    """A webcam granting 320x240 at 15 fps: `frames` blue (BGR) frames, then fails like an unplugged one."""

    def __init__(self, frames: int = 10, opened: bool = True, size: tuple[int, int] = (320, 240)) -> None:
        self.frames, self.opened, self.size = frames, opened, size
        self.requested: dict[int, float] = {}
        self.released = False
        self.reads = 0
        self.gate = threading.Event()  # frames after the first flow once the test opens it
        self.gate.set()

    def isOpened(self) -> bool:  # noqa: N802
        return self.opened

    def read(self) -> tuple[bool, Any]:
        self.reads += 1
        if self.reads > 1:
            assert self.gate.wait(10)
        if self.frames <= 0:
            return False, None
        self.frames -= 1
        frame = np.zeros((self.size[1], self.size[0], 3), dtype=np.uint8)
        frame[..., 0] = 255  # blue in OpenCV's BGR order
        return True, frame

    def set(self, prop: int, value: float) -> bool:
        self.requested[prop] = value
        return True

    def get(self, prop: int) -> float:
        import cv2

        return 15.0 if prop == cv2.CAP_PROP_FPS else 0.0

    def release(self) -> None:
        self.released = True


def _ticking_clock(step: float = 1 / 15) -> Callable[[], float]:
    count = iter(range(10**9))
    return lambda: next(count) * step


def test_this_machine_has_no_camera_and_says_what_to_do() -> None:
    if list_cameras():
        pytest.skip("a camera is connected here")
    with pytest.raises(CameraUnavailable) as error:
        CameraSource(0).start()
    assert "No camera was found" in error.value.message
    assert "audio-only" in error.value.advice
    check = check_camera()
    assert not check.ok and "no camera" in check.detail


def test_a_camera_used_by_another_app_is_reported_as_busy() -> None:
    fake = FakeCapture(opened=False)
    source = CameraSource(0, capture_factory=lambda index: fake, present=lambda index: True)
    with pytest.raises(CameraUnavailable) as error:
        source.start()
    assert "another app may be using it" in error.value.message
    assert "Close other apps" in error.value.advice
    assert fake.released


def test_a_camera_that_opens_but_sends_no_picture_is_reported_as_busy() -> None:
    fake = FakeCapture(frames=0)
    with pytest.raises(CameraUnavailable, match="sends no picture"):
        CameraSource(0, capture_factory=lambda index: fake, present=lambda index: True).start()


def test_granted_mode_is_reported_and_frames_come_as_rgb() -> None:
    import cv2

    fake = FakeCapture(frames=5)
    source = CameraSource(
        1, capture_factory=lambda index: fake, present=lambda index: True, clock=_ticking_clock()
    )
    assert isinstance(source, VideoSource)
    frames: list[tuple[float, np.ndarray]] = []
    source.subscribe(lambda t, frame: frames.append((t, frame)))
    source.start()
    assert source.wait(10)

    assert fake.requested[cv2.CAP_PROP_FRAME_WIDTH] == 640 and fake.requested[cv2.CAP_PROP_FPS] == 30
    assert source.mode == CameraMode(320, 240, 15.0)
    assert (source.width, source.height, source.fps) == (320, 240, 15.0)
    assert len(frames) == 5
    assert frames[0][1][0, 0].tolist() == [0, 0, 255]  # blue, in RGB order
    assert [t for t, _ in frames] == pytest.approx([0, 1 / 15, 2 / 15, 3 / 15, 4 / 15])


def test_unplugging_the_camera_mid_answer_ends_video_and_the_sound_recording_goes_on(
    speech_wav: Path, tmp_path: Path
) -> None:
    lost = threading.Event()
    reasons: list[str] = []
    fake = FakeCapture(frames=45)  # 3 s of picture, then unplugged
    fake.gate.clear()
    camera = CameraSource(
        0, capture_factory=lambda index: fake, present=lambda index: True, clock=_ticking_clock()
    )
    camera.on_ended(lambda reason: (reasons.append(reason), lost.set()))
    camera.start()  # reads the first frame to learn the size
    microphone = FileAudioSource(speech_wav, speed=0)
    recorder = Recorder(tmp_path / "answer.mp4", VideoSpec.of(camera), block_when_full=True)
    recorder.attach(camera, microphone)
    recorder.start()
    microphone.start()
    fake.gate.set()

    assert lost.wait(10) and microphone.wait(30)
    assert camera.end_reason == CAMERA_LOST and reasons == [CAMERA_LOST]
    result = recorder.finish()
    assert result.video_end_reason == CAMERA_LOST
    assert result.has_video and result.video_frames == 44  # the first frame was read before recording
    assert result.audio_seconds == pytest.approx(
        len(microphone.samples) / 16000, abs=0.07
    )  # all 11 s of speech


def test_stopping_the_camera_is_not_reported_as_lost() -> None:
    fake = FakeCapture(frames=10**6)
    source = CameraSource(0, capture_factory=lambda index: fake, present=lambda index: True)
    got_frame = threading.Event()
    source.subscribe(lambda t, frame: got_frame.set())
    source.start()
    assert got_frame.wait(10)
    source.stop()
    assert source.end_reason == STOPPED and fake.released

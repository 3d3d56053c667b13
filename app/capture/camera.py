"""Webcam capture with OpenCV (from mediapipe's opencv-contrib-python).

`list_cameras()` finds cameras without opening a window; `CameraSource` (below) delivers RGB frames with
timestamps on its own thread and never waits for whoever consumes them.
"""

from __future__ import annotations

import glob
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from app.capture import clock as media_clock
from app.capture.sources import CAMERA_LOST, STOPPED, ThreadedSource
from app.core.diagnostics import Check
from app.core.errors import CameraUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CameraInfo:
    index: int
    name: str


def _candidate_indices(limit: int = 4) -> list[int]:
    if sys.platform.startswith("linux"):
        indices = []
        for node in sorted(glob.glob("/dev/video*")):
            suffix = node.removeprefix("/dev/video")
            if suffix.isdigit():
                indices.append(int(suffix))
        return indices
    return list(range(limit))


def _device_name(index: int) -> str:
    if sys.platform.startswith("linux"):
        try:
            with open(f"/sys/class/video4linux/video{index}/name", encoding="utf-8") as handle:
                return handle.read().strip()
        except OSError:
            pass
    return f"Camera {index}"


def list_cameras() -> list[CameraInfo]:
    """Cameras that open and deliver a frame. Returns at once when there is none."""
    import cv2

    found = []
    for index in _candidate_indices():
        capture = cv2.VideoCapture(index)
        try:
            if capture.isOpened():
                ok, _frame = capture.read()
                if ok:
                    found.append(CameraInfo(index, _device_name(index)))
        finally:
            capture.release()
    return found


def check_camera() -> Check:
    try:
        cameras = list_cameras()
    except Exception as error:  # noqa: BLE001 - doctor must report, never crash
        log.exception("camera probe failed")
        return Check("camera", False, f"could not probe cameras: {error}", "Check that OpenCV is installed.")
    if not cameras:
        return Check(
            "camera",
            False,
            "no camera found",
            "Connect a webcam (or close the app using it). You can still practise audio-only.",
        )
    names = ", ".join(f"{camera.name} (#{camera.index})" for camera in cameras)
    return Check("camera", True, names)


class Capture(Protocol):
    """The part of cv2.VideoCapture the camera source uses (a fake in tests)."""

    def isOpened(self) -> bool: ...  # noqa: N802 - OpenCV's name

    def read(self) -> tuple[bool, Any]: ...

    def set(self, prop: int, value: float) -> bool: ...

    def get(self, prop: int) -> float: ...

    def release(self) -> None: ...


@dataclass(frozen=True)
class CameraMode:
    """What the camera granted (it may ignore the resolution or frame rate we ask for)."""

    width: int
    height: int
    fps: float


def _opencv_capture(index: int) -> Capture:
    import cv2

    backend = cv2.CAP_V4L2 if sys.platform.startswith("linux") else cv2.CAP_ANY
    return cv2.VideoCapture(index, backend)  # type: ignore[no-any-return]


def device_present(index: int) -> bool:
    """Whether a camera device node exists (only knowable on Linux; elsewhere assume it may)."""
    if sys.platform.startswith("linux"):
        return os.path.exists(f"/dev/video{index}")
    return True


_NO_CAMERA_ADVICE = (
    "Connect a webcam and try again, or practise audio-only (your answers are still recorded)."
)
_BUSY_ADVICE = (
    "Close other apps that use the camera (video calls, browsers), check the camera's privacy switch or "
    "permission, then try again, or practise audio-only."
)
# A camera that fails this many reads in a row, or delivers nothing for this long, is gone.
_MAX_FAILED_READS = 5
_LOST_AFTER_S = 2.0


class CameraSource(ThreadedSource):
    """Frames from a webcam as RGB arrays, timestamped with `clock()` (time.monotonic by default).

    `start()` raises CameraUnavailable when there is no camera or it is busy. When the camera is unplugged
    during an answer, reads start failing: the source ends with reason "camera lost" and calls its
    `on_ended` callbacks, while the microphone and the session carry on.

    Args:
        index: the camera to use (see `list_cameras()`).
        width, height, fps: the mode to ask for; `mode` reports what was granted.
        capture_factory: opens a capture for an index (cv2.VideoCapture; a fake in tests).
        present: whether the device exists, to tell "no camera" from "busy" (Linux: /dev/videoN).
        clock: timestamp source shared with the microphone (app.capture.clock) so sound and picture line up.
    """

    def __init__(
        self,
        index: int = 0,
        width: int = 640,
        height: int = 480,
        fps: float = 30.0,
        capture_factory: Callable[[int], Capture] = _opencv_capture,
        present: Callable[[int], bool] = device_present,
        clock: Callable[[], float] = media_clock.now,
    ) -> None:
        super().__init__(f"camera-{index}")
        self.index = index
        self.requested = CameraMode(width, height, fps)
        self._capture_factory = capture_factory
        self._present = present
        self._clock = clock
        self._capture: Capture | None = None
        self._first_frame: np.ndarray | None = None
        self.mode: CameraMode | None = None
        self.failed_reads = 0

    @property
    def width(self) -> int:
        return (self.mode or self.requested).width

    @property
    def height(self) -> int:
        return (self.mode or self.requested).height

    @property
    def fps(self) -> float:
        return (self.mode or self.requested).fps

    def _open(self) -> None:
        import cv2

        if not self._present(self.index):
            raise CameraUnavailable(
                f"No camera was found (camera #{self.index} is not connected).", _NO_CAMERA_ADVICE
            )
        capture = self._capture_factory(self.index)
        if not capture.isOpened():
            capture.release()
            raise CameraUnavailable(
                f"The camera (#{self.index}) could not be opened: another app may be using it.", _BUSY_ADVICE
            )
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.requested.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.requested.height)
        capture.set(cv2.CAP_PROP_FPS, self.requested.fps)
        ok, frame = capture.read()
        if not ok or frame is None:
            capture.release()
            raise CameraUnavailable(
                f"The camera (#{self.index}) opened but sends no picture: another app may be using it.",
                _BUSY_ADVICE,
            )
        granted_fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        if not 1.0 <= granted_fps <= 240.0:
            granted_fps = self.requested.fps
        self.mode = CameraMode(int(frame.shape[1]), int(frame.shape[0]), granted_fps)
        log.info("camera #%d: asked for %s, granted %s", self.index, self.requested, self.mode)
        self._capture = capture
        self._first_frame = frame

    def _run(self) -> str:
        import cv2

        capture = self._capture
        assert capture is not None
        frame: Any = self._first_frame
        self._first_frame = None
        last_good = time.monotonic()
        while not self._stop_requested.is_set():
            if frame is None:
                ok, frame = capture.read()
                if not ok or frame is None:
                    frame = None
                    self.failed_reads += 1
                    if self.failed_reads >= _MAX_FAILED_READS or time.monotonic() - last_good > _LOST_AFTER_S:
                        log.warning("camera #%d stopped delivering frames", self.index)
                        return CAMERA_LOST
                    self._stop_requested.wait(0.02)
                    continue
            timestamp = self._clock()
            self.failed_reads = 0
            last_good = time.monotonic()
            self._deliver(timestamp, cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
            frame = None
        return STOPPED

    def _close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

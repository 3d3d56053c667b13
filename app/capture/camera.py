"""Webcam capture with OpenCV (from mediapipe's opencv-contrib-python).

`list_cameras()` finds cameras without opening a window; `CameraSource` (below) delivers RGB frames with
timestamps on its own thread and never waits for whoever consumes them.
"""

from __future__ import annotations

import glob
import logging
import sys
from dataclasses import dataclass

from app.core.diagnostics import Check

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

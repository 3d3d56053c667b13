"""A copy of a video with the landmarks and the per-frame cue labels drawn on it (cv2 drawing, PyAV H.264).

It lets a person see what the analysis saw: which points were found, when the head counted as facing
the camera, when a smile registered. The copy holds the analysed frames only (at the sampling rate).
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import Any

import numpy as np

from app.core import body_language as bl
from app.core.errors import MediaFileError
from app.vision.features import FrameFeatures
from app.vision.landmarks import FrameLandmarks

log = logging.getLogger(__name__)

_POSE_LINES = [(11, 12), (11, 13), (13, 15), (12, 14), (14, 16), (11, 23), (12, 24), (23, 24)]
GREEN, RED, YELLOW, WHITE, CYAN = (
    (60, 200, 60),
    (230, 60, 60),
    (240, 200, 40),
    (255, 255, 255),
    (60, 200, 230),
)


def frame_labels(feats: FrameFeatures) -> list[tuple[str, tuple[int, int, int]]]:
    """The per-frame cue labels drawn in the corner (text, RGB colour)."""
    if not feats.face:
        return [(f"{feats.time:6.2f} s  no face", RED)]
    facing = abs(feats.yaw) <= bl.FACING_MAX_YAW_DEG and abs(feats.pitch) <= bl.FACING_MAX_PITCH_DEG
    labels = [
        (f"{feats.time:6.2f} s", WHITE),
        (
            f"facing camera: {'yes' if facing else 'no'} (yaw {feats.yaw:+.0f}, pitch {feats.pitch:+.0f})",
            GREEN if facing else RED,
        ),
    ]
    if not math.isnan(feats.smile):
        smiling = feats.smile >= bl.SMILE_THRESHOLD
        labels.append(
            (f"smile {feats.smile:.2f}{'  smiling' if smiling else ''}", YELLOW if smiling else WHITE)
        )
    if feats.pose:
        labels.append((f"shoulder tilt {feats.shoulder_tilt:+.0f} deg", WHITE))
    return labels


def draw_overlay(rgb: np.ndarray, landmarks: FrameLandmarks | None, feats: FrameFeatures) -> np.ndarray:
    """A copy of the RGB frame with face points, the upper-body skeleton, hands and labels drawn."""
    import cv2

    out = rgb.copy()
    height, width = out.shape[:2]
    thickness = max(1, width // 400)
    if landmarks is not None and landmarks.face is not None:
        for x, y, _z in landmarks.face[::3]:
            cv2.circle(out, (int(x * width), int(y * height)), thickness, CYAN, -1)
    if landmarks is not None and landmarks.pose is not None:
        pose = landmarks.pose
        for a, b in _POSE_LINES:
            if pose[a, 3] >= 0.5 and pose[b, 3] >= 0.5:
                pa = (int(pose[a, 0] * width), int(pose[a, 1] * height))
                pb = (int(pose[b, 0] * width), int(pose[b, 1] * height))
                cv2.line(out, pa, pb, GREEN, thickness + 1)
    for hx, hy in ((feats.left_x, feats.left_y), (feats.right_x, feats.right_y)):
        if not math.isnan(hx):
            cv2.circle(out, (int(hx), int(hy)), 6 * thickness, YELLOW, thickness + 1)
    scale = max(0.4, width / 1100)
    y = int(22 * scale / 0.5)
    for text, colour in frame_labels(feats):
        (text_w, text_h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
        cv2.rectangle(out, (4, y - text_h - 4), (12 + text_w, y + base), (0, 0, 0), -1)
        cv2.putText(out, text, (8, y), cv2.FONT_HERSHEY_SIMPLEX, scale, colour, thickness, cv2.LINE_AA)
        y += text_h + base + 8
    return out


class AnnotatedWriter:
    """Writes RGB frames to an MP4 (H.264 via PyAV's libx264, MPEG-4 Part 2 if that is missing)."""

    def __init__(self, path: str | Path, fps: float) -> None:
        self.path = Path(path)
        self.fps = max(1, int(round(fps)))
        self._container: Any = None
        self._stream: Any = None
        self.frames_written = 0

    def _open(self, width: int, height: int) -> None:
        import av

        try:
            self._container = av.open(str(self.path), mode="w")
        except (av.error.FFmpegError, OSError) as exc:
            raise MediaFileError(
                f"Cannot write {self.path} ({exc}).", "Choose a writable .mp4 path."
            ) from exc
        for codec, options in (("libx264", {"preset": "veryfast", "crf": "23"}), ("mpeg4", {})):
            try:
                self._stream = self._container.add_stream(codec, rate=self.fps, options=options)
                break
            except (av.error.FFmpegError, ValueError):
                log.info("encoder %s unavailable, trying the next", codec)
        self._stream.width, self._stream.height = width - width % 2, height - height % 2
        self._stream.pix_fmt = "yuv420p"

    def write(self, rgb: np.ndarray) -> None:
        import av

        if self._container is None:
            self._open(rgb.shape[1], rgb.shape[0])
        rgb = rgb[: self._stream.height, : self._stream.width]
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
        for packet in self._stream.encode(frame):
            self._container.mux(packet)
        self.frames_written += 1

    def close(self) -> None:
        if self._container is None:
            return
        for packet in self._stream.encode():
            self._container.mux(packet)
        self._container.close()
        self._container = None

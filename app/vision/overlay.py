"""The few landmark points worth drawing on a live preview: the face outline, the shoulders, the wrists.

Plain tuples in normalised image coordinates (x, y in 0..1 of the frame's width and height), so any view
can scale them to the picture it shows, and no drawing library is needed here. A person sees that the
analysis found their face and upper body without the clutter of 478 face points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from app.vision.landmarks import LEFT_SHOULDER, RIGHT_SHOULDER, FrameLandmarks

Point = tuple[float, float]

# MediaPipe Face Mesh silhouette, in order around the face (forehead, right cheek, chin, left cheek).
FACE_OUTLINE = (
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
    152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
)  # fmt: skip
LEFT_WRIST, RIGHT_WRIST = 15, 16
MIN_VISIBILITY = 0.5  # pose points MediaPipe is less sure of are not drawn


@dataclass(frozen=True)
class LandmarkOverlay:
    """What the preview draws for one analysed frame (empty lists: not found in that frame)."""

    time_s: float = 0.0  # seconds from the answer's start of the analysed frame
    face_outline: list[Point] = field(default_factory=list)  # a closed polygon
    shoulders: list[Point] = field(default_factory=list)  # left then right, both or none
    wrists: list[Point] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.face_outline or self.shoulders or self.wrists)


def overlay_from_landmarks(landmarks: FrameLandmarks, time_s: float = 0.0) -> LandmarkOverlay:
    face: list[Point] = []
    if landmarks.face is not None:
        face = [(float(landmarks.face[i, 0]), float(landmarks.face[i, 1])) for i in FACE_OUTLINE]
    shoulders: list[Point] = []
    wrists: list[Point] = []
    pose = landmarks.pose
    if pose is not None:
        if pose[LEFT_SHOULDER, 3] >= MIN_VISIBILITY and pose[RIGHT_SHOULDER, 3] >= MIN_VISIBILITY:
            shoulders = [(float(pose[i, 0]), float(pose[i, 1])) for i in (LEFT_SHOULDER, RIGHT_SHOULDER)]
        wrists = [
            (float(pose[i, 0]), float(pose[i, 1]))
            for i in (LEFT_WRIST, RIGHT_WRIST)
            if pose[i, 3] >= MIN_VISIBILITY and 0.0 <= pose[i, 0] <= 1.0 and 0.0 <= pose[i, 1] <= 1.0
        ]
    return LandmarkOverlay(time_s, face, shoulders, wrists)


class OverlaySmoother:
    """Eases the drawn points towards the newest analysed ones, one step per camera frame.

    The face model runs at ~15 fps and the pose model at ~10 fps (schedule.py), so their points would
    jump 10-15 times a second on a 30 fps preview. Each `step` moves every point a share of the way to
    its newest analysed position, that share set by the time since the previous step and
    `time_constant_s`, so the outline glides at the camera's rate and lags the analysis by about the
    time constant. A shape that appears, vanishes or changes its point count is shown as analysed.
    """

    def __init__(self, time_constant_s: float = 0.05) -> None:
        self.time_constant_s = time_constant_s
        self._shown: LandmarkOverlay | None = None
        self._time: float | None = None

    def step(self, target: LandmarkOverlay, now_s: float) -> LandmarkOverlay:
        """The overlay to draw at `now_s` (seconds, any steady clock) given the newest analysed one."""
        previous, last = self._shown, self._time
        self._time = now_s
        if previous is None or last is None or now_s <= last:
            self._shown = target if previous is None or last is None else previous
            return self._shown
        share = 1.0 - math.exp(-(now_s - last) / self.time_constant_s)
        self._shown = replace(
            target,
            face_outline=_ease(previous.face_outline, target.face_outline, share),
            shoulders=_ease(previous.shoulders, target.shoulders, share),
            wrists=_ease(previous.wrists, target.wrists, share),
        )
        return self._shown


def _ease(shown: list[Point], target: list[Point], share: float) -> list[Point]:
    if len(shown) != len(target):
        return list(target)
    return [
        (x + (tx - x) * share, y + (ty - y) * share) for (x, y), (tx, ty) in zip(shown, target, strict=True)
    ]

"""The few landmark points worth drawing on a live preview: the face outline, the shoulders, the wrists.

Plain tuples in normalised image coordinates (x, y in 0..1 of the frame's width and height), so any view
can scale them to the picture it shows, and no drawing library is needed here. A person sees that the
analysis found their face and upper body without the clutter of 478 face points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

"""Per-frame measurements from landmarks: head angles, smile, face box, posture and hand positions.

Everything here is per frame and unsmoothed; cues.py smooths over time and turns it into per-answer
cues. Distances that depend on how far the person sits (hand speed, torso height) are measured in pixels
and later divided by the shoulder width, so they mean the same at any distance from the camera.

Hands come from the pose model's wrist/index/pinky/thumb points (see landmarks.py for why not the hand
model): a hand counts as visible when at least two of its four points have visibility >= 0.5 and lie
inside the picture.

`FeatureTrack` stores frames as compact float32 rows (about 300 bytes a frame), so a 10-minute stream at
30 fps holds about 5 MB, not hundreds of Python objects per frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import numpy as np

from app.vision.landmarks import (
    BLENDSHAPE_NAMES,
    LEFT_HAND,
    LEFT_SHOULDER,
    NOSE,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    FrameLandmarks,
)

NAN = float("nan")
VISIBLE = 0.5
N_BLENDSHAPES = 52


@dataclass
class FrameFeatures:
    """One analysed frame. Pixel values refer to the analysed frame; NaN where not measurable."""

    time: float
    luminance: float
    face: bool = False
    yaw: float = NAN  # deg, + = head turned to the person's left
    pitch: float = NAN  # deg, + = chin up
    roll: float = NAN  # deg
    smile: float = NAN  # 0..1, mean of mouthSmileLeft/Right
    face_cx: float = NAN  # face box centre, fraction of width
    face_cy: float = NAN  # fraction of height
    face_w: float = NAN  # face box width, fraction of width
    pose: bool = False
    shoulder_tilt: float = NAN  # deg, signed
    shoulder_width: float = NAN  # px
    torso_height: float = NAN  # px from shoulder midpoint up to nose
    nose_x: float = NAN  # px
    nose_y: float = NAN
    left_x: float = NAN  # person's left hand centre, px
    left_y: float = NAN
    right_x: float = NAN
    right_y: float = NAN
    blendshapes: np.ndarray | None = field(default=None, repr=False)
    face_measured: bool = True  # False: the face model did not run on this frame (live, rate-limited)
    pose_measured: bool = True


_NOT_COLUMNS = ("blendshapes", "face_measured", "pose_measured")
_SCALARS = [f.name for f in fields(FrameFeatures) if f.name not in _NOT_COLUMNS]
COLUMNS: dict[str, int] = {name: i for i, name in enumerate(_SCALARS)}
BLEND_OFFSET = len(_SCALARS)
ROW_SIZE = BLEND_OFFSET + N_BLENDSHAPES


def head_angles(matrix: np.ndarray) -> tuple[float, float, float]:
    """Yaw, pitch, roll in degrees from the facial transformation matrix (rotation part)."""
    r = matrix[:3, :3].astype(np.float64)
    yaw = math.degrees(math.atan2(-float(r[2, 0]), math.hypot(float(r[2, 1]), float(r[2, 2]))))
    pitch = math.degrees(math.atan2(float(r[2, 1]), float(r[2, 2])))
    roll = math.degrees(math.atan2(float(r[1, 0]), float(r[0, 0])))
    return yaw, pitch, roll


def mean_luminance(rgb: np.ndarray) -> float:
    """Rec. 601 luma (0..255) of a subsampled copy: cheap, and enough for 'too dark'."""
    step = max(1, min(rgb.shape[0], rgb.shape[1]) // 120)
    small = rgb[::step, ::step].astype(np.float32)
    return float((small[..., 0] * 0.299 + small[..., 1] * 0.587 + small[..., 2] * 0.114).mean())


def _hand_centre(pose: np.ndarray, indices: tuple[int, ...], width: int, height: int) -> tuple[float, float]:
    points = pose[list(indices)]
    ok = (points[:, 3] >= VISIBLE) & (points[:, 0] >= 0) & (points[:, 0] <= 1)
    ok &= (points[:, 1] >= 0) & (points[:, 1] <= 1)
    if ok.sum() < 2:
        return NAN, NAN
    return float(points[ok, 0].mean() * width), float(points[ok, 1].mean() * height)


def extract_features(landmarks: FrameLandmarks, rgb: np.ndarray, time_s: float) -> FrameFeatures:
    """Measurements of one frame from its landmarks (and its pixels, for the light level)."""
    width, height = landmarks.width, landmarks.height
    feats = FrameFeatures(time=time_s, luminance=mean_luminance(rgb))
    feats.face_measured, feats.pose_measured = landmarks.face_ran, landmarks.pose_ran
    if landmarks.face is not None:
        feats.face = True
        xs, ys = landmarks.face[:, 0], landmarks.face[:, 1]
        feats.face_cx = float((xs.min() + xs.max()) / 2)
        feats.face_cy = float((ys.min() + ys.max()) / 2)
        feats.face_w = float(xs.max() - xs.min())
        if landmarks.face_matrix is not None:
            feats.yaw, feats.pitch, feats.roll = head_angles(landmarks.face_matrix)
        if landmarks.blendshapes is not None:
            feats.blendshapes = landmarks.blendshapes
            names = BLENDSHAPE_NAMES
            if "mouthSmileLeft" in names:
                left = landmarks.blendshapes[names.index("mouthSmileLeft")]
                right = landmarks.blendshapes[names.index("mouthSmileRight")]
                feats.smile = float((left + right) / 2)
    pose = landmarks.pose
    if pose is not None:
        ls, rs = pose[LEFT_SHOULDER], pose[RIGHT_SHOULDER]
        if ls[3] >= VISIBLE and rs[3] >= VISIBLE:
            feats.pose = True
            lx, ly, rx, ry = ls[0] * width, ls[1] * height, rs[0] * width, rs[1] * height
            dx, dy = lx - rx, ly - ry  # image-right minus image-left for a person facing the camera
            angle = math.degrees(math.atan2(dy, dx))
            if angle > 90:
                angle -= 180
            elif angle < -90:
                angle += 180
            feats.shoulder_tilt = angle
            feats.shoulder_width = float(math.hypot(dx, dy))
            if pose[NOSE, 3] >= VISIBLE:
                feats.nose_x, feats.nose_y = float(pose[NOSE, 0] * width), float(pose[NOSE, 1] * height)
                feats.torso_height = float((ly + ry) / 2 - feats.nose_y)
            feats.left_x, feats.left_y = _hand_centre(pose, LEFT_HAND, width, height)
            feats.right_x, feats.right_y = _hand_centre(pose, RIGHT_HAND, width, height)
    return feats


def to_row(feats: FrameFeatures) -> np.ndarray:
    row = np.full(ROW_SIZE, np.nan, dtype=np.float32)
    for name, index in COLUMNS.items():
        row[index] = float(getattr(feats, name))
    if feats.blendshapes is not None and feats.blendshapes.shape[0] == N_BLENDSHAPES:
        row[BLEND_OFFSET:] = feats.blendshapes
    # A model that did not run leaves its flag NaN: cues.py then leaves the row out of that model's
    # measures instead of counting it as "no face" / "no body" (see compute_cues).
    if not feats.face_measured:
        row[COLUMNS["face"]] = np.nan
    if not feats.pose_measured:
        row[COLUMNS["pose"]] = np.nan
    return row


class FeatureTrack:
    """Append-only per-frame feature store in float32 chunks (bounded cost per frame, no object churn)."""

    CHUNK = 1024

    def __init__(self) -> None:
        self._chunks: list[np.ndarray] = []
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, feats: FrameFeatures) -> None:
        slot = self._count % self.CHUNK
        if slot == 0:
            self._chunks.append(np.full((self.CHUNK, ROW_SIZE), np.nan, dtype=np.float32))
        self._chunks[-1][slot] = to_row(feats)
        self._count += 1

    def array(self) -> np.ndarray:
        """All rows as one (n, ROW_SIZE) float64 array (times in column COLUMNS['time'])."""
        if not self._count:
            return np.zeros((0, ROW_SIZE))
        return np.concatenate(self._chunks)[: self._count].astype(np.float64)

    def nbytes(self) -> int:
        return sum(chunk.nbytes for chunk in self._chunks)

"""Which model runs on which sampled frame of a recorded file: dense around changes, sparse elsewhere.

A recorded answer is analysed after the fact, so each model can run only where its cues need it (issue 18):
- the face model runs on every sampled frame (8 fps) around changes and near a decision boundary (the head
  turned close to the 20 deg "facing the camera" limit, a smile near its threshold, the face appearing or
  leaving), and at half that rate in steady stretches where the next frames cannot change a cue;
- the pose model runs on every third sampled frame (2.7 fps: 0.375 s apart, within the 0.5 s over which
  cues.py still differences hand and body positions), and on every sampled frame while the hands or the
  shoulders move, and at 2 fps while neither hand is in view and the body is steady (no hand to
  difference, and the posture ratios are weighted by time); when it finds no upper body in view it is only
  tried again once a second (or as soon as the face model sees the face appear or move), since a person
  out of frame stays out for a while.
A model that did not run on a frame leaves that row out of its measures (never "not found"), and every
ratio is weighted by time (cues.py), so the sparser stretches are not under-counted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.core import body_language as bl
from app.vision.features import FrameFeatures

DENSE_FPS = 8.0
"""The sampling rate of the file (every sampled frame): what both models ran at before issue 18."""


@dataclass(frozen=True)
class OfflineRates:
    """Rates of the adaptive schedule; `every_sample()` runs both models on every sampled frame."""

    face_steady_fps: float = 4.0
    pose_fps: float = 8.0 / 3
    pose_handless_fps: float = 2.0
    """Pose rate in steady stretches with neither hand in view (nothing there is differenced over time)."""
    hold_s: float = 0.5
    """How long the dense rate lasts after a change was seen."""
    absent_recheck_s: float = 1.0
    """With no upper body in view, pose is tried again after this long."""
    adaptive: bool = True

    @classmethod
    def every_sample(cls) -> OfflineRates:
        return cls(adaptive=False)


# A change between two runs of a model at least this big makes the next `hold_s` dense.
PITCH_CHANGE_DEG = 4.0  # below the 5 deg of a nod: a nod is seen at the dense rate
TURN_CHANGE_DEG = 6.0  # yaw and roll: below the 8 deg of a head shake
FACE_MOVE = 0.03  # face box centre, fraction of the picture
HAND_MOVE = 0.08  # hand centre, in shoulder widths
SHOULDER_MOVE = 0.06  # shoulder width or torso height, relative (half the 12% of a lean or slouch)
# Values this close to a cue's threshold keep the face model dense (the smoothing decides the flips there).
ANGLE_MARGIN_DEG = 6.0
SMILE_MARGIN = 0.2
"""A smile counts only past its threshold: far below it, how the mouth moves changes no cue (the
expressiveness is a spread over the whole answer, which the steady rate samples as well)."""


def _changed(a: float, b: float, limit: float) -> bool:
    if math.isnan(a) and math.isnan(b):
        return False
    if math.isnan(a) or math.isnan(b):
        return True
    return abs(a - b) >= limit


def _no_hands(feats: FrameFeatures) -> bool:
    return all(math.isnan(getattr(feats, name)) for name in ("left_x", "right_x"))


class AdaptiveSchedule:
    """Decides, for each sampled frame in time order, whether the face and the pose model run on it.

    Call `due(time_s)` for each sampled frame, run the models it asks for, then `observe(features)`.
    """

    def __init__(self, rates: OfflineRates | None = None, sample_fps: float = DENSE_FPS) -> None:
        self.rates = rates or OfflineRates()
        self.step = 1.0 / sample_fps
        self._next_face = self._next_pose = -math.inf
        self._face_dense_until = self._pose_dense_until = math.inf  # dense until the first observations
        self._last_face: FrameFeatures | None = None
        self._last_pose: FrameFeatures | None = None
        self.face_runs = self.pose_runs = self.frames = 0

    def due(self, time_s: float) -> tuple[bool, bool]:
        """(run face, run pose) for the sampled frame at `time_s`."""
        self.frames += 1
        if not self.rates.adaptive:
            return True, True
        slack = self.step / 4  # sampled frames are ~one step apart; jitter never skips a slot
        face = time_s + slack >= self._next_face
        pose = time_s + slack >= self._next_pose
        return face, pose

    def observe(self, feats: FrameFeatures) -> None:
        """What the models found on the frame just analysed: sets when each model runs next."""
        if feats.face_measured:
            self.face_runs += 1
        if feats.pose_measured:
            self.pose_runs += 1
        if not self.rates.adaptive:
            return
        t = feats.time
        if feats.face_measured:
            if self._face_change(feats):
                self._face_dense_until = t + self.rates.hold_s
                if self._last_face is not None and self._last_face.face != feats.face:
                    self._next_pose = min(self._next_pose, t)  # someone came or went: look for a body
            period = self.step if t < self._face_dense_until else 1.0 / self.rates.face_steady_fps
            self._next_face = t + period
            self._last_face = feats
        if feats.pose_measured:
            if self._pose_change(feats):
                self._pose_dense_until = t + self.rates.hold_s
            if not feats.pose:
                period = self.rates.absent_recheck_s
            elif t < self._pose_dense_until:
                period = self.step
            elif _no_hands(feats):
                period = 1.0 / self.rates.pose_handless_fps
            else:
                period = 1.0 / self.rates.pose_fps
            self._next_pose = t + period
            self._last_pose = feats

    def _face_change(self, feats: FrameFeatures) -> bool:
        last = self._last_face
        if last is None or last.face != feats.face:
            return True
        if not feats.face:
            return False
        near_limit = (
            abs(abs(feats.yaw) - bl.FACING_MAX_YAW_DEG) < ANGLE_MARGIN_DEG
            or abs(abs(feats.pitch) - bl.FACING_MAX_PITCH_DEG) < ANGLE_MARGIN_DEG
            or abs(feats.smile - bl.SMILE_THRESHOLD) < SMILE_MARGIN
        )
        return (
            near_limit
            or _changed(last.yaw, feats.yaw, TURN_CHANGE_DEG)
            or _changed(last.pitch, feats.pitch, PITCH_CHANGE_DEG)
            or _changed(last.roll, feats.roll, TURN_CHANGE_DEG)
            or _changed(last.face_cx, feats.face_cx, FACE_MOVE)
            or _changed(last.face_cy, feats.face_cy, FACE_MOVE)
        )

    def _pose_change(self, feats: FrameFeatures) -> bool:
        last = self._last_pose
        if last is None or last.pose != feats.pose:
            return True
        if not feats.pose:
            return False
        scale = feats.shoulder_width
        if not scale > 0:
            return True
        hands = any(
            _changed(getattr(last, name) / scale, getattr(feats, name) / scale, HAND_MOVE)
            for name in ("left_x", "left_y", "right_x", "right_y")
        )
        body = _changed(last.shoulder_width / scale, 1.0, SHOULDER_MOVE) or _changed(
            last.torso_height / scale, feats.torso_height / scale, SHOULDER_MOVE
        )
        return hands or body

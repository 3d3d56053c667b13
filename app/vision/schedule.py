"""Which model runs on which camera frame: each cue model at the rate its cues need, not the camera's.

Every body-language cue is defined over time windows (cues.py): gaze and smile over ~0.25-0.3 s, look-away
episodes of >= 2 s, nods of 0.5-1.5 s, posture over 0.5 s windows, gestures and fidgeting over 1 s of
hand path. Face landmarks at 15 fps and pose at 10 fps resolve all of them (the recorded-file path samples
8 fps), while running both models on every 30 fps frame costs ~26 ms of a 33 ms frame on one core and, on
a 2-core laptop that also records and transcribes, falls behind and drops a fifth of the frames
(issue 18). At 15 + 10 fps the models cost ~0.3 s of CPU per second of answer instead of ~0.8 s.

The two rates interleave on the camera's frames: each model keeps its own grid of due times, a frame is
analysed when at least one model is due, and only the due models run on it. A frame within a quarter of a
model's period of its due time counts as on time, so camera jitter never skips a slot; after a stall the
grid restarts from the frame at hand instead of running catch-up bursts.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_FACE_FPS = 15.0
DEFAULT_POSE_FPS = 10.0


@dataclass(frozen=True)
class AnalysisRates:
    """Frames per second for each model; None runs that model on every frame offered."""

    face_fps: float | None = DEFAULT_FACE_FPS
    pose_fps: float | None = DEFAULT_POSE_FPS

    @classmethod
    def every_frame(cls) -> AnalysisRates:
        """Both models on every camera frame (the behaviour before issue 18; the benchmark's baseline)."""
        return cls(None, None)

    def describe(self) -> str:
        def one(name: str, fps: float | None) -> str:
            return f"{name} every frame" if fps is None else f"{name} {fps:g} fps"

        return f"{one('face', self.face_fps)}, {one('pose', self.pose_fps)}"


class _Grid:
    """Due times of one model: on time within a quarter period, restarted from the frame after a stall."""

    def __init__(self, fps: float | None) -> None:
        self.period = 1.0 / fps if fps else 0.0
        self._next: float | None = None

    def due(self, time_s: float) -> bool:
        if not self.period:
            return True
        if self._next is not None and time_s + self.period / 4 < self._next:
            return False
        following = (self._next if self._next is not None else time_s) + self.period
        self._next = following if following > time_s + self.period / 4 else time_s + self.period
        return True

    def reset(self) -> None:
        self._next = None


class ModelSchedule:
    """Decides, for each frame offered in time order, whether the face and the pose model are due."""

    def __init__(self, rates: AnalysisRates | None = None) -> None:
        self.rates = rates or AnalysisRates()
        self._face = _Grid(self.rates.face_fps)
        self._pose = _Grid(self.rates.pose_fps)

    def due(self, time_s: float) -> tuple[bool, bool]:
        """(face due, pose due) for a frame taken at `time_s`; each call moves the grids on."""
        return self._face.due(time_s), self._pose.due(time_s)

    def reset(self) -> None:
        self._face.reset()
        self._pose.reset()

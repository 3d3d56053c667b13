"""The analyzer core shared by the live session, recorded files and tests: frames in, cues out.

`FrameAnalyzer.analyse(time_s, rgb)` runs the landmark models on one frame and keeps its features;
`cues()` summarises everything kept so far. It knows nothing about where frames come from (camera
thread, file decoder, test image), so the live and the recorded paths give the same numbers.
"""

from __future__ import annotations

import logging

import numpy as np

from app.core.body_language import BodyLanguageCues
from app.vision.cues import compute_cues
from app.vision.features import FeatureTrack, FrameFeatures, extract_features
from app.vision.landmarks import FrameLandmarks, LandmarkEngine

log = logging.getLogger(__name__)


class FrameAnalyzer:
    """Per-answer state around a (long-lived) LandmarkEngine. Call from one thread at a time.

    Times are the caller's: seconds from the start of the answer (live) or of the file. They are kept
    as given, never re-zeroed at the first analysed frame, because a camera that opens 1.5 s after the
    microphone shows its first frame 1.5 s into the answer, and "from 0:12 to 0:15 you looked away" must
    name the moment on the answer's clock (issue 14).
    """

    def __init__(self, engine: LandmarkEngine) -> None:
        self.engine = engine
        self.track = FeatureTrack()
        self.frames_seen = 0  # frames offered, including those the caller dropped
        self.last_landmarks: FrameLandmarks | None = None
        self.last_face: FrameLandmarks | None = None  # newest frame the face model ran on
        self.last_pose: FrameLandmarks | None = None  # newest frame the pose model ran on
        self._last_time = 0.0

    def analyse(self, time_s: float, rgb: np.ndarray, face: bool = True, pose: bool = True) -> FrameFeatures:
        """Landmarks and features of one frame (only the models asked for); kept for `cues()`."""
        if face and pose:
            landmarks = self.engine.detect(rgb, time_s)
        else:
            landmarks = self.engine.detect(rgb, time_s, face=face, pose=pose)
        feats = extract_features(landmarks, rgb, time_s)
        self.track.append(feats)
        self.last_landmarks = landmarks
        if landmarks.face_ran:
            self.last_face = landmarks
        if landmarks.pose_ran:
            self.last_pose = landmarks
        self._last_time = time_s
        return feats

    def note_frame(self) -> None:
        """Count a frame that reached the analyzer's input, analysed or not."""
        self.frames_seen += 1

    def cues(self, duration_s: float | None = None, frames_total: int | None = None) -> BodyLanguageCues:
        """Cues over every frame analysed since `reset()` (duration defaults to the last frame's time)."""
        duration = duration_s if duration_s is not None else self._last_time
        total = frames_total if frames_total is not None else max(self.frames_seen, len(self.track))
        return compute_cues(self.track.array(), duration, total)

    def reset(self) -> None:
        """Start a new answer: forget features, keep the loaded models (and their tracking state)."""
        self.track = FeatureTrack()
        self.frames_seen = 0
        self.last_landmarks = self.last_face = self.last_pose = None
        self._last_time = 0.0

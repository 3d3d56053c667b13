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
    """Per-answer state around a (long-lived) LandmarkEngine. Call from one thread at a time."""

    def __init__(self, engine: LandmarkEngine) -> None:
        self.engine = engine
        self.track = FeatureTrack()
        self.frames_seen = 0  # frames offered, including those the caller dropped
        self.last_landmarks: FrameLandmarks | None = None
        self._first_time: float | None = None
        self._last_time = 0.0

    def analyse(self, time_s: float, rgb: np.ndarray) -> FrameFeatures:
        """Landmarks and features of one frame; the features are kept for `cues()`."""
        if self._first_time is None:
            self._first_time = time_s
        relative = time_s - self._first_time
        landmarks = self.engine.detect(rgb, time_s)
        feats = extract_features(landmarks, rgb, relative)
        self.track.append(feats)
        self.last_landmarks = landmarks
        self._last_time = relative
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
        self.last_landmarks = None
        self._first_time = None
        self._last_time = 0.0

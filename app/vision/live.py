"""Live analysis with the frame-rate policy: capture never waits, the analyzer takes the newest frame.

The camera thread calls `submit()`, which only swaps a reference in a single-slot mailbox (a few
microseconds under a lock the analysis never holds while it works). If the slot still holds an unanalysed
frame, that older frame is dropped and counted. The analyzer thread takes whatever is newest, so it runs
as fast as the models allow and is never more than one frame behind; memory is bounded by one pending
frame plus the compact per-frame features (~300 bytes a frame).

Plain `threading`, no Qt: the GUI polls `stats()` and `latest_landmarks()` or passes `on_features` (called on
the analyzer thread).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.core.body_language import BodyLanguageCues
from app.vision.analyzer import FrameAnalyzer
from app.vision.features import FrameFeatures
from app.vision.landmarks import FrameLandmarks

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LiveStats:
    frames_submitted: int
    frames_analysed: int
    frames_dropped: int
    analysis_fps: float  # frames analysed per second over the last ~2 s
    mean_analysis_fps: float  # over the whole run
    running: bool


class LiveAnalyzer:
    """Runs a FrameAnalyzer on its own thread over the newest submitted frame."""

    def __init__(
        self,
        analyzer: FrameAnalyzer,
        on_features: Callable[[FrameFeatures], None] | None = None,
    ) -> None:
        self.analyzer = analyzer
        self._on_features = on_features
        self._cond = threading.Condition()
        self._pending: tuple[float, np.ndarray] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._submitted = 0
        self._dropped = 0
        self._analysed = 0
        self._first_time: float | None = None
        self._last_time = 0.0
        self._started_at = 0.0
        self._recent: deque[float] = deque(maxlen=60)
        self._latest: tuple[float, FrameLandmarks] | None = None  # newest analysed frame, for previews
        self.error: BaseException | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("LiveAnalyzer already started")
        self._started_at = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="vision-live", daemon=True)
        self._thread.start()

    def submit(self, time_s: float, rgb: np.ndarray) -> None:
        """Offer a frame (do not modify the array afterwards). Never waits for analysis."""
        with self._cond:
            if self._first_time is None:
                self._first_time = time_s
            self._last_time = time_s
            self._submitted += 1
            if self._pending is not None:
                self._dropped += 1
            self._pending = (time_s, rgb)
            self._cond.notify()

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._cond:
                while self._pending is None and not self._stop.is_set():
                    self._cond.wait(0.1)
                item, self._pending = self._pending, None
            if item is None:
                continue
            try:
                feats = self.analyzer.analyse(*item)
            except Exception as exc:  # surfaced through `error` and stop(); the camera keeps running
                log.exception("live analysis failed")
                self.error = exc
                return
            self._analysed += 1
            self._recent.append(time.monotonic())
            landmarks = self.analyzer.last_landmarks
            if landmarks is not None:
                with self._cond:
                    self._latest = (item[0], landmarks)
            if self._on_features is not None:
                self._on_features(feats)

    def latest_landmarks(self) -> tuple[float, FrameLandmarks] | None:
        """(time, landmarks) of the newest analysed frame, for a preview overlay (any thread)."""
        with self._cond:
            return self._latest

    def stats(self) -> LiveStats:
        now = time.monotonic()
        recent = [stamp for stamp in list(self._recent) if now - stamp <= 2.0]
        rate = (
            (len(recent) - 1) / (recent[-1] - recent[0])
            if len(recent) > 1 and recent[-1] > recent[0]
            else 0.0
        )
        elapsed = now - self._started_at if self._started_at else 0.0
        return LiveStats(
            frames_submitted=self._submitted,
            frames_analysed=self._analysed,
            frames_dropped=self._dropped,
            analysis_fps=round(rate, 2),
            mean_analysis_fps=round(self._analysed / elapsed, 2) if elapsed > 0 else 0.0,
            running=self._thread is not None and self._thread.is_alive(),
        )

    def stop(self, timeout_s: float = 10.0) -> BodyLanguageCues:
        """Stop the thread (the frame in analysis finishes; a pending one is dropped) and return the cues."""
        self._stop.set()
        with self._cond:
            if self._pending is not None:
                self._dropped += 1
                self._pending = None
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                log.warning("live analyzer did not stop within %.1f s", timeout_s)
        if self.error is not None:
            raise self.error
        first = self._first_time if self._first_time is not None else 0.0
        per_frame = (self._last_time - first) / max(1, self._submitted - 1) if self._submitted > 1 else 0.0
        duration = self._last_time - first + per_frame
        return self.analyzer.cues(duration_s=duration, frames_total=self._submitted)

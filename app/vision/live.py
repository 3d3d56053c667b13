"""Live analysis with the frame-rate policy: capture never waits, each model runs at the rate its cues need.

The camera thread calls `submit()`. A `ModelSchedule` decides at once whether the frame is due for the
face model, the pose model, both or neither (by default face at 15 fps and pose at 10 fps, interleaved on
the camera's frames; see schedule.py for why). A frame due for nothing is skipped by choice and costs
nothing; a due frame goes into a short queue (QUEUE_FRAMES, a reference append under a lock the analysis
never holds while it works). When the queue is full the oldest waiting frame is dropped and counted, and
its due models carry over to the next one. The analyzer thread takes frames in order, so it is never
more than ~0.5 s behind; memory is bounded by the waiting frames plus the compact per-frame features
(~300 bytes a frame). Drops never bias a measure: cues are ratios over the frames
analysed, weighted by the time each stands for (cues.time_weights).

Times are answer times as submitted (never re-zeroed), so episodes land on the answer's clock.

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
from app.vision.schedule import AnalysisRates, ModelSchedule

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LiveStats:
    frames_submitted: int  # camera frames offered
    frames_analysed: int  # frames at least one model ran on
    frames_dropped: int  # frames chosen for analysis but replaced by a newer one before it started
    analysis_fps: float  # frames analysed per second over the last ~2 s
    mean_analysis_fps: float  # over the whole run
    running: bool
    frames_chosen: int = 0  # frames due for at least one model (analysed + dropped + pending)
    face_frames: int = 0  # frames the face model ran on
    pose_frames: int = 0
    seconds: float = 0.0  # answer time covered by the submitted frames

    @property
    def dropped_percent(self) -> float:
        """Share of the frames the analyzer chose that it could not analyse."""
        return 100.0 * self.frames_dropped / self.frames_chosen if self.frames_chosen else 0.0

    @property
    def face_fps(self) -> float:
        return self.face_frames / self.seconds if self.seconds > 0 else 0.0

    @property
    def pose_fps(self) -> float:
        return self.pose_frames / self.seconds if self.seconds > 0 else 0.0


# Due frames that may wait for the analyzer: ~0.5 s at the default rates (20 due frames a second), ~9 MB
# of 640x480 frames. Live transcription decodes in bursts that hold both cores for a few hundred ms; the
# queue carries the analysis over such a burst instead of dropping, and it catches up after (the
# models need ~0.3 s of CPU per second of answer). When it is full the oldest waiting frame is dropped.
QUEUE_FRAMES = 10
DRAIN_S = 0.25  # how long stop() keeps analysing the queued frames (~0.1 s of CPU for a full queue)


class LiveAnalyzer:
    """Runs a FrameAnalyzer on its own thread over the due frames, each model at its rate.

    Args:
        analyzer: the per-answer analysis core (its engine stays loaded across answers).
        on_features: called on the analyzer thread with each analysed frame's features.
        rates: frames per second per model; `AnalysisRates.every_frame()` runs both on every frame.
    """

    def __init__(
        self,
        analyzer: FrameAnalyzer,
        on_features: Callable[[FrameFeatures], None] | None = None,
        rates: AnalysisRates | None = None,
        queue_frames: int = QUEUE_FRAMES,
    ) -> None:
        self.analyzer = analyzer
        self._on_features = on_features
        self.schedule = ModelSchedule(rates)
        self._cond = threading.Condition()
        self._pending: deque[tuple[float, np.ndarray, bool, bool]] = deque()  # (time, frame, face, pose)
        self._capacity = max(1, queue_frames)
        self._stop = threading.Event()
        self._drain_until = 0.0  # after stop(): queued frames are analysed until this time.monotonic()
        self._thread: threading.Thread | None = None
        self._submitted = 0
        self._chosen = 0
        self._dropped = 0
        self._analysed = 0
        self._face_frames = 0
        self._pose_frames = 0
        self._first_time: float | None = None
        self._last_time = 0.0
        self._started_at = 0.0
        self._recent: deque[float] = deque(maxlen=60)
        self._latest: tuple[float, FrameLandmarks] | None = None  # newest face and pose, for previews
        self.error: BaseException | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("LiveAnalyzer already started")
        self._started_at = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="vision-live", daemon=True)
        self._thread.start()

    def submit(self, time_s: float, rgb: np.ndarray) -> None:
        """Offer a frame taken `time_s` s into the answer (do not modify it afterwards). Never waits."""
        with self._cond:
            if self._first_time is None:
                self._first_time = time_s
            self._last_time = time_s
            self._submitted += 1
            face, pose = self.schedule.due(time_s)
            if not (face or pose):
                return  # skipped by choice: no model is due on this frame
            self._chosen += 1
            if len(self._pending) >= self._capacity:
                _, _, lost_face, lost_pose = self._pending.popleft()
                self._dropped += 1
                if self._pending:  # the models due on the lost frame run on the next one instead
                    t, frame, next_face, next_pose = self._pending[0]
                    self._pending[0] = (t, frame, next_face or lost_face, next_pose or lost_pose)
                else:
                    face, pose = face or lost_face, pose or lost_pose
            self._pending.append((time_s, rgb, face, pose))
            self._cond.notify()

    def _run(self) -> None:
        while True:  # after stop() the queued frames are analysed while the drain time lasts
            with self._cond:
                while not self._pending and not self._stop.is_set():
                    self._cond.wait(0.1)
                if not self._pending or (self._stop.is_set() and time.monotonic() > self._drain_until):
                    return
                item = self._pending.popleft()
            time_s, rgb, face, pose = item
            try:
                feats = self.analyzer.analyse(time_s, rgb, face=face, pose=pose)
            except Exception as exc:  # surfaced through `error` and stop(); the camera keeps running
                log.exception("live analysis failed")
                self.error = exc
                return
            self._analysed += 1
            self._face_frames += int(feats.face_measured)
            self._pose_frames += int(feats.pose_measured)
            self._recent.append(time.monotonic())
            self._keep_latest(time_s)
            if self._on_features is not None:
                self._on_features(feats)

    def _keep_latest(self, time_s: float) -> None:
        """The newest face and the newest pose, which may come from different frames, as one preview."""
        face, body = self.analyzer.last_face, self.analyzer.last_pose
        base = face or body
        if base is None:
            return
        merged = FrameLandmarks(
            base.width,
            base.height,
            face.face if face else None,
            face.blendshapes if face else None,
            face.face_matrix if face else None,
            body.pose if body else None,
        )
        with self._cond:
            self._latest = (time_s, merged)

    def latest_landmarks(self) -> tuple[float, FrameLandmarks] | None:
        """(time, landmarks) of the newest analysed face and pose, for a preview overlay (any thread)."""
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
        with self._cond:
            return LiveStats(
                frames_submitted=self._submitted,
                frames_analysed=self._analysed,
                frames_dropped=self._dropped,
                analysis_fps=round(rate, 2),
                mean_analysis_fps=round(self._analysed / elapsed, 2) if elapsed > 0 else 0.0,
                running=self._thread is not None and self._thread.is_alive(),
                frames_chosen=self._chosen,
                face_frames=self._face_frames,
                pose_frames=self._pose_frames,
                seconds=self._covered_seconds(),
            )

    def _covered_seconds(self) -> float:
        """Answer time from the first submitted frame to the end of the last one (call under the lock)."""
        if self._first_time is None:
            return 0.0
        span = self._last_time - self._first_time
        per_frame = span / (self._submitted - 1) if self._submitted > 1 else 0.0
        return span + per_frame

    def stop(self, timeout_s: float = 10.0, drain_s: float = DRAIN_S) -> BodyLanguageCues:
        """Stop the thread and return the cues; frames still queued are analysed for up to `drain_s`.

        The drain is bounded because Stop waits for it: on a busy machine the last queued frames are
        dropped (and counted) rather than delay the report.

        The cues' duration runs from the answer's start (time 0) to the end of the last submitted frame:
        a camera that started late leaves its first moments without picture, and they stay on the clock.
        """
        with self._cond:
            self._drain_until = time.monotonic() + drain_s
            self._stop.set()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                log.warning("live analyzer did not stop within %.1f s", timeout_s)
        with self._cond:
            self._dropped += len(self._pending)  # only if it did not stop in time
            self._pending.clear()
        if self.error is not None:
            raise self.error
        with self._cond:
            first = self._first_time if self._first_time is not None else 0.0
            duration = first + self._covered_seconds()
        return self.analyzer.cues(duration_s=duration, frames_total=self._submitted)

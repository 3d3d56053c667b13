"""Live cues on the interview screen: the readings of the answer in progress fed to app.session.cues.

The rules (what is measured, how rare the cues are) live in the Qt-free app.session.cues; this adapter
only collects the readings the recording offers while it runs: the microphone level, the newest analysed
camera frame (head turned away or not) and the live transcript's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.transcript import Word
from app.session.cues import CUE_INTERVAL_S, LiveCues, facing_in

__all__ = ["CUE_INTERVAL_S", "LiveCoach"]


class LiveCoach:
    """One answer's cues from periodic readings (the GUI calls `update` a few times a second)."""

    def __init__(self, answer_limit_s: float) -> None:
        self.cues = LiveCues(answer_limit_s)
        self._frame_time: float | None = None
        self._words_seen = -1

    def update(
        self,
        elapsed: float,
        level_dbfs: float,
        landmarks: tuple[float, object] | None = None,
        words: Sequence[Word] = (),
    ) -> str:
        """Feed the answer's elapsed time and the readings; returns the cue to show now ('' for none).

        Args:
            landmarks: (answer time, FrameLandmarks) of the newest analysed frame, None without a camera.
            words: the live transcript so far.
        """
        self.cues.hear(elapsed, level_dbfs)
        if landmarks is not None and landmarks[0] != self._frame_time:
            self._frame_time = landmarks[0]
            self.cues.see(landmarks[0], facing_in(landmarks[1]))
        if len(words) != self._words_seen:
            self._words_seen = len(words)
            self.cues.read(words)
        return self.cues.cue(elapsed)

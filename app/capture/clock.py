"""One clock for every live source, so the recorder can line up picture and sound.

Live sources (camera, microphone) stamp what they deliver in seconds of `now()` (time.monotonic). A
microphone counts samples, which is steadier than reading the clock per chunk: `SampleClock` anchors the
sample count to `now()` once, at the first chunk, and stamps every later chunk from the count. File
replays use the file's own times from 0, and audio and video files replayed together share that origin.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

now: Callable[[], float] = time.monotonic


class SampleClock:
    """Timestamps for consecutive audio chunks: anchored to `clock()` once, then by sample count."""

    def __init__(self, sample_rate: int, clock: Callable[[], float] = now) -> None:
        self.sample_rate = sample_rate
        self._clock = clock
        self._anchor: float | None = None
        self._lock = threading.Lock()

    def timestamp(self, position: int, available: int) -> float:
        """Capture time of the chunk starting at sample `position`, read with `available` samples waiting.

        The first call assumes the waiting samples were just captured (the chunk ends now).
        """
        with self._lock:
            if self._anchor is None:
                self._anchor = self._clock() - (position + available) / self.sample_rate
            return self._anchor + position / self.sample_rate

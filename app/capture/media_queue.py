"""The recorder's input queue: bounded separately for frames and audio samples, never blocking by default.

A frame flood (encoder behind) must not push out the sound, so each kind has its own budget.
"""

from __future__ import annotations

import collections
import threading

import numpy as np


class MediaQueue:
    """Bounded per kind (frames, audio samples); put never waits unless `block` is asked for."""

    def __init__(self, max_frames: int, max_samples: int) -> None:
        self._items: collections.deque[tuple[str, float, np.ndarray] | None] = collections.deque()
        self._cond = threading.Condition()
        self._max = {"v": max_frames, "a": max_samples}
        self._held = {"v": 0, "a": 0}
        self.closed = False

    @staticmethod
    def _size(kind: str, data: np.ndarray) -> int:
        return 1 if kind == "v" else len(data)

    def put(self, kind: str, timestamp: float, data: np.ndarray, block: bool) -> bool:
        size = self._size(kind, data)
        with self._cond:
            while not self.closed and self._held[kind] + size > self._max[kind]:
                if not block:
                    return False
                self._cond.wait(0.5)
            if self.closed:
                return False
            self._held[kind] += size
            self._items.append((kind, timestamp, data))
            self._cond.notify_all()
            return True

    def close(self) -> None:
        """No more puts; the consumer sees None after what is queued."""
        with self._cond:
            self.closed = True
            self._items.append(None)
            self._cond.notify_all()

    def get(self) -> tuple[str, float, np.ndarray] | None:
        with self._cond:
            while not self._items:
                self._cond.wait()
            item = self._items.popleft()
            if item is not None:
                self._held[item[0]] -= self._size(item[0], item[2])
                self._cond.notify_all()
            return item

    def discard(self) -> None:
        with self._cond:
            self.closed = True
            self._items.clear()
            self._items.append(None)
            self._held = {"v": 0, "a": 0}
            self._cond.notify_all()

"""Media sources: camera, microphone and recorded files behind one small interface.

A source delivers `(timestamp_s, data)` to its subscribers from its own thread and never waits for them:
video data is an RGB uint8 array (height, width, 3), audio data a float32 mono chunk at 16 kHz. Consumers
must return at once (put into a bounded queue and drop when full), because a slow consumer would stall
the camera. A source ends once, with a reason (`END_OF_MEDIA`, `STOPPED`, `CAMERA_LOST`, or "error: ..."),
and then calls its `on_ended` callbacks, so the session can go on audio-only when the camera is lost.

Timestamps: live sources use `app.capture.clock.now()` (the microphone through `SampleClock`), so a
recorder fed by a camera and a microphone puts them on one timeline; never mix a live source with a file.
File sources replay a recording at real-time speed (or `speed` times faster; `speed=0` as fast as
possible) with timestamps from the file's presentation times; they stand in for the camera and the
microphone in tests, demos and headless runs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from app.capture import clock
from app.capture.audio_file import DEFAULT_SAMPLE_RATE, read_audio
from app.capture.stand_in import CANNOT_STAND_IN, MICROPHONE_FILE_ADVICE, check_stand_in
from app.capture.video_file import iter_video_frames
from app.core.errors import MediaFileError

log = logging.getLogger(__name__)

FrameCallback = Callable[[float, np.ndarray], object]  # the return value is ignored
EndedCallback = Callable[[str], None]

END_OF_MEDIA = "end of media"
STOPPED = "stopped"
CAMERA_LOST = "camera lost"

AUDIO_SAMPLE_RATE = DEFAULT_SAMPLE_RATE


@runtime_checkable
class MediaSource(Protocol):
    """What every source offers; `subscribe` callbacks run on the source's thread and must be quick."""

    def subscribe(self, callback: FrameCallback) -> None: ...

    def on_ended(self, callback: EndedCallback) -> None: ...

    def start(self) -> None: ...

    def stop(self, timeout: float = 5.0) -> None: ...

    def wait(self, timeout: float | None = None) -> bool: ...

    @property
    def ended(self) -> bool: ...

    @property
    def end_reason(self) -> str | None: ...


@runtime_checkable
class VideoSource(MediaSource, Protocol):
    """Delivers RGB uint8 frames of `height` x `width` at about `fps` frames per second."""

    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...

    @property
    def fps(self) -> float: ...


@runtime_checkable
class AudioSource(MediaSource, Protocol):
    """Delivers float32 mono chunks at `sample_rate` (16 kHz)."""

    @property
    def sample_rate(self) -> int: ...


class ThreadedSource:
    """The thread, subscribers and end-of-stream bookkeeping shared by every source.

    Subclasses implement `_open()` (runs in `start()`, on the caller's thread, so "no camera" is raised
    to the caller) and `_run()` (runs on the source thread, returns the end reason).
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = threading.Lock()
        self._subscribers: list[FrameCallback] = []
        self._ended_callbacks: list[EndedCallback] = []
        self._stop_requested = threading.Event()
        self._ended_event = threading.Event()
        self._end_reason: str | None = None
        self._thread: threading.Thread | None = None
        self.delivered = 0
        self.subscriber_errors = 0

    def subscribe(self, callback: FrameCallback) -> None:
        with self._lock:
            self._subscribers.append(callback)

    def on_ended(self, callback: EndedCallback) -> None:
        """Call `callback(reason)` when the source ends (at once if it already has)."""
        with self._lock:
            if not self._ended_event.is_set():
                self._ended_callbacks.append(callback)
                return
        callback(self._end_reason or STOPPED)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self._name} was already started")
        self._open()
        self._thread = threading.Thread(target=self._thread_main, name=self._name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end and wait for it (never raises if it already ended)."""
        self._stop_requested.set()
        if self._thread is None:
            self._finish(STOPPED)
        elif self._thread is not threading.current_thread():
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("%s did not stop within %.1f s", self._name, timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the source has ended; False on timeout."""
        return self._ended_event.wait(timeout)

    @property
    def ended(self) -> bool:
        return self._ended_event.is_set()

    @property
    def end_reason(self) -> str | None:
        return self._end_reason

    @property
    def stop_requested(self) -> bool:
        return self._stop_requested.is_set()

    def _open(self) -> None:
        """Acquire the device or file; raise a UserFacingError when it is not there."""

    def _run(self) -> str:
        raise NotImplementedError

    def _close(self) -> None:
        """Release the device or file (on the source thread, after `_run`)."""

    def _deliver(self, timestamp_s: float, data: np.ndarray) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(timestamp_s, data)
            except Exception:  # noqa: BLE001 - a consumer's bug must not stop the capture
                self.subscriber_errors += 1
                log.exception("%s: a subscriber failed", self._name)
        self.delivered += 1

    def _thread_main(self) -> None:
        reason = STOPPED
        try:
            reason = self._run()
        except Exception as error:  # noqa: BLE001 - reported as the end reason and logged
            log.exception("%s failed", self._name)
            reason = f"error: {error}"
        finally:
            try:
                self._close()
            except Exception:  # noqa: BLE001
                log.exception("%s: closing failed", self._name)
            self._finish(reason)

    def _finish(self, reason: str) -> None:
        with self._lock:
            if self._ended_event.is_set():
                return
            self._end_reason = reason
            self._ended_event.set()
            callbacks = list(self._ended_callbacks)
            self._ended_callbacks.clear()
        log.info("%s ended: %s", self._name, reason)
        for callback in callbacks:
            try:
                callback(reason)
            except Exception:  # noqa: BLE001
                log.exception("%s: an on_ended callback failed", self._name)


class _ReplaySource(ThreadedSource):
    """Delivers (media time, data) items from an iterable, paced at `speed` x real time.

    With `live_clock` the items are stamped like a device's: `clock.now()` when the replay started plus
    the media time since its first item, so a file that stands in for a camera which opens late shows its
    first frame late on the shared timeline, as a real camera does.
    """

    def __init__(
        self,
        name: str,
        items: Callable[[], Iterable[tuple[float, np.ndarray]]],
        speed: float,
        live_clock: bool = False,
    ) -> None:
        super().__init__(name)
        if speed < 0:
            raise ValueError("speed must be >= 0 (0 means as fast as possible)")
        if live_clock and speed == 0:
            raise ValueError("a replay stamped with the live clock must be paced (speed > 0)")
        self._items = items
        self._speed = speed
        self._live_clock = live_clock
        self.media_time = 0.0

    def _run(self) -> str:
        wall_start = time.monotonic()
        clock_start = clock.now()
        first: float | None = None
        for timestamp, data in self._items():
            if self._stop_requested.is_set():
                return STOPPED
            if first is None:
                first = timestamp
            if self._speed > 0:
                delay = wall_start + (timestamp - first) / self._speed - time.monotonic()
                if delay > 0 and self._stop_requested.wait(delay):
                    return STOPPED
            self.media_time = timestamp
            if self._live_clock:
                self._deliver(clock_start + (timestamp - first) / self._speed, data)
            else:
                self._deliver(timestamp, data)
        return END_OF_MEDIA


class ReplayVideoSource(_ReplaySource):
    """Video frames from any iterable of (timestamp_s, RGB frame); synthetic tests build on it."""

    def __init__(
        self,
        frames: Callable[[], Iterable[tuple[float, np.ndarray]]],
        width: int,
        height: int,
        fps: float,
        speed: float = 1.0,
        name: str = "replay-video",
        live_clock: bool = False,
    ) -> None:
        super().__init__(name, frames, speed, live_clock)
        self._width, self._height, self._fps = width, height, fps

    @property
    def width(self) -> int:
        return self._width

    @property
    def height(self) -> int:
        return self._height

    @property
    def fps(self) -> float:
        return self._fps


class ReplayAudioSource(_ReplaySource):
    """Audio chunks from any iterable of (timestamp_s, float32 mono 16 kHz chunk)."""

    def __init__(
        self,
        chunks: Callable[[], Iterable[tuple[float, np.ndarray]]],
        speed: float = 1.0,
        name: str = "replay-audio",
        live_clock: bool = False,
    ) -> None:
        super().__init__(name, chunks, speed, live_clock)

    @property
    def sample_rate(self) -> int:
        return AUDIO_SAMPLE_RATE


def chunk_samples(
    samples: np.ndarray, chunk_seconds: float = 0.1, start_s: float = 0.0
) -> Iterator[tuple[float, np.ndarray]]:
    """Cut float32 mono 16 kHz samples into timestamped chunks (timestamps from the sample count)."""
    size = max(1, int(round(chunk_seconds * AUDIO_SAMPLE_RATE)))
    for offset in range(0, len(samples), size):
        yield start_s + offset / AUDIO_SAMPLE_RATE, samples[offset : offset + size]


class FileVideoSource(ReplayVideoSource):
    """Replays the video track of a file, upright; timestamps are the frames' presentation times from 0.

    Args:
        path: any video file FFmpeg reads.
        speed: 1.0 real time, 2.0 twice as fast, 0 as fast as possible.
        loop: start again at the end (timestamps keep increasing).
        max_seconds: end after this much media time (also bounds a looping replay).
        live_clock: stamp frames on the live sources' clock, like a camera (see _ReplaySource).
    """

    def __init__(
        self,
        path: str | Path,
        speed: float = 1.0,
        loop: bool = False,
        max_seconds: float | None = None,
        live_clock: bool = False,
    ) -> None:
        self.path = Path(path)
        info = check_stand_in(self.path, "camera")
        assert info.width is not None and info.height is not None  # checked above
        self._loop = loop
        self._max_seconds = max_seconds
        name = f"video-file:{self.path.name}"
        super().__init__(self._frames, info.width, info.height, info.fps or 30.0, speed, name, live_clock)

    def _frames(self) -> Iterator[tuple[float, np.ndarray]]:
        """The file's frames, upright (app.capture.video_file decodes), timed from the first one."""
        offset = 0.0
        while True:
            first: float | None = None
            last = 0.0
            frames = iter_video_frames(self.path)
            try:
                for time_s, rgb in frames:
                    if first is None:
                        first = time_s
                    last = time_s - first
                    timestamp = offset + last
                    if self._max_seconds is not None and timestamp >= self._max_seconds:
                        return
                    yield timestamp, rgb
            except MediaFileError as error:
                log.warning("%s: decoding stopped early: %s", self.path, error.message)
            finally:
                frames.close()
            if not self._loop or first is None or self._stop_requested.is_set():
                return
            offset += last + 1.0 / self.fps


class FileAudioSource(ReplayAudioSource):
    """Replays the sound of an audio or video file as 16 kHz mono chunks of `chunk_seconds`."""

    def __init__(
        self,
        path: str | Path,
        speed: float = 1.0,
        loop: bool = False,
        max_seconds: float | None = None,
        chunk_seconds: float = 0.1,
        live_clock: bool = False,
    ) -> None:
        self.path = Path(path)
        check_stand_in(self.path, "microphone")
        cannot = CANNOT_STAND_IN["microphone"]
        try:
            decoded = read_audio(self.path)
        except MediaFileError as error:  # damaged although its header reads: same advice as unreadable
            raise MediaFileError(f"{error.message} {cannot}", MICROPHONE_FILE_ADVICE) from error
        self.samples = decoded.samples
        if len(self.samples) == 0:
            raise MediaFileError(f"{self.path.name} has no sound. {cannot}", MICROPHONE_FILE_ADVICE)
        self._loop = loop
        self._max_seconds = max_seconds
        self._chunk_seconds = chunk_seconds
        super().__init__(self._chunks, speed, name=f"audio-file:{self.path.name}", live_clock=live_clock)

    def _chunks(self) -> Iterator[tuple[float, np.ndarray]]:
        offset = 0.0
        limit = None if self._max_seconds is None else int(round(self._max_seconds * AUDIO_SAMPLE_RATE))
        while True:
            for timestamp, chunk in chunk_samples(self.samples, self._chunk_seconds, offset):
                if limit is not None:
                    remaining = limit - int(round(timestamp * AUDIO_SAMPLE_RATE))
                    if remaining <= 0:
                        return
                    chunk = chunk[:remaining]
                yield timestamp, chunk
            if not self._loop or self._stop_requested.is_set():
                return
            offset += len(self.samples) / AUDIO_SAMPLE_RATE

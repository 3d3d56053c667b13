"""Record one answer (camera + microphone) into one MP4 (H.264 + AAC) that survives a crash.

The file is a fragmented MP4 with a keyframe every second and every packet flushed to disk, so a crash or
a kill keeps everything up to about a second before it (STACK.md, "Recording"). Encoding runs on the
recorder's own thread, fed by a bounded queue: the capture threads never wait, and what does not fit is
dropped and counted. Video pts come from the capture timestamps on a constant frame-rate grid (late
frames are skipped, small gaps repeat the previous frame), audio pts from the sample count (gaps filled
with silence), so picture and sound stay in sync however long the answer. Audio-only answers (no camera)
give an AAC-only file (use the .m4a suffix). A full disk or a write error stops the recording with a
`StorageError` that says so in plain words; what was written before stays playable.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from app.capture.media_queue import MediaQueue
from app.capture.mp4_options import AUDIO_ONLY_MP4_OPTIONS, FRAGMENTED_MP4_OPTIONS
from app.capture.recording_result import RecordingFailed, RecordingResult, storage_error
from app.capture.sources import AudioSource, VideoSource
from app.core.errors import StorageError
from app.platform.constants import SPEECH_SAMPLE_RATE

if TYPE_CHECKING:
    import av.container

log = logging.getLogger(__name__)

AUDIO_RATE = SPEECH_SAMPLE_RATE
AAC_FRAME = 1024
MAX_LONG_SIDE, MAX_SHORT_SIDE = 640, 480
# Audio that arrives this far from where the sample count puts it is re-aligned (a lost or doubled chunk).
_AUDIO_SLIP_S = 0.05
# Gaps in the video up to this long repeat the last frame (constant frame rate); longer ones are left as gaps.
_MAX_FILL_S = 1.0


def media_suffix(has_video: bool) -> str:
    """File suffix for an answer's recording: MP4 with a camera, M4A when audio-only."""
    return ".mp4" if has_video else ".m4a"


def fit_within(width: int, height: int) -> tuple[int, int]:
    """Even dimensions no larger than 640x480 (480x640 portrait), keeping the aspect ratio."""
    long_side, short_side = max(width, height), min(width, height)
    scale = min(1.0, MAX_LONG_SIDE / long_side, MAX_SHORT_SIDE / short_side)
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


@dataclass(frozen=True)
class VideoSpec:
    width: int
    height: int
    fps: float

    @classmethod
    def of(cls, source: VideoSource) -> VideoSpec:
        return cls(source.width, source.height, source.fps)


class Recorder:
    """Encodes one answer on its own thread; feed it with `attach()` or `add_video()` / `add_audio()`.

    Args:
        path: the file to write (created; an existing file is replaced).
        video: frame size and rate, or None for an audio-only answer. Larger frames are scaled down.
        audio: whether there is a sound track.
        preset: x264 speed preset ("ultrafast" keeps up with a live 30 fps camera on a busy laptop).
        queue_seconds: how much video may wait for the encoder before frames are dropped.
        block_when_full: wait for the encoder instead of dropping (only for offline files, never a camera).
        on_error: called on the recorder thread with the StorageError as soon as writing fails.
    """

    def __init__(
        self,
        path: str | Path,
        video: VideoSpec | None,
        audio: bool = True,
        *,
        preset: str = "ultrafast",
        queue_seconds: float = 2.0,
        block_when_full: bool = False,
        on_error: Callable[[StorageError], None] | None = None,
    ) -> None:
        if video is None and not audio:
            raise ValueError("a recording needs video, audio or both")
        self.path = Path(path)
        self.has_video = video is not None
        self.has_audio = audio
        self.fps = float(video.fps) if video else 0.0
        self.size = fit_within(video.width, video.height) if video else (0, 0)
        self._preset = preset
        self._block = block_when_full
        self._on_error = on_error
        max_frames = max(2, int(queue_seconds * (self.fps or 1)))
        self._queue = MediaQueue(max_frames, max_samples=30 * AUDIO_RATE)
        self._thread: threading.Thread | None = None
        self._container: av.container.OutputContainer | None = None
        self._video_stream: Any = None
        self._audio_stream: Any = None
        self.error: StorageError | None = None
        self._lock = threading.Lock()
        self._t0: float | None = None
        self._latest: float | None = None
        # Encoder-thread state.
        self._last_index = -1
        self._last_rgb: np.ndarray | None = None
        self.video_frames = 0
        self.repeated_frames = 0
        self.skipped_frames = 0
        self.dropped_frames = 0
        self._audio_next: int | None = None  # sample position the next chunk should start at
        self._audio_pending = np.zeros(0, dtype=np.float32)
        self._audio_pts = 0
        self._dropped_audio_samples = 0
        self.video_end_reason: str | None = None

    # -- feeding ---------------------------------------------------------------------------------------------
    def attach(
        self, video_source: VideoSource | None = None, audio_source: AudioSource | None = None
    ) -> None:
        """Subscribe to sources; a video source that ends (camera lost) leaves the audio recording."""
        if video_source is not None and self.has_video:
            video_source.subscribe(self.add_video)
            video_source.on_ended(self._video_source_ended)
        if audio_source is not None and self.has_audio:
            audio_source.subscribe(self.add_audio)

    def _video_source_ended(self, reason: str) -> None:
        self.video_end_reason = reason

    def add_video(self, timestamp_s: float, frame: np.ndarray) -> bool:
        """Queue an RGB frame; False when it was dropped (encoder behind, or recording over)."""
        if not self.has_video:
            return False
        if not self._queue.put("v", timestamp_s, frame, self._block):
            with self._lock:
                self.dropped_frames += 1
            return False
        self._note_time(timestamp_s)
        return True

    def add_audio(self, timestamp_s: float, samples: np.ndarray) -> bool:
        """Queue float32 mono 16 kHz samples; False when dropped."""
        if not self.has_audio:
            return False
        if not self._queue.put("a", timestamp_s, samples, self._block):
            with self._lock:
                self._dropped_audio_samples += len(samples)
            return False
        self._note_time(timestamp_s + len(samples) / AUDIO_RATE)
        return True

    def _note_time(self, end: float) -> None:
        with self._lock:
            if self._latest is None or end > self._latest:
                self._latest = end

    @property
    def recorded_seconds(self) -> float:
        """Media time handed to the recorder so far (what a crash now should keep all but ~1 s of)."""
        with self._lock:
            if self._latest is None or self._t0 is None:
                return 0.0
            return max(0.0, self._latest - self._t0)

    # -- lifecycle ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Create the file and the encoder thread; raises StorageError when the file cannot be created."""
        import av

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            options = FRAGMENTED_MP4_OPTIONS if self.has_video else AUDIO_ONLY_MP4_OPTIONS
            self._container = av.open(str(self.path), mode="w", format="mp4", options=options)
            if self.has_video:
                self._video_stream = self._add_video_stream(self._container)
            if self.has_audio:
                stream = self._container.add_stream("aac", rate=AUDIO_RATE, layout="mono")
                stream.bit_rate = 48_000
                self._audio_stream = stream
        except OSError as error:
            if self._container is not None:
                self._container.close()
            raise storage_error(error, self.path) from error
        self._thread = threading.Thread(
            target=self._encode_loop, name=f"recorder:{self.path.name}", daemon=True
        )
        self._thread.start()

    def _add_video_stream(self, container: av.container.OutputContainer) -> Any:
        rate = Fraction(self.fps).limit_denominator(1001)
        stream = container.add_stream("libx264", rate=rate)
        stream.width, stream.height = self.size
        stream.pix_fmt = "yuv420p"
        keyint = max(1, round(self.fps))
        stream.codec_context.time_base = 1 / rate
        stream.codec_context.gop_size = keyint
        stream.codec_context.options = {
            "preset": self._preset,
            "tune": "zerolatency",  # no frame-thread delay: a crash loses less
            "x264-params": f"keyint={keyint}:min-keyint={keyint}:scenecut=0",
        }
        return stream

    def finish(self, timeout: float = 60.0) -> RecordingResult:
        """Write what is queued, close the file and describe it; raises RecordingFailed on a write error."""
        self._queue.close()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                self._queue.discard()
                self._thread.join(5.0)
                self._fail(StorageError("The recording could not be finished in time.", "Check the disk."))
        result = self.result()
        if self.error is not None:
            from app.capture.repair import playable_seconds

            kept = playable_seconds(self.path) if self.path.exists() else 0.0
            result = dataclasses.replace(result, duration_s=kept)
            saved = (
                f" The first {kept:.0f} s were saved and can be played."
                if kept >= 1
                else " Nothing could be saved."
            )
            raise RecordingFailed(self.error.message + saved, self.error.advice, result)
        return result

    def result(self) -> RecordingResult:
        video_s = (self._last_index + 1) / self.fps if self.video_frames else 0.0
        audio_s = self._audio_pts / AUDIO_RATE
        return RecordingResult(
            path=self.path,
            duration_s=max(video_s, audio_s),
            video_frames=self.video_frames,
            audio_seconds=audio_s,
            dropped_frames=self.dropped_frames,
            has_video=self.has_video,
            repeated_frames=self.repeated_frames,
            dropped_audio_s=self._dropped_audio_samples / AUDIO_RATE,
            video_end_reason=self.video_end_reason,
        )

    # -- encoder thread -------------------------------------------------------------------------------------
    def _encode_loop(self) -> None:
        try:
            while (item := self._queue.get()) is not None:
                kind, timestamp, data = item
                with self._lock:
                    if self._t0 is None:
                        self._t0 = timestamp
                if kind == "v":
                    self._encode_video(timestamp, data)
                else:
                    self._encode_audio(timestamp, data)
            self._flush()
        except OSError as error:
            self._fail(storage_error(error, self.path))
        except Exception as error:  # noqa: BLE001 - a bug: logged, reported, and the file closed
            log.exception("recorder failed")
            self._fail(StorageError(f"The recording stopped because of an internal error ({error}).", ""))
        finally:
            self._close()

    def _fail(self, error: StorageError) -> None:
        if self.error is not None:
            return
        self.error = error
        log.error("recording %s failed: %s", self.path, error)
        self._queue.discard()
        if self._on_error is not None:
            try:
                self._on_error(error)
            except Exception:  # noqa: BLE001
                log.exception("on_error callback failed")

    def _mux(self, packets: Any) -> None:
        assert self._container is not None
        for packet in packets:
            self._container.mux(packet)

    def _encode_video(self, timestamp: float, rgb: np.ndarray) -> None:
        assert self._t0 is not None
        exact = (timestamp - self._t0) * self.fps
        index = max(0, round(exact))
        if index == self._last_index and exact >= self._last_index:
            index += 1  # jitter put two frames in one slot: this one is at most half a frame early
        if index <= self._last_index:
            self.skipped_frames += 1
            return
        gap = index - self._last_index - 1
        if self._last_rgb is not None and 0 < gap <= _MAX_FILL_S * self.fps:
            for fill in range(self._last_index + 1, index):
                self._write_frame(self._last_rgb, fill)
                self.repeated_frames += 1
        self._write_frame(rgb, index)
        self._last_rgb = rgb
        self._last_index = index

    def _write_frame(self, rgb: np.ndarray, index: int) -> None:
        import av

        width, height = self.size
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
        frame = frame.reformat(width=width, height=height, format="yuv420p")
        frame.pts = index
        self._mux(self._video_stream.encode(frame))
        self.video_frames += 1

    def _encode_audio(self, timestamp: float, samples: np.ndarray) -> None:
        assert self._t0 is not None
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        start = round((timestamp - self._t0) * AUDIO_RATE)
        if self._audio_next is None:
            self._audio_next = 0
        slip = start - self._audio_next
        if slip > _AUDIO_SLIP_S * AUDIO_RATE or (self._audio_next == 0 and slip > 0):
            samples = np.concatenate([np.zeros(slip, dtype=np.float32), samples])  # a gap: silence
        elif slip < -_AUDIO_SLIP_S * AUDIO_RATE or (self._audio_next == 0 and slip < 0):
            samples = samples[-slip:]  # overlaps what was written (or precedes the start): drop the overlap
        if len(samples) == 0:
            return
        self._audio_next += len(samples)
        self._audio_pending = np.concatenate([self._audio_pending, samples])
        while len(self._audio_pending) >= AAC_FRAME:
            self._write_audio(self._audio_pending[:AAC_FRAME])
            self._audio_pending = self._audio_pending[AAC_FRAME:]

    def _write_audio(self, block: np.ndarray) -> None:
        import av

        frame = av.AudioFrame.from_ndarray(block.reshape(1, -1), format="fltp", layout="mono")
        frame.sample_rate = AUDIO_RATE
        frame.pts = self._audio_pts
        frame.time_base = Fraction(1, AUDIO_RATE)
        self._mux(self._audio_stream.encode(frame))
        self._audio_pts += len(block)

    def _flush(self) -> None:
        if self._audio_stream is not None:
            if len(self._audio_pending):
                self._write_audio(self._audio_pending)
                self._audio_pending = np.zeros(0, dtype=np.float32)
            self._mux(self._audio_stream.encode(None))
        if self._video_stream is not None:
            self._mux(self._video_stream.encode(None))

    def _close(self) -> None:
        if self._container is None:
            return
        try:
            self._container.close()
        except Exception as error:  # noqa: BLE001 - writing the end of the file failed too
            if isinstance(error, OSError):
                self._fail(storage_error(error, self.path))
            log.warning("closing %s failed: %s", self.path, error)
        self._container = None

"""Microphone capture: 16 kHz mono float32 from any input device, with level meter data and loss detection.

Why sounddevice (PortAudio) and not Qt's QAudioSource: the same Qt-free capture then serves the GUI, the
headless session engine, `doctor` and the tests; only app/gui may import Qt, and a capture class the
headless code cannot use would have to exist twice. sounddevice needs PortAudio (apt libportaudio2 on Linux,
bundled in the wheels for Windows and macOS) and reaches PulseAudio/PipeWire through ALSA's default device.

How it works: PortAudio calls `_on_audio` on its own thread for every block. The callback only copies the
block into a bounded queue (dropping, and counting, blocks beyond `max_seconds`) and notes the time. Readers
(`read_available`, `captured`, `stop`) drain the queue, downmix and resample to 16 kHz on their own thread.
A device that vanishes mid-answer (the stream goes inactive, or no audio arrives for `stall_timeout_s`)
becomes `MicrophoneUnavailable`, and everything captured until then is kept.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from app.capture.input_devices import InputDevice as InputDevice
from app.capture.input_devices import find_input_device, load_sounddevice, no_device_advice, streams
from app.capture.input_devices import list_input_devices as list_input_devices
from app.capture.input_devices import rescan_devices as rescan_devices
from app.capture.levels import rms_dbfs
from app.core.diagnostics import Check
from app.core.errors import MicrophoneUnavailable
from app.platform.constants import SPEECH_SAMPLE_RATE

log = logging.getLogger(__name__)

TARGET_RATE = SPEECH_SAMPLE_RATE
_SILENCE_DBFS = -120.0


@dataclass(frozen=True)
class Level:
    """Loudness of the most recent block, for the input level meter."""

    rms_dbfs: float  # -120 for silence, 0 for a full-scale square wave
    peak: float  # 0..1


class MicrophoneRecorder:
    """Records one answer. `start()`, then poll `read_available()` / `level()`, then `stop()` for all audio.

    Args:
        device: PortAudio index, (part of) a device name, or None for the default input.
        max_seconds: longest recording kept; later blocks are dropped and counted in `dropped_blocks`.
        block_seconds: callback block length (also the level meter's update period).
        device_rate: force the device's sample rate (None: try 16 kHz, else the device's default).
        stall_timeout_s: no audio for this long while recording means the device is gone.
        sounddevice_module: the sounddevice module or a fake with the same interface (tests).
    """

    def __init__(
        self,
        device: int | str | None = None,
        *,
        max_seconds: float = 900.0,
        block_seconds: float = 0.05,
        device_rate: int | None = None,
        stall_timeout_s: float = 2.0,
        sounddevice_module: ModuleType | None = None,
    ) -> None:
        self._requested = device
        self._max_seconds = max_seconds
        self._block_seconds = block_seconds
        self._forced_rate = device_rate
        self._stall_timeout_s = stall_timeout_s
        self._sd = sounddevice_module
        self._stream: Any = None
        self.device: InputDevice | None = None
        self.device_rate = 0
        self._channels = 1
        self._queue: collections.deque[np.ndarray] = collections.deque()
        self._frames_kept = 0  # written by the callback thread only
        self._max_frames = 0
        self._last_block: np.ndarray | None = None
        self._last_callback = 0.0
        self._arrived = threading.Event()
        self._stream_ended = threading.Event()
        self._stopping = False
        self._counted = False
        self._read_lock = threading.RLock()  # readers may be the session worker and a GUI timer
        self._chunks: list[np.ndarray] = []
        self._new: list[np.ndarray] = []
        self._resampler: Any = None
        self.dropped_blocks = 0
        self.overflows = 0
        self.lost: MicrophoneUnavailable | None = None

    @property
    def is_recording(self) -> bool:
        return self._stream is not None

    @property
    def seconds_captured(self) -> float:
        """Audio captured so far (including blocks not yet drained), in seconds."""
        rate = self.device_rate or TARGET_RATE
        return self._frames_kept / rate

    def start(self) -> None:
        """Open the device and start capturing; raises MicrophoneUnavailable when there is none."""
        if self._stream is not None:
            raise RuntimeError("the recorder is already running")
        sd = self._sd = self._sd or load_sounddevice()
        try:
            self.device = find_input_device(self._requested, sd)
            self._stream = self._open_stream(sd, self.device)
            self._last_callback = time.monotonic()
            self._stream.start()
        except sd.PortAudioError as exc:
            self._close_stream()
            raise MicrophoneUnavailable(
                f"The microphone could not be opened ({exc}).", no_device_advice()
            ) from exc
        streams.opened()
        self._counted = True
        log.info(
            "recording from %s at %d Hz (%d channel(s))", self.device.name, self.device_rate, self._channels
        )

    def read_available(self) -> np.ndarray:
        """New 16 kHz samples since the last call. Raises MicrophoneUnavailable once the device is gone
        and everything it delivered has been returned (`captured()` still holds all of it)."""
        self._drain()
        with self._read_lock:
            new, self._new = self._new, []
        if new:
            return np.concatenate(new)
        if self.lost is not None:
            raise self.lost
        return np.zeros(0, dtype=np.float32)

    def captured(self) -> np.ndarray:
        """Everything captured so far at 16 kHz (the recording continues)."""
        self._drain()
        with self._read_lock:
            return np.concatenate(self._chunks) if self._chunks else np.zeros(0, dtype=np.float32)

    def wait_for_audio(self, seconds: float, timeout_s: float) -> bool:
        """Block until `seconds` of audio were captured; False on timeout or when the device is lost."""
        deadline = time.monotonic() + timeout_s
        while self.seconds_captured < seconds:
            with self._read_lock:
                self._check_health()
            if self.lost is not None or time.monotonic() >= deadline:
                return False
            self._arrived.clear()
            self._arrived.wait(min(0.1, max(deadline - time.monotonic(), 0.0)))
        return True

    def level(self) -> Level:
        """RMS (dBFS) and peak of the most recent block; safe to call from any thread."""
        block = self._last_block
        if block is None or block.size == 0:
            return Level(_SILENCE_DBFS, 0.0)
        return Level(rms_dbfs(block, silence=_SILENCE_DBFS), float(np.max(np.abs(block))))

    def stop(self) -> np.ndarray:
        """Stop recording and return all audio at 16 kHz (also after the device was lost)."""
        self._stopping = True
        self._close_stream()
        self._drain(final=True)
        return self.captured()

    # --- PortAudio thread -------------------------------------------------------------------------------

    def _on_audio(self, indata: Any, frames: int, time_info: object, status: Any) -> None:
        """Copy only: no allocation beyond the block, no locks, no logging.

        A RawInputStream hands over a raw buffer: sounddevice's numpy InputStream reshapes arrays by
        setting `.shape`, which NumPy 2.5 deprecates (and a warning raised in the callback kills it).
        """
        self._last_callback = time.monotonic()
        if status and status.input_overflow:
            self.overflows += 1
        if self._frames_kept + frames > self._max_frames:
            self.dropped_blocks += 1
            return
        block = np.frombuffer(indata, dtype=np.float32).reshape(frames, self._channels).copy()
        self._queue.append(block)
        self._frames_kept += frames
        self._last_block = block
        self._arrived.set()

    def _on_stream_end(self) -> None:
        self._stream_ended.set()
        self._arrived.set()

    # --- reader side -------------------------------------------------------------------------------------

    def _open_stream(self, sd: ModuleType, device: InputDevice) -> Any:
        rates = [self._forced_rate] if self._forced_rate else [TARGET_RATE, int(device.default_sample_rate)]
        attempts = [(rate, channels) for channels in (1, min(2, device.channels)) for rate in rates]
        last_error: Exception | None = None
        for rate, channels in dict.fromkeys(attempts):
            try:
                sd.check_input_settings(
                    device=device.index, channels=channels, dtype="float32", samplerate=rate
                )
                stream = sd.RawInputStream(
                    device=device.index,
                    channels=channels,
                    samplerate=rate,
                    dtype="float32",
                    blocksize=max(int(rate * self._block_seconds), 1),
                    callback=self._on_audio,
                    finished_callback=self._on_stream_end,
                )
            except (sd.PortAudioError, ValueError) as exc:
                log.info("%s refuses %d Hz x %d: %s", device.name, rate, channels, exc)
                last_error = exc
                continue
            self.device_rate, self._channels = rate, channels
            self._max_frames = int(self._max_seconds * rate)
            return stream
        raise sd.PortAudioError(f"no usable format for {device.name}: {last_error}")

    def _check_health(self) -> None:
        if self._stream is None or self._stopping or self.lost is not None:
            return
        silent_for = time.monotonic() - self._last_callback
        if self._stream_ended.is_set() or not self._stream.active:
            reason = "the device stopped"
        elif silent_for > self._stall_timeout_s:
            reason = f"no sound arrived for {silent_for:.1f} s"
        else:
            return
        name = self.device.name if self.device else "microphone"
        self.lost = MicrophoneUnavailable(
            f"The microphone ({name}) stopped working after {self.seconds_captured:.1f} s of the answer: "
            f"{reason}.",
            "What you said until then is kept. Reconnect the microphone, then continue or record the "
            "answer again.",
        )
        log.warning("%s", self.lost.message)
        self._close_stream()

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        # A vanished device may fail to stop; the audio it delivered is already queued.
        with contextlib.suppress(Exception):
            stream.abort()
        with contextlib.suppress(Exception):
            stream.close()
        if self._counted:
            streams.closed()
            self._counted = False

    def _drain(self, final: bool = False) -> None:
        with self._read_lock:
            self._check_health()
            blocks = []
            while self._queue:
                blocks.append(self._queue.popleft())
            if blocks:
                mono = np.concatenate(blocks).mean(axis=1, dtype=np.float32)
                self._append(mono if self.device_rate == TARGET_RATE else self._resample(mono))
            if final and self._resampler is not None:
                self._append(self._resample(None))
                self._resampler = None

    def _append(self, samples: np.ndarray) -> None:
        if samples.size:
            self._chunks.append(samples)
            self._new.append(samples)

    def _resample(self, mono: np.ndarray | None) -> np.ndarray:
        """Device rate -> 16 kHz, streaming (None flushes the resampler's tail)."""
        import av

        if self._resampler is None:
            self._resampler = av.AudioResampler(format="flt", layout="mono", rate=TARGET_RATE)
        frame = None
        if mono is not None:
            frame = av.AudioFrame.from_ndarray(mono.reshape(1, -1), format="flt", layout="mono")
            frame.sample_rate = self.device_rate
        out = [f.to_ndarray().reshape(-1) for f in self._resampler.resample(frame)]
        return np.concatenate(out).astype(np.float32) if out else np.zeros(0, dtype=np.float32)


def check_microphone(listen_seconds: float = 0.3) -> Check:
    """`doctor`: is there a microphone, and does it deliver audio? Never hangs (bounded waits)."""
    name = "Microphone"
    try:
        device = find_input_device(None)
        recorder = MicrophoneRecorder(device.index, stall_timeout_s=2.0)
        recorder.start()
        try:
            got_audio = recorder.wait_for_audio(listen_seconds, timeout_s=listen_seconds + 2.0)
            level = recorder.level()
        finally:
            recorder.stop()
    except MicrophoneUnavailable as exc:
        return Check(name, False, exc.message, exc.advice)
    if not got_audio:
        return Check(
            name,
            False,
            f"{device.name} ({device.host_api}) opened but delivered no sound.",
            "Check that the microphone is not muted or used exclusively by another program.",
        )
    return Check(
        name,
        True,
        f"{device.name} ({device.host_api}), {recorder.device_rate} Hz, level {level.rms_dbfs:.0f} dBFS",
    )

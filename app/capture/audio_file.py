"""Audio from recorded files: decode any audio or video file to 16 kHz mono float32 with PyAV.

One decoder serves `transcribe FILE`, the analysis of recorded answers and the tests, and gives the
transcriber numpy samples rather than a path (faster-whisper's own file decoding breaks with av 19).
`AudioReader` streams a file block by block, so analysing a long file needs memory for one block, not
for the whole recording; `read_audio` collects every sample for callers that need them all at once.
A damaged or truncated file yields what is readable and says so (`truncated`); a file with nothing
readable raises `MediaFileError` with advice.
"""

from __future__ import annotations

import logging
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.core.errors import MediaFileError
from app.platform.constants import SPEECH_SAMPLE_RATE

if TYPE_CHECKING:
    import av.container

log = logging.getLogger(__name__)

DEFAULT_SAMPLE_RATE = SPEECH_SAMPLE_RATE
# Decoded audio shorter than this share of the declared duration (and over a second short) is truncated.
_TRUNCATION_RATIO = 0.97
_TRUNCATION_MIN_GAP_S = 1.0
# Leading bytes of containers we recognise: a file that starts like media but will not open is damaged,
# not "some other kind of file".
_MEDIA_SIGNATURES: tuple[tuple[int, bytes], ...] = (
    (4, b"ftyp"),  # MP4, MOV, M4A, 3GP
    (0, b"RIFF"),  # WAV, AVI
    (0, b"fLaC"),
    (0, b"OggS"),
    (0, b"ID3"),  # MP3 with tags
    (0, b"\x1a\x45\xdf\xa3"),  # Matroska, WebM
    (0, b"FORM"),  # AIFF
)


@dataclass(frozen=True)
class MediaInfo:
    """What a file holds, read from its headers without decoding."""

    duration_s: float | None
    has_audio: bool
    has_video: bool
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    audio_sample_rate: int | None = None


@dataclass(frozen=True)
class DecodedAudio:
    """Decoded samples and whether the file ended before its declared duration."""

    samples: np.ndarray  # float32, mono, in [-1, 1]
    sample_rate: int
    declared_duration_s: float | None
    truncated: bool

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate


def probe_media(path: str | Path) -> MediaInfo:
    """Read the streams and duration of `path`; raises MediaFileError when it is not readable media."""
    with _open_container(Path(path)) as container:
        audio = container.streams.audio[0] if container.streams.audio else None
        video = container.streams.video[0] if container.streams.video else None
        fps: float | None = None
        if video is not None:
            rate = video.average_rate or video.guessed_rate
            fps = float(rate) if rate else None
        return MediaInfo(
            duration_s=_declared_duration(container),
            has_audio=audio is not None,
            has_video=video is not None,
            width=video.width if video is not None else None,
            height=video.height if video is not None else None,
            fps=fps,
            audio_sample_rate=audio.sample_rate if audio is not None else None,
        )


class AudioReader:
    """Decode the first audio stream of a file block by block, in bounded memory.

    Iterate `blocks(block_s)` for float32 mono arrays of `block_s` seconds (the last one shorter); once the
    iteration ends, `truncated` and `duration_s` say what was read. Memory holds one block at a time, so a
    one-hour file costs no more than a one-minute one.

    Args:
        path: any audio or video file FFmpeg reads (WAV, FLAC, MP3, M4A, MP4, MOV, MKV, WebM...).
        sample_rate: output rate in Hz.
        max_seconds: stop after this much audio.

    Raises MediaFileError when the file cannot be opened, has no sound track, or nothing of it decodes.
    """

    def __init__(
        self, path: str | Path, sample_rate: int = DEFAULT_SAMPLE_RATE, max_seconds: float | None = None
    ) -> None:
        self.path = Path(path)
        self.sample_rate = sample_rate
        self.limit = None if max_seconds is None else max(0, int(round(max_seconds * sample_rate)))
        self.declared_duration_s: float | None = None
        self.samples_read = 0
        self.truncated = False

    @property
    def duration_s(self) -> float:
        return self.samples_read / self.sample_rate

    def blocks(self, block_s: float = 30.0) -> Iterator[np.ndarray]:
        """Yield the audio in blocks of `block_s` seconds; sets `truncated` when the file ended early."""
        block = max(1, int(block_s * self.sample_rate))
        pending = _GrowingBuffer(block)
        for piece in self._pieces():
            pending.append(piece)
            while len(pending) >= block:
                yield pending.take(block)
        if len(pending):
            yield pending.take(len(pending))

    def _pieces(self) -> Iterator[np.ndarray]:
        import av

        path, limit = self.path, self.limit
        decode_error: Exception | None = None
        with _open_container(path) as container:
            if not container.streams.audio:
                raise MediaFileError(
                    f"{path.name} has no sound track, so there is nothing to transcribe.",
                    "Record the answer again with a microphone connected, or pick a file that has sound.",
                )
            stream = container.streams.audio[0]
            self.declared_duration_s = _declared_duration(container)
            # Resample each channel and average them ourselves: FFmpeg's stereo->mono matrix adds the
            # channels at -3 dB each, which makes a dual-mono recording 3 dB louder (and can push peaks
            # past full scale).
            resampler = av.AudioResampler(format="fltp", rate=self.sample_rate)
            try:
                for frame in container.decode(stream):
                    for out in resampler.resample(frame):
                        yield from self._within_limit(out.to_ndarray().mean(axis=0, dtype=np.float32))
                    if limit is not None and self.samples_read >= limit:
                        break
                else:
                    for out in resampler.resample(None):
                        yield from self._within_limit(out.to_ndarray().mean(axis=0, dtype=np.float32))
            except (av.error.FFmpegError, EOFError) as exc:
                decode_error = exc
                log.warning("decoding %s stopped early: %s", path, exc)
        self._finish(decode_error)

    def _within_limit(self, samples: np.ndarray) -> Iterator[np.ndarray]:
        if self.limit is not None:
            samples = samples[: max(0, self.limit - self.samples_read)]
        if samples.size:
            self.samples_read += samples.size
            yield samples

    def _finish(self, decode_error: Exception | None) -> None:
        stopped_by_limit = self.limit is not None and self.samples_read >= self.limit
        declared = self.declared_duration_s
        self.truncated = (
            decode_error is not None
            or _wav_data_cut_short(self.path)
            or (not stopped_by_limit and declared is not None and _looks_short(self.duration_s, declared))
        )
        if self.samples_read == 0 and self.truncated:
            raise MediaFileError(
                f"{self.path.name} is damaged: none of its sound could be read.",
                "The recording was probably interrupted or the copy is incomplete; record the answer again.",
            )
        if self.truncated:
            log.warning("%s ends early (damaged or interrupted); decoded %.2f s", self.path, self.duration_s)


def read_audio(
    path: str | Path, sample_rate: int = DEFAULT_SAMPLE_RATE, max_seconds: float | None = None
) -> DecodedAudio:
    """Decode the first audio stream of `path` to mono float32 at `sample_rate`, all at once.

    For files of any length prefer `AudioReader`, which holds one block at a time.

    Returns:
        The samples, plus `truncated` when the file ended early (damaged or interrupted recording).
    """
    reader = AudioReader(path, sample_rate, max_seconds)
    buffer = _GrowingBuffer(DEFAULT_SAMPLE_RATE * 60)
    for piece in reader._pieces():
        buffer.append(piece)
    return DecodedAudio(
        samples=buffer.take(len(buffer)),
        sample_rate=sample_rate,
        declared_duration_s=reader.declared_duration_s,
        truncated=reader.truncated,
    )


def decode_audio(
    path: str | Path, sample_rate: int = DEFAULT_SAMPLE_RATE, max_seconds: float | None = None
) -> np.ndarray:
    """The samples of `read_audio` (float32 mono); a truncated file gives what was readable (logged)."""
    return read_audio(path, sample_rate=sample_rate, max_seconds=max_seconds).samples


def write_wav(path: str | Path, samples: np.ndarray, sample_rate: int) -> Path:
    """Write float samples in [-1, 1] (or int16) as a 16-bit PCM WAV; 2-D input is (frames, channels)."""
    path = Path(path)
    data = np.asarray(samples)
    channels = 1 if data.ndim == 1 else data.shape[1]
    if data.dtype != np.int16:
        data = (np.clip(data.astype(np.float64), -1.0, 1.0) * 32767.0).round().astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(int(sample_rate))
        out.writeframes(np.ascontiguousarray(data).astype("<i2").tobytes())
    return path


class _GrowingBuffer:
    """A float32 array that doubles when full, so decoding never holds a list of small frames."""

    def __init__(self, capacity: int) -> None:
        self._data = np.empty(max(capacity, 1024), dtype=np.float32)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def append(self, block: np.ndarray) -> None:
        end = self._size + len(block)
        if end > len(self._data):
            grown = np.empty(max(end, 2 * len(self._data)), dtype=np.float32)
            grown[: self._size] = self._data[: self._size]
            self._data = grown
        self._data[self._size : end] = block
        self._size = end

    def take(self, count: int) -> np.ndarray:
        """Remove and return the first `count` samples (a copy; the rest moves to the front)."""
        count = min(count, self._size)
        head = self._data[:count].copy()
        rest = self._size - count
        self._data[:rest] = self._data[count : self._size]
        self._size = rest
        return head


def _open_container(path: Path) -> av.container.InputContainer:
    import av

    if not path.exists():
        raise MediaFileError(
            f"{path} was not found.", "Check the path; the file may have been moved or deleted."
        )
    if not path.is_file():
        raise MediaFileError(f"{path} is a folder, not a media file.", "Pick an audio or video file.")
    if path.stat().st_size == 0:
        raise MediaFileError(
            f"{path.name} is empty (0 bytes).", "The recording did not save; record it again."
        )
    try:
        return av.open(str(path), mode="r")
    except PermissionError as exc:
        raise MediaFileError(
            f"{path.name} cannot be read: permission denied.", "Check the file's permissions."
        ) from exc
    except (av.error.FFmpegError, EOFError, UnicodeDecodeError) as exc:
        if _starts_like_media(path):
            raise MediaFileError(
                f"{path.name} is damaged or incomplete and cannot be opened ({exc.__class__.__name__}).",
                "The recording was probably interrupted before it was finished; record the answer again.",
            ) from exc
        raise MediaFileError(
            f"{path.name} is not an audio or video file that can be read.",
            "Pick a WAV, FLAC, MP3, M4A, MP4, MOV, MKV or WebM file.",
        ) from exc


def _starts_like_media(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(16)
    if any(head[offset : offset + len(magic)] == magic for offset, magic in _MEDIA_SIGNATURES):
        return True
    return len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0  # an MPEG audio frame


def _declared_duration(container: av.container.InputContainer) -> float | None:
    if container.duration is not None and container.duration > 0:
        return container.duration / 1_000_000  # AV_TIME_BASE
    for stream in container.streams.audio:
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
    return None


def _wav_data_cut_short(path: Path) -> bool:
    """A WAV whose data chunk claims more bytes than the file holds (FFmpeg trusts the file size instead)."""
    with path.open("rb") as handle:
        if handle.read(12)[8:12] != b"WAVE":
            return False
        while header := handle.read(8):
            if len(header) < 8:
                return False
            size = int.from_bytes(header[4:8], "little")
            if header[:4] == b"data":
                remaining = path.stat().st_size - handle.tell()
                return size != 0xFFFFFFFF and size > remaining  # 0xFFFFFFFF: streamed, size unknown
            handle.seek(size + (size & 1), 1)
    return False


def _looks_short(decoded_s: float, declared_s: float) -> bool:
    return decoded_s < declared_s * _TRUNCATION_RATIO and declared_s - decoded_s > _TRUNCATION_MIN_GAP_S

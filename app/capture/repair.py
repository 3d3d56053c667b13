"""Check, and if needed repair, a recording that a crash may have cut short.

The recorder writes fragmented MP4, so a file cut by a crash ends in a partial fragment: everything before
it plays. `repair_or_check` measures how much decodes, and when the tail is damaged (a box that runs past
the end of the file, or decoding errors) it remuxes the readable packets into a clean file, which replaces
the original only when it plays at least as long.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.capture.mp4_options import AUDIO_ONLY_MP4_OPTIONS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecoveredMedia:
    path: Path
    playable_seconds: float
    ok: bool
    repaired: bool = False
    has_video: bool = False
    has_audio: bool = False
    detail: str = ""


@dataclass(frozen=True)
class _Scan:
    playable_seconds: float
    has_video: bool
    has_audio: bool
    errors: int
    opened: bool


def truncated_tail(path: Path) -> bool:
    """Whether the last top-level MP4 box claims more bytes than the file holds (a write cut short)."""
    size = path.stat().st_size
    offset = 0
    with path.open("rb") as handle:
        while offset < size:
            handle.seek(offset)
            header = handle.read(16)
            if len(header) < 8:
                return True
            box_size = int.from_bytes(header[:4], "big")
            if box_size == 1:
                if len(header) < 16:
                    return True
                box_size = int.from_bytes(header[8:16], "big")
            elif box_size == 0:
                return False  # the box runs to the end of the file by definition
            if box_size < 8:
                return True
            offset += box_size
    return offset > size


def _scan(path: Path) -> _Scan:
    """Decode every stream to the end; the playable length is where the longest stream stops."""
    import av

    ends: dict[str, float] = {}
    errors = 0
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError, EOFError) as error:
        log.warning("%s does not open: %s", path, error)
        return _Scan(0.0, False, False, 1, False)
    with container:
        streams = [s for s in container.streams if s.type in ("video", "audio")]
        try:
            for packet in container.demux(streams):
                try:
                    for frame in packet.decode():
                        if isinstance(frame, av.VideoFrame):
                            rate = packet.stream.average_rate or packet.stream.guessed_rate
                            length, kind = (1.0 / float(rate) if rate else 0.0), "video"
                        elif isinstance(frame, av.AudioFrame):
                            length, kind = frame.samples / frame.sample_rate, "audio"
                        else:
                            continue
                        if frame.time is not None:
                            ends[kind] = max(ends.get(kind, 0.0), frame.time + length)
                except (av.error.FFmpegError, ValueError):
                    errors += 1
        except (av.error.FFmpegError, OSError, EOFError) as error:
            log.warning("%s: reading stopped early: %s", path, error)
            errors += 1
        return _Scan(
            playable_seconds=max(ends.values(), default=0.0),
            has_video="video" in ends,
            has_audio="audio" in ends,
            errors=errors,
            opened=True,
        )


def playable_seconds(path: str | Path) -> float:
    """How many seconds of a recording decode (0 when it does not open)."""
    return _scan(Path(path)).playable_seconds


def _remux(source: Path, target: Path) -> int:
    """Copy every readable packet of `source` into a new fragmented MP4; returns the packets copied."""
    import av

    copied = 0
    with (
        av.open(str(source)) as reader,
        av.open(str(target), mode="w", format="mp4", options=AUDIO_ONLY_MP4_OPTIONS) as writer,
    ):
        mapping = {}
        for stream in reader.streams:
            if stream.type in ("video", "audio"):
                mapping[stream.index] = writer.add_stream_from_template(stream)
        try:
            for packet in reader.demux(list(reader.streams)):
                if (
                    packet.dts is None
                    or packet.size == 0
                    or packet.is_corrupt
                    or packet.stream.index not in mapping
                ):
                    continue
                packet.stream = mapping[packet.stream.index]
                writer.mux(packet)
                copied += 1
        except (av.error.FFmpegError, EOFError) as error:
            log.warning("%s: copying stopped at a damaged packet: %s", source, error)
    return copied


def repair_or_check(path: str | Path, replace: bool = True) -> RecoveredMedia:
    """Report how much of a recording plays; remux a damaged one.

    Args:
        path: an MP4/M4A written by `Recorder` (possibly cut short by a crash).
        replace: put the repaired file in place of the damaged one (same path) rather than beside it.

    Returns:
        Where the playable recording is, how many seconds play, and whether anything plays at all.
    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return RecoveredMedia(path, 0.0, False, detail="the recording is missing or empty")
    damaged_tail = truncated_tail(path)
    scan = _scan(path)
    if not damaged_tail and scan.errors == 0 and scan.opened:
        return RecoveredMedia(
            path,
            scan.playable_seconds,
            scan.playable_seconds > 0,
            False,
            scan.has_video,
            scan.has_audio,
            "complete",
        )
    if not scan.opened:
        return RecoveredMedia(
            path, 0.0, False, detail="the recording was cut off before anything playable was saved"
        )

    repaired_path = path.with_name(f"{path.stem}.repaired{path.suffix}")
    try:
        copied = _remux(path, repaired_path)
        repaired_scan = _scan(repaired_path) if copied else None
    except (OSError, ValueError) as error:  # no room for the copy, or nothing copyable
        log.warning("could not repair %s: %s", path, error)
        repaired_path.unlink(missing_ok=True)
        repaired_scan = None
    if repaired_scan is None or repaired_scan.playable_seconds + 0.05 < scan.playable_seconds:
        repaired_path.unlink(missing_ok=True)
        return RecoveredMedia(
            path,
            scan.playable_seconds,
            scan.playable_seconds > 0,
            False,
            scan.has_video,
            scan.has_audio,
            "cut short; kept as is",
        )
    final = path
    if replace:
        os.replace(repaired_path, path)
    else:
        final = repaired_path
    log.info("repaired %s: %.1f s playable", final, repaired_scan.playable_seconds)
    return RecoveredMedia(
        final,
        repaired_scan.playable_seconds,
        repaired_scan.playable_seconds > 0,
        True,
        repaired_scan.has_video,
        repaired_scan.has_audio,
        "cut short; repaired",
    )

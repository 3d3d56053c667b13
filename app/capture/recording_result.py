"""What a recording produced, and the plain words for a recording that could not be written."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import StorageError


@dataclass(frozen=True)
class RecordingResult:
    path: Path
    duration_s: float
    video_frames: int
    audio_seconds: float
    dropped_frames: int  # delivered by the camera but not recorded: the encoder could not keep up
    has_video: bool
    repeated_frames: int = 0  # written twice to fill a gap in the camera's frames
    dropped_audio_s: float = 0.0
    video_end_reason: str | None = None  # e.g. "camera lost"


class RecordingFailed(StorageError):
    """The recording stopped on a write error; `result` describes what was kept."""

    def __init__(self, message: str, advice: str, result: RecordingResult | None = None) -> None:
        super().__init__(message, advice)
        self.result = result



def storage_error(error: OSError, path: Path) -> StorageError:
    """A write error of the recording at `path` as a StorageError the person can act on."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageError(
            "The disk is full, so the recording stopped.",
            f"Free some disk space (recordings are in {path.parent}) and record the answer again.",
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(
            f"The recording cannot be saved: the folder {path.parent} is not writable.",
            "Check the folder's permissions or choose another data folder.",
        )
    return StorageError(
        f"Writing the recording failed ({error.strerror or error}).",
        "Check the disk (is it full, removed or failing?) and record the answer again.",
    )

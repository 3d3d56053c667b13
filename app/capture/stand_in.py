"""Can a file stand in for the camera or the microphone? Checked before a file source is made."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Literal

from app.capture.audio_file import MediaInfo, probe_media
from app.capture.video_file import quarter_turns, upright_size
from app.core.errors import MediaFileError

log = logging.getLogger(__name__)

StandInRole = Literal["camera", "microphone"]

CAMERA_FILE_ADVICE = (
    "On the setup page, pick a video file (MP4, MOV, MKV or WebM) for the camera, "
    "or clear the Video field to practise audio-only."
)
MICROPHONE_FILE_ADVICE = (
    "On the setup page, pick a file with sound for the microphone "
    "(WAV, FLAC, MP3, M4A, or a video with sound)."
)
CANNOT_STAND_IN: dict[str, str] = {
    "camera": "It cannot stand in for the camera.",
    "microphone": "It cannot stand in for the microphone.",
}
_FIRST_FRAME_PACKETS = 300  # a readable video shows a picture within its first packets


def check_stand_in(path: str | Path, role: StandInRole) -> MediaInfo:
    """Check that a file can stand in for the camera (a picture that decodes) or the microphone (sound).

    Runs before a file source is made (the pre-check, each answer), so an unusable file is one plain
    message naming the file, what it was picked for and what to pick instead, never a source that ends at
    once. Raises MediaFileError. For the camera, `width` x `height` is the size the picture is shown at
    (a phone clip's display matrix applied).
    """
    path = Path(path)
    advice = CAMERA_FILE_ADVICE if role == "camera" else MICROPHONE_FILE_ADVICE
    try:
        info = probe_media(path)
    except MediaFileError as error:
        raise MediaFileError(f"{error.message} {CANNOT_STAND_IN[role]}", advice) from error
    if role == "microphone":
        if not info.has_audio:
            raise MediaFileError(f"{path.name} has no sound. {CANNOT_STAND_IN[role]}", advice)
        return info
    if not info.has_video or not info.width or not info.height:
        raise MediaFileError(f"{path.name} has no video track. {CANNOT_STAND_IN[role]}", advice)
    turns = _first_picture_turns(path)
    if turns is None:
        raise MediaFileError(
            f"{path.name} is damaged: none of its pictures could be read. {CANNOT_STAND_IN[role]}", advice
        )
    width, height = upright_size(info.width, info.height, turns)
    return dataclasses.replace(info, width=width, height=height)


def _first_picture_turns(path: Path) -> int | None:
    """The quarter turns of the first picture that decodes (None when none does)."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            for count, packet in enumerate(container.demux(stream)):
                if count >= _FIRST_FRAME_PACKETS:
                    return None
                frames = packet.decode()
                if frames:
                    return quarter_turns(frames[0])
    except (av.error.FFmpegError, EOFError) as error:
        log.info("%s: no picture decodes: %s", path, error)
    return None



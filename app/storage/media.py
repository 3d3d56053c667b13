"""Media files of answers: one file per answer, named by ids, under data/media/<session id>/."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from app.platform.paths import AppPaths, ensure_dir

log = logging.getLogger(__name__)


# Recordings the app makes are .mp4 (video) or .m4a (audio only); imported ones keep their own type.
SUFFIXES = (".mp4", ".m4a", ".mov", ".mkv", ".webm", ".wav", ".mp3", ".flac", ".ogg", ".aac")


def answer_media_relative(session_id: str, answer_id: str, has_video: bool, suffix: str | None = None) -> str:
    """Path of an answer's recording relative to the media folder (stored in the database)."""
    suffix = (suffix or (".mp4" if has_video else ".m4a")).lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"not a media suffix: {suffix}")
    return f"{session_id}/{answer_id}{suffix}"


def absolute_media_path(paths: AppPaths, relative: str) -> Path:
    path = (paths.media / relative).resolve()
    if not path.is_relative_to(paths.media.resolve()):
        raise ValueError(f"media path escapes the media folder: {relative}")
    return path


def prepare_answer_file(paths: AppPaths, session_id: str, answer_id: str, has_video: bool,
                        suffix: str | None = None) -> tuple[str, Path]:
    relative = answer_media_relative(session_id, answer_id, has_video, suffix)
    path = absolute_media_path(paths, relative)
    ensure_dir(path.parent)
    return relative, path


def delete_session_media(paths: AppPaths, session_id: str) -> None:
    folder = paths.media / session_id
    if folder.is_dir():
        shutil.rmtree(folder)
        log.info("deleted media of session %s", session_id)


def delete_media_file(paths: AppPaths, relative: str) -> None:
    path = absolute_media_path(paths, relative)
    path.unlink(missing_ok=True)

"""Media files of answers: one file per answer, named by ids, under data/media/<session id>/."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from app.storage.paths import AppPaths, ensure_dir

log = logging.getLogger(__name__)


def answer_media_relative(session_id: str, answer_id: str, has_video: bool) -> str:
    """Path of an answer's recording relative to the media folder (stored in the database)."""
    suffix = ".mp4" if has_video else ".m4a"
    return f"{session_id}/{answer_id}{suffix}"


def absolute_media_path(paths: AppPaths, relative: str) -> Path:
    path = (paths.media / relative).resolve()
    if not path.is_relative_to(paths.media.resolve()):
        raise ValueError(f"media path escapes the media folder: {relative}")
    return path


def prepare_answer_file(paths: AppPaths, session_id: str, answer_id: str, has_video: bool) -> tuple[str, Path]:
    relative = answer_media_relative(session_id, answer_id, has_video)
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

"""The Settings page's background jobs: list devices and voices, synthesize the test phrase, download a
model, and delete every file of the user's data. Plain functions, run by the TaskRunner (never on the GUI
thread) and testable without widgets.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

from app.core.errors import UserFacingError
from app.gui.tasks import TaskContext
from app.platform.paths import AppPaths
from app.speech import whisper_models

log = logging.getLogger(__name__)

TEST_PHRASE = "Tell me about a time you solved a difficult problem."


def delete_all_data(paths: AppPaths, keep_open: tuple[Path, ...] = ()) -> list[Path]:
    """Remove every file and folder under the app's roots; files in `keep_open` are emptied, not removed.

    Returns the files that remain (only the emptied ones, when all went well).
    """
    for root in paths.all_roots():
        if not root.is_dir():
            continue
        for entry in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):  # deepest first
            if entry in keep_open:
                entry.write_bytes(b"")
            elif entry.is_symlink() or not entry.is_dir():
                entry.unlink()
            elif not any(kept.is_relative_to(entry) for kept in keep_open):
                entry.rmdir()
    return [p for root in paths.all_roots() if root.is_dir() for p in root.rglob("*") if p.is_file()]


def open_log_files() -> tuple[Path, ...]:
    """Log files the running app holds open (emptied rather than removed)."""
    files = []
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if name:
            files.append(Path(name).resolve())
    return tuple(files)


def download(name: str, base_url: str, task: TaskContext) -> Path:
    def progress(done: int, total: int) -> None:
        task.progress(
            f"{done / 1e6:.0f} of {total / 1e6:.0f} MB" if total else f"{done / 1e6:.0f} MB",
            done / total if total else 0.0,
        )

    return whisper_models.download_model(name, progress=progress, cancel=task.cancelled, base_url=base_url)


DOWNLOAD_ADVICE = whisper_models.DOWNLOAD_ADVICE


def download_problem(error: BaseException) -> str:
    """A failed model download in plain words, never urllib's own text ("<urlopen error [Errno -2]...>").

    The network cause an error chains is said in whisper_models' own words (`network_reason`).
    """
    cause = error.__cause__ if isinstance(error, UserFacingError) else error
    if isinstance(cause, OSError) and whisper_models.is_network_error(cause):
        reason = whisper_models.network_reason(cause)
        return f"The speech model could not be downloaded: {reason} {DOWNLOAD_ADVICE}"
    if isinstance(error, UserFacingError):
        return f"{error.message} {error.advice}".strip()
    if isinstance(error, OSError):
        reason = (error.strerror or "the file could not be written").lower()
        return (
            f"The speech model could not be saved on this computer: {reason}. "
            "Free some disk space, then try again."
            if error.errno == errno.ENOSPC
            else f"The speech model could not be saved on this computer: {reason}. "
            "Check that the data folder can be written to, then try again."
        )
    return f"The speech model could not be downloaded. {DOWNLOAD_ADVICE}"


def list_devices() -> tuple[list[tuple[int, str]], list[str], str]:
    """(cameras, microphones, problem) — never raises: a missing device is a normal answer here."""
    from app.capture.camera import list_cameras

    problem = ""
    try:
        cameras = [(c.index, c.name) for c in list_cameras()]
    except Exception as error:  # noqa: BLE001 - a broken driver must not break Settings
        log.warning("camera listing failed: %s", error)
        cameras = []
    try:
        from app.capture.microphone import list_input_devices

        microphones = [d.name for d in list_input_devices()]
    except (UserFacingError, OSError) as error:
        problem = str(error)
        microphones = []
    return cameras, microphones, problem


def list_voices() -> list[tuple[str, str]]:
    from app.speech.tts import SpeechSynthesizer

    return [(v.id, v.name) for v in SpeechSynthesizer().voices()]


def synthesize(voice_id: str, rate: int) -> Path:
    from app.speech.tts import SpeechSynthesizer

    return SpeechSynthesizer(voice_id or None, rate).synthesize(TEST_PHRASE)

"""The Settings page's background jobs: list devices and voices, synthesize the test phrase, download a
model, and delete every file of the user's data. Plain functions, run by the TaskRunner (never on the GUI
thread) and testable without widgets.
"""

from __future__ import annotations

import errno
import logging
import socket
import ssl
import urllib.error
from pathlib import Path

from app.core.errors import UserFacingError
from app.gui.tasks import TaskContext
from app.speech import whisper_models
from app.storage.paths import AppPaths

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


DOWNLOAD_ADVICE = "Check the internet connection and try again, or keep using the built-in tiny.en model."


def download_problem(error: BaseException) -> str:
    """A failed model download in plain words, never urllib's own text ("<urlopen error [Errno -2]...>").

    whisper_models puts the raw exception into its message; the network cause it chains is turned into a
    sentence here instead.
    """
    cause = error.__cause__ if isinstance(error, UserFacingError) else error
    if isinstance(cause, OSError) and _is_network(cause):
        return f"The speech model could not be downloaded: {_network_reason(cause)} {DOWNLOAD_ADVICE}"
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


def _is_network(error: OSError) -> bool:
    return isinstance(
        error, urllib.error.URLError | socket.gaierror | ConnectionError | TimeoutError | ssl.SSLError
    )


def _network_reason(error: OSError) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"the download server answered with an error (HTTP {error.code})."
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.gaierror):
        return "this computer could not find the download server (it seems to be offline)."
    if isinstance(reason, TimeoutError | socket.timeout) or "timed out" in str(reason):
        return "the download server did not answer in time."
    if isinstance(reason, ConnectionRefusedError):
        return "the download server refused the connection."
    if isinstance(reason, ssl.SSLError):
        return "the secure connection to the download server failed."
    if isinstance(reason, ConnectionError):
        return "the connection to the download server was lost."
    return "this computer could not reach the download server."


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

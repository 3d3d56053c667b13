"""The speech model a person chooses in Settings: which there are, whether one is here, and downloading one.

The download runs in the background with progress and cancel; its failures are said in plain words
(`download_problem`), never as urllib's own text.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from pathlib import Path

from app.core.errors import UserFacingError
from app.speech import whisper_models

HF_BASE_URL = whisper_models.HF_BASE_URL
DOWNLOAD_ADVICE = whisper_models.DOWNLOAD_ADVICE


def model_choices() -> list[tuple[str, str]]:
    """(label, model name) of every known model, e.g. ("base.en (142 MB download)", "base.en")."""
    choices = []
    for info in whisper_models.KNOWN_MODELS.values():
        note = "built in" if info.bundled else f"{info.size_mb} MB download"
        if info.multilingual:
            note += ", also other languages"
        choices.append((f"{info.name} ({note})", info.name))
    return choices


def is_downloaded(name: str) -> bool:
    return whisper_models.is_downloaded(name)


def is_multilingual(name: str) -> bool:
    """The model also hears answers in other languages than English."""
    return whisper_models.model_info(name).multilingual


def download(
    name: str, base_url: str, progress: Callable[[str, float], None], cancel: threading.Event
) -> Path:
    """Background: download the model, reporting ("12 of 142 MB", fraction) as it goes."""

    def report(done: int, total: int) -> None:
        progress(
            f"{done / 1e6:.0f} of {total / 1e6:.0f} MB" if total else f"{done / 1e6:.0f} MB",
            done / total if total else 0.0,
        )

    return whisper_models.download_model(name, progress=report, cancel=cancel, base_url=base_url)


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

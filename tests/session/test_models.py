"""A failed speech-model download said in plain words (Settings shows it), without widgets."""

from __future__ import annotations

import socket
import ssl
import urllib.error
from email.message import Message

import pytest

from app.core.errors import ModelUnavailable
from app.session.models import download_problem


def _failed_download(cause: OSError) -> ModelUnavailable:
    """What whisper_models raises for a network failure: its message holds the raw urllib text."""
    try:
        raise ModelUnavailable(
            f"Could not download the speech model ({cause}).",
            "Check the internet connection, or keep using the built-in tiny.en model.",
        ) from cause
    except ModelUnavailable as error:
        return error


@pytest.mark.parametrize(
    ("cause", "said"),
    [
        (
            urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
            "this computer could not find the download server (it seems to be offline).",
        ),
        (urllib.error.URLError(TimeoutError("timed out")), "the download server did not answer in time."),
        (TimeoutError("timed out"), "the download server did not answer in time."),
        (
            urllib.error.HTTPError("https://huggingface.co/x", 404, "Not Found", Message(), None),
            "the download server answered with an error (HTTP 404).",
        ),
        (urllib.error.URLError(ssl.SSLError(1, "certificate verify failed")),
         "the secure connection to the download server failed."),
    ],
)
def test_network_errors_are_plain_sentences(cause: OSError, said: str) -> None:
    """Issue 17.5: the reported "<urlopen error [Errno -2] Name or service not known>" becomes a sentence."""
    text = download_problem(_failed_download(cause))
    assert text == (
        f"The speech model could not be downloaded: {said} "
        "Check the internet connection and try again, or keep using the built-in tiny.en model."
    )
    for raw in ("urlopen", "Errno", "<", "Name or service"):
        assert raw not in text


def test_other_download_problems_stay_plain() -> None:
    failed = "The downloaded speech model 'base.en' failed its checksum."
    checksum = ModelUnavailable(failed, "Try again later.")
    assert download_problem(checksum) == f"{failed} Try again later."
    disk_full = OSError(28, "No space left on device")
    assert download_problem(disk_full) == (
        "The speech model could not be saved on this computer: no space left on device. "
        "Free some disk space, then try again."
    )

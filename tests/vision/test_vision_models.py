"""Model bundles: shipped intact, and a missing, truncated or garbage file fails clearly and quickly."""

from __future__ import annotations

import hashlib
import io
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from app.core.errors import ModelUnavailable
from app.vision import check_vision_models
from app.vision import models as vision_models
from app.vision.landmarks import LandmarkEngine
from app.vision.models import (
    FACE_MODEL,
    POSE_MODEL,
    SHIPPED_MODELS,
    ModelSpec,
    call_with_timeout,
    create_face_landmarker,
    load_landmarker,
    models_dir,
)


def test_shipped_bundles_match_their_pinned_sha256() -> None:
    for spec in SHIPPED_MODELS:
        data = (models_dir() / spec.filename).read_bytes()
        assert hashlib.sha256(data).hexdigest() == spec.sha256
    provenance = (models_dir() / "PROVENANCE.md").read_text(encoding="utf-8")
    for spec in SHIPPED_MODELS:
        assert spec.filename in provenance and str(spec.sha256) in provenance


def test_the_hand_model_is_not_shipped() -> None:
    """Hands come from the pose model (see app/vision/landmarks.py); the 7.8 MB bundle stays out."""
    assert not (models_dir() / "hand_landmarker.task").exists()


def test_doctor_check_passes_with_the_shipped_models() -> None:
    check = check_vision_models()
    assert check.ok, check.detail
    assert "face_landmarker.task" in check.detail and "pose_landmarker_full.task" in check.detail


def _copy_models(target: Path) -> Path:
    target.mkdir()
    for spec in SHIPPED_MODELS:
        shutil.copy(models_dir() / spec.filename, target / spec.filename)
    return target


def test_missing_model_names_the_file(tmp_path: Path) -> None:
    folder = _copy_models(tmp_path / "models")
    (folder / POSE_MODEL.filename).unlink()
    with pytest.raises(ModelUnavailable) as caught:
        LandmarkEngine.load(directory=folder)
    assert str(folder / POSE_MODEL.filename) in caught.value.message
    assert "missing" in caught.value.message
    assert caught.value.advice


def test_truncated_model_names_the_file(tmp_path: Path) -> None:
    folder = _copy_models(tmp_path / "models")
    path = folder / FACE_MODEL.filename
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ModelUnavailable) as caught:
        LandmarkEngine.load(directory=folder)
    assert str(path) in caught.value.message
    assert "corrupt" in caught.value.message


def test_garbage_model_names_the_file(tmp_path: Path) -> None:
    folder = _copy_models(tmp_path / "models")
    path = folder / FACE_MODEL.filename
    path.write_bytes(b"this is not a model\n" * 500)
    with pytest.raises(ModelUnavailable, match="face_landmarker.task"):
        LandmarkEngine.load(directory=folder)


def test_unpinned_garbage_is_rejected_before_mediapipe_sees_it(tmp_path: Path) -> None:
    """A user-supplied bundle has no pinned hash: its structure is still checked."""
    path = tmp_path / "mine.task"
    path.write_bytes(b"\x00" * 4096)
    spec = ModelSpec("mine.task", None, FACE_MODEL.members)
    with pytest.raises(ModelUnavailable, match="mine.task.*not a MediaPipe .task bundle"):
        load_landmarker(spec, create_face_landmarker, tmp_path)


def test_well_formed_but_broken_bundle_fails_in_mediapipe_with_the_file_named(tmp_path: Path) -> None:
    """Right zip layout, TFLite magic, garbage inside: MediaPipe itself rejects it; we name the file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for member in FACE_MODEL.members:
            bundle.writestr(member, b"\x1c\x00\x00\x00TFL3" + bytes(range(256)) * 20)
    path = tmp_path / "broken.task"
    path.write_bytes(buffer.getvalue())
    spec = ModelSpec("broken.task", None, FACE_MODEL.members)
    with pytest.raises(ModelUnavailable, match="broken.task could not be loaded"):
        load_landmarker(spec, create_face_landmarker, tmp_path)


def test_a_hanging_load_becomes_an_error_instead_of_a_hang() -> None:
    release = threading.Event()
    try:
        with pytest.raises(ModelUnavailable, match="did not finish within"):
            call_with_timeout(lambda: release.wait(), 0.2, "stuck.task")
    finally:
        release.set()


def test_doctor_check_reports_a_broken_model_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_models(tmp_path / "models")
    (folder / FACE_MODEL.filename).write_bytes(b"garbage")
    monkeypatch.setattr(vision_models, "models_dir", lambda: folder)
    check = check_vision_models()
    assert not check.ok
    assert "face_landmarker.task" in check.detail
    assert check.advice

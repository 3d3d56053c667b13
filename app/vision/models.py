"""The MediaPipe model bundles the app ships, checked before use and loaded without risking a hang.

mediapipe ships no models, so assets/models/ carries the two we need (see PROVENANCE.md there). Each file
is read once, its sha256 compared with the pinned value, its structure checked (a .task bundle is a zip of
TFLite flatbuffers), and only then handed to MediaPipe as a buffer, so the bytes verified are the bytes
loaded. Creation runs in a worker thread with a timeout (STACK.md: a model that fails to load can leave the
process hung); a missing, corrupt or unloadable file raises ModelUnavailable naming the file.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import ModelUnavailable
from app.platform.paths import assets_dir

log = logging.getLogger(__name__)

LOAD_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class ModelSpec:
    filename: str
    sha256: str | None  # None: a user-supplied file with no pinned hash (structure is still checked)
    members: tuple[str, ...]  # files the .task bundle must contain


FACE_MODEL = ModelSpec(
    "face_landmarker.task",
    "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff",
    ("face_detector.tflite", "face_landmarks_detector.tflite", "face_blendshapes.tflite"),
)
POSE_MODEL = ModelSpec(
    "pose_landmarker_full.task",
    "5e4f66369c342a80296eb49168bca7976ade75b9f3fb3a8f209c829aeb27639a",
    ("pose_detector.tflite", "pose_landmarks_detector.tflite"),
)
SHIPPED_MODELS = (FACE_MODEL, POSE_MODEL)

_ADVICE = (
    "Reinstall Mock Interview Coach to restore its model files; body-language feedback is off until then."
)


def models_dir() -> Path:
    return assets_dir() / "models"


def read_verified(path: Path, spec: ModelSpec) -> bytes:
    """The file's bytes, after checking they are the pinned, well-formed bundle. Raises ModelUnavailable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ModelUnavailable(f"Model file {path} is missing.", _ADVICE) from None
    except OSError as exc:
        raise ModelUnavailable(f"Model file {path} cannot be read ({exc.strerror}).", _ADVICE) from exc
    if spec.sha256 is not None:
        digest = hashlib.sha256(data).hexdigest()
        if digest != spec.sha256:
            raise ModelUnavailable(
                f"Model file {path} is corrupt or not the expected version "
                f"(sha256 {digest[:12]}..., expected {spec.sha256[:12]}..., {len(data):,} bytes).",
                _ADVICE,
            )
    _check_bundle(path, data, spec)
    return data


def _check_bundle(path: Path, data: bytes, spec: ModelSpec) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            names = set(bundle.namelist())
            missing = [m for m in spec.members if m not in names]
            if missing:
                raise ModelUnavailable(f"Model file {path} lacks {', '.join(missing)}.", _ADVICE)
            for name in spec.members:
                if name.endswith(".tflite") and bundle.read(name)[4:8] != b"TFL3":
                    raise ModelUnavailable(f"Model file {path} holds a damaged {name}.", _ADVICE)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ModelUnavailable(
            f"Model file {path} is not a MediaPipe .task bundle ({exc}).", _ADVICE
        ) from exc


def call_with_timeout[T](fn: Callable[[], T], timeout_s: float, what: str) -> T:
    """Run `fn` in a daemon thread; a hang becomes ModelUnavailable instead of a frozen app."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=work, name=f"load {what}", daemon=True).start()
    if not done.wait(timeout_s):
        raise ModelUnavailable(f"Loading {what} did not finish within {timeout_s:.0f} s.", _ADVICE)
    if "error" in box:
        error = box["error"]
        if isinstance(error, ModelUnavailable):
            raise error
        raise ModelUnavailable(f"Model file {what} could not be loaded: {error}", _ADVICE) from error
    return box["value"]  # type: ignore[no-any-return]


@contextmanager
def quiet_native_stderr(enabled: bool = True) -> Iterator[None]:
    """Silence TFLite/glog chatter written straight to fd 2 while models load (CLI and benchmarks only).

    The redirection is process-wide, so the GUI leaves it off.
    """
    if not enabled:
        yield
        return
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def create_face_landmarker(data: bytes, video_mode: bool = True) -> Any:
    from mediapipe.tasks.python import BaseOptions, vision

    options = vision.FaceLandmarkerOptions(
        base_options=BaseOptions(model_asset_buffer=data),
        running_mode=vision.RunningMode.VIDEO if video_mode else vision.RunningMode.IMAGE,
        num_faces=1,
        output_face_blendshapes=True,
        output_facial_transformation_matrixes=True,
    )
    return vision.FaceLandmarker.create_from_options(options)


def create_pose_landmarker(data: bytes, video_mode: bool = True) -> Any:
    from mediapipe.tasks.python import BaseOptions, vision

    options = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_buffer=data),
        running_mode=vision.RunningMode.VIDEO if video_mode else vision.RunningMode.IMAGE,
        num_poses=1,
    )
    return vision.PoseLandmarker.create_from_options(options)


def load_landmarker(
    spec: ModelSpec,
    create: Callable[[bytes, bool], Any],
    directory: Path | None = None,
    video_mode: bool = True,
    timeout_s: float = LOAD_TIMEOUT_S,
    quiet: bool = False,
) -> Any:
    """Verify and load one bundle off the calling thread. Raises ModelUnavailable naming the file."""
    path = (directory or models_dir()) / spec.filename
    data = read_verified(path, spec)
    with quiet_native_stderr(quiet):
        landmarker = call_with_timeout(lambda: create(data, video_mode), timeout_s, str(path))
    log.info("loaded %s (%d bytes)", path, len(data))
    return landmarker

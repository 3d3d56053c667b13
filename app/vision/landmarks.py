"""Face and body landmarks for one frame, from MediaPipe's Tasks API, as plain numpy arrays.

Two models, loaded once per engine: FaceLandmarker (478 points, 52 blendshapes, the facial transformation
matrix that gives head yaw/pitch/roll) and PoseLandmarker full (33 body points).

HandLandmarker is deliberately not used. It costs ~21 ms per 640x480 frame, more than pose and face
together would leave of a 33 ms (30 fps) budget, and the cues we need from hands — how much and how
widely they move, and whether they come up to the face — only need where each hand is, not its finger
joints. The pose model already tracks wrist, index, pinky and thumb points for both hands, so hand
movement and hands-near-face are derived from those (see features.py), and the hand bundle is not shipped.

In VIDEO mode MediaPipe tracks between frames and needs strictly increasing timestamps; the engine
shifts its clock when a time repeats or jumps back (each answer starts at 0 s), keeping the real spacing
between frames that MediaPipe's landmark smoothing relies on.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.vision.models import (
    FACE_MODEL,
    POSE_MODEL,
    create_face_landmarker,
    create_pose_landmarker,
    load_landmarker,
)

log = logging.getLogger(__name__)

# Pose landmark indices (BlazePose topology).
NOSE = 0
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_HAND = (15, 17, 19, 21)  # wrist, pinky, index, thumb
RIGHT_HAND = (16, 18, 20, 22)


@dataclass
class FrameLandmarks:
    """Landmarks of one frame in normalised image coordinates (x, y in 0..1 of width and height)."""

    width: int
    height: int
    face: np.ndarray | None = None  # (478, 3)
    blendshapes: np.ndarray | None = None  # (52,), order of BLENDSHAPE_NAMES
    face_matrix: np.ndarray | None = None  # (4, 4) face -> camera transform
    pose: np.ndarray | None = None  # (33, 4): x, y, z, visibility
    face_ran: bool = True  # False: the face model was not run on this frame (not the same as no face)
    pose_ran: bool = True


BLENDSHAPE_NAMES: list[str] = []  # filled from the first result (MediaPipe's 52 names, fixed order)


def _face_arrays(result: Any) -> tuple[np.ndarray | None, np.ndarray | None, np.ndarray | None]:
    if not result.face_landmarks:
        return None, None, None
    points = np.array([(p.x, p.y, p.z) for p in result.face_landmarks[0]], dtype=np.float32)
    blend = None
    if result.face_blendshapes:
        categories = result.face_blendshapes[0]
        if not BLENDSHAPE_NAMES:
            BLENDSHAPE_NAMES.extend(c.category_name for c in categories)
        blend = np.array([c.score for c in categories], dtype=np.float32)
    matrix = None
    if result.facial_transformation_matrixes:
        matrix = np.asarray(result.facial_transformation_matrixes[0], dtype=np.float32).reshape(4, 4)
    return points, blend, matrix


def _pose_array(result: Any) -> np.ndarray | None:
    if not result.pose_landmarks:
        return None
    return np.array(
        [
            (p.x, p.y, p.z, p.visibility if p.visibility is not None else 0.0)
            for p in result.pose_landmarks[0]
        ],
        dtype=np.float32,
    )


class LandmarkEngine:
    """Runs the face and pose landmarkers on RGB frames. Not thread-safe: one caller thread at a time.

    With `parallel=True` (the default of `load`) pose runs on a helper thread while face runs on the
    caller's: MediaPipe's ctypes calls release the GIL, and each model's inference is mostly one thread
    (measured CPU per 640x480 frame: face 8.9 ms, pose 17.3 ms), so on two free cores a frame costs
    about the slower model instead of the sum. On a busy machine the gain shrinks to nothing.
    """

    def __init__(self, face: Any, pose: Any | None, video_mode: bool = True, parallel: bool = False) -> None:
        self._face = face
        self._pose = pose
        self.video_mode = video_mode
        self._last_ms = -1
        self._offset_ms = 0  # keeps MediaPipe's clock increasing, with real spacing, across restarts
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="pose") if parallel and pose else None
        self._lock = threading.Lock()

    @classmethod
    def load(
        cls,
        directory: Path | None = None,
        video_mode: bool = True,
        with_pose: bool = True,
        parallel: bool = True,
        quiet: bool = False,
    ) -> LandmarkEngine:
        """Verify and load the shipped models (raises ModelUnavailable naming the file)."""
        face = load_landmarker(FACE_MODEL, create_face_landmarker, directory, video_mode, quiet=quiet)
        pose = None
        if with_pose:
            try:
                pose = load_landmarker(POSE_MODEL, create_pose_landmarker, directory, video_mode, quiet=quiet)
            except BaseException:
                face.close()  # explicitly: a landmarker left to the garbage collector can hang in __del__
                raise
        return cls(face, pose, video_mode, parallel)

    def detect(self, rgb: np.ndarray, time_s: float, face: bool = True, pose: bool = True) -> FrameLandmarks:
        """Landmarks of one HxWx3 uint8 RGB frame taken at `time_s` seconds.

        `face` / `pose` False skip that model for this frame (live analysis runs each at its own rate);
        the result then says so (`face_ran` / `pose_ran`), so "not run" is never read as "not found".
        """
        import mediapipe as mp

        frame = np.ascontiguousarray(rgb, dtype=np.uint8)
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=frame)
        height, width = frame.shape[:2]
        with self._lock:
            timestamp_ms = int(round(time_s * 1000)) + self._offset_ms
            if timestamp_ms <= self._last_ms:  # a new answer restarting at 0, or a repeated time
                self._offset_ms += self._last_ms + 1 - timestamp_ms
                timestamp_ms = self._last_ms + 1
            self._last_ms = timestamp_ms
            run_pose = pose and self._pose is not None
            pose_future: Future[Any] | None = None
            if run_pose and face and self._pool is not None:
                pose_future = self._pool.submit(self._run, self._pose, image, timestamp_ms)
            face_result = self._run(self._face, image, timestamp_ms) if face else None
            if pose_future is not None:
                pose_result = pose_future.result()
            elif run_pose:
                pose_result = self._run(self._pose, image, timestamp_ms)
            else:
                pose_result = None
        points, blend, matrix = _face_arrays(face_result) if face_result is not None else (None, None, None)
        body = _pose_array(pose_result) if pose_result is not None else None
        return FrameLandmarks(width, height, points, blend, matrix, body, face_ran=face, pose_ran=run_pose)

    def _run(self, landmarker: Any, image: Any, timestamp_ms: int) -> Any:
        if self.video_mode:
            return landmarker.detect_for_video(image, timestamp_ms)
        return landmarker.detect(image)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        for landmarker in (self._face, self._pose):
            if landmarker is not None:
                landmarker.close()
        self._face = self._pose = None

    def __enter__(self) -> LandmarkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""The raw tools run one after the other on a recording: the baseline that `analyze` is measured against.

Issue 18.2 asks for the analysis of a recording in at most half the time the raw tools take on the same
file in the same run. The raw tools are what a person would write with the libraries the app uses and
none of its work: PyAV decodes the video, MediaPipe's face and pose landmarkers (the same .task bundles
from assets/models, VIDEO mode) run on the frames the app sampled before issue 18 (8 fps, both models on
every sampled frame), then faster-whisper tiny.en (the same model files, int8 like the app) transcribes
the sound track with its own defaults. bench_pipeline runs them in their own process, as it runs
`analyze`, so both sides pay a Python start-up, their imports and model loading.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

RAW_SAMPLE_FPS = 8.0
"""The app's file sampling before issue 18: both models on every frame kept at 8 fps."""


@dataclass
class RawToolsTimes:
    """Seconds of each raw step (wall clock), and what they produced (to show they did the work)."""

    vision_s: float
    transcribe_s: float
    frames: int
    faces: int
    poses: int
    words: int

    @property
    def total_s(self) -> float:
        return self.vision_s + self.transcribe_s

    def describe(self) -> str:
        return (
            f"raw tools one after the other: PyAV + MediaPipe face and pose on {self.frames} frames "
            f"({RAW_SAMPLE_FPS:g} fps; face found in {self.faces}, pose in {self.poses}) "
            f"{self.vision_s:.1f} s, then faster-whisper tiny.en int8 with its defaults "
            f"({self.words} words) {self.transcribe_s:.1f} s"
        )


def _landmarkers() -> tuple[Any, Any]:
    from mediapipe.tasks.python import BaseOptions, vision

    from app.vision.models import models_dir

    face = vision.FaceLandmarker.create_from_options(
        vision.FaceLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(models_dir() / "face_landmarker.task")),
            running_mode=vision.RunningMode.VIDEO,
            num_faces=1,
            output_face_blendshapes=True,
            output_facial_transformation_matrixes=True,
        )
    )
    pose = vision.PoseLandmarker.create_from_options(
        vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(models_dir() / "pose_landmarker_full.task")),
            running_mode=vision.RunningMode.VIDEO,
            num_poses=1,
        )
    )
    return face, pose  # fmt: skip


def raw_vision(path: Path, sample_fps: float = RAW_SAMPLE_FPS) -> tuple[int, int, int]:
    """Decode every frame with PyAV, keep `sample_fps` a second, run face then pose on each kept frame."""
    import av
    import mediapipe as mp

    face, pose = _landmarkers()
    frames = faces = poses = 0
    next_time = 0.0
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            for frame in container.decode(stream):
                if frame.time is None or frame.time + 1e-6 < next_time:
                    continue
                next_time += 1.0 / sample_fps
                image = mp.Image(image_format=mp.ImageFormat.SRGB, data=frame.to_ndarray(format="rgb24"))
                stamp_ms = int(round(frame.time * 1000))
                faces += bool(face.detect_for_video(image, stamp_ms).face_landmarks)
                poses += bool(pose.detect_for_video(image, stamp_ms).pose_landmarks)
                frames += 1
    finally:
        face.close()
        pose.close()
    return frames, faces, poses


def raw_transcribe(path: Path) -> int:
    """faster-whisper tiny.en with its own defaults on the file's sound (decoded by PyAV to 16 kHz mono).

    Only the compute type is the app's (int8): faster-whisper's default would turn the int8-ready weights
    into float32 on this CPU and take about twice as long, which would flatter the app. faster-whisper's
    own file decoding fails with av 19 (STACK.md), so the samples are handed over as an array, decoded by
    the app's PyAV reader, which is what faster-whisper's decoder would do.
    """
    from faster_whisper import WhisperModel

    from app.capture.audio_file import decode_audio
    from app.speech.whisper_models import bundled_model_dir

    audio = decode_audio(path)
    model = WhisperModel(str(bundled_model_dir()), device="cpu", compute_type="int8")
    segments, _info = model.transcribe(np.ascontiguousarray(audio, dtype=np.float32))
    return sum(len(segment.text.split()) for segment in segments)


def run_raw_tools(path: Path) -> RawToolsTimes:
    started = time.perf_counter()
    frames, faces, poses = raw_vision(path)
    vision_s = time.perf_counter() - started
    started = time.perf_counter()
    words = raw_transcribe(path)
    return RawToolsTimes(vision_s, time.perf_counter() - started, frames, faces, poses, words)


def main(argv: list[str]) -> int:
    """`python -m benchmarks.raw_tools FILE`: run the raw tools on FILE, print their times as JSON."""
    import json
    import logging

    logging.disable(logging.WARNING)
    times = run_raw_tools(Path(argv[0]))
    print(json.dumps({**times.__dict__, "total_s": times.total_s, "describe": times.describe()}))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))

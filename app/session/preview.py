"""The pre-session check's sources: the camera (or a video file) and the microphone (or an audio file),
opened in the background, with the newest frame, the sound level and framing hints for the check screen.

Which source stands in for what follows the SetupChoice; a device that does not open becomes a plain
problem line, and a file that cannot be used keeps the session from starting (`unusable_files`).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np

from app.capture.levels import rms_dbfs
from app.core.errors import Cancelled, UserFacingError
from app.session.planning import SetupChoice

if TYPE_CHECKING:
    from app.capture.sources import AudioSource, VideoSource
    from app.vision.framing import Framing
    from app.vision.landmarks import LandmarkEngine
    from app.vision.overlay import LandmarkOverlay

__all__ = ["Framing", "LandmarkOverlay", "PreviewSources", "level_dbfs"]

level_dbfs = rms_dbfs  # the same rule as the live capture and the device check (app.capture.levels)


class PreviewSources:
    """The camera (or video file) and microphone (or audio file) feeding the check, on their own threads."""

    def __init__(self) -> None:
        self.video: VideoSource | None = None
        self.audio: AudioSource | None = None
        self.frame: np.ndarray | None = None
        self.level_dbfs = -90.0
        self.problems: list[str] = []  # a device that did not open: said, and the session may still start
        # A file picked to stand in for the camera or microphone that cannot be used: the session does not
        # start with it (each answer would fail the same way), and the message says what to pick instead.
        self.unusable_files: list[str] = []
        self._lock = threading.Lock()
        # An IMAGE-mode face model, loaded once for the whole check.
        self._framing_engine: LandmarkEngine | None = None
        self._closed = False

    def check_framing(self, frame: np.ndarray) -> Framing:
        """Background: framing and lighting hints for one frame (the face model loads on first use)."""
        from app.vision.framing import check_framing
        from app.vision.landmarks import LandmarkEngine

        with self._lock:
            if self._closed:
                raise Cancelled()
            if self._framing_engine is None:
                self._framing_engine = LandmarkEngine.load(video_mode=False, with_pose=False)
            return check_framing(frame, engine=self._framing_engine)

    def open(self, choice: SetupChoice) -> PreviewSources:
        """Background: open and start both sources; what fails becomes a plain problem line."""
        from app.capture.sources import FileAudioSource, FileVideoSource

        if choice.typed_answers:
            return self  # typed answers use neither a camera nor a microphone
        try:
            if choice.use_files:
                if choice.video_file is not None:
                    self.video = FileVideoSource(choice.video_file, loop=True)
            elif choice.camera_index is not None:
                from app.capture.camera import CameraSource

                self.video = CameraSource(choice.camera_index)
            if self.video is not None:
                self.video.subscribe(self._on_frame)
                self.video.start()
        except UserFacingError as error:
            self.video = None
            self._problem(choice, error)
        try:
            if choice.use_files:
                self.audio = FileAudioSource(choice.audio_file, loop=True)  # type: ignore[arg-type,assignment]
            elif choice.microphone is not None:
                from app.capture.microphone_source import MicrophoneSource

                self.audio = MicrophoneSource(choice.microphone)
            if self.audio is not None:
                self.audio.subscribe(self._on_audio)
                self.audio.start()
        except UserFacingError as error:
            self.audio = None
            self._problem(choice, error)
        return self

    def _problem(self, choice: SetupChoice, error: UserFacingError) -> None:
        text = f"{error.message} {error.advice}".strip()
        (self.unusable_files if choice.use_files else self.problems).append(text)

    def _on_frame(self, _time: float, frame: np.ndarray) -> None:
        self.frame = frame

    def _on_audio(self, _time: float, samples: np.ndarray) -> None:
        if samples.size:
            self.level_dbfs = level_dbfs(samples)

    def close(self) -> None:
        """Background: stop the sources and wait for their threads, so the session can open the devices."""
        for source in (self.video, self.audio):
            if source is not None:
                source.stop()
        with self._lock:
            self._closed = True
            if self._framing_engine is not None:
                self._framing_engine.close()
                self._framing_engine = None

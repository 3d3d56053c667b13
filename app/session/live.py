"""Recording one answer live: sources -> recorder + live transcription + live vision, all off the GUI thread.

`LiveCapture` implements the engine's AnswerCapture. Each answer gets fresh sources from the factory's
callables (a camera and microphone, or files standing in for them). The sources' threads only hand data
to the recorder's queue, the vision mailbox (newest frame wins) and the audio buffer; nothing waits.
A camera lost mid-answer ends the video and leaves a notice; the audio and the session go on.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.capture.levels import rms_dbfs
from app.capture.recorder import Recorder, RecordingFailed, VideoSpec
from app.capture.sources import AudioSource, VideoSource
from app.core.body_language import BodyLanguageCues
from app.core.errors import MicrophoneUnavailable, UserFacingError
from app.core.questions import Question
from app.core.timefmt import clock
from app.core.transcript import Transcript
from app.session.analyse import AnalysisServices
from app.session.capture import CapturedAnswer

if TYPE_CHECKING:
    from app.speech.streaming import StreamingTranscriber
    from app.vision.live import LiveAnalyzer
    from app.vision.overlay import LandmarkOverlay, OverlaySmoother
    from app.vision.schedule import AnalysisRates

log = logging.getLogger(__name__)

VideoFactory = Callable[[], VideoSource]
AudioFactory = Callable[[], AudioSource]


class LiveCapture:
    def __init__(
        self,
        video_source: VideoSource | None,
        audio_source: AudioSource,
        services: AnalysisServices,
        live_vision: bool = True,
        live_transcription: bool = True,
        vision_rates: AnalysisRates | None = None,
    ) -> None:
        self.video_source = video_source
        self._vision_rates = vision_rates  # None: app.vision.schedule's defaults (face 15, pose 10 fps)
        self.audio_source = audio_source
        self.services = services
        self._live_vision = live_vision and video_source is not None and services.vision
        self._live_transcription = live_transcription
        self._recorder: Recorder | None = None
        self._vision: LiveAnalyzer | None = None
        self._streaming: StreamingTranscriber | None = None
        self._audio_chunks: list[np.ndarray] = []
        self._audio_lock = threading.Lock()
        self._latest_frame: np.ndarray | None = None
        self._last_level = -90.0
        self.notices: list[str] = []
        # Set (from the source-starting thread) when the answer cannot be recorded at all; the engine
        # then fails the answer once (see AnswerCapture in app/session/capture.py).
        self.failure: UserFacingError | None = None
        self._path: Path | None = None
        self._feed_queue: queue.SimpleQueue[np.ndarray | None] = queue.SimpleQueue()
        self._feeder: threading.Thread | None = None
        self._t0: float | None = None  # first capture time: analysis times are seconds from here
        self._t0_lock = threading.Lock()
        self._overlay: tuple[object, LandmarkOverlay] | None = None  # (landmarks it came from, overlay)
        self._shown_overlay: tuple[int, LandmarkOverlay] | None = None  # (camera frame it was eased to, ...)
        self._smoother: OverlaySmoother | None = None
        self._frames = 0  # camera frames received
        self._frame_clock = 0.0  # capture time of the newest camera frame
        self._overlay_lock = threading.Lock()

    def _answer_time(self, timestamp: float) -> float:
        """Live sources stamp with the system clock; the answer's timeline starts at its first sample."""
        with self._t0_lock:
            if self._t0 is None:
                self._t0 = timestamp
            return max(0.0, timestamp - self._t0)

    # ---- what the GUI reads while recording (any thread) ---------------------------------------

    def latest_frame(self) -> np.ndarray | None:
        return self._latest_frame

    def level_dbfs(self) -> float:
        return self._last_level

    def recorded_seconds(self) -> float:
        return self._recorder.recorded_seconds if self._recorder is not None else 0.0

    def latest_overlay(self) -> LandmarkOverlay | None:
        """Face outline, shoulders and wrists (normalised) to draw now, None before anything was analysed.

        Face and pose are analysed at 15 and 10 fps; the overlay is eased towards the newest of them once
        per camera frame (OverlaySmoother), so it moves at the camera's rate. Polls between two camera
        frames get the same object.
        """
        vision = self._vision
        latest = vision.latest_landmarks() if vision is not None else None
        if latest is None:
            return None
        time_s, landmarks = latest
        with self._overlay_lock:
            if self._overlay is None or self._overlay[0] is not landmarks:
                from app.vision.overlay import OverlaySmoother, overlay_from_landmarks

                self._overlay = (landmarks, overlay_from_landmarks(landmarks, time_s))
                if self._smoother is None:
                    self._smoother = OverlaySmoother()
            frames = self._frames
            if self._shown_overlay is None or self._shown_overlay[0] != frames:
                assert self._smoother is not None
                self._shown_overlay = (frames, self._smoother.step(self._overlay[1], self._frame_clock))
            return self._shown_overlay[1]

    def latest_landmarks(self):  # type: ignore[no-untyped-def]
        """(answer time, FrameLandmarks) of the newest analysed face and pose, for live cues (any thread)."""
        vision = self._vision
        return vision.latest_landmarks() if vision is not None else None

    def live_words(self) -> list:  # type: ignore[type-arg]
        """The live transcript so far (stretches already transcribed), for live cues (any thread)."""
        streaming = self._streaming
        return streaming.words_so_far() if streaming is not None else []

    def vision_stats(self):  # type: ignore[no-untyped-def]
        return self._vision.stats() if self._vision is not None else None

    # ---- AnswerCapture ------------------------------------------------------------------------

    def start(self, media_path: Path | None) -> None:
        assert media_path is not None, "a live answer is always recorded (records_media)"
        self._path = media_path
        video = self.video_source
        self._recorder = Recorder(media_path, VideoSpec.of(video) if video is not None else None, audio=True,
                                  on_error=lambda error: self.notices.append(error.message))
        self._recorder.start()
        self._recorder.attach(video, self.audio_source)
        self.audio_source.subscribe(self._on_audio)
        if self._live_transcription:
            from app.speech.streaming import StreamingTranscriber

            self._streaming = StreamingTranscriber(self.services.transcriber())
            self._feeder = threading.Thread(
                target=self._feed_loop, name="live-transcription-feed", daemon=True
            )
            self._feeder.start()
        if video is not None:
            video.subscribe(self._on_frame)
            video.on_ended(self._on_video_ended)
            if self._live_vision:
                from app.vision.analyzer import FrameAnalyzer
                from app.vision.live import LiveAnalyzer

                engine = self.services.landmark_engine()
                self._vision = LiveAnalyzer(FrameAnalyzer(engine), rates=self._vision_rates)
                self._vision.start()
        # Opening a camera or an audio device can take a moment: never on the caller's (GUI) thread.
        self._starter = threading.Thread(target=self._start_sources, name="start-sources", daemon=True)
        self._starter.start()

    def _start_sources(self) -> None:
        try:
            self.audio_source.start()
        except Exception as error:  # noqa: BLE001 - an answer without sound is no answer: it fails once
            log.warning("audio source failed to start: %s", error)
            self.failure = (
                error
                if isinstance(error, UserFacingError)
                else MicrophoneUnavailable(
                    f"The microphone could not be started ({error}).",
                    "Check that it is connected and not in use by another app, then try again.",
                )
            )
            return
        video = self.video_source
        if video is not None:
            try:
                video.start()
            except Exception as error:  # noqa: BLE001 - no picture: the answer goes on audio-only
                log.warning("video source failed to start: %s", error)
                self.notices.append(f"The camera could not be started ({error}); this answer is audio-only.")

    def _on_audio(self, timestamp: float, samples: np.ndarray) -> None:
        self._answer_time(timestamp)
        with self._audio_lock:
            self._audio_chunks.append(samples)
        if samples.size:
            self._last_level = rms_dbfs(samples)
        if self._streaming is not None:
            self._feed_queue.put(samples)  # the capture thread only hands over; a worker feeds

    def _feed_loop(self) -> None:
        """Voice activity checks of the live transcriber take tens of ms: kept off the capture thread."""
        streaming = self._streaming
        assert streaming is not None, "the feeder starts only with a live transcriber"
        while (samples := self._feed_queue.get()) is not None:
            try:
                streaming.feed(samples)
            except Exception:  # noqa: BLE001 - the batch transcription after the answer still runs
                log.exception("live transcription failed; the answer will be transcribed after it ends")
                self._streaming = None
                return

    def _stop_feeding(self) -> None:
        if self._feeder is not None:
            self._feed_queue.put(None)
            self._feeder.join()
            self._feeder = None

    def _on_frame(self, timestamp: float, frame: np.ndarray) -> None:
        self._latest_frame = frame
        self._frame_clock = timestamp
        self._frames += 1
        if self._vision is not None:
            self._vision.submit(self._answer_time(timestamp), frame)

    def _on_video_ended(self, reason: str) -> None:
        if reason not in ("stopped", "end of file") and not reason.startswith("end"):
            when = clock(self.recorded_seconds())
            self.notices.append(
                f"The camera stopped at {when} ({reason}); the rest of the answer is audio-only."
            )

    def _join_starter(self) -> None:
        starter = getattr(self, "_starter", None)
        if starter is not None:
            starter.join()

    def request_stop(self) -> None:
        for source in (self.video_source, self.audio_source):
            if source is not None:
                threading.Thread(target=source.stop, name="stop-source", daemon=True).start()

    def finish(self) -> CapturedAnswer:
        """Drain everything; the recorder's last frames are encoded while the last words are transcribed."""
        started = time.perf_counter()
        self._join_starter()
        for source in (self.video_source, self.audio_source):
            if source is not None:
                source.stop()
        with self._audio_lock:
            audio = np.concatenate(self._audio_chunks) if self._audio_chunks else np.zeros(0, np.float32)
        body: BodyLanguageCues | None = None
        if self._vision is not None:
            try:
                body = self._vision.stop()  # frees the CPU for the transcription of the last words
            except Exception:  # noqa: BLE001 - the recording is worth more than the cues
                log.exception("live vision failed")
                self.notices.append("Body language could not be analysed for this answer.")
        recording: dict[str, object] = {}
        closer = threading.Thread(target=self._finish_recorder, args=(recording,), name="finish-recording")
        closer.start()
        transcript: Transcript | None = None
        speech = None
        self._stop_feeding()
        if self._streaming is not None:
            transcript = self._streaming.finish()
            speech = list(self._streaming.speech_segments)
        transcribed = time.perf_counter()
        closer.join()
        has_video = bool(recording.get("has_video", False))
        duration = max(audio.size / 16000, float(recording.get("duration_s", 0.0)))  # type: ignore[arg-type]
        log.info("answer capture finished in %.2f s (last words transcribed after %.2f s)",
                 time.perf_counter() - started, transcribed - started)
        return CapturedAnswer(media_path=self._path, duration_s=duration, has_video=has_video, audio=audio,
                              transcript=transcript, speech_segments=speech, body_language=body,
                              notices=list(self.notices))

    def _finish_recorder(self, out: dict[str, object]) -> None:
        if self._recorder is None:
            return
        try:
            result = self._recorder.finish()
            out["has_video"] = result.has_video and result.video_frames > 0
            out["duration_s"] = result.duration_s
        except RecordingFailed as error:
            self.notices.append(f"{error.message} {error.advice}".strip())
            if error.result is not None:
                out["has_video"] = error.result.video_frames > 0

    def cancel(self) -> None:
        self._join_starter()
        for source in (self.video_source, self.audio_source):
            if source is not None:
                source.stop()
        if self._vision is not None:
            try:
                self._vision.stop()
            except Exception:  # noqa: BLE001
                log.exception("stopping live vision failed")
        self._stop_feeding()
        if self._streaming is not None:
            self._streaming.cancel()
        if self._recorder is not None:
            with contextlib.suppress(RecordingFailed):
                self._recorder.finish()


class LiveCaptureFactory:
    """Makes a LiveCapture per answer. `video` None: audio-only answers (no camera)."""

    def __init__(self, audio: AudioFactory, video: VideoFactory | None, services: AnalysisServices,
                 live_vision: bool = True, live_transcription: bool = True,
                 vision_rates: AnalysisRates | None = None) -> None:
        self._audio = audio
        self._video = video
        self.services = services
        self._live_vision = live_vision
        self._vision_rates = vision_rates
        self._live_transcription = live_transcription
        self.current: LiveCapture | None = None

    @property
    def has_video(self) -> bool:
        return self._video is not None

    def __call__(self, question: Question) -> LiveCapture:
        # Answers are heard in the question's language from the first word; a model that cannot hear
        # it (tiny.en and a Spanish bank) fails the answer with what to do, before anything records.
        self.services.use_language(question.language)
        video = self._video() if self._video is not None else None
        self.current = LiveCapture(video, self._audio(), self.services, self._live_vision,
                                   self._live_transcription, self._vision_rates)
        return self.current


def file_capture_factory(video_path: Path | None, audio_path: Path, services: AnalysisServices,
                         speed: float = 1.0, max_seconds: float | None = None,
                         vision_rates: AnalysisRates | None = None, live_vision: bool = True,
                         live_transcription: bool = True) -> LiveCaptureFactory:
    """Files standing in for camera and microphone (tests, demos, headless practice)."""
    from app.capture.sources import FileAudioSource, FileVideoSource

    video = None
    if video_path:
        video = lambda: FileVideoSource(video_path, speed=speed, loop=True, max_seconds=max_seconds)  # noqa: E731
    audio = lambda: FileAudioSource(audio_path, speed=speed, max_seconds=max_seconds)  # noqa: E731
    return LiveCaptureFactory(audio, video, services, live_vision, live_transcription, vision_rates)


def device_capture_factory(
    services: AnalysisServices, camera_index: int | None, microphone: str | None = None,
    live_vision: bool = True, live_transcription: bool = True,
) -> LiveCaptureFactory:
    """The real camera (None: audio-only) and microphone."""
    from app.capture.camera import CameraSource
    from app.capture.microphone_source import MicrophoneSource

    video = (lambda: CameraSource(camera_index)) if camera_index is not None else None
    return LiveCaptureFactory(lambda: MicrophoneSource(microphone or None), video, services, live_vision,
                              live_transcription)


def make_analyzer(services: AnalysisServices, job_terms: Iterable[str] = ()):  # type: ignore[no-untyped-def]
    """The engine's AnswerAnalyzer: finish a live answer's analysis with shared models."""
    from app.session.analyse import analyse_captured

    terms = list(job_terms)

    def analyse(captured: CapturedAnswer, question: Question):  # type: ignore[no-untyped-def]
        return analyse_captured(captured, question, services, terms)

    return analyse

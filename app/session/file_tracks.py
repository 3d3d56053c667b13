"""The sound and the picture of a recorded answer, analysed side by side on the machine's two cores.

Issue 18: analysing the sound (voice activity, faster-whisper, delivery) and then the picture (MediaPipe
face and pose) one after the other left a core idle most of the time. Both libraries compute outside the
GIL (CTranslate2 and MediaPipe's C++ graphs), so the picture is analysed on a worker thread while the
sound is analysed on the caller's, each track decoded once by its own PyAV reader (two demuxers cost
next to nothing; one shared demuxer would have to buffer one track while the other is behind, and memory
must stay flat for hour-long recordings). The picture's face and pose models run side by side on each
frame where both run (`parallel=True`): the sound's track needs its core for only about half as long as
the picture's (after the Whisper encoder stopped running twice), and a third thread lets the picture use
the second core once the sound is done. Measured alternating in one run on the shared 2-core machine
(load averages 5-11; 2-minute 640x480 answer, both tracks, Whisper loaded beforehand), in seconds:
21.5, 24.2, 40.5, 45.8, 25.6, 22.6 with it against 23.5, 25.6, 44.6, 37.1, 27.9, 26.1 without; the
cues, scores and words came out identical (the models do not depend on the threads they run on).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.capture.audio_file import AudioReader
from app.core.body_language import BodyLanguageCues
from app.core.errors import Cancelled
from app.speech.chain import SpeechAnalysis, Transcribe, analyse_speech

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]  # (stage, fraction of the two tracks done 0..1)


@dataclass
class Tracks:
    """What each track gave (None: the file has no such track, or it was not analysed)."""

    speech: SpeechAnalysis | None = None
    audio_truncated: bool = False
    audio_duration_s: float = 0.0
    body: BodyLanguageCues | None = None


class _VideoWorker(threading.Thread):
    """Analyses the picture; keeps the result or the exception for the caller's thread."""

    def __init__(self, path: Path, stop: threading.Event, progress: Callable[[float], None]) -> None:
        super().__init__(name="analyse-video", daemon=True)
        self.path, self.stop, self.progress = path, stop, progress
        self.body: BodyLanguageCues | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from app.vision.offline import analyse_video

        try:
            self.body = analyse_video(self.path, progress=self.progress, cancel=self.stop, parallel=True)
        except BaseException as exc:  # handed to the caller's thread, which re-raises it
            self.error = exc


def analyse_tracks(
    path: Path,
    transcribe: Transcribe | None,
    video: bool,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    max_seconds: float | None = None,
    expected_s: float | None = None,
) -> Tracks:
    """Analyse the sound (when `transcribe` is given) and the picture (when `video`) at the same time.

    Raises MediaFileError, ModelUnavailable, Cancelled (from either track; the other is then stopped).
    """
    report = progress or (lambda _stage, _fraction: None)
    done = {"audio": 0.0 if transcribe is not None else 1.0, "video": 0.0 if video else 1.0}
    running = (transcribe is not None) + video  # tracks analysed: the progress is their mean
    lock = threading.Lock()

    def advance(track: str, fraction: float) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()  # in the picture's thread too: it stops at its next frame
        with lock:
            done[track] = fraction
            audio_left = track == "audio" or done["audio"] < 1.0
            stage = "transcribing" if audio_left else "watching body language"
            report(stage, (done["audio"] + done["video"] - (2 - running)) / max(1, running))

    stop = threading.Event()  # stops the picture when the sound fails or the user cancels
    worker = _VideoWorker(path, stop, lambda f: advance("video", f)) if video else None
    tracks = Tracks()
    if worker is not None:
        worker.start()
    try:
        if transcribe is not None:
            tracks = _sound(path, transcribe, max_seconds, expected_s, advance)
        if worker is not None:
            while worker.is_alive():
                worker.join(timeout=0.1)
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
    except BaseException:
        stop.set()
        if worker is not None:
            worker.join()
        raise
    if worker is not None:
        if worker.error is not None:
            raise worker.error
        tracks.body = worker.body
    return tracks


def _sound(
    path: Path,
    transcribe: Transcribe,
    max_seconds: float | None,
    expected_s: float | None,
    advance: Callable[[str, float], None],
) -> Tracks:
    """The audio chain, window by window (memory stays flat); `advance` raises Cancelled when asked to."""
    advance("audio", 0.0)
    reader = AudioReader(path, 16000, max_seconds=max_seconds)
    expected = max_seconds if max_seconds is not None else expected_s

    def on_window(done_s: float) -> None:
        advance("audio", min(1.0, done_s / expected) if expected else 0.0)

    speech = analyse_speech(reader.blocks(), transcribe, on_window=on_window)
    advance("audio", 1.0)
    return Tracks(speech=speech, audio_truncated=reader.truncated, audio_duration_s=reader.duration_s)

"""The single-purpose commands' work: a recording's words and delivery, a video's body-language cues.

`mock-interview transcribe` and `mock-interview vision` print what these return; they reach speech, capture
and vision only through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.body_language import BodyLanguageCues
from app.platform.constants import SPEECH_SAMPLE_RATE

if TYPE_CHECKING:
    from app.speech.chain import SpeechAnalysis


def transcribe_file(
    path: Path, engine: str = "whisper", model: str = "tiny.en", language: str = "en"
) -> SpeechAnalysis:
    """The words (with times), fillers, pauses and pace of the sound in `path`, decoded in bounded blocks."""
    from app.capture.audio_file import AudioReader
    from app.speech.chain import analyse_speech
    from app.speech.transcription import make_transcriber
    from app.speech.whisper_models import ModelLoader

    transcriber = make_transcriber(engine, ModelLoader(), model, language)
    return analyse_speech(AudioReader(path, SPEECH_SAMPLE_RATE).blocks(), transcriber.transcribe)


@dataclass
class VideoCues:
    cues: BodyLanguageCues
    annotated_frames: int = 0  # frames written to the annotated copy (0 without one)


def video_cues(path: Path, sample_fps: float | None = 8.0, annotated: Path | None = None) -> VideoCues:
    """Body-language cues of the video in `path`; with `annotated`, also a copy with landmarks drawn on.

    `sample_fps`: frames analysed per second (None or 0: every frame). An annotated copy shows every sampled
    frame, so both models run on each of them there.
    """
    from app.vision.landmarks import LandmarkEngine
    from app.vision.offline import analyse_video
    from app.vision.offline_schedule import OfflineRates

    writer = None
    engine = LandmarkEngine.load(video_mode=True, quiet=True)
    try:
        on_frame = None
        if annotated is not None:
            from app.vision.annotate import AnnotatedWriter, draw_overlay

            writer = AnnotatedWriter(annotated, sample_fps or 30.0)

            def on_frame(time_s: float, rgb: Any, feats: Any, analyzer: Any) -> None:
                writer.write(draw_overlay(rgb, analyzer.last_landmarks, feats))

        rates = OfflineRates.every_sample() if annotated is not None else None
        cues = analyse_video(
            path, sample_fps=sample_fps or None, engine=engine, on_frame=on_frame, rates=rates
        )
    finally:
        engine.close()
        if writer is not None:
            writer.close()
    return VideoCues(cues, writer.frames_written if writer is not None else 0)

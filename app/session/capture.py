"""The seam between the session engine and the devices: an answer's capture and its analysis.

The engine only knows these protocols, so the same state machine runs with a camera and microphone,
with files standing in for them, or with fakes in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from app.core.analysis_result import AnswerAnalysis
from app.core.body_language import BodyLanguageCues
from app.core.questions import Question
from app.core.session import Answer, AnswerStatus
from app.core.transcript import TimeSpan, Transcript
from app.platform.constants import SPEECH_SAMPLE_RATE


@dataclass
class CapturedAnswer:
    """What one answer's capture produced. Anything not captured is None (no camera: no video)."""

    media_path: Path | None
    duration_s: float
    has_video: bool
    audio: np.ndarray | None = None  # float32 mono at `sample_rate`
    sample_rate: int = SPEECH_SAMPLE_RATE
    transcript: Transcript | None = None  # from live transcription, when it ran
    speech_segments: list[TimeSpan] | None = None  # voice activity found by live transcription
    body_language: BodyLanguageCues | None = None  # from live vision, when it ran
    notices: list[str] = field(default_factory=list)  # "The camera was disconnected at 0:42", ...


class AnswerCapture(Protocol):
    """Records one answer. `start` returns at once; `finish` may take a moment (run off the GUI thread).

    A source that cannot be used fails the answer: `start` raises a UserFacingError (a file that is not
    media, no microphone), or, when the trouble shows only after `start` returned (a device opened on a
    background thread), the capture may expose it as a `failure` attribute (UserFacingError or None),
    which the engine reads on its next tick. Either way the engine fails the answer once and waits for
    the person (try again, skip, end); it never restarts the answer by itself.
    """

    def start(self, media_path: Path | None) -> None:
        """Begin; `media_path` is None when the factory's `records_media` is False (typed answers)."""

    def request_stop(self) -> None:
        """Stop taking input now; cheap, callable from any thread."""

    def finish(self) -> CapturedAnswer:
        """Wait for encoders and live analysis to drain, and return what was captured."""

    def cancel(self) -> None:
        """Stop and discard (a skipped answer)."""


class CaptureFactory(Protocol):
    """Makes one AnswerCapture per answer. A factory may set `records_media = False` (typed answers):
    the engine then prepares no media file and the answer's media_path stays ''."""

    def __call__(self, question: Question) -> AnswerCapture: ...

    @property
    def has_video(self) -> bool: ...


class AnswerAnalyzer(Protocol):
    def __call__(self, captured: CapturedAnswer, question: Question) -> AnswerAnalysis: ...


def record_outcome(answer: Answer, captured: CapturedAnswer, analysis: AnswerAnalysis | None) -> list[str]:
    """Put what the capture and the analysis produced on the answer; returns the capture's notices."""
    answer.duration_s = captured.duration_s
    answer.has_video = captured.has_video
    if captured.media_path is None:
        answer.media_path = ""
    answer.analysis = analysis
    answer.status = AnswerStatus.ANALYSED if analysis is not None else AnswerStatus.RECORDED
    return list(captured.notices)

"""Typed answers: the reduced mode for people with no working microphone.

The person types the answer instead of saying it. Nothing is recorded, so there is no media file, no
audio and no video: delivery and body language are "not measured", while the content (talking points,
key terms, STAR parts, hedges, result, vocabulary) is analysed from the typed words as usual. The words
have no times (`Transcript.typed`, start = end = 0.0), so nothing downstream may present them as moments.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from app.core.analysis_result import AnswerAnalysis
from app.core.questions import Question
from app.core.transcript import Transcript, Word
from app.session.capture import CapturedAnswer

TYPED_ENGINE = "typed"

# Punctuation around a word is not part of it ("Result:" -> "Result"), as the analysis reads words; what
# belongs to a word stays ("don't", "$5,000", "40%", "well-known").
_LEADING = re.compile(r"^[^\w$£€]+")
_TRAILING = re.compile(r"[^\w%]+$")
_SENTENCE_END = re.compile(r"[.?!]+")


def typed_words(text: str) -> list[Word]:
    """The words of typed text, each with no time (0.0).

    Punctuation around a word is dropped, except a sentence's end (".", "?" or "!"), which is kept on the
    word as a transcriber writes it ("country."), so the content judge can find the sentences.
    """
    words: list[Word] = []
    for chunk in text.split():
        stripped = _LEADING.sub("", chunk)
        word = _TRAILING.sub("", stripped)
        if word:
            ending = _SENTENCE_END.search(stripped[len(word) :])
            words.append(Word(word + (ending.group(0)[-1] if ending else ""), 0.0, 0.0))
    return words


def analyse_typed_text(text: str, question: Question, job_terms: Iterable[str] = ()) -> AnswerAnalysis:
    """The analysis of a typed answer: the one path of the GUI's typed mode and `analyze --text`."""
    from app.analysis.answer import analyze_answer

    return analyze_answer(question, typed_transcript(text), None, None, job_terms)


def typed_transcript(text: str) -> Transcript:
    return Transcript(words=typed_words(text), engine=TYPED_ENGINE, typed=True)


class TypedAnswerCapture:
    """One typed answer. The GUI hands over the text with `submit_text` (as it changes, or once at Stop).

    Text submitted after `request_stop` is ignored: the answer is what was there when it ended, whether
    the person pressed Stop or the answer time ran out.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._text = ""
        self._started: float | None = None
        self._stopped: float | None = None
        self._lock = threading.Lock()

    def start(self, media_path: Path | None) -> None:
        """`media_path` is None: a typed answer writes no file."""
        self._started = self._clock()

    def submit_text(self, text: str) -> None:
        with self._lock:
            if self._stopped is None:
                self._text = text

    @property
    def text(self) -> str:
        return self._text

    def request_stop(self) -> None:
        with self._lock:
            if self._stopped is None:
                self._stopped = self._clock()

    def finish(self) -> CapturedAnswer:
        self.request_stop()
        assert self._stopped is not None
        spent = max(0.0, self._stopped - self._started) if self._started is not None else 0.0
        return CapturedAnswer(media_path=None, duration_s=round(spent, 2), has_video=False, audio=None,
                              transcript=typed_transcript(self._text))

    def cancel(self) -> None:
        self.request_stop()


class TypedCaptureFactory:
    """The engine's CaptureFactory for typed answers: no camera, no microphone, no media file."""

    has_video = False
    records_media = False
    typed = True

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.current: TypedAnswerCapture | None = None

    def __call__(self, question: Question) -> TypedAnswerCapture:
        self.current = TypedAnswerCapture(self._clock)
        return self.current

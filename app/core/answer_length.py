"""How long an answer was: one definition for the recording timer, results, summary, Review and report.

An answer's length is its spoken span: from the first word's start to the last word's end
(`DeliveryMetrics.spoken_span_s`), the span its length score is judged on. The recording usually runs
longer (the wait before the first word, the silence after the last); when the two read differently the
recording's length is shown beside it: "Spoke 0:06 of a 0:48 recording". Both read through the one
formatter, `app.core.timefmt.clock`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.core.session import Answer, AnswerStatus
from app.core.timefmt import clock, whole_seconds


@dataclass(frozen=True)
class AnswerLength:
    """The two lengths of one answer, in seconds.

    Attributes:
        spoken_s: first word to last word; None when no word was heard or speech was not measured.
        recording_s: the recording's length; None when nothing was recorded (a typed answer).
        typed: a typed answer, which has no spoken length.
        speech_measured: the answer's sound was analysed (False before analysis, or with no sound track).
    """

    spoken_s: float | None
    recording_s: float | None
    typed: bool = False
    speech_measured: bool = True

    @property
    def text(self) -> str:
        """What every screen and the report say about the answer's length."""
        recording = clock(self.recording_s) if self.recording_s else ""
        if self.typed:
            return "Typed answer: no spoken length"
        if not self.speech_measured:
            return f"A {recording} recording; its speech was not measured" if recording else "Not measured"
        if self.spoken_s is None:
            return f"No speech heard in a {recording} recording" if recording else "No speech heard"
        spoken = clock(self.spoken_s)
        if not recording or recording == spoken:
            return f"Spoke {spoken}"
        return f"Spoke {spoken} of a {recording} recording"


def is_typed(answer: Answer) -> bool:
    analysis = answer.analysis
    return bool(analysis is not None and analysis.transcript is not None and analysis.transcript.typed)


def answer_length(answer: Answer) -> AnswerLength:
    """The spoken span and the recording's length of a stored (or just finished) answer."""
    analysis = answer.analysis
    delivery = analysis.delivery if analysis is not None else None
    recording = answer.duration_s if answer.duration_s > 0 else (delivery.duration_s if delivery else None)
    if is_typed(answer):
        return AnswerLength(None, None, typed=True)
    if delivery is None:
        return AnswerLength(None, recording or None, speech_measured=False)
    return AnswerLength(delivery.spoken_span_s, recording or None)


def speaking_seconds(answers: Iterable[Answer]) -> int:
    """Seconds of speaking in `answers`: the sum of the spoken spans as each is shown (whole seconds), so
    the total is what a person gets by adding the answers' lengths (0:06 + 0:06 = 0:12)."""
    total = 0
    for answer in answers:
        if answer.status in (AnswerStatus.SKIPPED, AnswerStatus.FAILED):
            continue
        spoken = answer_length(answer).spoken_s
        if spoken is not None:
            total += whole_seconds(spoken)
    return total


def speaking_text(answers: Iterable[Answer]) -> str:
    """ "0:12 of speaking" for a session's answers; "" when every answer was typed (nothing was spoken)."""
    spoken = [a for a in answers if not is_typed(a)]
    return f"{clock(speaking_seconds(spoken))} of speaking" if spoken else ""

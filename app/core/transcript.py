"""What was said and when: words with times, fillers and pauses."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TimeSpan:
    """A stretch of the recording, in seconds from the start of the answer."""

    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Word:
    """One transcribed word. `text` keeps the spoken form ("um", "don't"), without surrounding spaces."""

    text: str
    start: float
    end: float
    probability: float = 1.0


@dataclass
class Transcript:
    """The words of one answer in time order, and how they were obtained.

    `typed`: the person typed the answer (no working microphone). Its words carry start = end = 0.0
    because nothing measured when they were said; those zeros are not moments and must never be shown
    or used as times (no "At 0:00" tips, no timeline markers, no seeking).
    """

    words: list[Word] = field(default_factory=list)
    language: str = "en"
    engine: str = ""
    model: str = ""
    typed: bool = False

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def duration(self) -> float:
        return self.words[-1].end if self.words else 0.0

"""An answer cut into sentences, each with the words and times it came from.

The content judge reads an answer sentence by sentence. Typed answers and Whisper transcripts carry
punctuation, so sentences end at ".", "?" and "!". A spoken transcript may have none (another engine, a
run-on answer): then a pause of `PAUSE_BREAK_S` or more also ends a sentence, and a stretch longer than
`MAX_WORDS` is cut before a word that usually starts a clause ("so", "and then", "but", "because"...),
so no "sentence" is a whole minute of speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.transcript import Transcript, Word

PAUSE_BREAK_S = 0.8
MAX_WORDS = 32
MIN_PIECE_WORDS = 6
_END = re.compile(r"[.?!]+[\"')\]]*$")
_CLAUSE_STARTS = frozenset(
    [
        "so",
        "and",
        "but",
        "because",
        "then",
        "after",
        "afterwards",
        "when",
        "which",
        "while",
        "also",
        "eventually",
        "finally",
        "later",
    ]
)
_FILLERS = frozenset(["um", "uh", "er", "erm", "ah", "hmm", "mm", "umm", "uhh"])


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer: its text as said, the index of its first word and its time span."""

    text: str
    first_word: int  # index into the transcript's words
    word_count: int
    start: float
    end: float


def split_sentences(transcript: Transcript) -> list[Sentence]:
    """The sentences of `transcript`, in order; fillers stay in the text (they are part of what was said)."""
    words = transcript.words
    timed = not transcript.typed
    pieces: list[tuple[int, int]] = []
    start = 0
    for i, word in enumerate(words):
        last = i == len(words) - 1
        pause = timed and not last and words[i + 1].start - word.end >= PAUSE_BREAK_S
        if last or _END.search(word.text) or pause:
            pieces.append((start, i + 1))
            start = i + 1
    result: list[Sentence] = []
    for lo, hi in pieces:
        for a, b in _cut_long(words, lo, hi):
            text = " ".join(w.text for w in words[a:b]).strip()
            if _has_words(text):
                result.append(Sentence(text, a, b - a, words[a].start, words[b - 1].end))
    return result


def _cut_long(words: list[Word], lo: int, hi: int) -> list[tuple[int, int]]:
    """Cut words[lo:hi] into pieces of at most MAX_WORDS, preferring a cut before a clause-starting word."""
    if hi - lo <= MAX_WORDS:
        return [(lo, hi)]
    best = None
    for i in range(lo + MIN_PIECE_WORDS, min(hi - MIN_PIECE_WORDS, lo + MAX_WORDS) + 1):
        if _bare(words[i].text) in _CLAUSE_STARTS or words[i - 1].text.endswith((",", ";", ":")):
            best = i  # the latest such place within the limit
    cut = best if best is not None else lo + MAX_WORDS
    return [(lo, cut), *_cut_long(words, cut, hi)]


def _bare(text: str) -> str:
    return text.lower().strip(".,;:!?\"'()")


def _has_words(text: str) -> bool:
    return any(_bare(token) not in _FILLERS and any(c.isalnum() for c in token) for token in text.split())

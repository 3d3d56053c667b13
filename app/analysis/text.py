"""Words of a transcript, normalised for matching: tokens with their times, content words, phrases.

Normalising, splitting and stemming are app.core.words' (the one normaliser the banks and the CV check
use too, on the Snowball English stemmer): "managed" matches "manage" and "stakeholders" matches
"stakeholder". The stop words here are the base list plus the fillers and stock words of a spoken answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.timefmt import clock
from app.core.transcript import Transcript
from app.core.words import BASE_STOPWORDS, split_words, stem

# Fillers and stock words of a spoken answer, and the words every interview question uses.
_SPOKEN_TEXT = """
um uh er ah erm hmm like really thing things something got get gets getting going go went one two
    lot lots well yeah okay ok describe tell time example give way make made"""
STOPWORDS: frozenset[str] = BASE_STOPWORDS | frozenset(_SPOKEN_TEXT.split())


@dataclass(frozen=True)
class Token:
    """A normalised word with the time span of the transcript word it came from."""

    norm: str  # lower case, punctuation stripped ("don't", "20%", "$5,000")
    stem: str
    start: float
    end: float
    index: int  # position in the token list


def tokens(transcript: Transcript) -> list[Token]:
    """Split each transcript word into normalised tokens, each keeping its word's times."""
    out: list[Token] = []
    for word in transcript.words:
        for form in split_words(word.text):
            if form:
                out.append(Token(form, stem(form), word.start, word.end, len(out)))
    return out


def content_stems(text: str) -> list[str]:
    """Stems of the content words (no stop words, no fillers) of free text, in order, without repeats."""
    seen: list[str] = []
    for word in split_words(text):
        if word in STOPWORDS or len(word) < 2:
            continue
        stemmed = stem(word)
        if stemmed not in seen:
            seen.append(stemmed)
    return seen


def is_content_word(token: Token) -> bool:
    return token.norm not in STOPWORDS and token.norm.isalpha() and len(token.norm) > 2


def find_phrase(toks: list[Token], phrase: str, by_stem: bool = False) -> list[tuple[int, int]]:
    """Token index ranges [start, end) where `phrase` occurs (exact word forms, or stems)."""
    words = split_words(phrase)
    if not words:
        return []
    target = [stem(w) for w in words] if by_stem else words
    n = len(target)
    hits: list[tuple[int, int]] = []
    i = 0
    while i + n <= len(toks):
        window = [(t.stem if by_stem else t.norm) for t in toks[i : i + n]]
        if window == target:
            hits.append((i, i + n))
            i += n
        else:
            i += 1
    return hits


def format_time(seconds: float | None) -> str:
    """0:42 style, as the report and tips show moments: the app's one m:ss formatter (app.core.timefmt)."""
    return clock(seconds)

"""Words of a transcript, normalised for matching: lower case, no punctuation, light stemming.

The stemmer is deliberately small (a few English suffixes): it makes "leading", "leads" and "led" less
important than being predictable, so "managed" matches "manage" and "stakeholders" matches "stakeholder"
without a language model or a download.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.timefmt import clock
from app.core.transcript import Transcript


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[a-z0-9$£€%][a-z0-9$£€%.,'’-]*[a-z0-9%]|[a-z0-9$£€%]")

STOPWORDS: frozenset[str] = _words(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i i'm i've i'd i'll if in into is it it's its
    itself just let me more most my myself no nor not now of off on once only or other our ours ourselves
    out over own same she should so some such than that that's the their theirs them themselves then there
    these they this those through to too under until up very was we we're we've were what when where which
    while who whom why will with would you your yours yourself yourselves um uh er ah erm hmm like really
    thing things something got get gets getting going go went one two lot lots well yeah okay ok
    describe tell time example give way make made"""
)


@dataclass(frozen=True)
class Token:
    """A normalised word with the time span of the transcript word it came from."""

    norm: str  # lower case, punctuation stripped ("don't", "20%", "$5,000")
    stem: str
    start: float
    end: float
    index: int  # position in the token list


def normalise(text: str) -> str:
    return text.lower().replace("’", "'").strip()


def split_words(text: str) -> list[str]:
    """Word forms of free text (a talking point, a term, a phrase), in the same normal form as tokens."""
    return [_clean(m.group(0)) for m in _TOKEN.finditer(normalise(text))]


def _clean(word: str) -> str:
    word = word.strip(".,'-")
    if re.fullmatch(r"[\d.,]+", word):
        return word.replace(",", "")
    return word


def stem(word: str) -> str:
    """A light suffix stripper: plurals, -ing, -ed, -ly, -ment, -ation; enough for content-word overlap."""
    word = normalise(word).strip("'")
    if word.endswith("'s"):
        word = word[:-2]  # possessive: "colleague's" -> "colleague"
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, keep in (
        ("ations", 0),
        ("ation", 0),
        ("ments", 0),
        ("ment", 0),
        ("ities", 0),
        ("ity", 0),
        ("ingly", 0),
        ("edly", 0),
        ("ated", 0),
        ("ating", 0),
        ("ates", 0),
        ("ate", 0),
        ("ies", 1),
        ("ied", 1),
        ("ing", 0),
        ("ers", 0),
        ("er", 0),
        ("ed", 0),
        ("ly", 0),
        ("es", 0),
        ("s", 0),
        ("e", 0),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if keep:
                base += "y"
            if suffix in ("ing", "ed", "er", "ers") and len(base) >= 4 and base[-1] == base[-2]:
                base = base[:-1]  # planned -> plan, running -> run
            if suffix == "s" and word.endswith("ss"):
                return word
            return base.rstrip("e") if len(base) > 3 else base
    return word


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

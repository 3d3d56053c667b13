"""Spelling slips on a CV, found offline with pyspellchecker's own English word list.

A CV is full of words no dictionary has: names, employers, places, acronyms, tools. So only ordinary
words are checked: lowercase words anywhere, and a capitalised word only where a sentence or bullet
starts (a misspelt "Managd" opens a bullet; "Brightwell" in a heading is a name). Never checked: lines
written in Title Case (names, headings, job titles), acronyms, words with digits or inner capitals
(JavaScript), e-mail and web addresses, words the posting uses, and the tailoring lexicon's terms.
British spellings count as correct (the word list is American: "organised" is accepted when
"organized" is known). A word written twice in a row ("the the") is a slip too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.banks.lexicon import LEXICON

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_SKIP_TOKEN = re.compile(r"\S*(?:@|https?:|www\.|\.com|\.co\.|\d)\S*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•·*–—-]\s+|^\s*(?:[-*•·‣▪◦●]|\d+[.)])\s*)$")
MIN_LENGTH = 3
# American -> British endings: a British form is correct when its American form is a known word.
_BRITISH = (
    ("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
    ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("our", "or"), ("ours", "ors"), ("oured", "ored"),
    ("ouring", "oring"), ("tre", "ter"), ("tres", "ters"), ("ence", "ense"), ("mme", "m"), ("mmes", "ms"),
    ("ogue", "og"), ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llor", "lor"), ("eable", "able"),
)  # fmt: skip
_PREFIXES = ("up", "re", "co", "non", "pre", "multi", "cross", "over", "under", "out", "sub", "self", "de")


@dataclass
class Slip:
    """A word that looks misspelt (or repeated), where it is, and the likely intended word."""

    word: str
    suggestion: str  # "" when the checker has none
    line_number: int  # 1-based, in the CV's text
    line: str
    kind: str = "spelling"  # or "repeated word"


@functools.lru_cache(maxsize=1)
def _checker():  # type: ignore[no-untyped-def]
    """The English checker (its word list loads in about 0.7 s, once)."""
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=2)  # known() ignores distance; see _suggestion
    lexicon_words = {w for terms in LEXICON.values() for term in terms for w in re.findall(r"[a-z]+", term)}
    checker.word_frequency.load_words(sorted(lexicon_words))
    return checker


def _title_case_line(words: list[str]) -> bool:
    """A heading, a name or a job title: most of its words start with a capital."""
    alpha = [w for w in words if w[:1].isalpha() and w.lower() not in ("and", "of", "the", "at", "in", "for")]
    capitals = sum(1 for w in alpha if w[:1].isupper())
    return len(alpha) >= 1 and capitals / len(alpha) >= 0.6 and len(alpha) <= 12


def _british_ok(word: str, known: set[str]) -> bool:
    for british, american in _BRITISH:
        if word.endswith(british) and f"{word[: -len(british)]}{american}" in known:
            return True
    return False


def _is_known(word: str, checker) -> bool:  # type: ignore[no-untyped-def]
    if checker.known([word]) or _british_ok(word, checker.known(_american_forms(word))):
        return True
    for prefix in _PREFIXES:  # "upskilled", "co-ordinated", "rebuilt"
        rest = word.removeprefix(prefix).lstrip("-")
        if rest != word and len(rest) >= 4 and _is_known(rest, checker):
            return True
    return False


def _american_forms(word: str) -> list[str]:
    return [f"{word[: -len(b)]}{a}" for b, a in _BRITISH if word.endswith(b)]


def _suggestion(word: str, checker) -> str:  # type: ignore[no-untyped-def]
    """The likeliest intended word: one edit away first; two edits (slow on long words) only if short."""
    checker.distance = 1
    try:
        best = checker.correction(word)
        if best is None and len(word) <= 8:
            checker.distance = 2
            best = checker.correction(word)
    finally:
        checker.distance = 2
    return best or ""


def _candidates(line: str, names: set[str]) -> Iterable[tuple[str, bool]]:
    """(word, starts a sentence) for each word of the line worth checking."""
    words = line.split()
    if _title_case_line(words):
        return
    cleaned = _SKIP_TOKEN.sub(lambda m: " " * len(m.group(0)), line)
    for match in _WORD.finditer(cleaned):
        word = match.group(0).replace("’", "'")
        start = bool(_SENTENCE_START.search(cleaned[: match.start()]))
        if len(word) < MIN_LENGTH or word.isupper() or any(c.isupper() for c in word[1:]):
            continue  # acronyms (NVQ, KPIs), inner capitals (JavaScript, McDonald)
        if word[0].isupper() and (not start or word in names):
            continue  # a name mid-sentence, or one the CV also uses mid-sentence
        yield word, start


def find_slips(text: str, allowed: Iterable[str] = ()) -> list[Slip]:
    """Possible spelling slips in the text, in order, each word once.

    Args:
        text: the CV.
        allowed: more text whose words are never flagged (the job posting).
    """
    checker = _checker()
    allowed_words = {w.lower() for chunk in allowed for w in _WORD.findall(chunk)}
    lines = text.splitlines()
    names = {w for line in lines for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]+", line)}
    slips: list[Slip] = []
    flagged: set[str] = set()
    for number, line in enumerate(lines, start=1):
        for word, _start in _candidates(line, names):
            lowered = word.lower().strip("'-")
            if lowered in flagged or lowered in allowed_words:
                continue
            parts = [p for p in re.split(r"[-']", lowered) if len(p) >= MIN_LENGTH]
            if "'" in lowered and checker.known([lowered]):
                continue
            unknown = [p for p in parts if not _is_known(p, checker)]
            if not unknown:
                continue
            flagged.add(lowered)
            suggestion = _suggestion(lowered, checker)
            slips.append(Slip(word, suggestion if suggestion != lowered else "", number, line))
        for match in re.finditer(r"\b([A-Za-z]+)\s+\1\b", line, flags=re.IGNORECASE):
            if match.group(1).lower() not in ("that", "had", "bye", "very", "no"):
                slips.append(Slip(match.group(0), match.group(1), number, line, "repeated word"))
    return slips

"""Filler words and repetitions, found in transcribed words with times.

Rules are conservative because a filler that was not said must never be counted:
- Hesitations (um, uh, er, hmm and their spellings umm/uhm/erm/uhh/hm/hmmm) always count.
- Discourse fillers count only in a filler position, judged from Whisper's punctuation and the gaps
  between words (a boundary is a comma/full stop/etc. on the previous word, a gap of at least
  `BOUNDARY_GAP_S`, a hesitation next to it, or the edge of the answer):
  * "like", "you know", "I mean", "sort of", "kind of": a boundary on both sides ("it was, like,
    huge"). So "I like", "looks like", "would like", "kind of hard" never count.
  * "so": at a clause start and followed by a boundary ("So, um, ..." / "... done. So, the").
  * "basically", "actually", "literally": at a clause start ("Basically we ...", "..., actually, ...").
- A repetition is a word or phrase of up to three words said twice in a row ("I I", "the the",
  "I think I think"), ignoring case and punctuation, not across a sentence end ("No. No."), and
  not for grammatical doubles ("that that", "had had", "is is" as in "what it is is").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.delivery import DISCOURSE, HESITATION, Filler, Repetition
from app.core.transcript import Word

BOUNDARY_GAP_S = 0.3
_CLAUSE_PUNCT = ",.;:?!…-–—"
_SENTENCE_END = ".?!…"

_HESITATION_PATTERNS = (
    (re.compile(r"^(u+h*m+|e+r+m+|a+h+m+)$"), "um"),
    (re.compile(r"^u+h+$"), "uh"),
    (re.compile(r"^e+r+$"), "er"),
    (re.compile(r"^h+m+$"), "hmm"),
)
_PHRASES = (("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of"))
_CLAUSE_START_ADVERBS = frozenset({"basically", "actually", "literally"})
_GRAMMATICAL_DOUBLES = frozenset({"that", "had", "is"})


def normalize(text: str) -> str:
    """Lower case, no surrounding punctuation or spaces ("Umm..." -> "umm", "Don't," -> "don't")."""
    return text.strip().lower().strip("\"'“”‘’()[],.;:?!…-–—")


def hesitation(text: str) -> str | None:
    """The normalized hesitation ("um", "uh", "er", "hmm") that `text` spells, else None."""
    word = normalize(text)
    for pattern, name in _HESITATION_PATTERNS:
        if pattern.match(word):
            return name
    return None


def is_hesitation(text: str) -> bool:
    return hesitation(text) is not None


def _ends_clause(text: str) -> bool:
    return text.rstrip().endswith(tuple(_CLAUSE_PUNCT))


def _boundary_before(words: Sequence[Word], i: int) -> bool:
    if i == 0:
        return True
    prev = words[i - 1]
    return _ends_clause(prev.text) or is_hesitation(prev.text) or words[i].start - prev.end >= BOUNDARY_GAP_S


def _boundary_after(words: Sequence[Word], i: int) -> bool:
    """Boundary after word i (the last word of a phrase)."""
    if i == len(words) - 1:
        return True
    nxt = words[i + 1]
    return (
        _ends_clause(words[i].text) or is_hesitation(nxt.text) or nxt.start - words[i].end >= BOUNDARY_GAP_S
    )


def find_fillers(words: Sequence[Word]) -> list[Filler]:
    """Every filler in `words` (time order), by the rules in the module docstring."""
    fillers: list[Filler] = []
    norms = [normalize(w.text) for w in words]
    i = 0
    while i < len(words):
        word = words[i]
        kind = hesitation(word.text)
        if kind is not None:
            fillers.append(Filler(kind, HESITATION, word.start, word.end))
            i += 1
            continue
        phrase = next((p for p in _PHRASES if tuple(norms[i : i + len(p)]) == p), None)
        if phrase is not None:
            last = i + len(phrase) - 1
            if _boundary_before(words, i) and _boundary_after(words, last):
                fillers.append(Filler(" ".join(phrase), DISCOURSE, word.start, words[last].end))
                i = last + 1
                continue
        norm = norms[i]
        if (
            (norm == "like" and _boundary_before(words, i) and _boundary_after(words, i))
            or (norm == "so" and _boundary_before(words, i) and _boundary_after(words, i))
            or (norm in _CLAUSE_START_ADVERBS and _boundary_before(words, i))
        ):
            fillers.append(Filler(norm, DISCOURSE, word.start, word.end))
        i += 1
    return fillers


def find_repetitions(words: Sequence[Word], max_phrase: int = 3) -> list[Repetition]:
    """Words or phrases said twice in a row (module docstring), longest phrase first, no overlaps."""
    content = [w for w in words if not is_hesitation(w.text)]
    norms = [normalize(w.text) for w in content]
    found: list[Repetition] = []
    i = 0
    while i < len(content):
        step = 1
        for n in range(max_phrase, 0, -1):
            first, second = norms[i : i + n], norms[i + n : i + 2 * n]
            if len(second) < n or first != second or not all(first):
                continue
            if n == 1 and first[0] in _GRAMMATICAL_DOUBLES:
                continue
            if content[i + n - 1].text.rstrip().endswith(tuple(_SENTENCE_END)):
                continue
            found.append(Repetition(" ".join(first), content[i].start, content[i + 2 * n - 1].end))
            step = 2 * n
            break
        i += step
    return found

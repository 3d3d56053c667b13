"""STAR structure and concrete results, found with cue phrases (app.analysis.lexicons).

Rules, in words: a part is present when one of its cue phrases is said; it starts at the first such cue.
A result usually follows the action, so the result cue taken is the first one after the action starts
(or the first anywhere when no action cue was found). Evidence of a concrete result is an outcome verb
or a quantity (number, percentage, money, duration) said once the action or result has begun.
"""

from __future__ import annotations

import re

from app.analysis.lexicons import (
    MONEY_WORDS,
    NUMBER_WORDS,
    OUTCOME_VERBS,
    PERCENT_WORDS,
    STAR_CUES,
    TIME_UNITS,
)
from app.analysis.text import Token, find_phrase
from app.core.content import ResultEvidence, StarMarker, StarPart

_DIGITS = re.compile(r"^[$£€]?\d[\d.,]*(%|k|m)?$")


def _star_positions(toks: list[Token]) -> list[tuple[int, StarMarker]]:
    """The STAR parts present, each with the token index of its cue, in the order they were said.

    Ordered by token position, which is time order for a spoken answer and the only order a typed answer
    (whose words have no times) has.
    """
    first_hits: dict[StarPart, list[tuple[int, str]]] = {}
    for part, cues in STAR_CUES.items():
        hits = [(start, cue) for cue in cues for start, _ in find_phrase(toks, cue)]
        if hits:
            first_hits[part] = sorted(hits)
    found = {part: hits[0] for part, hits in first_hits.items()}
    if StarPart.RESULT in found and StarPart.ACTION in found:
        action_index = found[StarPart.ACTION][0]
        later = [hit for hit in first_hits[StarPart.RESULT] if hit[0] > action_index]
        if later:
            found[StarPart.RESULT] = later[0]
    positions = [(index, StarMarker(part, toks[index].start, cue)) for part, (index, cue) in found.items()]
    return sorted(positions, key=lambda position: position[0])


def find_star_parts(toks: list[Token]) -> list[StarMarker]:
    """The STAR parts present, each with the time of its first cue, in the order said."""
    return [marker for _index, marker in _star_positions(toks)]


def _quantity_kind(toks: list[Token], i: int) -> str | None:
    """The kind of quantity token i starts, or None when it is not a number."""
    word = toks[i].norm
    after = toks[i + 1].norm if i + 1 < len(toks) else ""
    if not (_DIGITS.match(word) or word in NUMBER_WORDS):
        return None
    if word.endswith("%") or after in PERCENT_WORDS or after == "per":
        return "percent"
    if word[0] in "$£€" or after in MONEY_WORDS or word.endswith("k"):
        return "money"
    if after in TIME_UNITS:
        return "time"
    return "number"


def find_result_evidence(toks: list[Token]) -> list[ResultEvidence]:
    """Outcome verbs and quantities said from the start of the action (or result) onwards."""
    starts = [index for index, m in _star_positions(toks) if m.part in (StarPart.ACTION, StarPart.RESULT)]
    from_index = min(starts) if starts else 0
    evidence: list[ResultEvidence] = []
    skip_next = False
    for i, tok in enumerate(toks):
        if skip_next:
            skip_next = False
            continue
        if i < from_index:
            continue
        if tok.norm in OUTCOME_VERBS:
            evidence.append(ResultEvidence(tok.norm, tok.start, "outcome_verb"))
            continue
        kind = _quantity_kind(toks, i)
        if kind is None or (kind == "number" and not _near_outcome(toks, i)):
            continue  # "we were a team of five" is not a result
        text = tok.norm
        match = _DIGITS.match(tok.norm)
        unit_inline = bool(match and match.group(1)) or tok.norm[0] in "$£€"
        if kind != "number" and not unit_inline and i + 1 < len(toks):
            text = f"{tok.norm} {toks[i + 1].norm}"  # "20 percent", "3 hours", "5000 dollars"
            skip_next = True
        evidence.append(ResultEvidence(text, tok.start, kind))
    return evidence


def _near_outcome(toks: list[Token], i: int, reach: int = 6) -> bool:
    """A bare number counts as a result only within `reach` words of an outcome verb."""
    window = toks[max(0, i - reach) : i + reach + 1]
    return any(t.norm in OUTCOME_VERBS for t in window)

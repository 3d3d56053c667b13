"""Concrete results: the outcome verbs and quantities inside the sentences that tell the action or result.

Which sentences those are is decided by the content judge (app.analysis.judge), by meaning; this module
only reads their words. Evidence of a concrete result is an outcome verb (increased, reduced, won...) or a
quantity (number, percentage, money, duration); a bare number counts only near an outcome verb.
"""

from __future__ import annotations

import re

from app.analysis.lexicons import (
    MONEY_WORDS,
    NUMBER_WORDS,
    OUTCOME_VERBS,
    PERCENT_WORDS,
    TIME_UNITS,
)
from app.analysis.text import Token
from app.core.content import ResultEvidence

_DIGITS = re.compile(r"^[$£€]?\d[\d.,]*(%|k|m)?$")


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


def evidence_in(toks: list[Token]) -> list[ResultEvidence]:
    """Outcome verbs and quantities in `toks` (the words of a sentence that tells the action or result)."""
    evidence: list[ResultEvidence] = []
    skip_next = False
    for i, tok in enumerate(toks):
        if skip_next:
            skip_next = False
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

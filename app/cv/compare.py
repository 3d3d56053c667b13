"""What the posting asks for that the CV does not show.

The posting is read by the same code tailoring uses: its listed duties, skills and qualifications
(app.banks.posting_skills.posting_items) and its key terms (app.banks.tailoring.extract_terms, with the
curated lexicon and its aliases, so "WMS" on a CV counts for "warehouse management system"). Words are
compared after the same stemming (app.core.words: "picked" = "picking"). An item counts as shown when the
CV has its content words: all of them for one or two words, at least 60% for longer items, since a CV says
"Picked and packed 200 orders a day" for "Pick and pack customer orders accurately".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.banks.lexicon import ALIASES, STOP_STEMS, STOPWORDS
from app.banks.posting_skills import DUTY_VERBS, PostingItem, posting_items
from app.banks.tailoring import extract_terms, term_key

# Words a posting item uses that say nothing about the skill itself.
_GENERIC = frozenset(
    {
        "experience", "environment", "system", "systems", "using", "use", "good", "knowledge", "working",
        "work", "role", "ability", "understanding", "valid", "relevant", "ensure", "daily", "accurately",
        "effectively", "efficiently", "safely", "busy", "other", "all", "any", "ensuring", "making",
        "sure", "standard", "standards", "high", "level", "across", "site", "within", "well", "appropriate",
        "microsoft", "google", "adobe", "out",
    }
)  # fmt: skip
SHOWN_FRACTION = 0.6
MIN_PREFIX = 5  # "manag" (managed) meets "management": a shared start of five letters or more


@dataclass
class Gap:
    """Something the posting asks for, and whether the CV shows it."""

    kind: str  # "duty", "skill", "qualification" (the posting's listed items) or "term" (a key term)
    what: str  # as the posting names it
    line: str  # the posting line it came from ("" for a key term)
    missing_words: list[str] = field(default_factory=list)  # its words the CV does not have
    shown: bool = False


@dataclass
class CvComparison:
    gaps: list[Gap]  # asked for and not shown, in the posting's order (listed items first)
    shown: list[Gap]  # asked for and shown

    @property
    def asked(self) -> int:
        return len(self.gaps) + len(self.shown)


def _cv_index(cv_text: str) -> tuple[set[str], list[str]]:
    """The CV's stemmed words, and each line as a stemmed key padded with spaces (for phrase lookup)."""
    lines = [f" {term_key(line)} " for line in cv_text.splitlines() if line.strip()]
    stems = {word for line in lines for word in line.split()}
    for alias, canonical in ALIASES.items():  # "WMS" on the CV counts for "warehouse management system"
        if any(f" {term_key(alias)} " in line for line in lines):
            key = term_key(canonical)
            lines.append(f" {key} ")
            stems.update(key.split())
    return stems, lines


def _has(stem_word: str, cv_stems: set[str]) -> bool:
    if stem_word in cv_stems:
        return True
    if len(stem_word) < MIN_PREFIX:
        return False
    return any(
        len(other) >= MIN_PREFIX and (other.startswith(stem_word) or stem_word.startswith(other))
        for other in cv_stems
        if other[:MIN_PREFIX] == stem_word[:MIN_PREFIX]
    )


def content_words(text: str, duty: bool = False) -> list[tuple[str, str]]:
    """(word as written, stem) of the words that carry the item's meaning.

    A duty's opening verb is left out ("carrying out", "leading"): a CV says the same work with another
    verb or tense ("Ran cycle counts", "Led a team").
    """
    words: list[tuple[str, str]] = []
    split = text.replace("/", " ").split()
    if duty and len(split) > 1 and split[0].lower().endswith("ing"):
        split = split[1:]
    for word in split:
        clean = word.strip(".,;:()'\"“”‘’").lower()
        key = term_key(clean)
        if not key or clean in STOPWORDS or clean in _GENERIC or len(clean) < 3 or clean.isdigit():
            continue
        if key not in {known for _word, known in words}:
            words.append((word.strip(".,;:()'\"“”‘’"), key))
    return words


def _missing(text: str, cv_stems: set[str], duty: bool) -> tuple[list[str], bool]:
    words = content_words(text, duty)
    if not words:
        return [], True
    missing = [word for word, key in words if not all(_has(part, cv_stems) for part in key.split())]
    needed = len(words) if len(words) <= 2 else math.ceil(SHOWN_FRACTION * len(words))
    return missing, len(words) - len(missing) >= needed


def _parts(item: PostingItem) -> list[str]:
    """A duty line naming two duties ("carrying out cycle counts and investigating discrepancies") as two,
    so the one the CV shows does not hide the one it does not; split only where a verb follows "and"."""
    if item.kind != "duty":
        return [item.subject]
    parts: list[str] = []
    current: list[str] = []
    words = item.subject.split()
    for index, word in enumerate(words):
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if word == "and" and len(current) >= 3 and (following.endswith("ing") or following in DUTY_VERBS):
            parts.append(" ".join(current))
            current = []
            continue
        current.append(word)
    return [*parts, " ".join(current)] if current else parts


def compare(cv_text: str, posting: str) -> CvComparison:
    """The posting's duties, skills, qualifications and key terms, split into not shown and shown."""
    cv_stems, cv_lines = _cv_index(cv_text)
    gaps: list[Gap] = []
    shown: list[Gap] = []
    seen: set[str] = set()
    for item in posting_items(posting):
        for what in _parts(item):
            key = term_key(what)
            if not key or key in seen:
                continue
            seen.add(key)
            missing, is_shown = _missing(what, cv_stems, item.kind == "duty")
            (shown if is_shown else gaps).append(Gap(item.kind, what, item.line, missing, is_shown))
    listed = " ".join(f" {term_key(gap.what)} " for gap in gaps)
    for term in extract_terms(posting).terms:
        key = term_key(term.term)
        if term.source == "word" or key in seen or all(w in STOP_STEMS for w in key.split()):
            continue
        seen.add(key)
        if f" {key} " in listed:
            continue  # already said inside a listed item that is missing
        is_shown = any(f" {key} " in line for line in cv_lines)
        gap = Gap("term", term.term, "", [] if is_shown else [term.term], is_shown)
        (shown if is_shown else gaps).append(gap)
    return CvComparison(gaps, shown)

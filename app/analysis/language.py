"""Wording of an answer: hedges, "I" vs "we", overused words and vocabulary variety."""

from __future__ import annotations

from collections import defaultdict

from app.analysis import rubric
from app.analysis.lexicons import (
    EMPTY_INTENSIFIERS,
    FILLER_FORMS,
    HEDGE_NOUN_PHRASE_BEFORE,
    HEDGES,
    I_WORDS,
    WE_WORDS,
)
from app.analysis.text import Token, find_phrase, is_content_word
from app.core.content import OverusedWord, PhraseHit


def find_hedges(toks: list[Token]) -> list[PhraseHit]:
    """Hedging phrases in the order said; longer phrases first so "I think maybe" is one hedge, not two."""
    used: set[int] = set()
    hits: list[tuple[int, PhraseHit]] = []  # by token position: a typed answer's words have no times
    for phrase in sorted(HEDGES, key=lambda p: -len(p.split())):
        for start, end in find_phrase(toks, phrase):
            if any(i in used for i in range(start, end)):
                continue
            if phrase in ("kind of", "sort of") and _noun_phrase(toks, start):
                continue
            used.update(range(start, end))
            hits.append((start, PhraseHit(phrase, toks[start].start, toks[end - 1].end)))
    return [hit for _start, hit in sorted(hits, key=lambda item: item[0])]


def _noun_phrase(toks: list[Token], start: int) -> bool:
    """ "what kind of problem", "a good sort of plan": a determiner one or two words before."""
    before = [toks[i].norm for i in (start - 1, start - 2) if i >= 0]
    return any(word in HEDGE_NOUN_PHRASE_BEFORE for word in before)


def pronoun_counts(toks: list[Token]) -> tuple[int, int]:
    """How often the speaker said I/me/my versus we/us/our."""
    i_count = sum(1 for t in toks if t.norm in I_WORDS)
    we_count = sum(1 for t in toks if t.norm in WE_WORDS)
    return i_count, we_count


def overused_words(toks: list[Token], topic_stems: set[str]) -> list[OverusedWord]:
    """Content words said often that are not the topic itself (the question's own words are expected)."""
    by_stem: dict[str, list[Token]] = defaultdict(list)
    for tok in toks:
        if tok.norm in EMPTY_INTENSIFIERS or (is_content_word(tok) and tok.stem not in topic_stems):
            by_stem[tok.stem].append(tok)
    found: list[OverusedWord] = []
    for group in by_stem.values():
        limit = (
            rubric.EMPTY_INTENSIFIER_MIN_COUNT
            if group[0].norm in EMPTY_INTENSIFIERS
            else rubric.OVERUSE_MIN_COUNT
        )
        if len(group) >= limit:
            forms = sorted({t.norm for t in group}, key=lambda form: -sum(t.norm == form for t in group))
            found.append(OverusedWord(forms[0], len(group), [t.start for t in group]))
    return sorted(found, key=lambda word: -word.count)


def moving_average_ttr(toks: list[Token], window: int = rubric.MATTR_WINDOW) -> float | None:
    """Moving-average type-token ratio (Covington & McFall 2010): the mean share of distinct words in
    every `window`-word stretch, so long and short answers compare fairly. Plain TTR for short answers."""
    words = [t.norm for t in toks if t.norm not in FILLER_FORMS]
    if len(words) < 10:
        return None
    if len(words) <= window:
        return round(len(set(words)) / len(words), 3)
    counts: dict[str, int] = defaultdict(int)
    for word in words[:window]:
        counts[word] += 1
    ratios = [len(counts) / window]
    for i in range(window, len(words)):
        leaving = words[i - window]
        counts[leaving] -= 1
        if counts[leaving] == 0:
            del counts[leaving]
        counts[words[i]] += 1
        ratios.append(len(counts) / window)
    return round(sum(ratios) / len(ratios), 3)

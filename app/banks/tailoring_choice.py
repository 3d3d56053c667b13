"""Which questions a tailored session may use and how the slots are shared (app.banks.tailoring decides
what matches; this decides what is allowed and in what proportion).

- Tracks: the posting's closest bundled track, and a second one only when it scores nearly as high
  (SECOND_TRACK_SHARE of the best). No track at all when the evidence is thin (MIN_TRACK_SCORE, above
  the 4.0-4.65 that unrelated tracks reached on the tuning postings, e.g. two passing mentions of
  "appointments" and "reception" in a dog groomer's posting): a solar installer's posting gets no
  nursing or sales questions just because they rank highest of the rest.
- Allowed questions: the core bank, the chosen tracks, and the user's own banks (tracks no lexicon
  describes) when a question shares at least USER_TRACK_MIN_TERMS terms with the posting. A bundled
  track that was not chosen never contributes.
- Slots: a closing question last (from a chosen track, else core) once there are five or more; about a
  quarter of the rest built from the posting's own skills and duties (two fifths when no track fits); at
  least one general question when a track fits; the rest by relevance, with variety of competency and
  category, a motivation question first.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from app.core.questions import Category, Question, track_title

MIN_TRACK_SCORE = 5.0
SECOND_TRACK_SHARE = 0.6
MAX_TRACKS = 2
USER_TRACK_MIN_TERMS = 2
CORE = "core"
# General questions that open an interview well (not salary or a CV gap as the first question).
OPENER_COMPETENCIES = frozenset({"self-presentation", "preparation", "motivation", "career goals"})


@dataclass
class Scored:
    score: float
    question: Question
    matched: list[str]
    reason: str = ""


def close_tracks(track_scores: dict[str, float]) -> list[str]:
    """The chosen tracks, best first (empty when none is clearly indicated)."""
    ranked = sorted(track_scores.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < MIN_TRACK_SCORE:
        return []
    best = ranked[0][1]
    return [
        track
        for track, score in ranked[:MAX_TRACKS]
        if score >= MIN_TRACK_SCORE and score >= SECOND_TRACK_SHARE * best
    ]


def allowed(item: Scored, tracks: list[str], bundled_tracks: set[str]) -> bool:
    """May this question be asked for the posting at all?"""
    track = item.question.track
    if track == CORE or track in tracks:
        return True
    if track in bundled_tracks:
        return False  # a bundled role track that does not fit the posting
    return len(item.matched) >= USER_TRACK_MIN_TERMS


def slot_counts(count: int, has_track: bool, template_candidates: int) -> tuple[int, int, int]:
    """(closing, templates, bank body) slots for `count` questions."""
    closing = 1 if count >= 5 else 0
    templates = 0
    if count >= 3 and template_candidates:
        share = 4.0 if has_track else 2.5
        templates = min(template_candidates, max(1, round((count - closing) / share)))
    return closing, templates, count - closing - templates


def pick_varied(pool: list[Scored], count: int) -> list[Scored]:
    """The `count` best, each new pick discounted for a competency or category already picked."""
    pool = list(pool)
    picked: list[Scored] = []
    crowded_at = max(2, math.ceil(count / 2))
    while pool and len(picked) < count:
        competencies = Counter(item.question.competency for item in picked)
        categories = Counter(item.question.category for item in picked)
        best = max(pool, key=lambda item: _value(item, competencies, categories, crowded_at))
        picked.append(best)
        pool.remove(best)
    return picked


def _value(item: Scored, competencies: Counter[str], categories: Counter[Category], crowded_at: int) -> float:
    """A question's score, discounted for a competency or a crowded category already picked."""
    repeat = 0.6 ** competencies[item.question.competency]
    limit = min(2, crowded_at) if item.question.category == Category.MOTIVATION else crowded_at
    crowded = 0.5 if categories[item.question.category] >= limit else 1.0
    return (item.score + 0.01) * repeat * crowded


def _is_opener(item: Scored) -> bool:
    """A question that opens an interview well: a track's motivation question or a general opener."""
    question = item.question
    return question.category == Category.MOTIVATION and (
        question.track != CORE or question.competency in OPENER_COMPETENCIES
    )


def compose(scored: list[Scored], templates: list[Scored], tracks: list[str], count: int) -> list[Scored]:
    """The session: opener first, posting-specific questions early in the middle, closing last."""
    closings = [item for item in scored if item.question.category == Category.CLOSING]
    in_track = [item for item in closings if item.question.track in tracks]
    fallback = [item for item in closings if item.question.track == CORE]
    closing = (in_track or fallback)[0] if in_track or fallback else None
    closing_slots, template_slots, body_slots = slot_counts(count, bool(tracks), len(templates))
    if closing is None:
        body_slots += closing_slots
        closing_slots = 0
    body_pool = [item for item in scored if item.question.category != Category.CLOSING]
    general = [item for item in body_pool if item.question.track == CORE]
    chosen: list[Scored] = []
    if body_slots >= 2:
        # one general opener (why this job, why you), and with a track a share of general questions
        chosen = pick_varied([item for item in general if _is_opener(item)], 1)
        if tracks:
            core_slots = max(1, body_slots // 3)
            chosen += pick_varied([item for item in general if item not in chosen], core_slots - len(chosen))
    rest = [item for item in body_pool if item not in chosen]
    chosen += pick_varied(rest, body_slots - len(chosen))
    chosen.sort(key=lambda item: -item.score)
    openers = [item for item in chosen if _is_opener(item)][:1]
    body = openers + [item for item in chosen if item not in openers]
    made = templates[:template_slots]
    at = min(2, len(body))
    ordered = body[:at] + made + body[at:]
    if closing is not None and closing_slots:
        ordered.append(closing)
    return ordered


def reason(item: Scored, named: dict[str, list[str]], tracks: list[str]) -> str:
    """Why a bank question was picked, in words (`named`: the posting's terms, "" for all, else per track)."""
    question = item.question
    terms = ", ".join([term for term in item.matched if term in named.get("", [])][:3])
    if question.track == CORE:
        if terms:
            return f"A general interview question that fits what the posting asks for: {terms}."
        return f"A question asked in interviews for almost any role ({question.competency})."
    if question.track in tracks:
        track_terms = named.get(question.track, [])[:3]
        why = f" (it names {', '.join(track_terms)})" if track_terms else ""
        fit = f"; this one covers {terms}" if terms else ""
        return f"From {track_title(question.track)}, the question set closest to this posting{why}{fit}."
    shared = ", ".join(item.matched[:3])
    return f"From your own questions ({track_title(question.track)}): it shares {shared} with the posting."

"""Content analysis of one answer: what was said against what the question asks for.

Entirely rule-based and offline: STAR cue phrases, content-word overlap with the question's talking points,
key-term matches, hedges, pronouns, repetition and vocabulary variety. Each rule is described where it is
implemented (app.analysis.star, .language) and its thresholds live in app.analysis.rubric.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from app.analysis import rubric
from app.analysis.language import find_hedges, moving_average_ttr, overused_words, pronoun_counts
from app.analysis.star import find_result_evidence, find_star_parts
from app.analysis.text import Token, content_stems, find_phrase, tokens
from app.core.content import ContentMetrics, TalkingPointCoverage, TermUse
from app.core.questions import Question
from app.core.transcript import Transcript


def analyze_content(
    transcript: Transcript,
    question: Question,
    job_terms: Iterable[str] = (),
    duration_s: float | None = None,
) -> ContentMetrics:
    """Measure one answer's content.

    Args:
        transcript: the answer's words with times.
        question: the question asked (talking points, key terms, target length, STAR or not).
        job_terms: terms from the job posting the session was tailored to (added to the key terms).
        duration_s: the recorded answer's length; defaults to the end of the last word.

    A typed answer (`transcript.typed`) has no spoken length: its length is not measured (duration 0,
    length_ratio None) and its hedges are counted per minute it would take to say the words at
    rubric.TYPED_WORDS_PER_MINUTE. Its word times are not moments, so nothing here gives them meaning.
    """
    toks = tokens(transcript)
    if transcript.typed:
        duration = 0.0
        minutes = len(toks) / rubric.TYPED_WORDS_PER_MINUTE
    else:
        duration = duration_s if duration_s is not None else transcript.duration
        minutes = duration / 60.0
    star_parts = find_star_parts(toks)
    points = [cover_talking_point(toks, point) for point in question.talking_points]
    i_count, we_count = pronoun_counts(toks)
    hedges = find_hedges(toks)
    topic = set(content_stems(" ".join([question.text, *question.talking_points, *question.key_terms])))
    target = float(question.target_seconds) if question.target_seconds else None
    return ContentMetrics(
        word_count=len(toks),
        duration_s=round(duration, 2),
        target_seconds=target,
        length_ratio=round(duration / target, 2) if target and not transcript.typed else None,
        star_expected=question.star_expected,
        star_parts=star_parts,
        talking_points=points,
        talking_points_coverage=round(sum(p.covered for p in points) / len(points), 3) if points else None,
        key_terms=term_uses(toks, question, job_terms),
        i_count=i_count,
        we_count=we_count,
        i_share=round(i_count / (i_count + we_count), 3) if i_count + we_count else None,
        hedges=hedges,
        hedges_per_minute=round(len(hedges) / minutes, 2) if minutes > 0 and toks else None,
        overused_words=overused_words(toks, topic),
        vocabulary_variety=moving_average_ttr(toks),
        result_evidence=find_result_evidence(toks),
    )


def cover_talking_point(toks: list[Token], point: str) -> TalkingPointCoverage:
    """A point is covered when enough of its content words (stemmed) were said anywhere in the answer."""
    wanted = content_stems(point)
    first_time: dict[str, float] = {}
    for tok in toks:
        if tok.stem in wanted and tok.stem not in first_time:
            first_time[tok.stem] = tok.start
    matched = [stem for stem in wanted if stem in first_time]
    needed = max(1, math.ceil(rubric.TALKING_POINT_MIN_FRACTION * len(wanted))) if wanted else 1
    return TalkingPointCoverage(
        point=point,
        covered=len(matched) >= needed,
        fraction=round(len(matched) / len(wanted), 3) if wanted else 0.0,
        matched_words=matched,
        missing_words=[stem for stem in wanted if stem not in first_time],
        first_time=min(first_time.values()) if first_time else None,
    )


def term_uses(toks: list[Token], question: Question, job_terms: Iterable[str]) -> list[TermUse]:
    """Each key term (question's and job posting's, once each) with the times it was said (stem match)."""
    job = {term.lower() for term in [*question.job_terms, *job_terms]}
    uses: list[TermUse] = []
    seen: set[str] = set()
    for term in [*question.key_terms, *question.job_terms, *job_terms]:
        if term.lower() in seen or not term.strip():
            continue
        seen.add(term.lower())
        times = [toks[start].start for start, _ in find_phrase(toks, term, by_stem=True)]
        uses.append(TermUse(term, term.lower() in job, times))
    return uses

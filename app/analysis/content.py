"""Content analysis of one answer: what was said against what the question asks for.

What the answer says is read by meaning (app.analysis.judge: talking points, STAR parts, relevance and
substance, each tied to the sentence that carried it). Wording is measured with plain rules: hedges,
pronouns, repetition and vocabulary variety (app.analysis.language), and the concrete result (numbers and
outcome verbs inside the sentences that tell the result, app.analysis.star). Thresholds live in
app.analysis.rubric and assets/models/content_judge.json.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.analysis import rubric
from app.analysis.judge import JUDGE_NAME, Judgement, judge_answer
from app.analysis.language import find_hedges, moving_average_ttr, overused_words, pronoun_counts
from app.analysis.star import evidence_in
from app.analysis.text import Token, content_stems, find_phrase, tokens
from app.core.content import ContentMetrics, StarMarker, TalkingPointCoverage, TermUse
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

    A typed answer (`transcript.typed`) has no spoken length (duration 0): its length is how long it
    would take to say its words at rubric.TYPED_WORDS_PER_MINUTE, and its hedges are counted per minute
    of that. Its word times are not moments, so nothing here gives them meaning.
    """
    job_terms = list(job_terms)
    toks = tokens(transcript)
    if transcript.typed:
        duration = 0.0
        minutes = len(toks) / rubric.TYPED_WORDS_PER_MINUTE
    else:
        duration = duration_s if duration_s is not None else transcript.duration
        minutes = duration / 60.0
    judgement = judge_answer(question, transcript, job_terms)
    star_parts = _star_markers(judgement)
    points = [_coverage(question, i, judgement) for i in range(len(question.talking_points))]
    i_count, we_count = pronoun_counts(toks)
    hedges = find_hedges(toks)
    topic = set(content_stems(" ".join([question.text, *question.talking_points, *question.key_terms])))
    target = float(question.target_seconds) if question.target_seconds else None
    story = [
        _sentence_tokens(transcript, judgement, i)
        for i, s in enumerate(judgement.sentences)
        if s.substantive and s.role in ("action", "result")
    ]
    return ContentMetrics(
        word_count=len(toks),
        duration_s=round(duration, 2),
        target_seconds=target,
        length_ratio=round(minutes * 60 / target, 2) if target else None,
        star_expected=question.star_expected,
        star_parts=star_parts,
        talking_points=points,
        talking_points_coverage=round(sum(p.covered for p in points) / len(points), 3) if points else None,
        key_terms=term_uses(_substantive_tokens(transcript, judgement), question, job_terms),
        i_count=i_count,
        we_count=we_count,
        i_share=round(i_count / (i_count + we_count), 3) if i_count + we_count else None,
        hedges=hedges,
        hedges_per_minute=round(len(hedges) / minutes, 2) if minutes > 0 and toks else None,
        overused_words=overused_words(toks, topic),
        vocabulary_variety=moving_average_ttr(toks),
        result_evidence=[e for sentence in story for e in evidence_in(sentence)],
        sentences=judgement.sentences,
        relevance=judgement.relevance,
        substance=judgement.substance,
        judge=JUDGE_NAME,
    )


def _star_markers(judgement: Judgement) -> list[StarMarker]:
    """The STAR parts with substance, each at its first sentence, in the order said."""
    found = sorted(judgement.star.items(), key=lambda item: item[1])
    return [StarMarker(part, judgement.sentences[i].start, judgement.sentences[i].text) for part, i in found]


def _coverage(question: Question, index: int, judgement: Judgement) -> TalkingPointCoverage:
    match = judgement.points[index]
    sentence = judgement.sentences[match.sentence] if match.sentence is not None else None
    return TalkingPointCoverage(
        point=question.talking_points[index],
        covered=match.covered,
        fraction=max(0.0, min(1.0, match.similarity or 0.0)),
        first_time=sentence.start if sentence is not None and match.covered else None,
        sentence=sentence.text if sentence is not None else "",
        similarity=match.similarity,
    )


def _sentence_tokens(transcript: Transcript, judgement: Judgement, index: int) -> list[Token]:
    span = judgement.spans[index]
    words = transcript.words[span.first_word : span.first_word + span.word_count]
    return tokens(Transcript(words=list(words), typed=transcript.typed))


def _substantive_tokens(transcript: Transcript, judgement: Judgement) -> list[list[Token]]:
    """The tokens of each sentence that says something real: only there does a key term count as used."""
    return [
        _sentence_tokens(transcript, judgement, i) for i, s in enumerate(judgement.sentences) if s.substantive
    ]


def term_uses(sentences: list[list[Token]], question: Question, job_terms: Iterable[str]) -> list[TermUse]:
    """Each key term (question's and job posting's, once each) with the times it was said (stem match)
    inside the given sentences (the meaningful ones: a term in a keyword list is not a use)."""
    job = {term.lower() for term in [*question.job_terms, *job_terms]}
    uses: list[TermUse] = []
    seen: set[str] = set()
    for term in [*question.key_terms, *question.job_terms, *job_terms]:
        if term.lower() in seen or not term.strip():
            continue
        seen.add(term.lower())
        times = [
            toks[start].start for toks in sentences for start, _ in find_phrase(toks, term, by_stem=True)
        ]
        uses.append(TermUse(term, term.lower() in job, times))
    return uses

"""One call that turns an answer's measurements into its full analysis: content, scores, tips, outline."""

from __future__ import annotations

from collections.abc import Iterable

from app.analysis.content import analyze_content
from app.analysis.feedback import answer_tips
from app.analysis.follow_up import choose_follow_up
from app.analysis.outline import model_outline
from app.analysis.scoring import score_answer
from app.core.analysis_result import AnswerAnalysis
from app.core.body_language import BodyLanguageCues
from app.core.content import ContentMetrics
from app.core.delivery import DeliveryMetrics
from app.core.questions import Question
from app.core.transcript import Transcript


def analyze_answer(
    question: Question,
    transcript: Transcript | None,
    delivery: DeliveryMetrics | None = None,
    body_language: BodyLanguageCues | None = None,
    job_terms: Iterable[str] = (),
) -> AnswerAnalysis:
    """Combine the speech and vision measurements of one answer with its content analysis.

    Whatever is None (no audio, no video) stays None and its dimension is scored "not measured".
    """
    typed = transcript is not None and transcript.typed  # typed words have no times
    # Length is what was said: from the first word to the last (thinking time and silence after excluded).
    duration = delivery.spoken_span_s if delivery is not None else None
    content = analyze_content(transcript, question, job_terms, duration) if transcript is not None else None
    if content is not None and delivery is not None:
        _count_once(content, delivery)
    scores = score_answer(delivery, body_language, content)
    if typed and delivery is None and body_language is None:
        scores.delivery.reason = "A typed answer: delivery was not measured."
        scores.body_language.reason = "A typed answer: body language was not measured."
    return AnswerAnalysis(
        transcript=transcript,
        delivery=delivery,
        body_language=body_language,
        content=content,
        scores=scores,
        tips=answer_tips(scores, delivery, body_language, content, timed=not typed),
        model_outline=model_outline(question),
        follow_up=choose_follow_up(question, transcript, content),
    )


ONCE_PHRASES = ("kind of", "sort of")
"""Counted once: as a filler (delivery) when set off by commas ("it was, kind of, fine"), otherwise as a
hedge (content: "it was kind of fine")."""


SAME_PHRASE_S = 0.5


def _count_once(content: ContentMetrics, delivery: DeliveryMetrics) -> None:
    # A filler's time is where it sounded on the audio (app.speech.filler_timing), which may differ a little
    # from the word time the hedge carries: the same phrase is matched within SAME_PHRASE_S.
    as_filler = [(f.start, f.end) for f in delivery.fillers if f.word in ONCE_PHRASES]
    hedges = [
        h
        for h in content.hedges
        if not (
            h.phrase in ONCE_PHRASES
            and any(start - SAME_PHRASE_S <= h.start <= end + SAME_PHRASE_S for start, end in as_filler)
        )
    ]
    if len(hedges) != len(content.hedges) and content.hedges_per_minute:
        content.hedges_per_minute = round(content.hedges_per_minute * len(hedges) / len(content.hedges), 2)
    content.hedges = hedges

"""Turn measured metrics into 1-5 scores with the rubric (app.analysis.rubric), keeping the trail.

Every SubScore records the metric, the value, the unit, the band and the definition, so a report can
show for each score what it rests on. Missing inputs give "not measured", never a made-up number.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from app.analysis import rubric
from app.analysis.rubric import MetricRule
from app.core.body_language import BodyLanguageCues
from app.core.content import ContentMetrics, StarPart, Substance
from app.core.delivery import DeliveryMetrics
from app.core.scores import Dimension, DimensionScore, ScoreCard, SubScore

MIN_WORDS = 5
"""Fewer transcribed words than this and there is nothing fair to say about delivery or content."""


def rate(rule: MetricRule, value: float | None, reason: str = "") -> SubScore:
    """Score `value` with `rule`; None gives a sub-score marked not measured with `reason`."""
    if value is None:
        return SubScore(
            rule.key,
            rule.label,
            rule.metric,
            None,
            rule.unit,
            None,
            "not measured",
            rule.definition,
            reason or "Could not be measured for this answer.",
        )
    band = rule.band_for(value)
    return SubScore(
        rule.key, rule.label, rule.metric, round(value, 3), rule.unit, band.score, band.label, rule.definition
    )


def _dimension(dimension: Dimension, subs: list[SubScore], reason: str = "") -> DimensionScore:
    scored = [s.score for s in subs if s.score is not None]
    if not scored:
        return DimensionScore(dimension, None, subs, reason or "None of its metrics could be measured.")
    return DimensionScore(dimension, round(statistics.fmean(scored), 1), subs)


def _not_measured(dimension: Dimension, reason: str) -> DimensionScore:
    subs = [rate(rule, None, reason) for rule in rubric.RULES[dimension]]
    return DimensionScore(dimension, None, subs, reason)


def long_pauses_per_minute(delivery: DeliveryMetrics) -> float | None:
    """Pauses of at least LONG_PAUSE_S per minute of the spoken span (first word to last word).

    Silence before the first word and after the last is reported on its own ("You stopped speaking at 0:11"),
    so a freeze at the end does not dilute the rate into "no long pauses" (issue 14.1).
    """
    minutes = spoken_span(delivery) / 60.0
    if minutes <= 0:
        return None
    long_pauses = [p for p in delivery.pauses if p.duration >= rubric.LONG_PAUSE_S]
    return len(long_pauses) / minutes


def score_delivery(delivery: DeliveryMetrics | None) -> DimensionScore:
    if delivery is None:
        return _not_measured(Dimension.DELIVERY, "No audio was analysed for this answer.")
    if delivery.word_count < MIN_WORDS:
        return _not_measured(Dimension.DELIVERY, "Too little speech was heard to judge delivery.")
    enough = not too_little_speech(delivery)
    little = (
        f"Too little speech to judge: only {delivery.word_count} words in {spoken_span(delivery):.0f} s "
        f"of speech (it needs at least {rubric.MIN_PACE_WORDS} words and {rubric.MIN_PACE_SPEECH_S:.0f} s)."
    )
    voiced = delivery.speaking_time_s >= rubric.MIN_VOICED_SPEECH_S
    subs = [
        rate(rubric.PACE, delivery.words_per_minute if enough else None, little),
        rate(rubric.FILLERS, delivery.fillers_per_minute if enough else None, little),
        rate(rubric.PAUSES, long_pauses_per_minute(delivery) if enough else None, little),
        rate(
            rubric.VOICE_VARIETY,
            delivery.pitch_variation_semitones if voiced else None,
            "No clear voiced sound to measure pitch from."
            if voiced
            else "Too little speech to judge: it needs at least "
            f"{rubric.MIN_VOICED_SPEECH_S:.0f} s of voice.",
        ),
    ]
    return _dimension(Dimension.DELIVERY, subs)


def spoken_span(delivery: DeliveryMetrics) -> float:
    """First word to last word (the span pace is measured over); the speech segments' total if unknown."""
    return delivery.spoken_span_s if delivery.spoken_span_s is not None else delivery.speaking_time_s


def too_little_speech(delivery: DeliveryMetrics) -> bool:
    """Fewer words or seconds of speech than a rate needs (rubric.MIN_PACE_WORDS, MIN_PACE_SPEECH_S)."""
    return delivery.word_count < rubric.MIN_PACE_WORDS or spoken_span(delivery) < rubric.MIN_PACE_SPEECH_S


def facing_camera_share(cues: BodyLanguageCues) -> float | None:
    """Share of ALL analysed frames with a face turned to the camera, so leaving the picture counts too."""
    if cues.facing_camera_ratio is None:
        return None
    return cues.facing_camera_ratio * cues.face_visible_ratio


def score_body_language(cues: BodyLanguageCues | None) -> DimensionScore:
    if cues is None:
        return _not_measured(Dimension.BODY_LANGUAGE, "No video was recorded for this answer.")
    if cues.frames_analyzed == 0 or cues.face_visible_ratio == 0:
        return _not_measured(Dimension.BODY_LANGUAGE, "No face was visible in the video.")
    no_pose = "The upper body was not in view."
    no_hands = "The hands were not in view."
    subs = [
        rate(rubric.FACING_CAMERA, facing_camera_share(cues)),
        rate(rubric.POSTURE, cues.slouch_ratio, no_pose),
        rate(rubric.GESTURES, cues.gesturing_ratio, no_hands),
        rate(rubric.FIDGETING, cues.fidgeting_ratio, no_hands),
        rate(rubric.SMILING, cues.smile_ratio),
    ]
    return _dimension(Dimension.BODY_LANGUAGE, subs)


def structure_score(content: ContentMetrics) -> SubScore:
    """STAR parts found, minus RESULT_MISSING_PENALTY when the result is missing (see the rubric)."""
    rule = rubric.STRUCTURE
    if not content.star_expected:
        return rate(rule, None, "This kind of question does not call for a STAR story.")
    parts = content.parts_present
    score = rubric.STRUCTURE_SCORE_BY_PARTS[len(parts)]
    band = rule.band_for(len(parts)).label
    if parts and StarPart.RESULT not in parts:
        score = max(1, score - rubric.RESULT_MISSING_PENALTY)
        band += ", no result"
    if parts:
        band += ": " + ", ".join(part.value for part in parts)
    return SubScore(
        rule.key, rule.label, rule.metric, float(len(parts)), rule.unit, score, band, rule.definition
    )


def result_evidence_level(content: ContentMetrics) -> int:
    """2 = a quantified result, 1 = an outcome verb only, 0 = no concrete result."""
    if content.quantified_result:
        return 2
    return 1 if content.concrete_result else 0


def score_content(content: ContentMetrics | None) -> DimensionScore:
    if content is None:
        return _not_measured(Dimension.CONTENT, "There was no transcript to analyse.")
    if content.word_count < MIN_WORDS:
        return _not_measured(Dimension.CONTENT, "Too few words were transcribed to judge the content.")
    not_star = "This kind of question does not call for a STAR story."
    subs = [
        structure_score(content),
        rate(rubric.TALKING_POINTS, content.talking_points_coverage, "The question has no talking points."),
        rate(rubric.RELEVANCE, content.relevance, "No sentences to judge."),
        rate(rubric.SPECIFICITY, result_evidence_level(content) if content.star_expected else None, not_star),
        rate(
            rubric.LENGTH,
            content.length_ratio,
            "The question has no target length.",
        ),
        rate(rubric.HEDGING, content.hedges_per_minute),
    ]
    dimension = _dimension(Dimension.CONTENT, subs)
    if content.substance is not Substance.ANSWER and dimension.score is not None:
        # A non-answer is not rescued by its wording or length (rubric.NO_SUBSTANCE_CAP).
        dimension.score = min(dimension.score, rubric.NO_SUBSTANCE_CAP)
        dimension.note = SUBSTANCE_REASONS[content.substance]
    return dimension


SUBSTANCE_REASONS: dict[Substance, str] = {
    Substance.KEYWORD_LIST: "This sounds like a list of keywords rather than an answer, so content scores "
    f"at most {rubric.NO_SUBSTANCE_CAP}.",
    Substance.OFF_TOPIC: "Most of the answer is about something other than the question, so content "
    f"scores at most {rubric.NO_SUBSTANCE_CAP}.",
    Substance.NO_SUBSTANCE: "The sentences do not say anything real about the question, so content scores at "
    f"most {rubric.NO_SUBSTANCE_CAP}.",
}


def overall(dimensions: Iterable[DimensionScore]) -> float | None:
    """The mean of the measured dimensions; None when nothing was measured."""
    scores = [d.score for d in dimensions if d.score is not None]
    return round(statistics.fmean(scores), 1) if scores else None


def overall_score(
    card_dims: tuple[DimensionScore, DimensionScore, DimensionScore],
    delivery: DeliveryMetrics | None,
    content: ContentMetrics | None,
) -> tuple[float | None, str]:
    """Overall on fixed dimensions: delivery and content both measured (body language joins when it was).

    So a silent video or a typed answer has no overall (its measured parts are shown on their own), and
    an overall always says something about what was said and how. Then the caps of the rubric apply:
    almost no speech, or a spoken part far too short for the question.
    """
    speech, body, words = card_dims
    # Audio was analysed but held almost no speech: delivery cannot be judged, yet the answer can (capped below).
    silent_answer = delivery is not None and too_little_speech(delivery)
    if (not speech.measured and not silent_answer) or not words.measured:
        missing = " and ".join(
            name for name, dim in (("delivery", speech), ("content", words)) if not dim.measured
        )
        return None, f"No overall score: {missing} could not be measured, and overall needs both."
    value = overall(card_dims)
    assert value is not None
    note = ""
    if delivery is not None and too_little_speech(delivery):  # said even when the cap changes nothing
        value = min(value, rubric.ALMOST_NO_SPEECH_OVERALL_CAP)
        note = (
            f"Only {delivery.word_count} words were heard in {delivery.duration_s:.0f} s, so overall is at "
            f"most {rubric.ALMOST_NO_SPEECH_OVERALL_CAP}."
        )
    length = next((s for s in words.sub_scores if s.key == "length"), None)
    if (
        length is not None
        and length.score == 1
        and content is not None
        and (content.length_ratio or 0) < 1
        and value > rubric.FAR_TOO_SHORT_OVERALL_CAP
    ):
        value = rubric.FAR_TOO_SHORT_OVERALL_CAP
        note = (
            f"The spoken answer was far too short for the question ({content.duration_s:.0f} s of "
            f"{content.target_seconds:.0f} s), so overall is at most {rubric.FAR_TOO_SHORT_OVERALL_CAP}."
        )
    return value, note


def score_answer(
    delivery: DeliveryMetrics | None, body_language: BodyLanguageCues | None, content: ContentMetrics | None
) -> ScoreCard:
    dims = (score_delivery(delivery), score_body_language(body_language), score_content(content))
    value, note = overall_score(dims, delivery, content)
    return ScoreCard(dims[0], dims[1], dims[2], value, rubric.RUBRIC_VERSION, note)


def mean_scores(cards: Iterable[ScoreCard | None]) -> dict[str, float | None]:
    """Per-dimension (and overall) means over several answers, measured values only."""
    present = [card for card in cards if card is not None]
    out: dict[str, float | None] = {}
    for key in [*(d.value for d in Dimension), "overall"]:
        values = [v for card in present if (v := card.score_of(key)) is not None]
        out[key] = round(statistics.fmean(values), 1) if values else None
    return out

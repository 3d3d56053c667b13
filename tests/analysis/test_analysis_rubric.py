"""The rubric pinned with worked examples: what scores higher, what is not measured, and the trail."""

from __future__ import annotations

import math

import pytest
from answer_samples import (
    CONFLICT_QUESTION,
    NO_RESULT_ANSWER,
    STAR_ANSWER,
    cues,
    delivery_for,
    make_transcript,
)

from app.analysis import rubric
from app.analysis.answer import analyze_answer
from app.analysis.content import analyze_content
from app.analysis.scoring import score_answer, score_body_language, score_content, score_delivery
from app.core.analysis_result import AnswerAnalysis
from app.core.delivery import Filler, Pause
from app.core.scores import DimensionScore
from app.core.serialization import from_dict, to_dict


def _sub(dimension: DimensionScore, key: str) -> int | None:
    return next(s.score for s in dimension.sub_scores if s.key == key)


def _one_minute_transcript():  # 150 words from 0 s to 60 s
    return make_transcript(" ".join(["word"] * 150), wpm=150, start=0.0)


def _fillers(n: int, every: float = 5.0) -> list[Filler]:
    return [Filler("um", "hesitation", i * every, i * every + 0.3) for i in range(n)]


def test_twelve_fillers_a_minute_score_lower_than_one() -> None:
    transcript = _one_minute_transcript()
    many = score_delivery(delivery_for(transcript, fillers=_fillers(12)))
    few = score_delivery(delivery_for(transcript, fillers=_fillers(1)))
    assert _sub(many, "fillers") == 1
    assert _sub(few, "fillers") == 5
    assert many.score is not None and few.score is not None and many.score < few.score


@pytest.mark.parametrize(
    ("wpm", "score"),
    [
        (60, 1),
        (70, 2),
        (85, 3),
        (95, 4),
        (100, 5),
        (140, 5),
        (164.9, 5),
        (170, 4),
        (190, 3),
        (200, 2),
        (230, 1),
    ],
)
def test_pace_bands(wpm: float, score: int) -> None:
    assert rubric.PACE.band_for(wpm).score == score


def test_long_pauses_count_from_three_seconds() -> None:
    transcript = _one_minute_transcript()
    short = delivery_for(transcript, pauses=[Pause(10.0, 12.5)])
    long = delivery_for(transcript, pauses=[Pause(10.0, 14.0), Pause(30.0, 33.5)])
    assert _sub(score_delivery(short), "pauses") == 5
    assert _sub(score_delivery(long), "pauses") < 5


def test_full_star_answer_scores_higher_on_structure_than_one_without_result() -> None:
    full = score_content(analyze_content(make_transcript(STAR_ANSWER), CONFLICT_QUESTION))
    no_result = score_content(analyze_content(make_transcript(NO_RESULT_ANSWER), CONFLICT_QUESTION))
    assert _sub(full, "structure") == 5
    assert _sub(no_result, "structure") == 3  # 3 parts -> 4, minus 1 for the missing result
    assert _sub(full, "specificity") == 5 and _sub(no_result, "specificity") == 2
    assert full.score is not None and no_result.score is not None and full.score > no_result.score


def test_no_video_means_body_language_not_measured_and_overall_ignores_it() -> None:
    transcript = make_transcript(STAR_ANSWER)
    delivery = delivery_for(transcript)
    content = analyze_content(transcript, CONFLICT_QUESTION, duration_s=delivery.duration_s)
    card = score_answer(delivery, None, content)
    assert not card.body_language.measured
    assert card.body_language.reason == "No video was recorded for this answer."
    assert all(sub.score is None and sub.value is None for sub in card.body_language.sub_scores)
    assert card.delivery.score is not None and card.content.score is not None
    assert card.overall == round((card.delivery.score + card.content.score) / 2, 1)


def test_video_without_a_face_is_not_measured() -> None:
    assert not score_body_language(cues(face_visible=0.0)).measured


def test_missing_pose_leaves_posture_out_but_scores_the_rest() -> None:
    body = score_body_language(cues(slouch=None, gesturing=None, fidgeting=None))
    assert body.measured
    assert _sub(body, "posture") is None and _sub(body, "facing_camera") == 5
    assert body.score == round((5 + 5) / 2, 1)  # facing 90% and smiling 20%


def test_looking_away_lowers_body_language() -> None:
    steady = score_body_language(cues(facing=0.95))
    away = score_body_language(cues(facing=0.45))
    assert _sub(steady, "facing_camera") == 5 and _sub(away, "facing_camera") == 2


def test_non_star_question_has_no_structure_score() -> None:
    from answer_samples import MOTIVATION_ANSWER, MOTIVATION_QUESTION

    content = score_content(analyze_content(make_transcript(MOTIVATION_ANSWER), MOTIVATION_QUESTION))
    structure = next(s for s in content.sub_scores if s.key == "structure")
    assert structure.score is None and "STAR" in structure.reason
    assert content.measured


def test_every_sub_score_carries_metric_value_unit_band_and_definition() -> None:
    transcript = make_transcript(STAR_ANSWER)
    analysis = analyze_answer(CONFLICT_QUESTION, transcript, delivery_for(transcript), cues())
    assert analysis.scores is not None
    for dimension in analysis.scores.dimensions():
        for sub in dimension.sub_scores:
            assert sub.metric and sub.unit and sub.definition and sub.band
            assert (sub.score is None) == (sub.value is None) or sub.key == "structure"


@pytest.mark.parametrize("rule", [r for rules in rubric.RULES.values() for r in rules], ids=lambda r: r.key)
def test_bands_cover_every_value_without_gaps(rule: rubric.MetricRule) -> None:
    assert rule.bands[0].low == 0 and math.isinf(rule.bands[-1].high)
    for before, after in zip(rule.bands, rule.bands[1:], strict=False):
        assert before.high == after.low
    assert all(1 <= band.score <= 5 for band in rule.bands)
    assert rule.source and rule.definition


def test_analysis_survives_a_json_round_trip() -> None:
    transcript = make_transcript(STAR_ANSWER)
    analysis = analyze_answer(CONFLICT_QUESTION, transcript, delivery_for(transcript), None)
    restored = from_dict(AnswerAnalysis, to_dict(analysis))
    assert restored == analysis

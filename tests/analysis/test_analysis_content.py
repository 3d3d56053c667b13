"""Content analysis on realistic answers: STAR parts at the right moments, coverage, wording."""

from __future__ import annotations

import pytest
from answer_samples import (
    CONFLICT_QUESTION,
    HEDGING_ANSWER,
    MOTIVATION_ANSWER,
    MOTIVATION_QUESTION,
    NO_RESULT_ANSWER,
    STAR_ANSWER,
    make_transcript,
    time_of,
)

from app.analysis.content import analyze_content
from app.analysis.text import stem
from app.core.content import StarPart


def test_star_parts_found_where_each_starts() -> None:
    transcript = make_transcript(STAR_ANSWER)
    metrics = analyze_content(transcript, CONFLICT_QUESTION)
    starts = {marker.part: marker.start for marker in metrics.star_parts}
    assert metrics.parts_present == [StarPart.SITUATION, StarPart.TASK, StarPart.ACTION, StarPart.RESULT]
    assert starts[StarPart.SITUATION] == time_of(transcript, "at my last job")
    assert starts[StarPart.TASK] == time_of(transcript, "my task was")
    assert starts[StarPart.ACTION] == time_of(transcript, "so i set up")
    assert starts[StarPart.RESULT] == time_of(transcript, "as a result")


def test_answer_that_stops_after_the_action_has_no_result() -> None:
    metrics = analyze_content(make_transcript(NO_RESULT_ANSWER), CONFLICT_QUESTION)
    assert metrics.parts_present == [StarPart.SITUATION, StarPart.TASK, StarPart.ACTION]
    assert not metrics.concrete_result
    assert metrics.result_evidence == []


def test_concrete_result_kinds_and_times() -> None:
    transcript = make_transcript(
        "So I rewrote the import job. As a result we saved 3 hours a week, cut costs by $5,000 "
        "and errors dropped by 40%. We were a team of five."
    )
    metrics = analyze_content(transcript, CONFLICT_QUESTION)
    found = {(e.kind, e.text) for e in metrics.result_evidence}
    assert ("time", "3 hours") in found
    assert ("money", "$5,000") in found
    assert ("percent", "40%") in found
    assert ("outcome_verb", "saved") in found
    assert not any("five" in text for _, text in found), "team size is not a result"
    assert metrics.quantified_result
    saved = next(e for e in metrics.result_evidence if e.text == "3 hours")
    assert saved.time == time_of(transcript, "3 hours")


def test_talking_points_covered_and_missed() -> None:
    full = analyze_content(make_transcript(STAR_ANSWER), CONFLICT_QUESTION)
    assert all(point.covered for point in full.talking_points)
    assert full.talking_points_coverage == 1.0

    partial = analyze_content(make_transcript(NO_RESULT_ANSWER), CONFLICT_QUESTION)
    covered = [p.point for p in partial.talking_points if p.covered]
    assert covered == ["How you listened to the colleague's point of view"]
    learned = next(p for p in partial.talking_points if p.point.startswith("What you learned"))
    assert stem("learned") in learned.missing_words
    assert partial.talking_points_coverage == 0.25


def test_stemming_lets_paraphrase_cover_a_point() -> None:
    question = CONFLICT_QUESTION
    transcript = make_transcript("I managed the stakeholder meetings and the decisions we reached together.")
    coverage = analyze_content(transcript, question).talking_points
    assert next(p for p in coverage if p.point.startswith("The compromise")).covered


def test_key_terms_with_times_and_job_posting_flag() -> None:
    transcript = make_transcript(STAR_ANSWER)
    metrics = analyze_content(transcript, CONFLICT_QUESTION, job_terms=["invoice", "Kubernetes"])
    terms = {term.term: term for term in metrics.key_terms}
    assert terms["stakeholders"].times == [time_of(transcript, "stakeholders")]
    assert terms["stakeholders"].from_job_posting
    assert terms["compromise"].times == [time_of(transcript, "compromise")]
    assert not terms["compromise"].from_job_posting
    assert len(terms["invoice"].times) == 2 and terms["invoice"].from_job_posting
    assert not terms["Kubernetes"].used


def test_length_against_target() -> None:
    transcript = make_transcript(STAR_ANSWER)
    metrics = analyze_content(transcript, CONFLICT_QUESTION, duration_s=120.0)
    assert metrics.length_ratio == pytest.approx(120 / 90, abs=0.01)


def test_hedges_found_with_times_longest_first() -> None:
    transcript = make_transcript(HEDGING_ANSWER + " What kind of design was it? A good kind of design.")
    metrics = analyze_content(transcript, CONFLICT_QUESTION)
    phrases = [hit.phrase for hit in metrics.hedges]
    assert phrases == [
        "i guess",
        "kind of",
        "maybe",
        "sort of",
        "probably",
        "i'm not sure",
        "i think maybe",
        "i don't know",
    ]
    assert metrics.hedges[0].start == time_of(transcript, "i guess")
    assert metrics.hedges[6].start == time_of(transcript, "i think maybe")
    assert metrics.hedges_per_minute is not None and metrics.hedges_per_minute > 10


def test_i_versus_we_and_repetition() -> None:
    metrics = analyze_content(make_transcript(HEDGING_ANSWER), CONFLICT_QUESTION)
    assert (metrics.i_count, metrics.we_count) == (5, 6)
    basically = next(word for word in metrics.overused_words if word.text == "basically")
    assert basically.count == 3


def test_vocabulary_variety_is_lower_for_repetitive_speech() -> None:
    varied = analyze_content(make_transcript(STAR_ANSWER), CONFLICT_QUESTION).vocabulary_variety
    repetitive_text = " ".join(["we worked on the project and the project was good and we worked hard"] * 8)
    repetitive = analyze_content(make_transcript(repetitive_text), CONFLICT_QUESTION).vocabulary_variety
    assert varied is not None and repetitive is not None
    assert varied > 0.75 > 0.3 > repetitive


def test_non_star_question_keeps_star_out_of_it() -> None:
    metrics = analyze_content(make_transcript(MOTIVATION_ANSWER), MOTIVATION_QUESTION)
    assert not metrics.star_expected
    assert metrics.talking_points_coverage == 1.0
    assert metrics.key_terms[0].used

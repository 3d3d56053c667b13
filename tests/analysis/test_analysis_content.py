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
from app.banks.loader import load_all_banks
from app.core.content import StarPart, Substance
from app.core.questions import Category, Question


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


IMPROVEMENT_QUESTION = Question(
    id="improve-process",
    text="Tell me about a time you improved a process at work. What did you change and what was the result?",
    category=Category.BEHAVIORAL,
    competency="Improvement",
    target_seconds=90,
    star_expected=True,
    talking_points=["The process and what was wrong with it", "What you changed", "The measurable result"],
    key_terms=["process", "result"],
)


def test_concrete_result_kinds_and_times() -> None:
    transcript = make_transcript(
        "At my last job the monthly invoice import was done by hand and took most of a day. "
        "So I rewrote the import job so that it ran by itself every night. As a result we saved 3 hours a "
        "week, cut costs by $5,000 and errors dropped by 40%. We were a team of five."
    )
    metrics = analyze_content(transcript, IMPROVEMENT_QUESTION)
    found = {(e.kind, e.text) for e in metrics.result_evidence}
    assert ("time", "3 hours") in found
    assert ("money", "$5,000") in found
    assert ("percent", "40%") in found
    assert ("outcome_verb", "saved") in found
    assert not any("five" in text for _, text in found), "team size is not a result"
    assert metrics.quantified_result
    saved = next(e for e in metrics.result_evidence if e.text == "3 hours")
    assert saved.time == time_of(transcript, "3 hours")


def test_talking_points_covered_by_meaning_with_the_sentence_and_its_time() -> None:
    transcript = make_transcript(STAR_ANSWER)
    full = analyze_content(transcript, CONFLICT_QUESTION)
    covered = {p.point: p for p in full.talking_points if p.covered}
    assert len(covered) >= 3
    listened = covered["How you listened to the colleague's point of view"]
    assert "listened to his point of view" in listened.sentence
    assert listened.first_time == time_of(transcript, "so i set up")

    partial = analyze_content(make_transcript(NO_RESULT_ANSWER), CONFLICT_QUESTION)
    by_point = {p.point: p for p in partial.talking_points}
    assert by_point["How you listened to the colleague's point of view"].covered
    assert partial.talking_points_coverage < full.talking_points_coverage


def test_a_paraphrase_covers_a_point_and_keyword_stuffing_covers_none() -> None:
    # The bundled question, with its example phrasings: the answer shares almost no words with the point
    # "How you made sure you understood the other person's view before arguing yours".
    banks, _problems = load_all_banks()
    bundled = next(q for bank in banks for q in bank.questions if q.id == "core-conflict-colleague")
    paraphrase = make_transcript(
        "Last spring a colleague in planning wanted to move every delivery to the early morning, and I was "
        "sure it would jam our loading bays. Before I made my own case, I asked her to take me through her "
        "reasoning and repeated it back until she agreed I had it right."
    )
    coverage = analyze_content(paraphrase, bundled).talking_points
    assert next(p for p in coverage if p.point.startswith("How you made sure you understood")).covered

    stuffed = analyze_content(
        make_transcript(
            "Compromise is key. I compromise with stakeholders, I align stakeholders on compromise and I "
            "deliver stakeholder compromise. Stakeholders, compromise, alignment."
        ),
        CONFLICT_QUESTION,
    )
    assert stuffed.substance is Substance.KEYWORD_LIST
    assert not any(p.covered for p in stuffed.talking_points)
    assert not any(term.used for term in stuffed.key_terms)  # terms in a keyword list are not uses
    assert stuffed.parts_present == []


def test_signpost_nonsense_has_no_structure_and_no_points() -> None:
    nonsense = analyze_content(
        make_transcript(
            "There was a purple cat. I had to sing loudly. So I danced on the roof. Afterwards we increased "
            "the noise by 50 percent."
        ),
        CONFLICT_QUESTION,
    )
    assert nonsense.substance is not Substance.ANSWER
    assert nonsense.parts_present == []
    assert not any(p.covered for p in nonsense.talking_points)


def test_fluent_nonsense_in_the_questions_own_words_is_not_an_answer() -> None:
    """Signpost nonsense that reuses the question's words (disagreed, colleague, point of view,
    compromise, decision together) in a step-by-step shape: its sentences talk around the question and
    say nothing real, so it is not an answer and makes no point; a plain short story to the same
    question is one."""
    nonsense = analyze_content(
        make_transcript(
            "So the situation was that my colleague disagreed with the moon. My task was to handle the "
            "disagreement by singing to it. First I listened to the printer's point of view, then I "
            "reached a compromise with a cloud. The result was that we reached a decision together and the "
            "colleague turned into a penguin."
        ),
        CONFLICT_QUESTION,
    )
    assert nonsense.substance is not Substance.ANSWER
    assert nonsense.parts_present == [] and not any(p.covered for p in nonsense.talking_points)
    plain = analyze_content(
        make_transcript(
            "At my last job a colleague and I disagreed about whether to ship a report on Friday. I asked "
            "him to walk me through his worry and he showed me two customers who needed it. We agreed to "
            "ship a smaller version on Friday and the rest on Tuesday. Both customers got what they needed."
        ),
        CONFLICT_QUESTION,
    )
    assert plain.substance is Substance.ANSWER
    assert any(p.covered for p in plain.talking_points) and StarPart.ACTION in plain.parts_present


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


def test_kind_of_counts_once_as_a_filler_or_as_a_hedge() -> None:
    from app.analysis.answer import analyze_answer
    from app.speech.delivery import compute_delivery

    transcript = make_transcript(
        "At my last job the release was, [pause 0.5] kind of, [pause 0.5] late and the fix was kind of hard, "
        "so I split the work "
        "and we shipped it a week later with the rest of the plan intact."
    )
    delivery = compute_delivery(transcript, None)
    analysis = analyze_answer(CONFLICT_QUESTION, transcript, delivery)
    assert analysis.content is not None and analysis.delivery is not None
    fillers = [f.start for f in analysis.delivery.fillers if f.word == "kind of"]
    hedges = [h.start for h in analysis.content.hedges if h.phrase == "kind of"]
    # ", kind of," set off by real pauses is a filler; "kind of hard" a hedge
    assert len(fillers) == 1 and len(hedges) == 1
    assert fillers[0] < hedges[0]

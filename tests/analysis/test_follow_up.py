"""The interviewer's follow-up (app.analysis.follow_up): the probe for what an answer left out, else the
bank's follow-up, none after an empty answer. On real labelled answers (benchmarks/data/content) and on
measurements built by hand where the rule's order is the point."""

from __future__ import annotations

import pytest

from app.analysis.follow_up import PROBES, choose_follow_up, follow_up_question
from app.core.content import ContentMetrics, JudgedSentence, ResultEvidence, StarMarker, StarPart, Substance
from app.core.questions import Category, Question
from app.core.transcript import Transcript
from app.session.typed import analyse_typed_text, typed_transcript
from benchmarks.content_data import bank_questions, load_answers

STORY = Question(id="t-story", text="Tell me about a time you fixed a process.", category=Category.BEHAVIORAL,
                 competency="initiative", star_expected=True,
                 follow_ups=["What would you do differently?", "Who else was involved in the process?"])


def _metrics(parts: list[StarPart], *, words: int = 80, i_count: int = 5, we_count: int = 1,
             evidence: list[ResultEvidence] | None = None, action_text: str = "I rebuilt the rota.",
             substance: Substance = Substance.ANSWER) -> ContentMetrics:
    sentences = [JudgedSentence(action_text, 0.0, 0.0, "action", 0.5, True)] if StarPart.ACTION in parts else []
    return ContentMetrics(
        word_count=words, duration_s=0.0, target_seconds=120, length_ratio=None, star_expected=True,
        star_parts=[StarMarker(p, 0.0, "") for p in parts], i_count=i_count, we_count=we_count,
        result_evidence=evidence or [], sentences=sentences, substance=substance,
    )


ALL = [StarPart.SITUATION, StarPart.TASK, StarPart.ACTION, StarPart.RESULT]
NUMBER = [ResultEvidence("20 percent", 0.0, "percent")]
SAID = typed_transcript("At the depot the rota kept failing, so I rebuilt it and late shifts fell by a fifth.")


@pytest.mark.parametrize(
    ("metrics", "kind"),
    [
        (_metrics([StarPart.TASK]), "example"),  # neither a situation nor an action: no example told
        (_metrics(ALL, words=7), "example"),  # a sentence holds no example
        (_metrics(ALL, evidence=NUMBER, substance=Substance.KEYWORD_LIST), "example"),
        (_metrics([StarPart.SITUATION, StarPart.ACTION], we_count=6, i_count=0), "outcome"),  # before "we"
        (_metrics(ALL, evidence=NUMBER, action_text="We rebuilt the rota.", i_count=2, we_count=3), "personal"),
        (_metrics(ALL, evidence=NUMBER, i_count=0, we_count=4, action_text="The rota was rebuilt."), "personal"),
        (_metrics(ALL, evidence=[ResultEvidence("improved", 0.0, "outcome_verb")]), "measure"),
        (_metrics(ALL, evidence=NUMBER), "bank"),
    ],
)
def test_the_first_gap_is_probed_in_order(metrics: ContentMetrics, kind: str) -> None:
    follow_up = choose_follow_up(STORY, SAID, metrics)
    assert follow_up is not None and follow_up.kind == kind
    assert follow_up.source == ("bank" if kind == "bank" else "probe")
    if kind != "bank":
        assert follow_up.text == PROBES[kind]


def test_no_follow_up_after_an_empty_or_off_topic_answer_or_a_follow_up() -> None:
    assert choose_follow_up(STORY, None, None) is None  # failed: nothing recorded, nothing analysed
    assert choose_follow_up(STORY, Transcript(), _metrics([], words=0)) is None  # silence
    off_topic = _metrics(ALL, evidence=NUMBER, substance=Substance.OFF_TOPIC)
    assert choose_follow_up(STORY, SAID, off_topic) is None  # the question needs asking again
    follow_up = choose_follow_up(STORY, SAID, _metrics([StarPart.SITUATION, StarPart.ACTION]))
    assert follow_up is not None
    asked = follow_up_question(STORY, follow_up)
    assert asked.follows == STORY.id and asked.text == PROBES["outcome"]
    assert choose_follow_up(asked, SAID, _metrics([StarPart.SITUATION, StarPart.ACTION])) is None  # only one


def test_bank_follow_up_is_the_one_the_answer_did_not_already_cover() -> None:
    covered = typed_transcript("Looking back I would do differently one thing: I would do the rota sooner.")
    follow_up = choose_follow_up(STORY, covered, _metrics(ALL, evidence=NUMBER))
    assert follow_up is not None and follow_up.text == "Who else was involved in the process?"
    assert choose_follow_up(STORY, SAID, _metrics(ALL, evidence=NUMBER)).text == STORY.follow_ups[0]  # type: ignore[union-attr]
    no_bank = Question(id="t", text=STORY.text, category=Category.BEHAVIORAL, competency="x", star_expected=True)
    assert choose_follow_up(no_bank, SAID, _metrics(ALL, evidence=NUMBER)) is None


def test_follow_up_question_is_short_and_says_what_a_reply_needs() -> None:
    follow_up = choose_follow_up(STORY, SAID, _metrics([StarPart.SITUATION, StarPart.ACTION]))
    assert follow_up is not None
    asked = follow_up_question(STORY, follow_up)
    assert asked.id == "t-story/follow-up" and asked.target_seconds == 60 and not asked.star_expected
    assert any("how you knew" in point.lower() for point in asked.talking_points)
    bank = choose_follow_up(STORY, SAID, _metrics(ALL, evidence=NUMBER))
    assert bank is not None and follow_up_question(STORY, bank).talking_points == []


# ---- real answers (typed, from the labelled content data) --------------------------------------------

@pytest.fixture(scope="module")
def labelled() -> dict[str, tuple[str, Question]]:
    questions = bank_questions()
    return {a.id: (a.text, questions[a.question_id]) for a in load_answers()}


@pytest.mark.parametrize(
    ("answer_id", "kind"),
    [
        ("q01-stuffed", "example"),  # the question's key terms strung together
        ("q03-partial", "outcome"),  # what was done, and nothing about what came of it
        ("q01-strong", "bank"),  # a full story with a number and "I": the bank's own follow-up
    ],
)
def test_real_typed_answers_get_the_probe_they_need(labelled: dict[str, tuple[str, Question]],
                                                    answer_id: str, kind: str) -> None:
    text, question = labelled[answer_id]
    analysis = analyse_typed_text(text, question)
    assert analysis.follow_up is not None, answer_id
    assert analysis.follow_up.kind == kind, (answer_id, analysis.follow_up)
    if kind == "bank":
        assert analysis.follow_up.text in question.follow_ups and analysis.follow_up.source == "bank"


def test_a_story_told_with_we_only_is_asked_what_the_speaker_did(labelled: dict[str, tuple[str, Question]]) -> None:
    _, question = labelled["q27-partial"]  # swe-hardest-bug
    text = ("Our warehouse scanning app sometimes recorded a pallet twice, and we could not reproduce it on our "
            "desks. We added logging on the server for every duplicate and we saw the two requests were always "
            "thirty seconds apart. We worked out that the client retried after a timeout, so we gave every scan "
            "an idempotency key and we added a test that replays a dropped response. We have had no duplicates "
            "in eighteen months, down from about thirty a month.")
    analysis = analyse_typed_text(text, question)
    assert analysis.content is not None and analysis.content.i_count == 0
    assert analysis.follow_up is not None and analysis.follow_up.kind == "personal", analysis.follow_up
    assert analysis.follow_up.text == "What did you personally do?"


def test_a_result_without_a_measure_is_asked_how_it_was_measured(labelled: dict[str, tuple[str, Question]]) -> None:
    _, question = labelled["q01-strong"]
    text = ("At my last job a colleague on the inbound team wanted every delivery moved to early mornings, and I "
            "disagreed because our own trucks were loading then. I asked her for half an hour to hear why. I "
            "learned her team was paying for evening overtime, so I sketched a split schedule with her and we "
            "took it to our manager together. In the end her overtime fell, my dispatches improved, and we "
            "still plan the schedule together.")
    analysis = analyse_typed_text(text, question)
    assert analysis.follow_up is not None and analysis.follow_up.kind == "measure", analysis.follow_up

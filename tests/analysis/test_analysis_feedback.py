"""Tips point at the right moments and come in order of impact; the model outline follows STAR."""

from __future__ import annotations

from answer_samples import (
    CONFLICT_QUESTION,
    MOTIVATION_QUESTION,
    NO_RESULT_ANSWER,
    STAR_ANSWER,
    cues,
    delivery_for,
    make_transcript,
)

from app.analysis.answer import analyze_answer
from app.core.body_language import LookAway
from app.core.delivery import Filler, Pause


def _ums(times: list[float]) -> list[Filler]:
    return [Filler("um", "hesitation", t, t + 0.3) for t in times]


def test_filler_tip_counts_them_and_names_the_first_30_seconds() -> None:
    transcript = make_transcript(STAR_ANSWER)  # 1 s to about 65 s
    fillers = _ums([2.0, 6.0, 11.0, 17.0, 25.0, 40.0, 48.0, 55.0, 61.0])
    analysis = analyze_answer(CONFLICT_QUESTION, transcript, delivery_for(transcript, fillers=fillers))
    tip = next(tip for tip in analysis.tips if tip.metric == "fillers")
    assert tip.text.startswith("You said 'um' 9 times, 5 of them in the first 30 s.")
    assert tip.time == 2.0


def test_pause_tip_names_the_moment_and_length() -> None:
    transcript = make_transcript(STAR_ANSWER)
    delivery = delivery_for(transcript, pauses=[Pause(42.2, 46.3)])
    analysis = analyze_answer(CONFLICT_QUESTION, transcript, delivery)
    tip = next(tip for tip in analysis.tips if tip.metric == "pauses")
    assert tip.text.startswith("At 0:42 you paused for 4 s.")
    assert tip.time == 42.2


def test_missing_result_is_the_first_tip() -> None:
    transcript = make_transcript(NO_RESULT_ANSWER)
    analysis = analyze_answer(CONFLICT_QUESTION, transcript, delivery_for(transcript))
    assert analysis.tips[0].text.startswith("The result of your example was not stated.")
    assert 2 <= len(analysis.tips) <= 3
    impacts = [tip.impact for tip in analysis.tips]
    assert impacts == sorted(impacts, reverse=True)


def test_look_away_tip_gives_the_stretch() -> None:
    transcript = make_transcript(STAR_ANSWER)
    body = cues(duration_s=66.0, facing=0.7, looking_away=[LookAway(20.0, 26.0)])
    analysis = analyze_answer(CONFLICT_QUESTION, transcript, delivery_for(transcript), body)
    tip = next(tip for tip in analysis.tips if tip.metric == "facing_camera")
    assert tip.text.startswith("From 0:20 to 0:26 you looked away from the camera (6 s).")


def test_a_strong_answer_gets_few_or_no_tips() -> None:
    transcript = make_transcript(STAR_ANSWER)
    analysis = analyze_answer(CONFLICT_QUESTION, transcript, delivery_for(transcript), cues(duration_s=66.0))
    assert analysis.scores is not None and analysis.scores.overall is not None
    assert analysis.scores.overall >= 4.5
    assert all(tip.impact <= 1.5 for tip in analysis.tips)


def test_model_outline_is_star_ordered_and_uses_the_talking_points() -> None:
    outline = analyze_answer(CONFLICT_QUESTION, make_transcript(STAR_ANSWER)).model_outline
    assert [line.split(" ")[0] for line in outline[:4]] == ["Situation", "Task", "Action", "Result"]
    assert "The disagreement and why it mattered to the project" in outline[0]
    assert "How you listened to the colleague's point of view" in outline[2]
    assert "What you learned about working with others" in outline[3]
    assert "(about 0:45)" in outline[2]  # half of the 90 s target goes to the action
    assert outline[-1] == "Use the key terms naturally: compromise, stakeholders."


def test_outline_for_a_motivation_question_is_answer_support_close() -> None:
    outline = analyze_answer(MOTIVATION_QUESTION, make_transcript("I like it here")).model_outline
    assert outline[0].startswith("Open:")
    assert outline[1] == "Support: What you admire about the company's product."
    assert outline[-2].startswith("Close:")

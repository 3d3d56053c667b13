"""Content tips for one answer (app.analysis.feedback ranks them with the others): why a non-answer
did not count, the STAR result and parts, talking points missed, length, hedges and wording."""

from __future__ import annotations

from app.analysis import rubric
from app.analysis.text import format_time as t
from app.core.analysis_result import Tip
from app.core.content import ContentMetrics, StarPart, Substance
from app.core.scores import ScoreCard, SubScore


def sub_score(scores: ScoreCard, key: str) -> SubScore | None:
    for dim in scores.dimensions():
        for sub in dim.sub_scores:
            if sub.key == key and sub.score is not None:
                return sub
    return None


def gap(sub: SubScore | None) -> float:
    return 0.0 if sub is None or sub.score is None else float(5 - sub.score)


SUBSTANCE_TIPS: dict[Substance, str] = {
    Substance.KEYWORD_LIST: "This sounds like a list of keywords: tell one real example, step by step "
    "(where you were, what you had to do, what you did, what changed).",
    Substance.OFF_TOPIC: "Most of this answer is about something other than the question. Listen for what is "
    "asked and answer that first, with one example of your own.",
    Substance.NO_SUBSTANCE: "These sentences do not say anything real about the question. Tell what actually "
    "happened: one real example, what you did and what changed.",
}


def _quote(text: str, limit: int = 70) -> str:
    """A sentence shortened for a tip ("...")."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "..."


def content_tips(c: ContentMetrics, scores: ScoreCard, timed: bool = True) -> list[Tip]:
    """`timed` False: the words have no times (a typed answer), so no tip names or points at a moment."""
    if c.substance is not Substance.ANSWER:
        # Nothing else is worth fixing first: the one tip says why the answer did not count.
        return [Tip(SUBSTANCE_TIPS[c.substance], None, "substance", "content", 5.0)]
    tips = [_result_tip(c, scores, timed), _structure_tip(c, timed), _points_tip(c, scores)]
    tips += [_length_tip(c, scores, timed), _hedging_tip(c, scores, timed)]
    tips += _wording_tips(c, timed)
    return [tip for tip in tips if tip is not None]


def _result_tip(c: ContentMetrics, scores: ScoreCard, timed: bool) -> Tip | None:
    if not c.star_expected or c.quantified_result:
        return None
    result_marker = next((m for m in c.star_parts if m.part is StarPart.RESULT), None)
    if result_marker is None:
        text = (
            "The result of your example was not stated. End with what changed because of you, "
            "ideally with a number (time saved, % improved, customers won)."
        )
        when = None
    else:
        began = f"At {t(result_marker.start)} you began" if timed else "You began"
        text = (
            f'{began} the result ("{_quote(result_marker.cue)}") but gave no '
            "concrete outcome. Say what changed, with a number if you can."
        )
        when = result_marker.start if timed else None
    # Acting on it lifts specificity and, when the result is missing altogether, structure too.
    missing = rubric.RESULT_MISSING_PENALTY if result_marker is None else 0
    impact = gap(sub_score(scores, "specificity")) + missing
    return Tip(text, when, "star_result", "content", impact)


def _structure_tip(c: ContentMetrics, timed: bool) -> Tip | None:
    parts = c.parts_present
    missing = [p.value for p in StarPart if p not in parts and p is not StarPart.RESULT]
    if not c.star_expected or not missing:
        return None
    return Tip(
        f'No clear {" or ".join(missing)} was {"heard" if timed else "found"}. Open with where '
        'and when ("At my last job..."), then what you had to do ("My task was..."), then what you '
        'did ("So I...").',
        None,
        "structure",
        "content",
        0.8 * len(missing),
    )


def _points_tip(c: ContentMetrics, scores: ScoreCard) -> Tip | None:
    points = sub_score(scores, "talking_points")
    missed = [p.point for p in c.talking_points if not p.covered]
    if not (points and points.score is not None and points.score < 5 and missed):
        return None
    listed = "; ".join(f'"{p}"' for p in missed[:3])
    return Tip(f"You did not touch on: {listed}.", None, "talking_points", "content", gap(points))


def _length_tip(c: ContentMetrics, scores: ScoreCard, timed: bool) -> Tip | None:
    length = sub_score(scores, "length")
    if not (length and length.score is not None and length.score <= 3 and c.target_seconds):
        return None
    short = (c.length_ratio or 0) < 1
    advice = (
        "add a concrete example and its result" if short else "cut the background and get to what you did"
    )
    if timed:
        text = f"Your answer ran {t(c.duration_s)}; the target is about {t(c.target_seconds)}: {advice}."
    else:
        words = round(c.target_seconds * rubric.TYPED_WORDS_PER_MINUTE / 60, -1)
        text = (
            f"Your answer has {c.word_count} words; saying about {words:.0f} words would fill the "
            f"{t(c.target_seconds)} target: {advice}."
        )
    return Tip(text, None, "length", "content", gap(length))


def _hedging_tip(c: ContentMetrics, scores: ScoreCard, timed: bool) -> Tip | None:
    hedging = sub_score(scores, "hedging")
    if not (hedging and hedging.score is not None and hedging.score <= 3 and c.hedges):
        return None
    first, second = c.hedges[0], c.hedges[1] if len(c.hedges) > 1 else None
    examples = f"'{first.phrase}'" + (f" at {t(first.start)}" if timed else "")
    if second:
        examples += f" and '{second.phrase}'" + (f" at {t(second.start)}" if timed else "")
    return Tip(
        f"You hedged {len(c.hedges)} times, e.g. {examples}. Say what you did plainly.",
        first.start if timed else None,
        "hedging",
        "content",
        gap(hedging) + 0.3,
    )


def _wording_tips(c: ContentMetrics, timed: bool) -> list[Tip]:
    """I vs we, an overused word, the job posting's unused terms."""
    tips: list[Tip] = []
    pronouns = c.i_count + c.we_count
    if (
        c.star_expected
        and c.i_share is not None
        and pronouns >= rubric.I_WE_MIN_PRONOUNS
        and c.i_share < rubric.I_SHARE_LOW
    ):
        tips.append(
            Tip(
                f"You {'said' if timed else 'wrote'} 'we' {c.we_count} times and 'I' {c.i_count} times. "
                "The interviewer wants your part: say what you did yourself.",
                None,
                "i_share",
                "content",
                1.5,
            )
        )
    if c.overused_words:
        word = c.overused_words[0]
        at = f" ({', '.join(t(x) for x in word.times[:4])})" if timed else ""
        said = "said" if timed else "wrote"
        tips.append(
            Tip(
                f"You {said} '{word.text}' {word.count} times{at}. Vary the wording or drop it.",
                word.times[0] if timed else None,
                "repetition",
                "content",
                0.9,
            )
        )
    unused_job = [k.term for k in c.key_terms if k.from_job_posting and not k.used]
    if unused_job:
        terms = ", ".join(unused_job[:4])
        text = f"You did not use the job posting's terms: {terms}."
        tips.append(Tip(text, None, "key_terms", "content", 0.7))
    return tips

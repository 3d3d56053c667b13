"""The few most useful tips for one answer, each pointing at a moment, ranked by likely impact.

A tip's impact is how many points its sub-score is below 5 (plus a small bonus when it names a moment),
so the tip that would lift the scores most comes first. Tips that no sub-score carries (I vs we, overused
words, a slow start) have fixed, lower impacts.
"""

from __future__ import annotations

from collections import Counter

from app.analysis import rubric
from app.analysis.scoring import too_little_speech
from app.analysis.text import format_time as t
from app.core.analysis_result import Tip
from app.core.body_language import UPRIGHT_HEIGHT, BodyLanguageCues
from app.core.content import ContentMetrics, StarPart, Substance
from app.core.delivery import DeliveryMetrics, Filler
from app.core.scores import ScoreCard, SubScore

MAX_TIPS = 3


def _sub(scores: ScoreCard, key: str) -> SubScore | None:
    for dim in scores.dimensions():
        for sub in dim.sub_scores:
            if sub.key == key and sub.score is not None:
                return sub
    return None


def _gap(sub: SubScore | None) -> float:
    return 0.0 if sub is None or sub.score is None else float(5 - sub.score)


def densest_window(fillers: list[Filler], window: float) -> tuple[float, int]:
    """Start of the `window`-second stretch holding the most fillers, and how many it holds."""
    best_start, best_count = 0.0, 0
    for i, first in enumerate(fillers):
        count = sum(1 for f in fillers[i:] if f.start < first.start + window)
        if count > best_count:
            best_start, best_count = first.start, count
    return best_start, best_count


def delivery_tips(d: DeliveryMetrics, scores: ScoreCard) -> list[Tip]:
    tips: list[Tip] = []
    fillers = _sub(scores, "fillers")
    if fillers and fillers.score is not None and fillers.score < 5 and len(d.fillers) >= 3:
        counts = Counter(f.word for f in d.fillers)
        word, n = counts.most_common(1)[0]
        start, in_window = densest_window(d.fillers, rubric.FILLER_CLUSTER_WINDOW_S)
        where = "in the first 30 s" if start < 10 else f"between {t(start)} and {t(start + 30)}"
        said = (
            f"You said '{word}' {n} times"
            if n == len(d.fillers)
            else (f"You used {len(d.fillers)} fillers ('{word}' {n} times)")
        )
        cluster = f", {in_window} of them {where}" if in_window >= 3 and in_window < len(d.fillers) else ""
        tips.append(
            Tip(
                f"{said}{cluster}. Replace them with a short silent pause.",
                start,
                "fillers",
                "delivery",
                _gap(fillers) + 0.5,
            )
        )
    pauses = _sub(scores, "pauses")
    long_pauses = [p for p in d.pauses if p.duration >= rubric.LONG_PAUSE_S]
    if pauses and long_pauses:
        longest = max(long_pauses, key=lambda p: p.duration)
        more = (
            f" ({len(long_pauses)} pauses of {rubric.LONG_PAUSE_S:g} s or more in all)"
            if len(long_pauses) > 1
            else ""
        )
        tips.append(
            Tip(
                f"At {t(longest.start)} you paused for {longest.duration:.0f} s{more}. If you lose the "
                "thread, recap your last point out loud and carry on.",
                longest.start,
                "pauses",
                "delivery",
                _gap(pauses) + 0.3,
            )
        )
    pace = _sub(scores, "pace")
    if pace and pace.score is not None and pace.score < 5 and d.words_per_minute:
        fast = d.words_per_minute > 165
        samples = d.wpm_over_time
        peak = (max if fast else min)(samples, key=lambda s: s.words_per_minute) if samples else None
        around = f", {peak.words_per_minute:.0f} wpm around {t(peak.time)}" if peak else ""
        advice = "slow down and pause between points" if fast else "pick up the pace a little"
        tips.append(
            Tip(
                f"Your pace was {d.words_per_minute:.0f} wpm{around}; aim for 100-165 wpm: {advice}.",
                peak.time if peak else None,
                "pace",
                "delivery",
                _gap(pace) + 0.2,
            )
        )
    voice = _sub(scores, "voice_variety")
    if voice and voice.score is not None and voice.score <= 2 and voice.value is not None:
        tips.append(
            Tip(
                f"Your voice stayed fairly flat ({voice.value:.1f} semitones of pitch variation): stress "
                "the key word of each sentence and let your voice rise and fall.",
                None,
                "voice_variety",
                "delivery",
                _gap(voice),
            )
        )
    if d.silence_after_s is not None and d.silence_after_s >= rubric.LONG_SILENCE_AFTER_S:
        end = d.duration_s - d.silence_after_s
        tips.append(
            Tip(
                f"You stopped speaking at {t(end)}; the recording ran to {t(d.duration_s)}. If you lost the "
                "thread, say so and sum up what you have: \"So in short...\"",
                end,
                "silence_after",
                "delivery",
                3.0,
            )
        )
    if d.time_to_first_word_s is not None and d.time_to_first_word_s > rubric.SLOW_START_S:
        tips.append(
            Tip(
                f"You took {d.time_to_first_word_s:.0f} s before your first word. Buy time out loud "
                'instead: "Let me think of a good example..."',
                0.0,
                "time_to_first_word",
                "delivery",
                1.0,
            )
        )
    return tips


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
    tips: list[Tip] = []
    parts = c.parts_present
    result_marker = next((m for m in c.star_parts if m.part is StarPart.RESULT), None)
    if c.star_expected and not c.quantified_result:
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
        impact = _gap(_sub(scores, "specificity")) + (
            rubric.RESULT_MISSING_PENALTY if result_marker is None else 0
        )
        tips.append(Tip(text, when, "star_result", "content", impact))
    missing = [p.value for p in StarPart if p not in parts and p is not StarPart.RESULT]
    if c.star_expected and missing:
        tips.append(
            Tip(
                f'No clear {" or ".join(missing)} was {"heard" if timed else "found"}. Open with where '
                'and when ("At my last job..."), then what you had to do ("My task was..."), then what you '
                'did ("So I...").',
                None,
                "structure",
                "content",
                0.8 * len(missing),
            )
        )
    points = _sub(scores, "talking_points")
    missed = [p.point for p in c.talking_points if not p.covered]
    if points and points.score is not None and points.score < 5 and missed:
        listed = "; ".join(f'"{p}"' for p in missed[:3])
        tips.append(Tip(f"You did not touch on: {listed}.", None, "talking_points", "content", _gap(points)))
    length = _sub(scores, "length")
    if length and length.score is not None and length.score <= 3 and c.target_seconds:
        short = (c.length_ratio or 0) < 1
        advice = (
            "add a concrete example and its result" if short else "cut the background and get to what you did"
        )
        tips.append(
            Tip(
                (
                    f"Your answer ran {t(c.duration_s)}; the target is about {t(c.target_seconds)}: "
                    f"{advice}."
                    if timed
                    else f"Your answer has {c.word_count} words; saying about "
                    f"{round(c.target_seconds * rubric.TYPED_WORDS_PER_MINUTE / 60, -1):.0f} words would "
                    f"fill the {t(c.target_seconds)} target: {advice}."
                ),
                None,
                "length",
                "content",
                _gap(length),
            )
        )
    hedging = _sub(scores, "hedging")
    if hedging and hedging.score is not None and hedging.score <= 3 and c.hedges:
        first, second = c.hedges[0], c.hedges[1] if len(c.hedges) > 1 else None
        examples = f"'{first.phrase}'" + (f" at {t(first.start)}" if timed else "")
        if second:
            examples += f" and '{second.phrase}'" + (f" at {t(second.start)}" if timed else "")
        tips.append(
            Tip(
                f"You hedged {len(c.hedges)} times, e.g. {examples}. Say what you did plainly.",
                first.start if timed else None,
                "hedging",
                "content",
                _gap(hedging) + 0.3,
            )
        )
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
        tips.append(
            Tip(
                f"You did not use the job posting's terms: {', '.join(unused_job[:4])}.",
                None,
                "key_terms",
                "content",
                0.7,
            )
        )
    return tips


def posture_tip(b: BodyLanguageCues, slouched: float) -> str:
    """The posture tip, saying which reference the slouching was measured against (see slouch_ratio):
    sitting low against a typical upright posture (also when it was so from the start), or sinking lower
    than the person's own start."""
    if b.low_posture_ratio is None:  # analysed before the upright reference existed: own start only
        return (
            f"You sank lower in your seat for {slouched:.0%} of the answer. Sit back and upright before "
            "you start."
        )
    low, sinking = b.low_posture_ratio, b.sinking_ratio or 0.0
    if low >= sinking:
        start = " from the start" if b.sinking_ratio is not None and sinking < low / 2 else ""
        return (
            f"You sat lower than a typical upright posture{start} for {low:.0%} of the answer (your head "
            f"close to your shoulders on camera: {b.upper_body_height or 0:.2f} shoulder widths, upright "
            f"is about {UPRIGHT_HEIGHT:.2f}). Sit back and upright before you start; a camera at eye "
            "level makes this reading fair."
        )
    return (
        f"You sank lower in your seat than at the start for {sinking:.0%} of the answer. Sit back and "
        "upright, and keep that height as you go."
    )


def body_tips(b: BodyLanguageCues, scores: ScoreCard) -> list[Tip]:
    tips: list[Tip] = []
    facing = _sub(scores, "facing_camera")
    if facing and facing.score is not None and facing.score < 5 and facing.value is not None:
        away = max(b.looking_away, key=lambda a: a.duration) if b.looking_away else None
        if away and away.duration >= rubric.LOOK_AWAY_TIP_S:
            text = (
                f"From {t(away.start)} to {t(away.end)} you looked away from the camera "
                f"({away.duration:.0f} s). Look into the lens when you make a point."
            )
        else:
            text = (
                f"You faced the camera {facing.value:.0%} of the time. Look into the lens, not at the screen."
            )
        tips.append(
            Tip(text, away.start if away else None, "facing_camera", "body_language", _gap(facing) + 0.2)
        )
    posture = _sub(scores, "posture")
    if posture and posture.score is not None and posture.score <= 3:
        tips.append(
            Tip(posture_tip(b, posture.value or 0.0), None, "posture", "body_language", _gap(posture))
        )
    fidget = _sub(scores, "fidgeting")
    if fidget and fidget.score is not None and fidget.score <= 3:
        near = (
            f", and your hands went to your face {b.hands_near_face_count} times"
            if b.hands_near_face_count
            else ""
        )
        tips.append(
            Tip(
                f"Your hands fidgeted in {fidget.value or 0:.0%} of the frames{near}. Rest them "
                "on the desk between gestures.",
                None,
                "fidgeting",
                "body_language",
                _gap(fidget),
            )
        )
    smile = _sub(scores, "smiling")
    if smile and smile.score is not None and smile.score <= 2:
        tips.append(
            Tip(
                "No smile was seen. A brief smile as you start and finish makes the answer warmer.",
                None,
                "smiling",
                "body_language",
                _gap(smile) - 1.0,
            )
        )
    return tips


def answer_tips(
    scores: ScoreCard,
    delivery: DeliveryMetrics | None,
    body_language: BodyLanguageCues | None,
    content: ContentMetrics | None,
    limit: int = MAX_TIPS,
    timed: bool = True,
) -> list[Tip]:
    """The `limit` most useful tips for an answer, highest impact first (moments break ties).

    `timed` False: the transcript was typed, its words have no times, so no tip points at a moment.
    """
    tips: list[Tip] = []
    if delivery is not None and too_little_speech(delivery):
        tips.append(
            Tip(
                f"Only {delivery.word_count} words were heard in {t(delivery.duration_s)}: too little to "
                "judge your pace or fillers. Answer out loud in full sentences, as you would in the "
                "interview.",
                None,
                "too_little_speech",
                "delivery",
                6.0,
            )
        )
    if delivery is not None and scores.delivery.measured:
        tips += delivery_tips(delivery, scores)
    if content is not None and scores.content.measured:
        tips += content_tips(content, scores, timed)
    if body_language is not None and scores.body_language.measured:
        tips += body_tips(body_language, scores)
    tips = [tip for tip in tips if tip.impact > 0]
    tips.sort(key=lambda tip: (-tip.impact, tip.time is None))
    return tips[:limit]


def no_tips_text(scores: ScoreCard | None) -> str:
    """What to say when an answer has no tips: never "keep it up" when nothing was measured."""
    if scores is None:
        return "Nothing was measured for this answer: it has no analysis."
    missing = [d for d in scores.dimensions() if not d.measured]
    if len(missing) == len(scores.dimensions()):
        reasons = " ".join(d.reason for d in missing if d.reason)
        return f"Nothing was measured for this answer, so there are no tips. {reasons}".strip()
    if missing:
        names = ", ".join(d.label.lower() for d in missing)
        return f"No specific tips from what was measured ({names}: not measured)."
    return "No specific tips for this answer: keep it up."

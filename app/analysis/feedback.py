"""The few most useful tips for one answer, each pointing at a moment, ranked by likely impact.

A tip's impact is how many points its sub-score is below 5 (plus a small bonus when it names a moment),
so the tip that would lift the scores most comes first. Tips that no sub-score carries (I vs we, overused
words, a slow start) have fixed, lower impacts.
"""

from __future__ import annotations

from collections import Counter

from app.analysis import rubric
from app.analysis.feedback_content import content_tips, gap, sub_score
from app.analysis.scoring import too_little_speech
from app.analysis.text import format_time as t
from app.core.analysis_result import Tip
from app.core.body_language import UPRIGHT_HEIGHT, BodyLanguageCues
from app.core.content import ContentMetrics
from app.core.delivery import DeliveryMetrics, Filler
from app.core.scores import ScoreCard

MAX_TIPS = 3


def densest_window(fillers: list[Filler], window: float) -> tuple[float, int]:
    """Start of the `window`-second stretch holding the most fillers, and how many it holds."""
    best_start, best_count = 0.0, 0
    for i, first in enumerate(fillers):
        count = sum(1 for f in fillers[i:] if f.start < first.start + window)
        if count > best_count:
            best_start, best_count = first.start, count
    return best_start, best_count


def _filler_tip(d: DeliveryMetrics, scores: ScoreCard) -> Tip | None:
    fillers = sub_score(scores, "fillers")
    if not (fillers and fillers.score is not None and fillers.score < 5 and len(d.fillers) >= 3):
        return None
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
    text = f"{said}{cluster}. Replace them with a short silent pause."
    return Tip(text, start, "fillers", "delivery", gap(fillers) + 0.5)


def _pause_tip(d: DeliveryMetrics, scores: ScoreCard) -> Tip | None:
    pauses = sub_score(scores, "pauses")
    long_pauses = [p for p in d.pauses if p.duration >= rubric.LONG_PAUSE_S]
    if not (pauses and long_pauses):
        return None
    longest = max(long_pauses, key=lambda p: p.duration)
    more = ""
    if len(long_pauses) > 1:
        more = f" ({len(long_pauses)} pauses of {rubric.LONG_PAUSE_S:g} s or more in all)"
    return Tip(
        f"At {t(longest.start)} you paused for {longest.duration:.0f} s{more}. If you lose the "
        "thread, recap your last point out loud and carry on.",
        longest.start,
        "pauses",
        "delivery",
        gap(pauses) + 0.3,
    )


def delivery_tips(d: DeliveryMetrics, scores: ScoreCard) -> list[Tip]:
    tips = [tip for tip in (_filler_tip(d, scores), _pause_tip(d, scores)) if tip is not None]
    pace = sub_score(scores, "pace")
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
                gap(pace) + 0.2,
            )
        )
    voice = sub_score(scores, "voice_variety")
    if voice and voice.score is not None and voice.score <= 2 and voice.value is not None:
        tips.append(
            Tip(
                f"Your voice stayed fairly flat ({voice.value:.1f} semitones of pitch variation): stress "
                "the key word of each sentence and let your voice rise and fall.",
                None,
                "voice_variety",
                "delivery",
                gap(voice),
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
    facing = sub_score(scores, "facing_camera")
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
            Tip(text, away.start if away else None, "facing_camera", "body_language", gap(facing) + 0.2)
        )
    posture = sub_score(scores, "posture")
    if posture and posture.score is not None and posture.score <= 3:
        tips.append(
            Tip(posture_tip(b, posture.value or 0.0), None, "posture", "body_language", gap(posture))
        )
    fidget = sub_score(scores, "fidgeting")
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
                gap(fidget),
            )
        )
    smile = sub_score(scores, "smiling")
    if smile and smile.score is not None and smile.score <= 2:
        tips.append(
            Tip(
                "No smile was seen. A brief smile as you start and finish makes the answer warmer.",
                None,
                "smiling",
                "body_language",
                gap(smile) - 1.0,
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

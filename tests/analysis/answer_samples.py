"""Realistic example answers with word times, written for these tests, and a transcript builder.

`make_transcript` lays words out at a steady pace; "[pause 4]" in the text inserts a 4 s silence, so
tests know exactly when each phrase was said.
"""

from __future__ import annotations

import re

from app.core.body_language import BodyLanguageCues, CueSample, Framing, LookAway
from app.core.delivery import DeliveryMetrics, Filler, Pause, RateSample
from app.core.questions import Category, Question
from app.core.transcript import TimeSpan, Transcript, Word

_PAUSE = re.compile(r"\[pause ([\d.]+)\]")


def make_transcript(text: str, wpm: float = 150.0, start: float = 1.0) -> Transcript:
    """Words at `wpm`, beginning at `start` seconds; each word fills 80% of its slot."""
    slot = 60.0 / wpm
    time = start
    words: list[Word] = []
    for piece in re.split(r"(\[pause [\d.]+\])", text):
        match = _PAUSE.fullmatch(piece.strip())
        if match:
            time += float(match.group(1))
            continue
        for raw in piece.split():
            words.append(Word(raw, round(time, 3), round(time + slot * 0.8, 3)))
            time += slot
    return Transcript(words=words, engine="test", model="hand-timed")


def time_of(transcript: Transcript, phrase: str) -> float:
    """Start time of the first occurrence of `phrase` (whole words, punctuation ignored)."""
    norm = [re.sub(r"[^\w'%$]", "", w.text.lower()) for w in transcript.words]
    target = phrase.lower().split()
    for i in range(len(norm) - len(target) + 1):
        if norm[i : i + len(target)] == target:
            return transcript.words[i].start
    raise ValueError(f"{phrase!r} not in transcript")


CONFLICT_QUESTION = Question(
    id="core-conflict",
    text="Tell me about a time you disagreed with a colleague. How did you handle it?",
    category=Category.BEHAVIORAL,
    competency="Teamwork",
    target_seconds=90,
    star_expected=True,
    talking_points=[
        "The disagreement and why it mattered to the project",
        "How you listened to the colleague's point of view",
        "The compromise or decision you reached together",
        "What you learned about working with others",
    ],
    key_terms=["compromise", "stakeholders"],
    job_terms=["stakeholders"],
    track="core",
)

MOTIVATION_QUESTION = Question(
    id="core-why-us",
    text="Why do you want to work here?",
    category=Category.MOTIVATION,
    competency="Motivation",
    target_seconds=60,
    star_expected=False,
    talking_points=["What you admire about the company's product", "How the role fits your skills"],
    key_terms=["product"],
)

STAR_ANSWER = (
    "At my last job I was a developer on the billing team, and we were two weeks from a release. "
    "A colleague wanted to ship a new invoice layout, but I thought it would break reports for our biggest "
    "customers, so the disagreement really mattered to the project. [pause 1] "
    "My task was to find a way forward without delaying the release. "
    "So I set up a meeting and listened to his point of view first. He was worried about stakeholders in "
    "sales who had promised the layout to clients. I showed him three reports that would break, and we "
    "agreed on a compromise: ship the layout behind a switch and migrate the reports in the next sprint. "
    "As a result we released on time, the switch was turned on for all customers two weeks later, and "
    "support tickets about invoices dropped by 30 percent. I learned that listening first makes it much "
    "easier to reach a decision together with others."
)

NO_RESULT_ANSWER = (
    "At my last job I was a developer on the billing team, and we were two weeks from a release. "
    "A colleague wanted to ship a new invoice layout, but I thought it would break reports for our biggest "
    "customers. My task was to find a way forward without delaying the release. "
    "So I set up a meeting and listened to his point of view first. He was worried about sales, who had "
    "promised the layout to clients. I showed him three reports that would break and we talked through "
    "the options for a long time, looking at the code together and at the plans."
)

HEDGING_ANSWER = (
    "Um, I guess we kind of had a disagreement on my team, maybe about the design. We talked about it "
    "and, uh, we sort of decided to, um, probably go with the other idea. I'm not sure, we basically "
    "just did what the team wanted. We basically worked on it and we basically finished it. I think maybe "
    "it was fine in the end, um, I don't know."
)

MOTIVATION_ANSWER = (
    "I have used your product every day for three years, and what I admire is how simple it makes "
    "planning. The role fits my skills: I have built scheduling tools for five years and I enjoy "
    "talking to the people who use them."
)


def delivery_for(
    transcript: Transcript,
    fillers: list[Filler] | None = None,
    pauses: list[Pause] | None = None,
    pitch_variation: float | None = 3.5,
    duration_s: float | None = None,
) -> DeliveryMetrics:
    """Delivery metrics consistent with `transcript`, as app.speech would report them."""
    words = transcript.words
    span_min = (words[-1].end - words[0].start) / 60.0
    fillers = fillers or []
    samples = []
    time = words[0].start
    while time <= words[-1].end:
        in_window = [w for w in words if abs((w.start + w.end) / 2 - time) <= 10]
        samples.append(RateSample(round(time, 1), len(in_window) * 3.0))
        time += 5.0
    gaps = (
        pauses
        if pauses is not None
        else [Pause(a.end, b.start) for a, b in zip(words, words[1:], strict=False) if b.start - a.end >= 1.0]
    )
    return DeliveryMetrics(
        duration_s=duration_s or round(words[-1].end + 1.0, 2),
        speaking_time_s=round(sum(w.end - w.start for w in words), 2),
        word_count=len(words),
        words_per_minute=round(len(words) / span_min, 1),
        wpm_over_time=samples,
        fillers=fillers,
        fillers_per_minute=round(len(fillers) / span_min, 2),
        pauses=gaps,
        longest_pause_s=max((p.duration for p in gaps), default=0.0),
        time_to_first_word_s=words[0].start,
        pitch_median_hz=180.0 if pitch_variation is not None else None,
        pitch_variation_semitones=pitch_variation,
        loudness_variation_db=5.0,
        speech_segments=[TimeSpan(words[0].start, words[-1].end)],
    )


def cues(
    duration_s: float = 60.0,
    facing: float = 0.9,
    smile: float = 0.2,
    slouch: float | None = 0.05,
    gesturing: float | None = 0.2,
    fidgeting: float | None = 0.02,
    looking_away: list[LookAway] | None = None,
    face_visible: float = 1.0,
) -> BodyLanguageCues:
    """Body-language cues with a one-second timeline, as app.vision would report them."""
    away = looking_away or []
    timeline = []
    for second in range(int(duration_s)):
        turned = any(a.start <= second < a.end for a in away)
        timeline.append(CueSample(float(second), face_visible, 0.0 if turned else facing, smile, 8.0))
    frames = int(duration_s * 15)
    return BodyLanguageCues(
        duration_s=duration_s,
        frames_total=frames,
        frames_analyzed=frames,
        analysis_fps=15.0,
        frames_with_face=int(frames * face_visible),
        frames_with_pose=frames,
        face_visible_ratio=face_visible,
        facing_camera_ratio=facing if face_visible else None,
        looking_away=away,
        smile_ratio=smile if face_visible else None,
        expressiveness=0.05,
        nod_count=2,
        shake_count=0,
        head_restlessness=8.0,
        shoulder_tilt_deg=2.0,
        posture_shift=-0.02,
        slouch_ratio=slouch,
        lean_ratio=0.05,
        hand_movement_energy=0.3,
        gesturing_ratio=gesturing,
        fidgeting_ratio=fidgeting,
        hands_near_face_count=1,
        hands_visible_ratio=0.8,
        framing=Framing(True, "ok", 120.0, False),
        timeline=timeline,
    )

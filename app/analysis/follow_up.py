"""The interviewer's follow-up: at most one question asked after an answer, chosen from what it left out.

Real interviewers probe the gap in a story before anything else. So a probe comes first when the analysis
shows something missing, in this order (the first that applies is asked):

1. ``example``  - a story question answered without a specific example (no situation and no action told
   with substance), a keyword list or sentences that say nothing real, or an answer too short to hold one:
   "Can you give me a specific example?"
2. ``outcome``  - a story with actions but no result: "What was the outcome, and how did you know?"
   (Also asking it when the result names nothing concrete was tried on the dev split: agreement fell
   from 0.82 to 0.68, strong results without an outcome verb were probed, so it is not done.)
3. ``personal`` - a story told with "we" and never "I" where the actions are (or in the whole answer):
   "What did you personally do?"
4. ``measure``  - a result given with no number or measure anywhere in the action and result:
   "How did you measure that?"

Otherwise the question's own follow-up from the bank is asked (the one whose words the answer used least,
so it does not ask what was already said). An empty or failed answer gets none; neither does a follow-up
answer (one follow-up per question) nor an answer that is about another question (it needs the question
asked again, not a probe). The STAR parts and substance come from the content judge (app.analysis.judge);
the pronouns are read from the judged sentences' words.
"""

from __future__ import annotations

import re

from app.analysis.lexicons import I_WORDS, WE_WORDS
from app.analysis.text import content_stems
from app.core.analysis_result import FollowUp
from app.core.content import ContentMetrics, StarPart, Substance
from app.core.questions import Question
from app.core.transcript import Transcript

PROBES: dict[str, str] = {
    "example": "Can you give me a specific example?",
    "outcome": "What was the outcome, and how did you know?",
    "personal": "What did you personally do?",
    "measure": "How did you measure that?",
}

# Why each probe was chosen, as the results and the report say it.
REASONS: dict[str, str] = {
    "example": "The answer gave no specific example.",
    "outcome": "The story had no result.",
    "personal": "The story said \"we\" but never \"I\".",
    "measure": "The result had no number or measure.",
    "bank": "The answer covered the basics; this is the question's own follow-up.",
}

# What a good answer to each probe says (its talking points, with example phrasings for the judge).
_PROBE_POINTS: dict[str, list[tuple[str, list[str]]]] = {
    "example": [
        ("Name one real occasion: when, where and who was involved",
         ["Last spring at the warehouse, a supplier missed three deliveries in a row.",
          "In my second year, a customer called about a wrong invoice."]),
        ("Say what you did, step by step", ["So I called the supplier and agreed a new delivery slot."]),
        ("Say how it ended", ["After that the deliveries arrived on time."]),
    ],
    "outcome": [
        ("Say what changed because of what you did",
         ["In the end the project launched on time.", "The complaints stopped within a month."]),
        ("Say how you knew: a number, feedback or what happened next",
         ["We knew because the weekly report showed errors down by half.",
          "The customer wrote to my manager to thank us."]),
    ],
    "personal": [
        ("Say what you did yourself, with I",
         ["I wrote the plan and I ran the daily check-ins.", "My part was rebuilding the schedule."]),
        ("Say what others did, so your part is clear",
         ["The others handled the suppliers while I did the rota."]),
    ],
    "measure": [
        ("Give the measure you used: a number, a before and after, or feedback",
         ["Waiting times went from twenty minutes to eight.", "Sales rose by fifteen percent in a quarter."]),
        ("Say where the measure came from", ["I took the figures from the monthly report."]),
    ],
}

FOLLOW_UP_TARGET_SECONDS = 60
"""A follow-up answer is short: about a minute (probes and the banks' follow-ups ask one thing)."""

MIN_WORDS = 12
"""Fewer words than this (a sentence at most) hold no example: the example probe is asked. Set by hand, not
tuned: no labelled answer is this short."""

_WORD = re.compile(r"[a-z']+")

FOLLOW_UP_MODES: dict[str, str] = {
    "none": "No follow-up questions",
    "one": "One follow-up after each answer",
    "adaptive": "A follow-up only when the answer left something out",
}
"""How often the interviewer follows up (the Settings choice; "one" is the default)."""


def follow_up_label(position: int) -> str:
    """How every screen and the report name a follow-up's answer: "Follow-up to Q2" (position is 0-based)."""
    return f"Follow-up to Q{position + 1}"


def follow_up_to_ask(mode: str, chosen: FollowUp | None) -> FollowUp | None:
    """The follow-up a session asks in `mode`: "one" asks the chosen one, "adaptive" only a probe."""
    if chosen is None or mode == "none" or (mode == "adaptive" and chosen.source != "probe"):
        return None
    return chosen


def choose_follow_up(
    question: Question, transcript: Transcript | None, content: ContentMetrics | None
) -> FollowUp | None:
    """The one follow-up to ask after this answer, or None (see the module docstring for the rules)."""
    if question.follows or transcript is None or content is None or not transcript.words:
        return None
    if content.substance == Substance.OFF_TOPIC:
        return None
    probe = _probe(question, content)
    if probe is not None:
        return FollowUp(PROBES[probe], REASONS[probe], "probe", probe)
    bank = _bank_follow_up(question, transcript)
    return None if bank is None else FollowUp(bank, REASONS["bank"], "bank", "bank")


def _probe(question: Question, content: ContentMetrics) -> str | None:
    parts = set(content.parts_present)
    if (
        content.word_count < MIN_WORDS
        or content.substance in (Substance.KEYWORD_LIST, Substance.NO_SUBSTANCE)
        or (question.star_expected and not parts & {StarPart.SITUATION, StarPart.ACTION})
    ):
        return "example"
    story = question.star_expected or StarPart.ACTION in parts
    if story and StarPart.ACTION in parts and StarPart.RESULT not in parts:
        return "outcome"
    if story and _only_we(content):
        return "personal"
    if StarPart.RESULT in parts and not content.quantified_result:
        return "measure"
    return None


def _only_we(content: ContentMetrics) -> bool:
    """"We" and never "I": in the sentences that tell the actions, or else in the whole answer."""
    actions = [s.text for s in content.sentences if s.role == "action" and s.substantive]
    if actions:
        i_count, we_count = _pronouns(" ".join(actions))
        if we_count and not i_count:
            return True
    return content.we_count >= 2 and content.i_count == 0


def _pronouns(text: str) -> tuple[int, int]:
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return sum(w in I_WORDS for w in words), sum(w in WE_WORDS for w in words)


def _bank_follow_up(question: Question, transcript: Transcript) -> str | None:
    """The bank's follow-up whose content words the answer used least (the first on a tie)."""
    options = [text for text in question.follow_ups if text.strip()]
    if not options:
        return None
    said = set(content_stems(transcript.text))

    def overlap(text: str) -> float:
        stems = set(content_stems(text))
        return len(stems & said) / len(stems) if stems else 0.0

    return min(options, key=overlap)


def follow_up_question(parent: Question, follow_up: FollowUp) -> Question:
    """The follow-up as a question of its own: its answer is recorded and scored like any other.

    A probe for an example expects a short story; the other probes ask for one thing. Probes bring talking
    points saying what a good reply contains; a bank follow-up has none (the bank gives only its text).
    """
    points = _PROBE_POINTS.get(follow_up.kind, []) if follow_up.source == "probe" else []
    return Question(
        id=f"{parent.id}/follow-up",
        text=follow_up.text,
        category=parent.category,
        competency=parent.competency,
        difficulty=parent.difficulty,
        target_seconds=FOLLOW_UP_TARGET_SECONDS,
        star_expected=follow_up.kind == "example" and parent.star_expected,
        talking_points=[point for point, _ in points],
        point_examples=[list(examples) for _, examples in points],
        key_terms=list(parent.key_terms),
        track=parent.track,
        bank_id=parent.bank_id,
        job_terms=list(parent.job_terms),
        follows=parent.id,
        guidance=f"A follow-up to \"{parent.text}\" ({follow_up.reason})",
    )

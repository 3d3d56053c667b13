"""Real-interview debrief: the questions someone was really asked become a practice bank.

After an interview the user types the questions they remember (and, if they like, how each went). They
go into the personal "From my interviews" bank with sensible defaults: a category guessed from the
wording, a competency from keywords, and talking points that are reflection prompts ("How did you
actually answer?", "What would you do differently?"), so the next practice is a rehearsal of a better answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.banks.lexicon import STOPWORDS
from app.banks.loader import load_all_banks
from app.banks.user_banks import save_user_bank, slugify
from app.core.questions import Category, Question, QuestionBank

DEBRIEF_BANK_ID = "from-my-interviews"
DEBRIEF_BANK_TITLE = "From my interviews"

# First matching rule wins; patterns are searched in the lowercased question.
_CATEGORY_RULES: list[tuple[Category, str]] = [
    (
        Category.CLOSING,
        r"questions? for (me|us)|anything (else )?you.{0,20}(ask|add|know)|when can you start|"
        r"notice period|salary expectations|anything we haven.t covered",
    ),
    (
        Category.BEHAVIORAL,
        r"tell (me|us) about a time|describe a (time|situation)|give (me|us) an example|"
        r"have you ever|share an example|walk (me|us) through a (time|situation)|"
        r"when did you|recall a time|a time when",
    ),
    (
        Category.SITUATIONAL,
        r"what would you do|how would you (handle|deal|respond|approach|react)|imagine|"
        r"suppose|^if |what if|say you|you notice|you are asked",
    ),
    (
        Category.MOTIVATION,
        r"why (do you want|are you|this|our|us|did you choose|should we)|what interests you|"
        r"what attracts|where do you see yourself|what motivates|tell (me|us) about yourself|"
        r"what do you know about (us|our)|why (are you )?leaving|career goals",
    ),
    (
        Category.TECHNICAL,
        r"how does|how do you (implement|design|calculate|measure|test)|explain (how|what|the)|"
        r"difference between|what is an? |define |write a|design a|sql|algorithm|formula",
    ),
]

_COMPETENCY_RULES: list[tuple[str, str]] = [
    ("conflict", r"conflict|disagree|difficult (colleague|person|coworker|manager)|tension"),
    ("failure", r"fail|mistake|went wrong|regret|setback"),
    ("leadership", r"\blead|leader|manag(e|ed|ing) (a|the) team|took charge|mentor"),
    ("teamwork", r"team|collaborat|colleague|together"),
    ("customer focus", r"customer|client|patient|student|parent"),
    ("pressure", r"pressure|stress|deadline|tight|overwhelm"),
    ("prioritisation", r"priorit|competing|juggl|too much"),
    ("communication", r"explain|communicat|present|persuad|convinc"),
    ("problem solving", r"problem|solve|challenge|obstacle"),
    ("motivation", r"why|motivat|interest|goal|yourself"),
]

REFLECTION_POINTS = [
    "How did you actually answer? Sum it up in one or two sentences.",
    "What would you do differently: the example, the order, or the ending?",
    "What was the interviewer really probing for with this question?",
]
STAR_POINT = "A specific example told as Situation, Task, your own Action, and a measurable Result"
PLAN_POINT = "A clear approach: first steps, who you would involve, and how you would know it worked"


@dataclass
class DebriefEntry:
    """One question as the user remembers it, and optionally how answering it went."""

    text: str
    how_it_went: str = ""


def infer_category(text: str) -> Category:
    lowered = " ".join(text.lower().split())
    for category, pattern in _CATEGORY_RULES:
        if re.search(pattern, lowered):
            return category
    return Category.ROLE_SPECIFIC


def infer_competency(text: str) -> str:
    lowered = text.lower()
    return next(
        (name for name, pattern in _COMPETENCY_RULES if re.search(pattern, lowered)), "from a real interview"
    )


def content_words(text: str, limit: int = 6) -> list[str]:
    """The question's own content words, in order, as key terms to listen for."""
    words = re.findall(r"[a-z][a-z'+#-]{2,}", text.lower())
    picked: list[str] = []
    for word in words:
        word = word.strip("'-")
        if (
            word not in STOPWORDS
            and word not in picked
            and word not in {"tell", "describe", "time", "example"}
        ):
            picked.append(word)
    return picked[:limit]


def debrief_question(entry: DebriefEntry, question_id: str, context: str) -> Question:
    category = infer_category(entry.text)
    points = list(REFLECTION_POINTS)
    if category == Category.BEHAVIORAL:
        points.append(STAR_POINT)
    elif category in (Category.SITUATIONAL, Category.TECHNICAL, Category.ROLE_SPECIFIC):
        points.append(PLAN_POINT)
    notes = context
    if entry.how_it_went.strip():
        notes = f"{context} How it went: {entry.how_it_went.strip()}".strip()
    return Question(
        id=question_id,
        text=" ".join(entry.text.split()),
        category=category,
        competency=infer_competency(entry.text),
        difficulty=2,
        target_seconds={Category.BEHAVIORAL: 120, Category.CLOSING: 60}.get(category, 90),
        star_expected=category == Category.BEHAVIORAL,
        talking_points=points,
        key_terms=content_words(entry.text) or ["example"],
        track="personal",
        bank_id=DEBRIEF_BANK_ID,
        notes=notes,
    )


def record_debrief(
    entries: Sequence[DebriefEntry], company: str = "", role: str = "", date: dt.date | None = None
) -> QuestionBank:
    """Add the questions to the "From my interviews" bank (created on first use) and save it."""
    date = date or dt.date.today()
    bank = load_all_banks().bank(DEBRIEF_BANK_ID) or QuestionBank(
        id=DEBRIEF_BANK_ID,
        title=DEBRIEF_BANK_TITLE,
        track="personal",
        licence="",
        description="Questions I was asked in real interviews, to practise better answers.",
    )
    where = " ".join(
        part for part in (role.strip(), f"at {company.strip()}" if company.strip() else "") if part
    )
    context = f"Asked {'as ' + where + ' ' if where else ''}on {date.isoformat()}."
    taken = {q.id for q in bank.questions}
    for entry in entries:
        if not entry.text.strip():
            continue
        base = f"fmi-{date.isoformat()}-{slugify(entry.text, 40)}"
        question_id, number = base, 2
        while question_id in taken:
            question_id, number = f"{base}-{number}", number + 1
        taken.add(question_id)
        bank.questions.append(debrief_question(entry, question_id, context))
    return save_user_bank(bank)

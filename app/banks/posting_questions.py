"""Questions built from a posting's own skills and duties, for roles no bank covers well.

Three templates, one per kind of item (app.banks.posting_skills):
- a duty ("installing solar PV systems") gets a behavioural question: a time you did that work;
- a skill ("with a warehouse management system") gets a question about your experience with it;
- a qualification ("a valid CSCS card") gets a question about holding it and using what it covers.
Each has talking points written as coaching notes, example phrasings that name the posting's own item
(so the content judge hears an answer that talks about it), key terms from the item's words, and a
follow-up. The reason it was asked quotes the posting line.
"""

from __future__ import annotations

import re

from app.banks.lexicon import STOPWORDS
from app.banks.posting_skills import PostingItem
from app.core.questions import Category, Question

POSTING_TRACK = "posting"
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#&/.-]*")
_GENERIC_TEXT = "experience role environment system systems work using line good order"
_GENERIC = frozenset(_GENERIC_TEXT.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].rstrip("-")


def _competency(subject: str, max_chars: int = 60) -> str:
    """The item as a competency name, cut at a word boundary within the bank format's 60 characters."""
    while len(subject) > max_chars:
        subject = subject.rsplit(" ", 1)[0]
    return subject.rstrip(",")


def _key_terms(item: PostingItem, extra: list[str]) -> list[str]:
    words = [w.lower().strip(".,") for w in _WORD.findall(item.subject)]
    content = [w for w in words if w not in STOPWORDS and w not in _GENERIC and len(w) > 2]
    terms = list(dict.fromkeys(content))[:5]
    return list(dict.fromkeys(terms + extra))[:8]


def _as_done(item: PostingItem) -> str:
    """The duty as a noun phrase for example sentences ("installing solar PV systems", "that work")."""
    return "that kind of work" if item.phrase.startswith("you will ") else item.subject


def _duty_question(item: PostingItem) -> Question:
    duty = item.subject
    points = [
        (
            "Where you did this kind of work, for whom and how often",
            [
                f"In my last job, {_as_done(item)} was something I did most days, for about two years.",
                f"It's a big part of my current job; most weeks a good few hours go on {_as_done(item)}.",
                "The closest I've come to it was in my last job, where I covered that work for a season.",
            ],
        ),
        (
            "What you did yourself, step by step, including the standards or safety rules you followed",
            [
                "I'd start by checking what was needed and planning it before touching anything.",
                "I always followed the procedure and did my own checks at the end.",
                "My part was doing the work itself and making sure it met the standard we were set.",
            ],
        ),
        (
            "A problem that came up and how you dealt with it",
            [
                "One time something didn't go to plan, so I stopped, worked out why and put it right.",
                "The tricky part was when we were short of time, and I had to decide what mattered most.",
            ],
        ),
        (
            "The result, with a number or a comment from a customer or manager if you can",
            [
                "It was finished on time, and the customer was really happy with it.",
                "My manager said it was the best job done on that in a while, and we had no complaints.",
                "We got it done with no errors, which was a first for that month.",
            ],
        ),
    ]
    return Question(
        id=f"posting-duty-{_slug(duty)}",
        text=(
            f"The posting says {item.phrase}."
            if item.phrase.startswith("you will ")
            else f"This role involves {duty}."
        )
        + " Tell me about a time you did that kind of work, and how it went.",
        category=Category.BEHAVIORAL,
        competency=_competency(duty),
        difficulty=2,
        target_seconds=120,
        star_expected=True,
        talking_points=[point for point, _examples in points],
        point_examples=[examples for _point, examples in points],
        key_terms=_key_terms(item, ["example", "result"]),
        follow_ups=["What would you do differently if you did it again tomorrow?"],
        track=POSTING_TRACK,
    )


def _skill_question(item: PostingItem) -> Question:
    subject = item.subject
    points = [
        (
            "Where and for how long you have used it, and how confident you are",
            [
                f"I've been working {item.phrase} for about three years, most recently in my current job.",
                f"My experience {item.phrase} comes from my last two roles, where I used it daily.",
                "I'd say I'm confident with it; colleagues often come to me when they get stuck.",
            ],
        ),
        (
            "A specific task or problem you handled with it, step by step",
            [
                f"For example, I used {subject} to sort out a problem that had been dragging on for weeks.",
                "A good example is when I had to get something urgent done with it under real time pressure.",
                "I'll walk you through one piece of work where it really mattered.",
            ],
        ),
        (
            "What it achieved - time saved, errors avoided, customers helped",
            [
                "That saved us a few hours every week.",
                "Because of that we caught the mistakes before they reached the customer.",
            ],
        ),
        (
            "How you keep learning it, and how honestly you rate any gaps",
            [
                "I'm still learning some of the more advanced parts, and I practise them when I can.",
                "If you use a different version here, I pick new systems up quickly, usually within a week.",
            ],
        ),
    ]
    return Question(
        id=f"posting-skill-{_slug(subject)}",
        text=f"Tell me about your experience {item.phrase}.",
        category=Category.ROLE_SPECIFIC,
        competency=_competency(subject),
        difficulty=2,
        target_seconds=105,
        star_expected=False,
        talking_points=[point for point, _examples in points],
        point_examples=[examples for _point, examples in points],
        key_terms=_key_terms(item, ["example", "confident"]),
        follow_ups=["What is the most difficult thing you have done with it?"],
        track=POSTING_TRACK,
    )


def _qualification_question(item: PostingItem) -> Question:
    subject = item.subject
    points = [
        (
            "Whether you hold it, since when, or honestly how far you are from getting it",
            [
                f"Yes, I hold {subject}; I got it three years ago and it's up to date.",
                f"I'm working towards {subject} at the moment and expect to finish by the spring.",
                "I don't have that yet, but I've looked into the course and I'd be happy to do it straight away.",  # noqa: E501
            ],
        ),
        (
            "What it covers that matters in this job",
            [
                "The parts that matter most for this job are the safety rules and doing things by the book.",
                "It taught me the standards I'm expected to work to, not just the theory.",
            ],
        ),
        (
            "A time what you learned for it made a difference at work",
            [
                "It made a real difference once when I spotted a problem that others had walked past.",
                "Because of that training I knew exactly what to do when something went wrong on a job.",
            ],
        ),
        (
            "How you keep it current - refreshers, renewals, new rules",
            [
                "I keep an eye on the renewal date and do the refresher before it runs out.",
                "When the rules change, I read the updates and ask if anything affects how we work.",
            ],
        ),
    ]
    return Question(
        id=f"posting-qualification-{_slug(subject)}",
        text=(
            f"The posting asks for {with_article(subject)}. Tell me about that, "
            "and about a time it made a difference at work."
        ),
        category=Category.ROLE_SPECIFIC,
        competency=_competency(subject),
        difficulty=1,
        target_seconds=90,
        star_expected=False,
        talking_points=[point for point, _examples in points],
        point_examples=[examples for _point, examples in points],
        key_terms=_key_terms(item, ["qualification", "training"]),
        follow_ups=[
            "What would you do if you were asked to do something that went against what it taught you?"
        ],
        track=POSTING_TRACK,
    )


def with_article(subject: str) -> str:
    """'UK driving licence' -> 'a UK driving licence', 'NVQ Level 3 ...' -> 'an NVQ Level 3 ...'."""
    first = subject.split()[0] if subject.split() else ""
    if first.lower() in ("a", "an", "the") or not re.search(
        r"(?:licen[cs]e|certificate|card|qualification|"
        r"registration|ticket|diploma|degree)$",
        subject,
        re.I,
    ):
        return subject
    lowered = first.lower()
    if first.isupper():  # an acronym is spelt out: an NVQ, an SIA badge, a UK licence
        vowel_sound = first[:1] in "AEFHILMNORSX"
    else:  # a unit, a uniform, but an umbrella
        vowel_sound = lowered[:1] in "aeio" or (
            lowered[:1] == "u" and not lowered.startswith(("uni", "us", "ut"))
        )
    return f"{'an' if vowel_sound else 'a'} {subject}"


def question_for(item: PostingItem) -> Question:
    """The template question for one posting item."""
    if item.kind == "duty":
        return _duty_question(item)
    if item.kind == "qualification":
        return _qualification_question(item)
    return _skill_question(item)


def reason_for(item: PostingItem) -> str:
    """Why the question was asked, quoting the posting."""
    where = f" under “{item.heading}”" if item.heading else ""
    return f"Built from the posting, which lists{where}: “{item.line.rstrip('.')}”."

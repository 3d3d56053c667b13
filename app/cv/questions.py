"""Interview questions built from the CV itself, as an interviewer holding it would ask them.

- each recent job: "Walk me through your time at <employer>.";
- each project: "Tell me about the project <name> on your CV." (a STAR story);
- a gap of six months or more between jobs: "There is a gap on your CV between ... and ...".

Their talking points are coaching notes, and their example phrasings are built from the CV's own bullet
points in the first person ("Led a team of 12" -> "I led a team of 12"), so the content judge hears an
answer that tells what the CV says as covering the point.
"""

from __future__ import annotations

import re

from app.core.questions import Category, Question
from app.cv.sections import CvSections, Job, Project

CV_TRACK = "cv"
CV_BANK_ID = "from-my-cv"
MAX_JOBS = 3
MAX_PROJECTS = 3
GAP_MONTHS = 6
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NUMBER = re.compile(r"\d")
_STOP_TEXT = "the and for with from that this into over a an of to in on at by as our my"
_STOP = frozenset(_STOP_TEXT.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].rstrip("-") or "cv"


_BEING = frozenset({"responsible", "member", "part", "key", "main", "first", "one", "promoted", "involved"})


def first_person(bullet: str) -> str:
    """A CV bullet said as a candidate would say it: 'Led a team of 12' -> 'I led a team of 12.'.

    CV bullets open with a verb ("Led", "Ran", "Manage"); "Responsible for ..." and "-ing" openings
    become "I was ...".
    """
    text = bullet.strip().rstrip(".;")
    if not text:
        return ""
    first, _, rest = text.partition(" ")
    word = first if first[1:] != first[1:].lower() else first.lower()
    if word.lower() in _BEING or word.lower().endswith("ing"):
        return f"I was {word} {rest}.".replace(" .", ".")
    return f"I {word} {rest}.".replace(" .", ".")


def _key_terms(*texts: str, limit: int = 8) -> list[str]:
    words = [w.lower() for text in texts for w in re.findall(r"[A-Za-z][A-Za-z+#&-]{2,}", text)]
    return list(dict.fromkeys(w for w in words if w not in _STOP))[:limit]


def _best_bullets(bullets: list[str], count: int) -> list[str]:
    """Bullets with numbers first (achievements), then in the CV's order."""
    ranked = sorted(bullets, key=lambda b: (not _NUMBER.search(b), bullets.index(b)))
    return ranked[:count]


def job_question(job: Job) -> Question:
    where = job.employer
    role = job.role or "your role"
    achievements = [first_person(b) for b in _best_bullets(job.bullets, 3)]
    duties = [first_person(b) for b in job.bullets[:2]]
    when = f" from {job.start} to {job.end.lower() if job.end.isalpha() else job.end}" if job.start else ""
    points = [
        (
            "What the job was: your role, the team and what you were responsible for",
            [f"At {where} I was {_article(role)}{when}.", *duties[:2]],
        ),
        (
            "One or two achievements from your CV, told with their numbers",
            achievements or [f"The thing I'm proudest of at {where} is ..."],
        ),
        (
            "What you learned or how you grew there",
            [
                f"{where} taught me how to work to tight targets without cutting corners.",
                "I learned to take on more responsibility, and I started training new starters.",
            ],
        ),
        (
            "Why you moved on (or want to), said positively, and how it leads to this job",
            [
                "I'm looking for a role with more responsibility, and this job is the natural next step.",
                "What I did there is exactly what this role needs, so I can make a difference quickly.",
            ],
        ),
    ]
    return Question(
        id=f"cv-job-{_slug(where)}",
        text=f"Walk me through your time at {where}.",
        category=Category.ROLE_SPECIFIC,
        competency=f"experience at {where}"[:60],
        difficulty=1,
        target_seconds=120,
        star_expected=False,
        talking_points=[point for point, _examples in points],
        point_examples=[[e for e in examples if e][:3] for _point, examples in points],
        key_terms=_key_terms(where, role, *job.bullets),
        follow_ups=[f"What was the hardest part of being {_article(role)} at {where}?"],
        track=CV_TRACK,
        bank_id=CV_BANK_ID,
        notes=f"From your CV: {job.header}",
    )


def _article(role: str) -> str:
    if role == "your role" or role.lower().startswith(("a ", "an ", "the ")):
        return role
    return f"{'an' if role[:1].lower() in 'aeio' else 'a'} {role}"


def project_question(project: Project) -> Question:
    name = project.name
    said = first_person(project.description) if project.description else ""
    numbers = [s for s in re.split(r"(?<=[.;])\s+", project.description) if _NUMBER.search(s)]
    points = [
        (
            "The situation: what the project was for, who it served and why it mattered",
            ["It started because we had a problem we needed to fix, and it mattered to our customers.", said],
        ),
        (
            "Your own part in it: what you did yourself, not only the team",
            [
                f"My own part in {name} was planning it and doing much of the work myself.",
                "I personally ran it.",
            ],
        ),
        (
            "The result, with the number from your CV if it has one",
            [first_person(n) for n in numbers[:2]]
            or ["In the end it worked, and we kept doing it that way."],
        ),
        (
            "What you learned, or would do differently next time",
            [
                "Looking back, I'd involve the people doing the work earlier.",
                "It taught me to test small first.",
            ],
        ),
    ]
    return Question(
        id=f"cv-project-{_slug(name)}",
        text=f"Tell me about the project {name} on your CV.",
        category=Category.BEHAVIORAL,
        competency=f"project: {name}"[:60],
        difficulty=2,
        target_seconds=120,
        star_expected=True,
        talking_points=[point for point, _examples in points],
        point_examples=[[e for e in examples if e][:3] for _point, examples in points],
        key_terms=_key_terms(name, project.description),
        follow_ups=["What did you personally do, as opposed to the team?"],
        track=CV_TRACK,
        bank_id=CV_BANK_ID,
        notes=f"From your CV: {project.line}",
    )


def _month_index(when: str, end: bool) -> int | None:
    """'Mar 2019' -> 2019*12+2; '2019' -> its first month (or last, for an end date); 'present' -> None."""
    year = re.search(r"(?:19|20)\d\d", when)
    if not year:
        return None
    month = next((i for i, name in enumerate(_MONTHS) if when.lower().startswith(name)), None)
    slash = re.match(r"(\d{1,2})/", when)
    if slash:
        month = int(slash.group(1)) - 1
    return int(year.group(0)) * 12 + (month if month is not None else (11 if end else 0))


def gap_question(jobs: list[Job]) -> Question | None:
    """A question about the longest gap of GAP_MONTHS or more between two jobs, if the dates show one."""
    dated = [(job, _month_index(job.start, False), _month_index(job.end, True)) for job in jobs]
    spans = sorted(
        ((start, end if end is not None else 10**6, job) for job, start, end in dated if start is not None),
        key=lambda span: (span[0], span[1]),
    )
    best: tuple[int, Job, Job] | None = None
    for (_s1, end1, older), (start2, _e2, newer) in zip(spans, spans[1:], strict=False):
        gap = start2 - end1 - 1
        if gap >= GAP_MONTHS and (best is None or gap > best[0]):
            best = (gap, older, newer)
    if best is None:
        return None
    months, older, newer = best
    points = [
        (
            "Say plainly what the time was for, in a sentence",
            ["I took that time to care for a family member."],
        ),
        (
            "What you did that kept you ready: learning, volunteering, projects",
            ["During that time I took a course."],
        ),
        (
            "Why you are ready now, and keen on this job",
            ["I'm ready to commit fully now, and this job is why."],
        ),
    ]
    return Question(
        id=f"cv-gap-{_slug(older.employer)}",
        text=(
            f"I see about {months} months between {older.employer} ({older.end}) and {newer.employer} "
            f"({newer.start}) on your CV. What were you doing then?"
        ),
        category=Category.MOTIVATION,
        competency="a gap in your CV",
        difficulty=2,
        target_seconds=60,
        talking_points=[p for p, _e in points],
        point_examples=[e for _p, e in points],
        key_terms=["gap", "learned", "ready"],
        follow_ups=["What did you learn in that time that you will bring to this job?"],
        track=CV_TRACK,
        bank_id=CV_BANK_ID,
    )


def cv_questions(sections: CvSections) -> list[Question]:
    """Questions about the CV's most recent jobs, its projects and a gap between jobs, if any."""
    questions = [job_question(job) for job in sections.jobs[:MAX_JOBS]]
    questions += [project_question(p) for p in sections.projects[:MAX_PROJECTS]]
    gap = gap_question(sections.jobs)
    if gap is not None:
        questions.append(gap)
    unique: dict[str, Question] = {}
    for question in questions:
        unique.setdefault(question.id, question)
    return list(unique.values())

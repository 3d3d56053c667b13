"""The parts of a CV the questions are built from: its jobs (role, employer, dates, bullet points) and its
projects, read from the headings, date ranges and bullets CVs are written with. No model: the rules are
below, and a CV they cannot read simply gives fewer questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADINGS: tuple[tuple[str, str], ...] = (
    ("projects", r"(?:key |selected |personal |notable )?projects?"),
    (
        "experience",
        r"(?:[a-z]+ )?(?:experience|history)|employment|work|career|positions held|volunteering",
    ),
    ("education", r"education(?: and training)?|qualifications|training|academic background"),
    ("certifications", r"certifications?|licen[cs]es?(?: and certifications?)?|certificates"),
    ("skills", r"(?:key |technical |core )?skills(?: and [a-z ]+)?|competencies|tools"),
    ("profile", r"(?:personal |professional )?(?:profile|summary|statement)|about me|objective"),
    ("other", r"interests|hobbies|references|languages|achievements|awards|contact(?: details)?"),
)
_HEADING_RE = [(name, re.compile(rf"^(?:{pattern})\s*:?$", re.IGNORECASE)) for name, pattern in _HEADINGS]
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WHEN = rf"(?:{_MONTH}\s+|\d{{1,2}}/)?(?:19|20)\d\d"
DATE_RANGE = re.compile(
    rf"\(?({_WHEN})\s*(?:-|–|—|to|until)\s*({_WHEN}|present|current|now|date|today)\)?", re.IGNORECASE
)
_BULLET = re.compile(r"^\s*(?:[-*•·‣▪◦●o]|\d+[.)])\s+")
_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*|,\s+|\s+[–—]\s*")
_ROLE_WORDS_TEXT = """
    manager leader lead head director officer assistant associate analyst engineer developer designer
    administrator coordinator co-ordinator supervisor consultant specialist technician operative driver
    nurse teacher lecturer tutor advisor adviser representative executive intern internship apprentice
    trainee clerk receptionist cashier barista chef cook waiter waitress server bartender accountant
    auditor recruiter partner scientist researcher architect programmer tester owner founder volunteer
    worker agent controller planner buyer editor writer producer carer support picker packer
    merchandiser secretary team member crew host steward porter cleaner electrician plumber
"""
ROLE_WORDS = frozenset(_ROLE_WORDS_TEXT.split())
_PROJECT_IN_TEXT = re.compile(
    r"\b(?:the\s+)?((?:[A-Z0-9][\w&'’+-]*\s+){1,5})(project|pilot|programme|program|initiative)\b"
)
_PROJECT_NAME = re.compile(r"^(.{3,70}?)\s*(?::|\s[–—-]\s|\()\s*(.*)$")
MAX_HEADER_WORDS = 16


@dataclass
class Job:
    """One position: as the CV names it, with its bullet points."""

    role: str
    employer: str
    start: str = ""
    end: str = ""
    header: str = ""
    bullets: list[str] = field(default_factory=list)


@dataclass
class Project:
    name: str
    description: str
    line: str
    employer: str = ""  # the job it was listed under, when it came from one


@dataclass
class CvSections:
    jobs: list[Job]
    projects: list[Project]
    sections: dict[str, list[str]]  # section name -> its lines ("top" for lines before any heading)


def section_of(line: str) -> str | None:
    """The section a heading line opens, or None for any other line."""
    text = line.strip().rstrip(":").strip()
    if len(text.split()) > 5:
        return None
    return next((name for name, pattern in _HEADING_RE if pattern.match(text)), None)


def split_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"top": []}
    current = "top"
    for line in text.splitlines():
        name = section_of(line)
        if name:
            current = name
            sections.setdefault(current, [])
        elif line.strip():
            sections[current].append(line.strip())
    return sections


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line)) or len(line.split()) > MAX_HEADER_WORDS


def unbullet(line: str) -> str:
    return _BULLET.sub("", line).strip()


def _role_and_employer(header: str) -> tuple[str, str]:
    """'Team Leader, Brightwell Logistics, Leeds' -> ('Team Leader', 'Brightwell Logistics')."""
    text = DATE_RANGE.sub("", header).strip(" ,|–—-()")
    at = re.split(r"\s+at\s+", text, maxsplit=1)
    if len(at) == 2:
        return at[0].strip(" ,"), _SEPARATORS.split(at[1])[0].strip(" ,")
    parts = [part.strip(" ,") for part in _SEPARATORS.split(text) if part.strip(" ,")]
    if not parts:
        return "", ""
    roles = [p for p in parts if any(w.lower().strip(".") in ROLE_WORDS for w in p.split())]
    role = roles[0] if roles else (parts[0] if len(parts) > 1 else "")
    others = [p for p in parts if p != role]
    return role, (others[0] if others else "")


def _date_only(line: str) -> bool:
    return bool(DATE_RANGE.search(line)) and not DATE_RANGE.sub("", unbullet(line)).strip(" ,|–—-()")


def _jobs(lines: list[str]) -> list[Job]:
    """Each job starts at a line (not a bullet) with a date range, or followed by a line of dates only."""
    jobs: list[Job] = []
    for index, raw in enumerate(lines):
        line = unbullet(raw)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _date_only(raw) and jobs and not jobs[-1].start:
            dates = DATE_RANGE.search(line)
            if dates:
                jobs[-1].start, jobs[-1].end = dates.group(1), dates.group(2)
            continue
        dates = DATE_RANGE.search(line)
        if not is_bullet(raw) and not _date_only(raw) and (dates or _date_only(following)):
            role, employer = _role_and_employer(line)
            start, end = (dates.group(1), dates.group(2)) if dates else ("", "")
            jobs.append(Job(role, employer, start, end, header=line))
        elif jobs:
            jobs[-1].bullets.append(line)
    return [job for job in jobs if job.employer]


def _projects(sections: dict[str, list[str]], jobs: list[Job]) -> list[Project]:
    projects: list[Project] = []
    for raw in sections.get("projects", []):
        line = unbullet(raw)
        named = _PROJECT_NAME.match(line)
        name, description = (named.group(1), named.group(2)) if named else (line, "")
        if len(name.split()) <= 8:
            projects.append(Project(name.strip(" .,"), description.strip(), line))
        elif projects:
            projects[-1].description = f"{projects[-1].description} {line}".strip()
    for job in jobs:
        for bullet in job.bullets:
            for match in _PROJECT_IN_TEXT.finditer(bullet):
                name, kind = match.group(1).strip(), match.group(2)
                name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
                if match.start(1) == 0 and name.split()[0].lower().endswith("ed"):
                    name = name.partition(" ")[2]  # "Managed Route Rebalance project": the verb goes
                if not name or not name[0].isupper() or match.start(1) == 0 and len(name.split()) == 1:
                    continue  # a bullet's first word ("Managed the ... project") is its verb, not a name
                name = name if kind.startswith("pro") else f"{name} {kind}"
                if all(name.lower() != p.name.lower() for p in projects):
                    projects.append(Project(name, bullet, bullet, job.employer))
    return projects


def read_sections(text: str) -> CvSections:
    sections = split_sections(text)
    jobs = _jobs(sections.get("experience", []))
    return CvSections(jobs, _projects(sections, jobs), sections)

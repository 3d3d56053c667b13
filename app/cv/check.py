"""One call for the CLI and the GUI: read a CV, compare it with a posting, find slips, build questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.questions import Question
from app.cv.compare import CvComparison, Gap, compare
from app.cv.parse import read_cv
from app.cv.questions import cv_questions
from app.cv.sections import Job, Project, read_sections
from app.cv.spelling import Slip, find_slips


@dataclass
class CvCheck:
    """What the CV check found. `gaps` is empty (and `asked` 0) when no posting was given."""

    words: int
    gaps: list[Gap] = field(default_factory=list)
    shown: list[Gap] = field(default_factory=list)
    slips: list[Slip] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)

    @property
    def asked(self) -> int:
        return len(self.gaps) + len(self.shown)


def check_cv(cv_text: str, posting: str = "") -> CvCheck:
    """Check CV text against a posting (either may be long; this reads them only, offline)."""
    sections = read_sections(cv_text)
    comparison = compare(cv_text, posting) if posting.strip() else CvComparison([], [])
    return CvCheck(
        words=len(cv_text.split()),
        gaps=comparison.gaps,
        shown=comparison.shown,
        slips=find_slips(cv_text, allowed=[posting]),
        questions=cv_questions(sections),
        jobs=sections.jobs,
        projects=sections.projects,
    )


def check_cv_file(path: Path, posting: str = "") -> CvCheck:
    """Read the CV file (raises CvReadError with advice) and check it."""
    return check_cv(read_cv(path), posting)

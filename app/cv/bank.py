"""The CV's questions as the user's "From my CV" question set, so they can be practised like any other.

Saving replaces the set: it always holds the questions of the CV checked last. It is a user bank in the
data folder (app.banks.user_banks), on this computer only.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.banks.user_banks import save_user_bank
from app.core.questions import Question, QuestionBank
from app.cv.questions import CV_BANK_ID, CV_TRACK

CV_BANK_TITLE = "From my CV"


def save_cv_questions(questions: Sequence[Question]) -> QuestionBank:
    """Replace the "From my CV" bank with these questions and return it as saved."""
    bank = QuestionBank(
        id=CV_BANK_ID,
        title=CV_BANK_TITLE,
        track=CV_TRACK,
        licence="",
        description="Questions an interviewer would ask about my CV: my jobs, my projects, any gap.",
        questions=list(questions),
    )
    return save_user_bank(bank)

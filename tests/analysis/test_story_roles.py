"""Sentence roles read as a story: the opening line leans towards situation, vague roles do not count.

The rule on plain probabilities first (app.analysis.story), then the real judge on a typed answer whose
result has digits.
"""

from __future__ import annotations

import numpy as np
from answer_samples import CONFLICT_QUESTION, make_transcript

from app.analysis.content import analyze_content
from app.analysis.story import decode_roles
from app.core.content import StarPart

# situation, task, action, result, other: a line that is a little more like a result than a context.
RESULTISH = [0.30, 0.05, 0.10, 0.45, 0.10]


def test_only_the_opening_line_leans_towards_situation() -> None:
    probabilities = np.array([RESULTISH, RESULTISH])
    usable = np.array([True, True])
    assert decode_roles(probabilities, usable, 1.5, 0.0) == ["situation", "result"]
    assert decode_roles(probabilities, usable, 0.0, 0.0) == ["result", "result"]


def test_opening_is_the_first_sentence_that_can_play_a_role() -> None:
    probabilities = np.array([RESULTISH, RESULTISH, RESULTISH])
    usable = np.array([False, True, True])  # an empty opener ("Sure.") is not the story's first line
    assert decode_roles(probabilities, usable, 1.5, 0.0) == ["other", "situation", "result"]


def test_a_role_below_the_floor_is_no_part() -> None:
    vague = np.array([[0.1, 0.1, 0.3, 0.28, 0.22]])
    assert decode_roles(vague, np.array([True]), 0.0, 0.35) == ["other"]
    assert decode_roles(vague, np.array([True]), 0.0, 0.25) == ["action"]


def test_a_result_with_digits_is_a_result() -> None:
    """Before the role corpus had sentences with digits, a result like this one was read as empty."""
    answer = (
        "At my last job two of us on the support team disagreed about how to handle refund requests. "
        "I asked her to walk me through her reasons over a coffee, and then we wrote one shared checklist. "
        "In the end refunds went out within 2 days instead of 9, and queries about them fell by 40%."
    )
    metrics = analyze_content(make_transcript(answer), CONFLICT_QUESTION)
    roles = [sentence.role for sentence in metrics.sentences]  # sentences not in the training corpus
    assert roles[1:] == ["action", "result"], roles
    assert metrics.sentences[2].substantive
    assert StarPart.RESULT in metrics.parts_present

"""The role of each sentence in a story (situation, task, action, result or other).

The sentence-role classifier (app.analysis.judge) reads one sentence at a time, so on its own it often
calls the opening line of a story a result or an action when that line already mentions what happened
("I worked on an airline's help desk and one afternoon I told a customer the wrong fee"). People open a
story with its context, so the first sentence that can play a role gets a prior towards "situation":
its situation probability is multiplied by exp(`opening_bonus`) before the roles are compared.

A part then counts only when its sentence is at least `floor` likely to play it: a vague sentence that
is a little more like a result than anything else does not make a result.

Both numbers are chosen on the development answers by benchmarks/train_content.py and stored in
assets/models/content_judge.json. Reading the whole answer as an ordered sequence (a cost for stepping
back to an earlier part) was tried as well and did not help on those answers, so it is not used.
"""

from __future__ import annotations

import numpy as np

ROLES = ("situation", "task", "action", "result", "other")
_SITUATION = ROLES.index("situation")


def decode_roles(
    probabilities: np.ndarray, usable: np.ndarray, opening_bonus: float, floor: float
) -> list[str]:
    """The role of every sentence of one answer.

    Args:
        probabilities: (sentences, 5) the classifier's probabilities over ROLES, in the order said.
        usable: which sentences may play a story role at all (the others are "other").
        opening_bonus: log-odds added to "situation" for the first usable sentence.
        floor: a sentence keeps a story role only when its probability for it is at least this.

    Returns:
        one role name per sentence.
    """
    adjusted = np.array(probabilities, dtype=np.float64, copy=True)
    opening = np.flatnonzero(usable)
    if opening.size:
        first = int(opening[0])
        adjusted[first, _SITUATION] *= np.exp(opening_bonus)
        adjusted[first] /= adjusted[first].sum()
    roles = []
    for i, row in enumerate(adjusted):
        best = int(row.argmax())
        story_role = usable[i] and ROLES[best] != "other" and row[best] >= floor
        roles.append(ROLES[best] if story_role else "other")
    return roles

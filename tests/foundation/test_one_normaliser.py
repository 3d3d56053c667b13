"""One text normaliser (issue 16.3): answers, postings and CVs reduce words the same way.

Before, app/analysis/text.py and app/banks/tailoring.py each had a hand-written stemmer, and
"management" stayed whole in one while it became "manag" in the other, so a posting's "team
management" and an answer's "I managed the team" met on one side and not on the other.
"""

from __future__ import annotations

import ast
from pathlib import Path

from app.analysis.text import STOPWORDS as ANSWER_STOPWORDS
from app.analysis.text import content_stems, find_phrase, tokens
from app.banks.lexicon import STOPWORDS as POSTING_STOPWORDS
from app.banks.tailoring import extract_terms, term_key
from app.core.transcript import Transcript, Word
from app.core.words import BASE_STOPWORDS
from app.cv.compare import compare

APP = Path(__file__).resolve().parents[2] / "app"
FORMS = ("management", "managed", "manager", "managing", "manages")


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(APP.rglob("*.py"))]


def test_app_has_one_stem_function() -> None:
    defined = [
        f"{path.relative_to(APP.parent)}:{node.lineno}"
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "stem" in node.name.lower().split("_")
    ]
    assert [place.split(":")[0] for place in defined] == ["app/core/words.py"], defined


def test_every_stop_word_list_is_built_on_the_base_one() -> None:
    lists = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign | ast.Assign):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if any(name.endswith("STOPWORDS") for name in names) and node.value is not None:
                    lists.append((path.name, names, ast.unparse(node.value)))
    assert len(lists) >= 3  # the base list, the answers' and the postings'
    for file_name, names, value in lists:
        if names != ["BASE_STOPWORDS"]:
            assert "BASE_STOPWORDS" in value, (file_name, names)
    assert BASE_STOPWORDS <= ANSWER_STOPWORDS and BASE_STOPWORDS <= POSTING_STOPWORDS


def test_management_forms_meet_on_the_posting_and_the_answer_side() -> None:
    posting_side = {term_key(form) for form in FORMS}
    answer_side = {stem for form in FORMS for stem in content_stems(form)}
    spoken = Transcript(words=[Word(form, i, i + 0.5) for i, form in enumerate(FORMS)])
    token_side = {token.stem for token in tokens(spoken)}
    assert len(posting_side) == 1
    assert posting_side == answer_side == token_side


def test_an_answer_saying_managed_uses_the_key_term_management() -> None:
    said = "Last year I managed a team of six and we cut waiting times by a third"
    spoken = Transcript(words=[Word(word, i, i + 0.4) for i, word in enumerate(said.split())])
    assert find_phrase(tokens(spoken), "management", by_stem=True)
    assert not find_phrase(tokens(spoken), "marketing", by_stem=True)


def test_a_cv_that_managed_a_team_shows_team_management() -> None:
    posting = "Warehouse Supervisor\n\nRequirements:\n- Experience of team management\n- Forklift licence\n"
    cv = "Jane Okafor\nShift supervisor, 2021-2024\nManaged a team of 12 pickers on the night shift\n"
    result = compare(cv, posting)
    shown = [gap.what for gap in result.shown]
    missing = [gap.what for gap in result.gaps]
    assert any("team management" in what for what in shown), (shown, missing)
    assert any("forklift" in what.lower() for what in missing), (shown, missing)


def test_a_posting_about_managers_finds_its_repeated_phrase_in_any_form() -> None:
    posting = (
        "Store Manager\n\nYou will lead stock management across two stores.\n"
        "Good stock managing keeps the shelves full.\nStock managers report to the area lead.\n"
    )
    terms = {term.term: term.count for term in extract_terms(posting).terms}
    assert any(term.startswith("stock manag") and count == 3 for term, count in terms.items()), terms

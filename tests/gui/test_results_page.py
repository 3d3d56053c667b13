"""The results page's content section: each talking point and STAR part with the sentence that carried it,
the cap on a non-answer with its reason, and how content is judged. Answers are analysed by the real judge."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "analysis"))

from answer_samples import CONFLICT_QUESTION, STAR_ANSWER, make_transcript  # noqa: E402

from app.analysis.answer import analyze_answer  # noqa: E402
from app.core.session import Answer, AnswerStatus  # noqa: E402
from app.gui.practice.results_page import AnswerResults  # noqa: E402
from app.session.typed import analyse_typed_text  # noqa: E402

pytestmark = pytest.mark.gui

LISTENING = "How you listened to the colleague's point of view"
LISTENED = "“So I set up a meeting and listened to his point of view first.”"


def _show(qtbot, analysis) -> AnswerResults:  # type: ignore[no-untyped-def]
    page = AnswerResults()
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    answer = Answer(
        "a1", "s1", 0, CONFLICT_QUESTION, AnswerStatus.ANALYSED, duration_s=67.0, analysis=analysis
    )
    page.show_answer(1, answer, last=False, notices=[])
    return page


def test_spoken_answer_shows_the_covering_sentence_and_its_moment(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, analyze_answer(CONFLICT_QUESTION, make_transcript(STAR_ANSWER)))
    assert page.coverage_card.isVisible()
    text = page.coverage.text()
    assert f"✓ {LISTENING} — covered at 0:26</p>" in text  # "So I set up a meeting" starts 26 s in
    assert f"font-style: italic'>{LISTENED}</p>" in text
    assert "<b>STAR parts</b>" in text and "Capped:" not in page.basis.text()
    assert page.coverage.wordWrap()
    page.how_judged.button.click()
    assert page.how_judged.text.isVisible() and "compared by meaning" in page.how_judged.text.text()


def test_typed_off_topic_answer_is_capped_with_its_reason_and_no_times(qtbot) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse_typed_text(
        "My favourite holiday was a trip to the mountains with my cousins, where we went hiking every day.",
        CONFLICT_QUESTION,
    )
    assert analysis.scores is not None and analysis.scores.content.note
    page = _show(qtbot, analysis)
    assert f"Content: 1.5/5\n  Capped: {analysis.scores.content.note}" in page.basis.text()
    text = page.coverage.text()
    assert "not covered" in text and "Closest: “My favourite holiday" in text
    assert " at 0:" not in text

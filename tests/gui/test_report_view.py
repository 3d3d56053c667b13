"""The scores tree of an answer (Review): every tooltip is written for a person, never an internal key."""

from __future__ import annotations

import re

import pytest

from app.core.analysis_result import AnswerAnalysis
from app.core.scores import Dimension, DimensionScore, ScoreCard, SubScore
from app.gui.widgets.report_view import ScoresTree

pytestmark = [pytest.mark.gui]

INTERNAL_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # words_per_minute, filler_rate...


def _card() -> ScoreCard:
    pace = SubScore(
        key="pace", label="Pace", metric="words_per_minute", value=142.0, unit="wpm", score=5,
        band="100-165 wpm: comfortable", definition="Words spoken per minute of speaking time.",
    )
    fillers = SubScore(
        key="fillers", label="Filler words", metric="filler_rate_per_min", value=None, unit="per min",
        score=None, band="", definition="Filler words (um, uh, like) per minute.", reason="too few words",
    )
    return ScoreCard(
        delivery=DimensionScore(Dimension.DELIVERY, 5.0, [pace, fillers]),
        body_language=DimensionScore(Dimension.BODY_LANGUAGE, None, [], reason="No video was recorded."),
        content=DimensionScore(Dimension.CONTENT, None, [], reason="No transcript."),
        overall=5.0,
    )


def test_tooltips_name_the_metric_in_words_not_its_key(qtbot) -> None:  # type: ignore[no-untyped-def]
    tree = ScoresTree()
    qtbot.addWidget(tree)
    tree.show_scores(AnswerAnalysis(scores=_card()), None)
    tips = []
    for row in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(row)
        items = [top] + [top.child(i) for i in range(top.childCount())]
        tips += [item.toolTip(column) for item in items for column in range(tree.columnCount())]
    pace_tip = next(tip for tip in tips if tip.startswith("Pace"))
    assert pace_tip == "Pace: Words spoken per minute of speaking time.\nBand: 100-165 wpm: comfortable"
    assert [tip for tip in tips if INTERNAL_KEY.search(tip)] == []

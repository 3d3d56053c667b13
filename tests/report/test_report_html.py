"""The HTML report: self-contained, with the numbers, tips, charts and the trail behind every score."""

from __future__ import annotations

import re
from datetime import UTC

import pytest

from app.core.session import Session
from app.report.charts import pace_chart
from app.report.context import report_context
from app.report.html import render_answer_html, render_session_html


def test_report_is_self_contained(practice_session: Session, history: list[Session]) -> None:
    html = render_session_html(practice_session, history, tz=UTC)
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", html), "no external resources"
    assert html.count("<svg") >= 8  # STAR, pace, fillers, body for answer 1; STAR, pace, fillers; history
    assert "font-family" in html and "&#34;" not in html.split("</style>")[0], "CSS must not be escaped"


def test_report_shows_tips_with_their_moments(practice_session: Session, history: list[Session]) -> None:
    html = render_session_html(practice_session, history, tz=UTC)
    assert "You said &#39;um&#39; 9 times, 5 of them in the first 30 s." in html
    assert '<span class="time">0:42</span>At 0:42 you paused for 4 s.' in html
    assert "From 0:20 to 0:26 you looked away from the camera (6 s)." in html
    assert "The result of your example was not stated." in html


def test_every_score_has_its_metric_value_and_definition(practice_session: Session) -> None:
    context = report_context(practice_session, tz=UTC)
    first = context["answers"][0]
    pace = next(row for row in first.sub_scores if row["label"] == "Pace")
    assert pace["metric"] == "words_per_minute" and pace["value"].endswith(" wpm") and pace["score"] == 5
    assert "speaking span" in pace["definition"]
    html = render_session_html(practice_session, tz=UTC)
    assert "How each score is measured" in html
    for row in first.sub_scores:
        assert row["label"] in html and row["definition"].split(" (")[0][:40] in html.replace("&#39;", "'")


def test_no_internal_metric_key_where_a_person_reads(practice_session: Session, history: list[Session]) -> None:
    """Issue 17.5: the report printed `words_per_minute` under each score and in the rubric."""
    from app.analysis import rubric

    html = render_session_html(practice_session, history, tz=UTC)
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", body)  # the text, plus what tooltips and titles show
    shown = visible + " ".join(re.findall(r"""(?:title|alt|aria-label)=["']([^"']*)""", body))
    keys = {rule.metric for rules in rubric.RULES.values() for rule in rules if "_" in rule.metric}
    keys |= {row["metric"] for a in report_context(practice_session, tz=UTC)["answers"] for row in a.sub_scores}
    assert "words_per_minute" in keys
    leaked = sorted(key for key in keys if "_" in key and key in shown)
    assert not leaked, leaked


def test_body_language_without_video_says_not_measured(practice_session: Session) -> None:
    second = report_context(practice_session, tz=UTC)["answers"][1]
    body = next(tile for tile in second.scores if tile["label"] == "Body language")
    assert body["score"] is None and body["reason"] == "No video was recorded for this answer."
    assert "body" not in second.charts


def test_self_rating_beside_measurement(practice_session: Session) -> None:
    first = report_context(practice_session, tz=UTC)["answers"][0]
    delivery = next(row for row in first.comparisons if row["label"] == "Delivery")
    measured = practice_session.answers[0].analysis.scores.delivery.score  # type: ignore[union-attr]
    assert delivery["self"] == "4" and delivery["measured"] == f"{measured:.1f}"
    assert delivery["note"] == "you rated yourself higher"


def test_progress_section_uses_only_earlier_sessions(
    practice_session: Session, history: list[Session]
) -> None:
    progress = report_context(practice_session, history, tz=UTC)["progress"]
    assert progress is not None and progress["sessions"] == 3
    assert progress["routine"].week_streak == 2  # weeks of Nov 9 and Nov 16
    later = report_context(history[0], [practice_session, history[1]], tz=UTC)["progress"]
    assert later is None  # the first session has nothing earlier to compare with


def test_answer_report_has_one_answer(practice_session: Session) -> None:
    html = render_answer_html(practice_session, practice_session.answers[1].id, tz=UTC)
    assert "Answer report" in html and "juggle competing priorities" in html
    assert "disagreed with a colleague" not in html
    with pytest.raises(KeyError):
        render_answer_html(practice_session, "no-such-answer")


def test_pace_chart_places_points_by_time_and_rate(practice_session: Session) -> None:
    delivery = practice_session.answers[0].analysis.delivery  # type: ignore[union-attr]
    assert delivery is not None
    svg = pace_chart(delivery.wpm_over_time, 60.0)
    assert svg.count("<circle") == len(delivery.wpm_over_time)
    assert "comfortable 100-165 wpm" in svg

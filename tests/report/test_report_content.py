"""The report's content section: the sentence that carried each talking point and STAR part, the cap on a
non-answer with its reason, and how content is judged. Every answer here is analysed by the real judge."""

from __future__ import annotations

from datetime import UTC

from answer_samples import CONFLICT_QUESTION, STAR_ANSWER, make_transcript, time_of

from app.analysis.answer import analyze_answer
from app.analysis.text import format_time
from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.report.content_evidence import HOW_CONTENT_IS_JUDGED, QUOTE_CHARS
from app.report.context import report_context
from app.report.html import render_session_html
from app.session.typed import analyse_typed_text

LISTENING = "How you listened to the colleague's point of view"
LISTENED = "So I set up a meeting and listened to his point of view first."
KEYWORDS = (
    "Disagreement colleague compromise stakeholders listening decision project teamwork learned others "
    "point of view."
)


def _session(*analyses: object) -> Session:
    session = Session("s-content", "Content check", "2026-11-25T10:00:00+00:00", SessionStatus.COMPLETED)
    session.answers = [
        Answer(f"a{i}", session.id, i, CONFLICT_QUESTION, AnswerStatus.ANALYSED, duration_s=60.0, analysis=a)  # type: ignore[arg-type]
        for i, a in enumerate(analyses)
    ]
    return session


def test_covered_point_shows_the_sentence_that_carried_it_and_when(practice_session: Session) -> None:
    view = report_context(practice_session, tz=UTC)["answers"][0]
    listening = next(row for row in view.talking_points if row["label"] == LISTENING)
    said_at = time_of(make_transcript(STAR_ANSWER), "so i set up a meeting")  # 26 s into the answer
    assert listening["found"] and listening["status"] == "covered"
    assert listening["quote"] == f"“{LISTENED}”" and listening["time"] == format_time(said_at) == "0:26"
    html = render_session_html(practice_session, tz=UTC).replace("&#39;", "'")
    assert f'{LISTENING} <span class="muted small">(covered at 0:26)</span>' in html
    assert f'<span class="said">“{LISTENED}”</span>' in html


def test_long_sentences_are_shortened_with_an_ellipsis(practice_session: Session) -> None:
    content = practice_session.answers[0].analysis.content  # type: ignore[union-attr]
    assert content is not None
    longest = max((p for p in content.talking_points if p.sentence), key=lambda p: len(p.sentence))
    assert len(longest.sentence) > QUOTE_CHARS  # "A colleague wanted to ship a new invoice layout, ..." (170)
    row = next(
        r
        for r in report_context(practice_session, tz=UTC)["answers"][0].talking_points
        if r["label"] == longest.point
    )
    assert row["quote"].endswith("…”") and len(row["quote"]) <= QUOTE_CHARS + 3
    assert longest.sentence.startswith(row["quote"][1:-2])


def test_star_parts_show_the_sentence_that_told_each(practice_session: Session) -> None:
    content = practice_session.answers[0].analysis.content  # type: ignore[union-attr]
    assert content is not None and content.star_parts
    rows = report_context(practice_session, tz=UTC)["answers"][0].star_parts
    assert [r["label"] for r in rows] == ["Situation", "Task", "Action", "Result"]
    for marker in content.star_parts:
        row = rows[[r["label"] for r in rows].index(marker.part.value.capitalize())]
        assert row["found"] and row["time"] == format_time(marker.start)
        assert row["quote"].startswith("“" + marker.cue[:40])
    for row in rows:
        if not row["found"]:
            assert row["status"] == "missing" and row["quote"] == "" and row["time"] == ""


def test_keyword_list_is_capped_and_says_why() -> None:
    strong = analyze_answer(CONFLICT_QUESTION, make_transcript(STAR_ANSWER))
    keywords = analyze_answer(CONFLICT_QUESTION, make_transcript(KEYWORDS))
    assert keywords.scores is not None and strong.scores is not None
    capped = keywords.scores.content
    assert keywords.content is not None and keywords.content.substance != "answer"
    assert capped.score is not None and capped.score <= 1.5 and "at most 1.5" in capped.note
    session = _session(strong, keywords)
    views = report_context(session, tz=UTC)["answers"]
    tile = next(t for t in views[1].scores if t["label"] == "Content")
    assert tile["note"] == capped.note
    assert next(t for t in views[0].scores if t["label"] == "Content")["note"] == ""
    html = render_session_html(session, tz=UTC).replace("&#39;", "'")
    assert f'<div class="small capped">{capped.note}</div>' in html
    assert html.count('class="small capped"') == 1  # only the capped answer carries a note


def test_report_explains_how_content_is_judged(practice_session: Session) -> None:
    html = render_session_html(practice_session, tz=UTC).replace("&#39;", "'").replace("&#34;", '"')
    assert '<h3 id="content-judged">How content is judged</h3>' in html
    assert HOW_CONTENT_IS_JUDGED in html and "at most 1.5" in HOW_CONTENT_IS_JUDGED
    assert 'href="#content-judged"' in html


def test_typed_answer_shows_sentences_but_no_times() -> None:
    typed = analyse_typed_text(STAR_ANSWER.replace("[pause 1] ", ""), CONFLICT_QUESTION)
    view = report_context(_session(typed), tz=UTC)["answers"][0]
    listening = next(row for row in view.talking_points if row["label"] == LISTENING)
    assert listening["found"] and listening["quote"] == f"“{LISTENED}”"
    assert all(row["time"] == "" for row in [*view.talking_points, *view.star_parts])
    answer = render_session_html(_session(typed), tz=UTC).split('id="answer-1"')[1]
    assert "(covered)" in answer and "(found)" in answer
    assert " at 0:" not in answer and ">0:00<" not in answer

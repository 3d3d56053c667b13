"""A session recorded without a camera still gets a report, with body language "not measured"."""

from __future__ import annotations

from app.analysis.answer import analyze_answer
from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.core.transcript import Transcript, Word
from app.report.html import render_session_html


def test_audio_only_session_report_renders() -> None:
    question = Question(id="q", text="Why this role?", category=Category.MOTIVATION, competency="motivation",
                        talking_points=["what draws you to it", "what you bring"], key_terms=["team"])
    words = [Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(["I", "enjoy", "helping", "the", "team", "ship"])]
    analysis = analyze_answer(question, Transcript(words=words), None, None)
    session = Session(id="s1", title="Audio only", created_at="2026-11-25T10:00:00+00:00",
                      status=SessionStatus.COMPLETED)
    session.answers = [Answer(id="a1", session_id="s1", position=0, question=question,
                              status=AnswerStatus.ANALYSED, duration_s=2.4, analysis=analysis)]
    html = render_session_html(session)
    assert "Why this role?" in html
    assert "not measured" in html

"""Render a session (or one answer) as one self-contained HTML file: inline CSS, inline SVG, no scripts.

Self-contained so it can be mailed, archived or opened years later without the app, and so the PDF
(app.report.pdf) is rendered from exactly the same document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from functools import cache
from importlib import resources

import jinja2

from app.analysis import rubric
from app.core.questions import track_title
from app.core.session import Session
from app.report.context import report_context


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("app.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _css() -> str:
    return resources.files("app.report").joinpath("templates/styles.css").read_text(encoding="utf-8")


def render_session_html(
    session: Session,
    history: Sequence[Session] = (),
    weekly_goal: int = 3,
    tz: tzinfo | None = None,
) -> str:
    """The session report. `history`: the user's other sessions, for the progress section (may be empty)."""
    context = report_context(session, history, weekly_goal=weekly_goal, tz=tz)
    return _render(session, context)


def render_answer_html(
    session: Session,
    answer_id: str,
    history: Sequence[Session] = (),
    tz: tzinfo | None = None,
) -> str:
    """The report of one answer of `session` (KeyError when the session has no such answer)."""
    answer = next((a for a in session.answers if a.id == answer_id), None)
    if answer is None:
        raise KeyError(answer_id)
    context = report_context(session, history, answers=[answer], tz=tz)
    context["progress"] = None
    return _render(session, context)


def _render(session: Session, context: dict[str, object]) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        **context, css=_css(), track=track_title(session.track), retry_below=rubric.RETRY_BELOW
    )

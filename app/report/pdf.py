"""The PDF report: the same HTML document as the HTML report, laid out for A4 by WeasyPrint.

Why WeasyPrint and not Qt:
- The report's content is HTML + CSS with inline SVG charts. WeasyPrint renders exactly that (flex and
  grid layout, @page margins with page numbers, SVG), so the PDF shows the same content as the HTML
  file and there is one template to maintain.
- Qt's QTextDocument + QPdfWriter only understand a small rich-text subset of HTML 4 and CSS: no inline
  SVG, no flex/grid, no border-radius, so every chart would have to be rasterised and the layout
  re-done. It would also make the headless `mock-interview report` command load Qt, which app.report
  must not import (import-linter contract).
- QtWebEngine's printToPdf would render it faithfully but adds about 265 MB (the full PySide6 with
  Chromium) to the bundle; WeasyPrint is a few MB of pure Python on top of Pango.
WeasyPrint needs the Pango libraries at runtime (Debian: libpango-1.0-0, libpangoft2-1.0-0; harfbuzz,
fontconfig and fonts come with them). `pdf_available()` reports a clear reason when they are missing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import tzinfo

from app.core.diagnostics import Check
from app.core.errors import UserFacingError
from app.core.session import Session
from app.report.html import render_answer_html, render_session_html

log = logging.getLogger(__name__)


class PdfUnavailable(UserFacingError):
    """WeasyPrint or the Pango libraries it needs are not installed."""


def _weasyprint():  # type: ignore[no-untyped-def]
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: libpango missing
        raise PdfUnavailable(
            f"PDF export is unavailable: {error}",
            "Save the report as HTML instead, or install Pango (Debian/Ubuntu: apt install libpango-1.0-0 "
            "libpangoft2-1.0-0).",
        ) from error
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    """Lay out a self-contained HTML document (no external resources) as a PDF."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=None)
    pdf = document.write_pdf()
    assert pdf is not None
    return bytes(pdf)


def render_session_pdf(
    session: Session, history: Sequence[Session] = (), weekly_goal: int = 3, tz: tzinfo | None = None
) -> bytes:
    return html_to_pdf(render_session_html(session, history, weekly_goal, tz))


def render_answer_pdf(
    session: Session, answer_id: str, history: Sequence[Session] = (), tz: tzinfo | None = None
) -> bytes:
    return html_to_pdf(render_answer_html(session, answer_id, history, tz))


def pdf_available() -> Check:
    """For `doctor`: can PDF reports be written on this machine?"""
    try:
        weasyprint = _weasyprint()
    except PdfUnavailable as error:
        return Check("PDF reports", False, error.message, error.advice)
    return Check("PDF reports", True, f"WeasyPrint {weasyprint.__version__}")

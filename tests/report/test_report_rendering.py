"""The report as a user opens it: rendered by real headless Chromium, and as a PDF turned into page images.

Slow: Chromium takes a few seconds to start and WeasyPrint a few more to lay out the document.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.session import Session
from app.session.reports import write_report

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")

KEY_TEXTS = [
    "You said 'um' 9 times, 5 of them in the first 30 s.",
    "At 0:42 you paused for 4 s.",
    "From 0:20 to 0:26 you looked away from the camera (6 s).",
    "The result of your example was not stated.",
    "How each score is measured",
    "Pace over time (words per minute, 20 s window)",  # in words: no internal key such as words_per_minute
    "No video was recorded for this answer.",
]


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def written(
    practice_session: Session, history: list[Session], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("report")
    paths = write_report(practice_session, history, out / "report.html", out / "report.pdf")
    assert [p.name for p in paths] == ["report.html", "report.pdf"]
    return out


def _numbers(session: Session) -> list[str]:
    """Each answer's overall score as the report prints it."""
    return [f"{a.analysis.scores.overall:.1f}" for a in session.answers]  # type: ignore[union-attr]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt install chromium)")
def test_html_renders_in_headless_chromium(written: Path, practice_session: Session, tmp_path: Path) -> None:
    html_file = written / "report.html"
    dom = _chromium(["--dump-dom", html_file.as_uri()], tmp_path / "profile").stdout
    text = dom.replace("&#39;", "'").replace("&amp;", "&")
    for key in KEY_TEXTS:
        assert key in text
    for number in _numbers(practice_session):
        assert f">{number} <small>/ 5</small>" in dom
    shot = tmp_path / "report.png"
    _chromium([f"--screenshot={shot}", "--window-size=1280,2000", html_file.as_uri()], tmp_path / "profile2")
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one


@pytest.mark.skipif(
    PDFTOPPM is None or PDFTOTEXT is None, reason="poppler-utils (pdftoppm, pdftotext) is not installed"
)
def test_pdf_has_the_same_content_and_converts_to_page_images(
    written: Path, practice_session: Session, tmp_path: Path
) -> None:
    pdf = written / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for key in KEY_TEXTS:
        assert " ".join(key.split()) in flat.replace("’", "'"), key
    for number in _numbers(practice_session):
        assert f"{number} / 5" in flat
    subprocess.run([PDFTOPPM, "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    assert all(page.stat().st_size > 5_000 for page in pages)

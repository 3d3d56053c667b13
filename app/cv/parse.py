"""Read a CV's text from a .txt, .pdf or .docx file (pypdf and python-docx, both offline)."""

from __future__ import annotations

import logging
from pathlib import Path

from app.core.errors import UserFacingError

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
MAX_CV_BYTES = 20 * 1024 * 1024  # a CV is a few pages; anything this big is not one
MIN_CV_WORDS = 20


class CvReadError(UserFacingError):
    """A CV file that is missing, empty, of another kind, or whose text cannot be read."""


def read_cv(path: Path) -> str:
    """The CV's text, one line per line or paragraph. Raises CvReadError with what to do next."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = (
            " Save it as .docx or PDF from your word processor." if suffix in (".doc", ".odt", ".rtf") else ""
        )
        raise CvReadError(
            f"{path.name} is not a CV file this app can read ({suffix or 'no extension'}).",
            f"Use a .pdf, .docx or .txt file.{hint}",
        )
    try:
        size = path.stat().st_size
    except OSError as error:
        raise CvReadError(
            f"Cannot open {path.name}: {error.strerror or error}.", "Check the file name and that it exists."
        ) from error
    if size == 0:
        raise CvReadError(f"{path.name} is empty.", "Choose the file that holds your CV.")
    if size > MAX_CV_BYTES:
        raise CvReadError(
            f"{path.name} is {size // (1024 * 1024)} MB: too big to be a CV.", "Choose your CV file."
        )
    reader = {".pdf": _pdf_text, ".docx": _docx_text}.get(suffix, _plain_text)
    text = _tidy(reader(path))
    if len(text.split()) < MIN_CV_WORDS:
        scanned = (
            " A scanned PDF holds pictures of text: export the CV as PDF from your word processor."
            if (suffix == ".pdf")
            else ""
        )
        raise CvReadError(
            f"{path.name} holds almost no text ({len(text.split())} words).",
            f"Choose the file with your whole CV.{scanned}",
        )
    return text


def _plain_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise CvReadError(f"{path.name} is not a text file.", "Use a .pdf, .docx or .txt file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its header warnings repeat our own message
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise CvReadError(
                f"{path.name} is password-protected.", "Save a copy without a password and choose that."
            )
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except CvReadError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as error:  # pypdf's ways of saying "not a PDF"
        log.info("could not read %s as PDF: %s", path, error)
        raise CvReadError(
            f"{path.name} could not be read as a PDF (it may be damaged or not a PDF).",
            "Export the CV as PDF again, or use the .docx or .txt version.",
        ) from error


def _docx_text(path: Path) -> str:
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        log.info("could not read %s as .docx: %s", path, error)
        raise CvReadError(
            f"{path.name} could not be read as a Word document (it may be damaged, or an old .doc renamed).",
            "Open it in your word processor, save it as .docx or PDF, and choose that file.",
        ) from error
    lines = []
    for paragraph in document.paragraphs:  # a Word bullet is a list style, not a character in the text
        style = paragraph.style.name if paragraph.style is not None else ""
        listed = style.lower().startswith("list") or paragraph._p.pPr is not None and paragraph._p.pPr.numPr
        lines.append(f"• {paragraph.text}" if listed and paragraph.text.strip() else paragraph.text)
    for table in document.tables:  # CVs often lay out dates and employers in tables
        for row in table.rows:
            cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells if cell.text.strip()))
            lines.append("  |  ".join(cells))
    return "\n".join(lines)


def _tidy(text: str) -> str:
    """Normalise spaces and drop empty lines; PDF text often has non-breaking and doubled spaces."""
    lines = (" ".join(line.replace("\u00a0", " ").split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)

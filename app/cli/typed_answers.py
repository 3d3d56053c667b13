"""`mock-interview analyze --text FILE...`: typed answers read from text files.

Each file is one answer, analysed by `app.session.typed.analyse_typed_text` (the GUI's typed mode uses
the same path), so delivery and body language are "not measured" and nothing is said about its length:
nothing measured how long the answer took, so `duration_s` is None, never a made-up number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.analysis_result import AnswerAnalysis
from app.core.errors import UserFacingError
from app.core.questions import Question

# One typed answer is a few hundred words; a file much bigger than this is not an answer.
MAX_BYTES = 256 * 1024

_SAVE_AS_TEXT = "Save the answer as plain text (UTF-8) in a text editor and try again."


@dataclass
class TypedAnswerResult:
    """What `analyze` reports for one typed answer; the same attributes as a RecordingAnalysis."""

    analysis: AnswerAnalysis
    words: int
    duration_s: float | None = None  # a text file does not say how long the answer took
    has_audio: bool = False
    has_video: bool = False
    typed: bool = True
    notices: list[str] = field(default_factory=list)


def read_answer_text(path: Path) -> str:
    """The text of a typed answer. Raises UserFacingError naming the file and what to do."""
    if not path.exists():
        raise UserFacingError(f"{path} does not exist.", "Check the file name and try again.")
    if path.is_dir():
        raise UserFacingError(f"{path} is a folder, not a text file.", "Give the text file of one answer.")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise UserFacingError(f"{path.name} could not be read ({error.strerror or error}).",
                              "Check that the file is readable and try again.") from error
    if len(data) > MAX_BYTES:
        raise UserFacingError(f"{path.name} is too long for one typed answer (over {MAX_BYTES // 1024} KB).",
                              "Give one answer per file, or leave out --text to analyse a recording.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserFacingError(f"{path.name} is saved as UTF-16 text, which is not read.", _SAVE_AS_TEXT)
    if b"\x00" in data:
        raise UserFacingError(f"{path.name} is not a text file (it contains binary data).",
                              "Give a plain-text (UTF-8) file, or leave out --text to analyse a recording.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserFacingError(f"{path.name} is not UTF-8 text (unreadable byte at position {error.start}).",
                              _SAVE_AS_TEXT) from error
    if not text.strip():
        raise UserFacingError(f"{path.name} is empty: it has no answer in it.",
                              "Type the answer into the file and try again.")
    return text


def analyse_text_file(path: Path, question: Question, job_terms: list[str]) -> TypedAnswerResult:
    """Read and analyse one typed answer. Raises UserFacingError for a file that is not a usable answer."""
    from app.session.typed import analyse_typed_text

    text = read_answer_text(path)
    analysis = analyse_typed_text(text, question, job_terms)
    words = len(analysis.transcript.words) if analysis.transcript is not None else 0
    if not words:
        raise UserFacingError(f"{path.name} has no words in it, only punctuation or symbols.",
                              "Type the answer into the file and try again.")
    return TypedAnswerResult(analysis, words)


# What a typed answer does not have: times (its words carry 0.0 placeholders), a spoken length and a
# recognition probability. In its JSON they are null; lists of times keep their length (a count).
_UNMEASURED_KEYS = frozenset({"start", "end", "time", "first_time", "duration_s", "probability"})


def without_times(value: Any) -> Any:
    """`value` (JSON-ready dicts and lists) with the placeholder times of a typed answer made null."""
    if isinstance(value, dict):
        return {key: None if key in _UNMEASURED_KEYS
                else [None] * len(item) if key == "times" and isinstance(item, list)
                else without_times(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [without_times(item) for item in value]
    return value

"""Read bank files safely and load every bank, so one broken file never stops the others.

A file is refused before parsing when it is too large (its size is checked first and at most
MAX_BANK_BYTES + 1 bytes are ever read), when it is not UTF-8, or when it is not valid YAML. Each refusal is
a BankFormatError naming the file, and the line where the parser or decoder stopped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.banks.schema import FORMAT_VERSION, ParsedBank, build_bank
from app.core.errors import BankFormatError
from app.core.questions import DIFFICULTY_NAMES, Question, QuestionBank

log = logging.getLogger(__name__)

MAX_BANK_BYTES = 2 * 1024 * 1024
BANK_SUFFIXES = (".yaml", ".yml")


@dataclass
class BankLibrary:
    """Every bank that loaded, and the problems of those (or the questions) that did not.

    Unpacks as `banks, problems = load_all_banks()`.
    """

    banks: list[QuestionBank] = field(default_factory=list)
    problems: list[BankFormatError] = field(default_factory=list)

    def __iter__(self) -> Iterator[object]:
        yield self.banks
        yield self.problems

    def bank(self, bank_id: str) -> QuestionBank | None:
        return next((bank for bank in self.banks if bank.id == bank_id), None)

    def questions(self, tracks: list[str] | None = None) -> list[Question]:
        return [q for bank in self.banks if not tracks or bank.track in tracks for q in bank.questions]

    def question(self, question_id: str) -> Question | None:
        for bank in self.banks:
            found = bank.question(question_id)
            if found is not None:
                return found
        return None

    def track_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for bank in self.banks:
            counts[bank.track] = counts.get(bank.track, 0) + len(bank.questions)
        return counts


def read_bank_text(path: Path) -> str:
    """The file's text, refusing files that are too large or not UTF-8 without parsing them."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            if size > MAX_BANK_BYTES:
                raise _too_large(name, size)
            data = handle.read(MAX_BANK_BYTES + 1)  # the file may grow between stat and read
    except OSError as error:
        raise BankFormatError(name, f"cannot be read: {error.strerror or error}") from error
    if len(data) > MAX_BANK_BYTES:
        raise _too_large(name, len(data))
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BankFormatError(name, "is a binary file, not a YAML text file", line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        bad = data[error.start]
        raise BankFormatError(
            name,
            f"is not UTF-8 text: byte 0x{bad:02X} at line {line}, column {column} cannot be decoded "
            "(probably saved as Latin-1 or Windows-1252); save the file with UTF-8 encoding",
            line,
        ) from error


def _too_large(name: str, size: int) -> BankFormatError:
    return BankFormatError(
        name,
        f"is {size / (1024 * 1024):.1f} MB; a bank file may be at most {MAX_BANK_BYTES // (1024 * 1024)} MB "
        "(about 5,000 questions), so it was not read",
    )


def parse_bank_text(text: str, path: str, read_only: bool = False) -> ParsedBank:
    """Parse and check a bank's YAML text; syntax errors become a problem with their line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return ParsedBank(None, [_syntax_error(error, text, path)])
    except yaml.YAMLError as error:
        return ParsedBank(None, [BankFormatError(path, f"YAML error: {error}")])
    except RecursionError:
        return ParsedBank(None, [BankFormatError(path, "is nested too deeply to be a question bank")])
    return build_bank(root, path, read_only)


def _syntax_error(error: yaml.MarkedYAMLError, text: str, path: str) -> BankFormatError:
    """Point at the line where the broken construct starts when the parser only noticed at the end."""
    mark = error.problem_mark
    if mark is None or (error.context_mark is not None and "end of stream" in (error.problem or "")):
        mark = error.context_mark or mark
    line = int(mark.line) + 1 if mark is not None else None
    detail = " ".join(part for part in (error.context, error.problem) if part)
    field = None
    if line is not None:
        lines = text.splitlines()
        key = re.match(r"^\s*(?:-\s+)?([A-Za-z_]+)\s*:", lines[line - 1]) if line <= len(lines) else None
        field = key.group(1) if key else None
    return BankFormatError(
        path, f"YAML syntax error: {detail}; check quotes, colons and indentation", line, field
    )


def read_bank(path: Path, read_only: bool = False) -> ParsedBank:
    """Read and check one bank file. Never raises for a bad file: problems are in the result."""
    try:
        text = read_bank_text(path)
    except BankFormatError as error:
        return ParsedBank(None, [error])
    return parse_bank_text(text, str(path), read_only)


def load_bank(path: Path, read_only: bool = False) -> QuestionBank:
    """Load one bank strictly: raises the first BankFormatError if anything in the file is wrong."""
    parsed = read_bank(path, read_only)
    if parsed.problems or parsed.bank is None:
        raise parsed.problems[0]
    return parsed.bank


def bank_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in BANK_SUFFIXES)


def load_all_banks(bundled_dir: Path | None = None, user_dir: Path | None = None) -> BankLibrary:
    """Bundled banks (read-only) then the user's banks; ids must be unique across all of them."""
    from app.platform.paths import app_paths, bundled_banks_dir

    bundled_dir = bundled_banks_dir() if bundled_dir is None else bundled_dir
    user_dir = app_paths().user_banks if user_dir is None else user_dir
    library = BankLibrary()
    question_owner: dict[str, str] = {}
    for directory, read_only in ((bundled_dir, True), (user_dir, False)):
        for path in bank_files(directory):
            parsed = read_bank(path, read_only)
            library.problems.extend(parsed.problems)
            bank = parsed.bank
            if bank is None:
                continue
            other = library.bank(bank.id)
            if other is not None:
                library.problems.append(
                    BankFormatError(
                        str(path),
                        f"bank id '{bank.id}' is already used by {other.path}; give this bank another id",
                        parsed.id_line,
                        "id",
                    )
                )
                continue
            kept = []
            for question in bank.questions:
                owner = question_owner.get(question.id)
                if owner is not None:
                    library.problems.append(
                        BankFormatError(
                            str(path),
                            f"question id '{question.id}' is already used in bank '{owner}'; skipped",
                            parsed.question_lines.get(question.id),
                            "id",
                        )
                    )
                    continue
                question_owner[question.id] = bank.id
                kept.append(question)
            bank.questions = kept
            library.banks.append(bank)
    for problem in library.problems:
        log.warning("question bank problem: %s", problem.message)
    return library


def bank_to_dict(bank: QuestionBank) -> dict[str, object]:
    """The bank as it is written to a file (track and bank id are not repeated on each question).

    A talking point with example phrasings is written as `{point: ..., examples: [...]}`, one without as
    plain text, so a bank without examples looks exactly as before.
    """
    questions = []
    for q in bank.questions:
        item: dict[str, object] = {
            "id": q.id,
            "text": q.text,
            "category": q.category.value,
            "competency": q.competency,
            "difficulty": DIFFICULTY_NAMES.get(q.difficulty, q.difficulty),
            "target_seconds": q.target_seconds,
            "star_expected": q.star_expected,
            "talking_points": [
                {"point": point, "examples": list(examples)} if examples else point
                for point, examples in zip(q.talking_points, _examples(q), strict=True)
            ],
            "key_terms": list(q.key_terms),
        }
        if q.follow_ups:
            item["follow_ups"] = list(q.follow_ups)
        if q.notes:
            item["notes"] = q.notes
        questions.append(item)
    data: dict[str, object] = {
        "format": FORMAT_VERSION,
        "id": bank.id,
        "title": bank.title,
        "track": bank.track,
        "language": bank.language,
        "version": str(bank.version),
        "licence": bank.licence,
    }
    if bank.description:
        data["description"] = bank.description
    data["questions"] = questions
    return data


def _examples(question: Question) -> list[list[str]]:
    examples = list(question.point_examples)[: len(question.talking_points)]
    return examples + [[] for _ in range(len(question.talking_points) - len(examples))]


def bank_to_yaml(bank: QuestionBank) -> str:
    return yaml.safe_dump(bank_to_dict(bank), sort_keys=False, allow_unicode=True, width=100)

"""What the question-bank dialogs do, without widgets: validate an edited question, import and export.
(The GUI's banks and debrief dialogs call it; it was app/gui/pages/bank_editor_model.py.)

An edited question is checked by the banks' own validation: the bank with the question in place is
written as the YAML it would be saved as and parsed back (app.banks.loader), and each problem's field
path (`questions[4].talking_points[1]`) is turned into the form field it belongs to. Nothing here
re-states a rule of the format, so the form and the files can never disagree.

The one thing the form adds is how example phrasings are typed: one per line, each starting with the
number of its talking point (`2: I'd start by asking what they need`). `split_examples` reads those lines
and explains, in a sentence, each line it cannot place.

The format's messages are written to follow a field path in a file's problem list ("questions[4].competency:
is empty; write the text"); the form shows each as a whole sentence about its field (`as_sentence`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.banks.loader import BankLibrary, bank_to_yaml, load_all_banks, parse_bank_text, read_bank
from app.core.errors import BankFormatError
from app.core.questions import Question, QuestionBank

# Form fields, in the order the form shows them, with the names a person reads.
FIELD_LABELS: dict[str, str] = {
    "text": "Question",
    "category": "Category",
    "competency": "Competency",
    "difficulty": "Difficulty",
    "target_seconds": "Target length",
    "star_expected": "STAR answer expected",
    "talking_points": "Talking points",
    "point_examples": "Example phrasings",
    "key_terms": "Key terms",
    "follow_ups": "Follow-up questions",
}
_FIELD_PATH = re.compile(r"^questions\[(\d+)\](?:\.([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+)(?:\[(\d+)\])?)?)?$")
_EXAMPLE_LINE = re.compile(r"^\s*(\d{1,3})\s*(?:[:)]|\.(?!\d))\s*(.*)$")  # 2: / 2) / 2. (not 2.5)


@dataclass
class QuestionProblems:
    """Validation messages for one edited question: per form field, and those no field owns."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)


# What a sentence calls each form field; a field's items are "Line 2 of the talking points".
_SUBJECTS = {"text": "The question"}
_EMPTY = "is empty; write the text"
_COUNT = re.compile(r"^has (\d+) items; expected (\d+) to (\d+)$")
_LENGTH = re.compile(r"^is (\d+) characters long; at most (\d+) are allowed$")
_RANGE = re.compile(r"^(.+) is out of range; expected (.+) to (.+)$")
_TYPE = re.compile(r"^expected (.+?), got (.+?)(?: \(.*\))?$")


def as_sentence(detail: str, subject: str = "", items: str = "items", line: bool = False) -> str:
    """One of the bank format's messages ("is empty; write the text") as a whole sentence about `subject`.

    Args:
        detail: the format's message, written to follow a field's path.
        subject: what the message is about ("Competency", "Line 2 of the talking points"); "" when the
            message names it itself ("'x' is not a valid id").
        items: what a field's list holds, for a wrong count ("talking points").
        line: the subject is one line of a list, which can also be deleted.
    """
    if detail == _EMPTY and subject:
        return f"{subject} is empty: write it in{', or delete the line' if line else ''}."
    if (match := _COUNT.match(detail)) is not None:
        count, low, high = (int(group) for group in match.groups())
        if count == 0:
            now = "there are none yet"
        else:
            now = "there is 1 now" if count == 1 else f"there are {count} now"
        verb = "Write" if count < low else "Keep"
        return f"{verb} {low} to {high} {items} ({now})."
    if (match := _LENGTH.match(detail)) is not None and subject:
        return f"{subject} is {match[1]} characters long: shorten it to {match[2]} characters at most."
    if (match := _RANGE.match(detail)) is not None and subject:
        return f"{subject} must be from {match[2]} to {match[3]}; {match[1]} is out of range."
    if (match := _TYPE.match(detail)) is not None and subject:
        return f"{subject} should be {match[1]}, not {match[2]}."
    if subject and detail.startswith(("is ", "has ")):
        return _finished(f"{subject} {detail}")
    return _finished(f"{subject}: {detail}" if subject else detail)


def _finished(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def split_lines(text: str) -> list[str]:
    """One item per non-empty line (talking points, follow-ups, debrief questions)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def split_terms(text: str) -> list[str]:
    """Key terms typed as `sql, dashboards; stakeholders` or one per line."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def split_examples(text: str, point_count: int) -> tuple[list[list[str]], list[str]]:
    """Example lines written `N: phrasing` -> one list per talking point, and a sentence per bad line."""
    examples: list[list[str]] = [[] for _ in range(point_count)]
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _EXAMPLE_LINE.match(line)
        if match is None:
            problems.append(
                f"Line {number} does not say which talking point it is for: start it with the point's "
                "number and a colon, like “2: I'd start by asking what they need”."
            )
            continue
        point, phrasing = int(match.group(1)), match.group(2).strip()
        if not 1 <= point <= point_count:
            if point_count == 0:
                there = "there are no talking points yet"
            elif point_count == 1:
                there = "there is only 1 talking point"
            else:
                there = f"there are only {point_count} talking points"
            problems.append(f"Line {number} is for talking point {point}, but {there}.")
        elif not phrasing:
            problems.append(
                f"Line {number} has the number {point} but nothing after it: write what a candidate "
                "would say, or delete the line."
            )
        else:
            examples[point - 1].append(phrasing)
    return examples, problems


def join_examples(question: Question) -> str:
    """The form's text for a question's example phrasings: `N: phrasing` lines, in point order."""
    return "\n".join(
        f"{index}: {phrasing}"
        for index, examples in enumerate(question.point_examples, start=1)
        for phrasing in examples
    )


def with_question(bank: QuestionBank, question: Question, index: int | None) -> QuestionBank:
    """A copy of the bank with `question` replacing the one at `index` (None: added at the end)."""
    questions = list(bank.questions)
    if index is None:
        questions.append(question)
    else:
        questions[index] = question
    return dataclasses.replace(bank, questions=questions)


def without_question(bank: QuestionBank, index: int) -> QuestionBank:
    return dataclasses.replace(bank, questions=[q for i, q in enumerate(bank.questions) if i != index])


def question_problems(bank: QuestionBank, index: int) -> QuestionProblems:
    """Check the bank as it would be saved and return the problems of question `index`."""
    parsed = parse_bank_text(bank_to_yaml(bank), bank.path or f"{bank.id}.yaml")
    problems = QuestionProblems()
    for problem in parsed.problems:
        match = _FIELD_PATH.match(problem.field or "")
        if match is None or int(match.group(1)) != index:
            problems.general.append(as_sentence(problem.detail))
            continue
        name, item, sub, sub_item = match.group(2), match.group(3), match.group(4), match.group(5)
        if name == "talking_points" and item is not None and sub == "examples":
            # A point's examples (`talking_points[1].examples[0]`) belong to the examples box.
            name = "point_examples"
            point = f"talking point {int(item) + 1}"
            if sub_item is not None:
                message = as_sentence(problem.detail, f"Example {int(sub_item) + 1} of {point}", line=True)
            else:
                message = as_sentence(problem.detail, f"The examples for {point}", f"examples for {point}")
        elif name not in FIELD_LABELS or (sub is not None and sub != "point"):
            problems.general.append(as_sentence(problem.detail))
            continue
        else:
            label = FIELD_LABELS[name]
            if item is not None:
                subject = f"Line {int(item) + 1} of the {label.lower()}"
                message = as_sentence(problem.detail, subject, line=True)
            else:
                message = as_sentence(problem.detail, _SUBJECTS.get(name, label), label.lower())
        problems.fields.setdefault(name, []).append(message)
    return problems


def unique_question_id(bank_id: str, text: str, taken: Iterable[str]) -> str:
    """A stable id for a new question: the bank's id and the question's first words, made unique."""
    from app.banks.user_banks import slugify

    used = set(taken)
    base = f"{bank_id}-{slugify(text, 30)}"[:76].rstrip("-")
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def problem_line(problem: BankFormatError) -> str:
    """`file:line [field]: message`, with the file's name rather than its whole path."""
    where = Path(problem.path).name or problem.path
    if problem.line is not None:
        where += f":{problem.line}"
    if problem.field:
        where += f" [{problem.field}]"
    return f"{where}: {problem.detail}"


# ---- background jobs (run through the TaskRunner) ------------------------------------------------


def load_library() -> BankLibrary:
    return load_all_banks()


@dataclass
class ImportResult:
    bank: QuestionBank | None
    problems: list[BankFormatError] = field(default_factory=list)


def import_bank(path: Path) -> ImportResult:
    """Every problem of the file, or the bank copied into the user's folder; never half of it."""
    from app.banks.user_banks import import_bank_file

    parsed = read_bank(path)
    if parsed.problems or parsed.bank is None:
        return ImportResult(None, parsed.problems)
    try:
        return ImportResult(import_bank_file(path))
    except BankFormatError as error:  # an id already taken by another bank
        return ImportResult(None, [error])


def export_bank(bank_id: str, destination: Path) -> Path:
    from app.banks.user_banks import export_bank as export

    return export(bank_id, destination)


def save_bank(bank: QuestionBank) -> QuestionBank:
    from app.banks.user_banks import save_user_bank

    return save_user_bank(bank)


def create_bank(title: str, track: str) -> QuestionBank:
    from app.banks.user_banks import create_user_bank

    return create_user_bank(title, track=track)


def delete_bank(bank_id: str) -> str:
    from app.banks.user_banks import delete_user_bank

    delete_user_bank(bank_id)
    return bank_id


@dataclass
class DebriefRow:
    question: str
    how_it_went: str = ""


def save_debrief(rows: Sequence[DebriefRow], company: str, role: str, date: dt.date) -> QuestionBank:
    """Background: add the remembered questions to the "From my interviews" bank."""
    from app.banks.debrief import DebriefEntry, record_debrief

    entries = [
        DebriefEntry(row.question.strip(), row.how_it_went.strip()) for row in rows if row.question.strip()
    ]
    return record_debrief(entries, company=company, role=role, date=date)


def bank_line(bank: QuestionBank) -> str:
    """A bank in a list: its title, how many questions it has, and whether it can be edited."""
    count = len(bank.questions)
    origin = "bundled, read-only" if bank.read_only else "yours"
    return f"{bank.title}  ({count} question{'' if count == 1 else 's'}, {origin})"

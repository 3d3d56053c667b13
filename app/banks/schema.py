"""Check a bank's YAML node tree and build a QuestionBank, naming the line and field of every problem.

We validate the composed node tree (yaml.compose), not the constructed Python objects, because only
the nodes remember where in the file each value came from. Every problem becomes a BankFormatError
with the file, the 1-based line and a field path such as `questions[3].talking_points`.

A talking point is either text or a mapping `{point: text, examples: [text, ...]}`: the examples are
sentences a candidate might say for that point (1-5 of them), problems in them are reported under
`questions[3].talking_points[1].examples[0]`.

A problem in the bank's own fields (id, title, track, questions) refuses the whole bank; a problem in
one question skips that question only, so a user's bank with one typo still offers the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yaml.nodes import Node, SequenceNode

from app.banks.yaml_checks import Checker, describe, line_of
from app.core.errors import BankFormatError
from app.core.questions import MEDIUM, Category, Question, QuestionBank

FORMAT_VERSION = 1
MIN_TALKING_POINTS, MAX_TALKING_POINTS = 3, 6
MIN_KEY_TERMS, MAX_KEY_TERMS = 1, 12
MAX_FOLLOW_UPS = 6
MAX_QUESTIONS = 1000
MIN_TARGET_SECONDS, MAX_TARGET_SECONDS = 15, 600

BANK_REQUIRED = ("id", "title", "track", "questions")
BANK_OPTIONAL = ("format", "language", "version", "licence", "description")
QUESTION_REQUIRED = ("id", "text", "category", "competency", "talking_points", "key_terms")
QUESTION_OPTIONAL = ("difficulty", "target_seconds", "star_expected", "follow_ups", "notes")

@dataclass
class ParsedBank:
    """The result of checking one file: the bank (None if refused), its problems, and where things are."""

    bank: QuestionBank | None
    problems: list[BankFormatError] = field(default_factory=list)
    id_line: int | None = None
    question_lines: dict[str, int] = field(default_factory=dict)


def build_bank(root: Node | None, path: str, read_only: bool) -> ParsedBank:
    """Check the node tree of one bank file and build the bank from what is valid."""
    checker = Checker(path)
    if root is None:
        checker.problems.append(
            BankFormatError(path, "the file is empty; a bank needs id, title, track and questions", 1)
        )
        return ParsedBank(None, checker.problems)
    items = checker.mapping(root, "", "the bank to be a mapping")
    if items is None:
        return ParsedBank(None, checker.problems)
    checker.fields(items, root, "", BANK_REQUIRED, BANK_OPTIONAL, "the bank")
    values: dict[str, str | None] = {}
    for name in ("id", "title", "track", "language", "version", "licence", "description"):
        if name in items:
            node = items[name][1]
            if name in ("id", "track"):
                values[name] = checker.identifier(node, name)
            else:
                values[name] = checker.text(
                    node, name, allow_empty=name in ("description", "licence"), any_scalar=name == "version"
                )
    if "format" in items:
        version = checker.integer(items["format"][1], "format", 1, FORMAT_VERSION)
        if version is None:
            checker.problems[-1].advice = "This bank was written for a newer version of the app."
    questions_node = items["questions"][1] if "questions" in items else None
    if questions_node is not None and not isinstance(questions_node, SequenceNode):
        checker.problem(
            questions_node, "questions", f"expected a list of questions, got {describe(questions_node)}"
        )
    elif questions_node is not None and len(questions_node.value) > MAX_QUESTIONS:
        checker.problem(
            questions_node, "questions", f"has {len(questions_node.value)} questions; at most {MAX_QUESTIONS}"
        )
    if checker.problems:
        return ParsedBank(None, checker.problems)

    bank_id, track = str(values["id"]), str(values["track"])
    bank = QuestionBank(
        id=bank_id,
        title=str(values["title"]),
        track=track,
        language=values.get("language") or "en",
        version=values.get("version") or "1",
        licence=values.get("licence") or "",
        description=values.get("description") or "",
        path=path,
        read_only=read_only,
    )
    parsed = ParsedBank(bank, checker.problems, id_line=line_of(items["id"][1]))
    assert isinstance(questions_node, SequenceNode)
    for index, node in enumerate(questions_node.value):
        question = _build_question(checker, node, f"questions[{index}]", bank_id, track)
        if question is None:
            continue
        question.language = bank.language
        if question.id in parsed.question_lines:
            first = parsed.question_lines[question.id]
            id_node = node.value[[k.value for k, _ in node.value].index("id")][1]
            checker.problem(
                id_node,
                f"questions[{index}].id",
                f"duplicate question id '{question.id}' (first used on line {first}); ids must be unique",
            )
            continue
        parsed.question_lines[question.id] = line_of(node)
        bank.questions.append(question)
    return parsed


def _build_question(checker: Checker, node: Node, prefix: str, bank_id: str, track: str) -> Question | None:
    before = len(checker.problems)
    items = checker.mapping(node, prefix, "a question to be a mapping")
    if items is None:
        return None
    checker.fields(items, node, prefix, QUESTION_REQUIRED, QUESTION_OPTIONAL, "the question")

    def get(name: str) -> Node | None:
        return items[name][1] if name in items else None

    def where(name: str) -> str:
        return f"{prefix}.{name}"

    id_node, text_node, category_node = get("id"), get("text"), get("category")
    question_id = checker.identifier(id_node, where("id")) if id_node else None
    text = checker.text(text_node, where("text")) if text_node else None
    category = checker.category(category_node, where("category")) if category_node else None
    competency_node = get("competency")
    competency = checker.text(competency_node, where("competency"), max_chars=60) if competency_node else None
    points_node, terms_node, follow_node = get("talking_points"), get("key_terms"), get("follow_ups")
    points = (
        checker.talking_points(points_node, where("talking_points"), MIN_TALKING_POINTS, MAX_TALKING_POINTS)
        if points_node
        else None
    )
    talking_points, point_examples = points if points is not None else (None, None)
    key_terms = (
        checker.text_list(terms_node, where("key_terms"), MIN_KEY_TERMS, MAX_KEY_TERMS)
        if terms_node
        else None
    )
    follow_ups = checker.text_list(follow_node, where("follow_ups"), 0, MAX_FOLLOW_UPS) if follow_node else []
    difficulty_node, seconds_node, star_node, notes_node = (
        get("difficulty"),
        get("target_seconds"),
        get("star_expected"),
        get("notes"),
    )
    difficulty = checker.difficulty(difficulty_node, where("difficulty")) if difficulty_node else MEDIUM
    target = (
        checker.integer(seconds_node, where("target_seconds"), MIN_TARGET_SECONDS, MAX_TARGET_SECONDS)
        if seconds_node
        else 90
    )
    star = (
        checker.boolean(star_node, where("star_expected")) if star_node else category == Category.BEHAVIORAL
    )
    notes = checker.text(notes_node, where("notes"), max_chars=2000, allow_empty=True) if notes_node else ""
    if len(checker.problems) > before:
        return None
    assert question_id and text and category and competency and talking_points and key_terms
    assert point_examples is not None
    assert difficulty is not None and target is not None and star is not None and follow_ups is not None
    return Question(
        id=question_id,
        text=text,
        category=category,
        competency=competency,
        difficulty=difficulty,
        target_seconds=target,
        star_expected=star,
        talking_points=talking_points,
        point_examples=point_examples,
        key_terms=key_terms,
        follow_ups=follow_ups,
        track=track,
        bank_id=bank_id,
        notes=notes or "",
    )

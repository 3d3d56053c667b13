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

import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from app.core.errors import BankFormatError
from app.core.questions import DIFFICULTY_BY_NAME, DIFFICULTY_NAMES, MEDIUM, Category, Question, QuestionBank

FORMAT_VERSION = 1
MIN_TALKING_POINTS, MAX_TALKING_POINTS = 3, 6
MIN_KEY_TERMS, MAX_KEY_TERMS = 1, 12
MAX_FOLLOW_UPS = 6
MIN_POINT_EXAMPLES, MAX_POINT_EXAMPLES = 1, 5
MAX_QUESTIONS = 1000
MAX_TEXT_CHARS = 600
MAX_ITEM_CHARS = 300
MIN_TARGET_SECONDS, MAX_TARGET_SECONDS = 15, 600
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
ID_HINT = "lowercase letters, digits, '-' or '_', at most 80 characters"

BANK_REQUIRED = ("id", "title", "track", "questions")
BANK_OPTIONAL = ("format", "language", "version", "licence", "description")
QUESTION_REQUIRED = ("id", "text", "category", "competency", "talking_points", "key_terms")
QUESTION_OPTIONAL = ("difficulty", "target_seconds", "star_expected", "follow_ups", "notes")
POINT_REQUIRED = ("point",)
POINT_OPTIONAL = ("examples",)
CATEGORY_VALUES = ", ".join(c.value for c in Category)

_TAG = "tag:yaml.org,2002:"
_TYPE_NAMES = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true/false",
    "null": "nothing (an empty value)",
    "timestamp": "a date",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class ParsedBank:
    """The result of checking one file: the bank (None if refused), its problems, and where things are."""

    bank: QuestionBank | None
    problems: list[BankFormatError] = field(default_factory=list)
    id_line: int | None = None
    question_lines: dict[str, int] = field(default_factory=dict)


def describe(node: Node) -> str:
    """What a node holds, in words a bank author understands."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    return _TYPE_NAMES.get(node.tag.removeprefix(_TAG), "a value")


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[BankFormatError] = []

    def problem(self, node: Node | None, field_name: str | None, message: str) -> None:
        line = line_of(node) if node is not None else None
        self.problems.append(BankFormatError(self.path, message, line, field_name))

    def mapping(self, node: Node, field_name: str, what: str) -> dict[str, tuple[Node, Node]] | None:
        """Key -> (key node, value node); reports a non-mapping and keys given twice."""
        if not isinstance(node, MappingNode):
            self.problem(
                node, field_name or None, f"expected {what} (key: value lines), got {describe(node)}"
            )
            return None
        result: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(
                    key_node, field_name or None, f"a key must be a plain word, got {describe(key_node)}"
                )
                continue
            key = str(key_node.value)
            where = f"{field_name}.{key}" if field_name else key
            if key in result:
                first = line_of(result[key][0])
                self.problem(key_node, where, f"'{key}' is given twice (first on line {first}); keep one")
                continue
            result[key] = (key_node, value_node)
        return result

    def fields(
        self,
        items: dict[str, tuple[Node, Node]],
        node: Node,
        prefix: str,
        required: tuple[str, ...],
        optional: tuple[str, ...],
        what: str,
    ) -> bool:
        ok = True
        for name in required:
            if name not in items:
                where = f"{prefix}.{name}" if prefix else name
                self.problem(node, where, f"{what} is missing the required field '{name}'")
                ok = False
        known = set(required) | set(optional)
        for name, (key_node, _value) in items.items():
            if name not in known:
                where = f"{prefix}.{name}" if prefix else name
                expected = ", ".join(required + optional)
                self.problem(key_node, where, f"unknown field '{name}' (expected one of: {expected})")
                ok = False
        return ok

    def text(
        self,
        node: Node,
        field_name: str,
        max_chars: int = MAX_TEXT_CHARS,
        allow_empty: bool = False,
        any_scalar: bool = False,
    ) -> str | None:
        if not isinstance(node, ScalarNode) or (node.tag != _TAG + "str" and not any_scalar):
            self.problem(
                node, field_name, f"expected text, got {describe(node)} (put it in quotes if it is text)"
            )
            return None
        value = str(node.value).strip()
        if not value and not allow_empty:
            self.problem(node, field_name, "is empty; write the text")
            return None
        if len(value) > max_chars:
            self.problem(
                node, field_name, f"is {len(value)} characters long; at most {max_chars} are allowed"
            )
            return None
        return value

    def identifier(self, node: Node, field_name: str) -> str | None:
        value = self.text(node, field_name, max_chars=200)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(node, field_name, f"'{value}' is not a valid id ({ID_HINT})")
            return None
        return value

    def integer(self, node: Node, field_name: str, low: int, high: int) -> int | None:
        if not isinstance(node, ScalarNode) or node.tag != _TAG + "int":
            self.problem(
                node, field_name, f"expected a whole number from {low} to {high}, got {describe(node)}"
            )
            return None
        value = int(_CONSTRUCTOR.construct_yaml_int(node))
        if not low <= value <= high:
            self.problem(node, field_name, f"{value} is out of range; expected {low} to {high}")
            return None
        return value

    def boolean(self, node: Node, field_name: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != _TAG + "bool":
            self.problem(node, field_name, f"expected true or false, got {describe(node)}")
            return None
        return bool(_CONSTRUCTOR.construct_yaml_bool(node))

    def text_list(self, node: Node, field_name: str, low: int, high: int) -> list[str] | None:
        if not isinstance(node, SequenceNode):
            self.problem(node, field_name, f"expected a list of {low} to {high} items, got {describe(node)}")
            return None
        items: list[str] = []
        ok = True
        for index, item in enumerate(node.value):
            value = self.text(item, f"{field_name}[{index}]", max_chars=MAX_ITEM_CHARS)
            if value is None:
                ok = False
            else:
                items.append(value)
        if not ok:
            return None
        if not low <= len(items) <= high:
            self.problem(node, field_name, f"has {len(items)} items; expected {low} to {high}")
            return None
        return items

    def talking_points(
        self, node: Node, field_name: str, low: int, high: int
    ) -> tuple[list[str], list[list[str]]] | None:
        """The points and, for each, its example phrasings; an item is text or {point, examples}."""
        if not isinstance(node, SequenceNode):
            self.problem(node, field_name, f"expected a list of {low} to {high} items, got {describe(node)}")
            return None
        points: list[str] = []
        examples: list[list[str]] = []
        ok = True
        for index, item in enumerate(node.value):
            where = f"{field_name}[{index}]"
            if isinstance(item, MappingNode):
                parsed = self.talking_point(item, where)
            else:
                value = self.text(item, where, max_chars=MAX_ITEM_CHARS)
                parsed = None if value is None else (value, [])
            if parsed is None:
                ok = False
            else:
                points.append(parsed[0])
                examples.append(parsed[1])
        if not ok:
            return None
        if not low <= len(points) <= high:
            self.problem(node, field_name, f"has {len(points)} items; expected {low} to {high}")
            return None
        return points, examples

    def talking_point(self, node: MappingNode, where: str) -> tuple[str, list[str]] | None:
        before = len(self.problems)
        items = self.mapping(node, where, "a talking point")
        if items is None:
            return None
        self.fields(items, node, where, POINT_REQUIRED, POINT_OPTIONAL, "the talking point")
        point = (
            self.text(items["point"][1], f"{where}.point", max_chars=MAX_ITEM_CHARS)
            if "point" in items
            else None
        )
        examples = (
            self.text_list(items["examples"][1], f"{where}.examples", MIN_POINT_EXAMPLES, MAX_POINT_EXAMPLES)
            if "examples" in items
            else []
        )
        if len(self.problems) > before or point is None or examples is None:
            return None
        return point, examples

    def difficulty(self, node: Node, field_name: str) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == _TAG + "str":
            level = DIFFICULTY_BY_NAME.get(str(node.value).strip().lower())
            if level is None:
                self.problem(
                    node, field_name, f"'{node.value}' is not a difficulty; use easy, medium or hard (or 1-3)"
                )
            return level
        return self.integer(node, field_name, min(DIFFICULTY_NAMES), max(DIFFICULTY_NAMES))

    def category(self, node: Node, field_name: str) -> Category | None:
        value = self.text(node, field_name, max_chars=40)
        if value is None:
            return None
        try:
            return Category(value.lower())
        except ValueError:
            self.problem(node, field_name, f"unknown category '{value}'; use one of: {CATEGORY_VALUES}")
            return None


def build_bank(root: Node | None, path: str, read_only: bool) -> ParsedBank:
    """Check the node tree of one bank file and build the bank from what is valid."""
    checker = _Checker(path)
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


def _build_question(checker: _Checker, node: Node, prefix: str, bank_id: str, track: str) -> Question | None:
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

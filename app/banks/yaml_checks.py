"""Checks of single YAML nodes of a question bank (text, identifiers, numbers, lists, talking points),
each naming the line and field of a problem; app.banks.schema builds the bank with them."""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from app.core.errors import BankFormatError
from app.core.questions import DIFFICULTY_BY_NAME, DIFFICULTY_NAMES, Category

MIN_POINT_EXAMPLES, MAX_POINT_EXAMPLES = 1, 5
MAX_TEXT_CHARS = 600
MAX_ITEM_CHARS = 300
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
ID_HINT = "lowercase letters, digits, '-' or '_', at most 80 characters"
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


def describe(node: Node) -> str:
    """What a node holds, in words a bank author understands."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    return _TYPE_NAMES.get(node.tag.removeprefix(_TAG), "a value")


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


class Checker:
    """Collects the problems of one file while checking its nodes; each check returns None on a problem."""


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



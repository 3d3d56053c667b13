"""Broken bank files: each problem names the file, line and field, and never stops the other banks loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.banks import load_all_banks, read_bank
from app.banks import loader as loader_module
from app.banks.loader import bank_files
from app.cli import main as cli_main
from app.platform.paths import bundled_banks_dir

MALFORMED = Path(__file__).resolve().parent / "malformed"

# file -> (line, field, words the message must contain)
EXPECTED = {
    "syntax-error.yaml": (14, "text", "YAML syntax error"),
    "missing-text.yaml": (13, "questions[1].text", "missing the required field 'text'"),
    "wrong-type.yaml": (10, "questions[0].target_seconds", "expected a whole number"),
    "duplicate-id.yaml": (
        13,
        "questions[1].id",
        "duplicate question id 'duplicate-id-q1' (first used on line 6)",
    ),
    "empty-text.yaml": (7, "questions[0].text", "is empty"),
    "too-few-points.yaml": (11, "questions[0].talking_points", "has 2 items; expected 3 to 6"),
    "too-many-points.yaml": (11, "questions[0].talking_points", "has 7 items; expected 3 to 6"),
    "unknown-category.yaml": (8, "questions[0].category", "unknown category 'behavioural'"),
    "unknown-field.yaml": (12, "questions[0].talking_point", "unknown field 'talking_point'"),
    "bad-difficulty.yaml": (13, "questions[0].difficulty", "use easy, medium or hard"),
    "key-terms-not-list.yaml": (12, "questions[0].key_terms", "expected a list of 1 to 12 items, got text"),
    "duplicate-key.yaml": (5, "title", "'title' is given twice (first on line 3)"),
    "missing-questions.yaml": (1, "questions", "missing the required field 'questions'"),
    "top-level-list.yaml": (1, None, "expected the bank to be a mapping"),
}


def test_every_fixture_is_covered() -> None:
    assert sorted(p.name for p in MALFORMED.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_bank_names_file_line_and_field(name: str) -> None:
    line, field, words = EXPECTED[name]
    path = MALFORMED / name
    parsed = read_bank(path)
    problem = next((p for p in parsed.problems if p.field == field), None)
    assert problem is not None, [p.message for p in parsed.problems]
    assert problem.path == str(path)
    assert problem.line == line
    assert words in problem.message
    where = f"{path}:{line}" + (f" [{field}]" if field else "")
    assert problem.message.startswith(where + ": ")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_user_bank_leaves_the_others_loading(name: str, user_banks: Path) -> None:
    shutil.copy(MALFORMED / name, user_banks / name)
    library = load_all_banks()
    assert {p.path for p in library.problems} == {str(user_banks / name)}
    assert library.bank("good-user-bank") is not None
    bundled = [read_bank(path).bank for path in bank_files(bundled_banks_dir())]
    assert len([b for b in library.banks if b.read_only]) == len(bundled) >= 11
    assert sum(len(b.questions) for b in library.banks if b.read_only) == sum(
        len(b.questions) for b in bundled if b
    )


def test_bad_question_skipped_but_rest_of_bank_kept(user_banks: Path) -> None:
    shutil.copy(MALFORMED / "missing-text.yaml", user_banks)
    bank = load_all_banks().bank("missing-text")
    assert bank is not None and [q.id for q in bank.questions] == ["missing-text-q1"]


def test_latin1_file_reports_the_line_of_the_bad_byte(tmp_path: Path, user_banks: Path) -> None:
    text = (user_banks / "good-user-bank.yaml").read_text(encoding="utf-8")
    text = text.replace("id: good-user-bank", "id: latin").replace("good-user-q1", "latin-q1")
    text = text.replace("a client rejected", "a client in Orléans rejected")
    path = user_banks / "latin1.yaml"
    path.write_bytes(text.encode("latin-1"))
    parsed = read_bank(path)
    assert len(parsed.problems) == 1 and parsed.bank is None
    problem = parsed.problems[0]
    assert problem.line == 8 and problem.field is None
    assert (
        "not UTF-8" in problem.message and "0xE9" in problem.message and "line 8, column" in problem.message
    )
    library = load_all_banks()
    assert library.bank("good-user-bank") is not None and library.bank("latin") is None


def test_50_mb_file_is_refused_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    chunk = b"# padding padding padding padding padding padding padding padding padding\n" * 1000
    with path.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)

    def must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a 50 MB file reached the YAML parser")

    monkeypatch.setattr(loader_module.yaml, "compose", must_not_parse)
    parsed = read_bank(path)
    assert parsed.bank is None and len(parsed.problems) == 1
    assert parsed.problems[0].message.startswith(f"{path}: is 50.0 MB; a bank file may be at most 2 MB")


def test_empty_and_binary_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert "the file is empty" in read_bank(empty).problems[0].message
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"id: x\ntitle: y\n\x00\x01\x02")
    problem = read_bank(binary).problems[0]
    assert problem.line == 3 and "binary" in problem.message


def test_alias_bomb_is_reported_not_expanded(tmp_path: Path) -> None:
    """5**11 list items if expanded; the node tree is checked without expanding aliases."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text(
        "\n".join(levels) + "\nid: bomb\ntitle: Bomb\ntrack: core\nquestions: *a11\n", encoding="utf-8"
    )
    problems = read_bank(path).problems
    assert problems and all(p.path == str(path) for p in problems)
    assert any("unknown field 'a0'" in p.message for p in problems)


def test_validate_command_prints_problems_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["banks", "validate", str(MALFORMED / "wrong-type.yaml")]) == 1
    out = capsys.readouterr().out
    assert f"{MALFORMED / 'wrong-type.yaml'}:10 [questions[0].target_seconds]: expected a whole number" in out
    from app.platform.paths import bundled_banks_dir

    assert cli_main(["banks", "validate", str(bundled_banks_dir())]) == 0
    assert "nursing.yaml: OK (15 questions, track nursing)" in capsys.readouterr().out

"""The layering rules in pyproject.toml ([tool.importlinter]) hold, and would catch a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_contracts_hold_for_the_app() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Only app.gui imports Qt KEPT" in result.stdout


def test_a_qt_import_in_core_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(REPO / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "app" / "core" / "sneaky.py").write_text("from PySide6.QtCore import QObject\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "Only app.gui imports Qt BROKEN" in result.stdout
    assert "app.core.sneaky -> PySide6" in result.stdout


def test_the_layers_and_the_session_door_hold_and_catch_a_shortcut(tmp_path: Path) -> None:
    """Issue 16.5: a GUI module that opens the database itself, around app/session, is refused."""
    kept = _lint(REPO).stdout
    assert "Layers: each package imports only from the layers below it" in kept
    assert "only \nthrough app.session KEPT" in kept or "only through app.session KEPT" in kept
    shutil.copytree(REPO / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "app" / "gui" / "shortcut.py").write_text("from app.storage.database import Database\n")
    (tmp_path / "app" / "storage" / "upward.py").write_text("from app.session.store import Database\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "app.gui.shortcut -> app.storage.database" in result.stdout
    assert "app.storage.upward -> app.session.store" in result.stdout


def test_modules_and_functions_stay_small() -> None:
    """Issue 16.7: no module in app/ over 400 lines, no function over 80."""
    import ast

    too_long = []
    for path in sorted((REPO / "app").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(REPO))
        if text.count("\n") > 400:
            too_long.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 80:
                    too_long.append(f"{name}:{node.lineno} {node.name}() is {length} lines")
    assert too_long == []

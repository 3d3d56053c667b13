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

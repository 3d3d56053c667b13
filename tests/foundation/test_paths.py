from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.platform.paths import app_paths, assets_dir, bundled_banks_dir, ensure_dir


def test_home_variable_moves_every_folder(app_home: Path) -> None:
    paths = app_paths()
    for root in paths.all_roots():
        assert root.is_relative_to(app_home)
    assert paths.database.parent == paths.data


def test_without_home_variable_uses_platform_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOCK_INTERVIEW_HOME")
    paths = app_paths()
    assert "MockInterviewCoach" in str(paths.data)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_folders_are_private(app_home: Path) -> None:
    folder = ensure_dir(app_paths().media)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(app_paths().data.stat().st_mode) == 0o700


def test_resources_are_found_in_the_source_tree() -> None:
    assert assets_dir().name == "assets" and assets_dir().is_dir()
    assert bundled_banks_dir().is_dir()

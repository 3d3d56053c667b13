"""The one module that knows where the app keeps things.

Every folder comes from platformdirs, unless the environment variable `MOCK_INTERVIEW_HOME` is set: then
data, cache, logs and settings all live under that one folder (tests, portable installs). Folders are
created on first use, private to the user (0700 on POSIX), because they hold personal recordings.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "MockInterviewCoach"
APP_AUTHOR = "MockInterviewCoach"
HOME_ENV = "MOCK_INTERVIEW_HOME"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    cache: Path
    logs: Path
    config: Path

    @property
    def database(self) -> Path:
        return self.data / "mock_interview.sqlite3"

    @property
    def media(self) -> Path:
        """Recorded answers, one file per answer, named by ids."""
        return self.data / "media"

    @property
    def user_banks(self) -> Path:
        """Question banks the user created, imported or debriefed."""
        return self.data / "question_banks"

    @property
    def reports(self) -> Path:
        return self.data / "reports"

    @property
    def models(self) -> Path:
        """Models downloaded on request (larger Whisper models)."""
        return self.data / "models"

    @property
    def tts_cache(self) -> Path:
        return self.cache / "tts"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.ini"

    def all_roots(self) -> list[Path]:
        return [self.data, self.cache, self.logs, self.config]


def app_paths() -> AppPaths:
    """The folders in force now (reads the environment each call, so tests can redirect them)."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(data=root / "data", cache=root / "cache", logs=root / "logs", config=root / "config")
    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
    )


def ensure_dir(path: Path) -> Path:
    """Create `path` (and any missing parents) private to the user (0700 on POSIX) and return it."""
    missing = [path, *path.parents]
    missing = [folder for folder in missing if not folder.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        for folder in missing:  # mkdir's mode is masked by umask and not applied to parents
            try:
                folder.chmod(0o700)
            except PermissionError:
                pass
    return path


def resource_root() -> Path:
    """The folder holding `assets/` and `question_banks/` (source tree, wheel, or frozen bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "_data"
    if installed.is_dir():
        return installed
    return package_dir.parent


def assets_dir() -> Path:
    return resource_root() / "assets"


def bundled_banks_dir() -> Path:
    return resource_root() / "question_banks"

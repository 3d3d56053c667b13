"""One typed list of settings with defaults, stored with QSettings in an INI file in the config folder.

The app makes one `Settings` object and passes it to every page. Pages read and write through it, and it
emits `changed` for each value that really changed, so a page that shows a setting updates at once when
another page changes it (app.gui.settings.controls ties a widget to a setting both ways).

A value that cannot be read back as its declared type (a hand-edited or corrupted file) falls back to the
default and is logged, so garbage in the settings file never stops the app from starting.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from app.platform.paths import app_paths, ensure_dir

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None


class Key:
    """Every setting the app has. Read and write through `Settings.get/set`."""

    CAMERA_INDEX = Setting[int]("devices/camera_index", 0, "Camera used for practice")
    MICROPHONE = Setting[str]("devices/microphone", "", "Microphone name ('' = system default)")
    VOICE_ID = Setting[str]("speech/voice_id", "", "Voice used to read questions ('' = engine default)")
    SPEECH_RATE = Setting[int]("speech/rate", 165, "Speaking rate of questions, words per minute", 80, 300)
    SPEAK_QUESTIONS = Setting[bool]("speech/speak_questions", True, "Read questions aloud")
    TRANSCRIPTION_MODEL = Setting[str]("speech/model", "tiny.en", "Whisper model for transcription")
    THINKING_SECONDS = Setting[int]("practice/thinking_seconds", 20, "Thinking time before answering", 0, 300)
    # 0: each answer stops at its question's own limit (1.5x its target, app.session.plan.answer_limit_for).
    # A new key: the old one held 120 for everyone, which would have kept the single global limit.
    ANSWER_SECONDS = Setting[int](
        "practice/answer_limit_seconds", 0, "One answer time limit for all questions (0 = per question)", 0, 900
    )
    QUESTION_COUNT = Setting[int]("practice/question_count", 5, "Questions per session", 1, 30)
    FOLLOW_UPS = Setting[str](
        "practice/follow_ups", "one", "Follow-up questions: none, one after each answer, or adaptive (only a probe)"
    )
    LIVE_CUES = Setting[bool]("practice/live_cues", True, "Show sparse live cues while answering")
    LANDMARK_OVERLAY = Setting[bool](
        "practice/landmark_overlay", False, "Draw landmarks on the camera preview"
    )
    PRACTICE_TRACK = Setting[str]("practice/track", "core", "Question track chosen last on the setup page")
    USE_FILES = Setting[bool](
        "practice/use_files", False, "Replay a video and an audio file instead of devices"
    )
    TYPED_ANSWERS = Setting[bool]("practice/typed_answers", False, "Type answers instead of speaking them")
    DEMO_VIDEO = Setting[str]("practice/demo_video", "", "Video file standing in for the camera ('' = none)")
    DEMO_AUDIO = Setting[str]("practice/demo_audio", "", "Audio file standing in for the microphone")
    WEEKLY_GOAL = Setting[int]("progress/weekly_goal", 3, "Practice sessions per week", 1, 21)
    THEME = Setting[str]("ui/theme", "system", "system, light or dark")
    WINDOW_GEOMETRY = Setting[bytes]("ui/window_geometry", b"", "Main window geometry")
    LAST_PAGE = Setting[int]("ui/last_page", 0, "Page shown at start")

    @classmethod
    def all(cls) -> list[Setting[Any]]:
        return [value for value in vars(cls).values() if isinstance(value, Setting)]


class Settings(QObject):
    """Typed access to QSettings. Pass one instance to whoever needs it (no global).

    Signals:
        changed(Setting): a value changed through `set` or `reset` (not emitted when it stayed the same).
    """

    changed = Signal(object)

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if settings is None:
            path = app_paths().settings_file
            ensure_dir(path.parent)
            settings = QSettings(str(path), QSettings.Format.IniFormat)
        self._settings = settings

    def get(self, setting: Setting[T]) -> T:
        raw = self._settings.value(setting.key, setting.default)
        try:
            value = _coerce(raw, type(setting.default))
        except (TypeError, ValueError):
            log.warning("setting %s has unreadable value %r; using default", setting.key, raw)
            return setting.default
        if isinstance(value, int | float) and not isinstance(value, bool):
            if setting.minimum is not None and value < setting.minimum:
                return setting.default
            if setting.maximum is not None and value > setting.maximum:
                return setting.default
        return value  # type: ignore[no-any-return]

    def set(self, setting: Setting[T], value: T) -> None:
        before = self.get(setting)
        self._settings.setValue(setting.key, value.value if isinstance(value, enum.Enum) else value)
        if self.get(setting) != before:
            self.changed.emit(setting)

    def reset(self, setting: Setting[Any]) -> None:
        before = self.get(setting)
        self._settings.remove(setting.key)
        if self.get(setting) != before:
            self.changed.emit(setting)

    def sync(self) -> None:
        self._settings.sync()

    @property
    def file_name(self) -> str:
        return self._settings.fileName()


def _coerce(raw: Any, target: type) -> Any:
    if isinstance(raw, target) and not (target is int and isinstance(raw, bool)):
        return raw
    if target is bool:
        if isinstance(raw, str):
            lowered = raw.strip().lower()
            if lowered in ("true", "1", "yes", "on"):
                return True
            if lowered in ("false", "0", "no", "off"):
                return False
        raise ValueError(raw)
    if target is bytes:
        if hasattr(raw, "data"):
            return bytes(raw.data())
        raise TypeError(raw)
    if target is int:
        return int(str(raw).strip())
    if target is float:
        return float(str(raw).strip())
    if target is str:
        if isinstance(raw, list | dict):
            raise TypeError(raw)
        return str(raw)
    raise TypeError(raw)

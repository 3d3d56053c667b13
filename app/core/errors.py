"""Typed errors. Each `UserFacingError` carries a plain-language message and what to do next.

Errors caused by the environment (no camera, a corrupt file, a full disk) derive from `UserFacingError`
and are shown as a message. Anything else is a bug and goes to the crash dialog and the log.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error the user can cause or meet; `message` says what happened, `advice` what to do next."""

    def __init__(self, message: str, advice: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.advice = advice

    def __str__(self) -> str:
        return f"{self.message} {self.advice}".strip()


class CameraUnavailable(UserFacingError):
    pass


class MicrophoneUnavailable(UserFacingError):
    pass


class VoiceUnavailable(UserFacingError):
    pass


class MediaFileError(UserFacingError):
    """A file that is missing, not media, truncated or without the stream we need."""


class ModelUnavailable(UserFacingError):
    """A model file that is missing, corrupt, or fails its checksum."""


class StorageError(UserFacingError):
    """The data folder is read-only, full, or the database cannot be opened."""


class BankFormatError(UserFacingError):
    """A question bank that does not follow the format; names the file, line and field."""

    def __init__(self, path: str, message: str, line: int | None = None, field: str | None = None) -> None:
        where = path if line is None else f"{path}:{line}"
        if field:
            where += f" [{field}]"
        super().__init__(f"{where}: {message}", "Fix the bank file and reload it; the other banks still work.")
        self.path = path
        self.line = line
        self.field = field
        self.detail = message


class Cancelled(Exception):
    """Long work stopped because the user asked; its own outcome, never an error message."""

"""The user's own banks: created, edited, imported, exported and deleted as files in the data folder.

Bundled banks are read-only: saving or deleting one raises. Every write goes through the same
validation as loading (the text is parsed back before it replaces the file) and is atomic, so a crash
or a full disk never leaves a half-written bank behind.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

from app.banks.loader import (
    bank_files,
    bank_to_yaml,
    load_all_banks,
    parse_bank_text,
    read_bank,
    read_bank_text,
)
from app.core.errors import BankFormatError, StorageError
from app.core.questions import QuestionBank
from app.platform.paths import app_paths, bundled_banks_dir, ensure_dir

log = logging.getLogger(__name__)


def user_banks_dir() -> Path:
    return ensure_dir(app_paths().user_banks)


def slugify(text: str, max_length: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:max_length].strip("-")
    return slug or "bank"


def _bundled_ids() -> set[str]:
    ids = set()
    for path in bank_files(bundled_banks_dir()):
        parsed = read_bank(path, read_only=True)
        if parsed.bank is not None:
            ids.add(parsed.bank.id)
    return ids


def user_bank_path(bank_id: str) -> Path:
    return user_banks_dir() / f"{bank_id}.yaml"


def create_user_bank(
    title: str, track: str = "personal", bank_id: str | None = None, description: str = ""
) -> QuestionBank:
    """A new, empty bank of the user's, saved at once so it shows up in the list."""
    taken = _bundled_ids() | {p.stem for p in bank_files(user_banks_dir())}
    base = bank_id or slugify(title)
    candidate, number = base, 2
    while candidate in taken:
        if bank_id:
            raise BankFormatError(
                str(user_bank_path(bank_id)), f"a bank with id '{bank_id}' already exists", None, "id"
            )
        candidate, number = f"{base}-{number}", number + 1
    bank = QuestionBank(
        id=candidate,
        title=title.strip() or candidate,
        track=track,
        licence="",
        description=description,
        read_only=False,
    )
    return save_user_bank(bank)


def save_user_bank(bank: QuestionBank) -> QuestionBank:
    """Write the bank to the user's folder (validated, atomic) and return it as loaded back."""
    if bank.read_only:
        raise BankFormatError(
            bank.path or bank.id, "is a bundled bank and cannot be changed; export a copy to edit it"
        )
    if bank.id in _bundled_ids():
        raise BankFormatError(
            bank.path or bank.id, f"id '{bank.id}' belongs to a bundled bank; choose another id", None, "id"
        )
    target = user_bank_path(bank.id)
    text = bank_to_yaml(bank)
    parsed = parse_bank_text(text, str(target))
    if parsed.problems or parsed.bank is None:
        raise parsed.problems[0]
    _atomic_write(target, text)
    log.info("saved user bank %s (%d questions)", bank.id, len(parsed.bank.questions))
    return parsed.bank


def delete_user_bank(bank_id: str) -> None:
    path = user_bank_path(bank_id)
    if not path.exists():
        if bank_id in _bundled_ids():
            raise BankFormatError(bank_id, "is a bundled bank and cannot be deleted")
        raise BankFormatError(str(path), f"there is no user bank '{bank_id}'")
    try:
        path.unlink()
    except OSError as error:
        raise StorageError(
            f"Could not delete {path}: {error.strerror}", "Check the folder's permissions."
        ) from error


def import_bank_file(source: Path, replace: bool = False) -> QuestionBank:
    """Validate a bank file strictly and copy it, unchanged, into the user's folder."""
    text = read_bank_text(source)
    parsed = parse_bank_text(text, str(source))
    if parsed.problems or parsed.bank is None:
        raise parsed.problems[0]
    bank = parsed.bank
    if bank.id in _bundled_ids():
        raise BankFormatError(
            str(source),
            f"bank id '{bank.id}' belongs to a bundled bank; change the id to import it",
            parsed.id_line,
            "id",
        )
    target = user_bank_path(bank.id)
    if target.exists() and not replace:
        raise BankFormatError(
            str(source),
            f"you already have a bank with id '{bank.id}'; delete it or import with replace",
            parsed.id_line,
            "id",
        )
    library = load_all_banks()
    others = {q.id: b.id for b in library.banks if b.id != bank.id for q in b.questions}
    for question in bank.questions:
        if question.id in others:
            raise BankFormatError(
                str(source),
                f"question id '{question.id}' is already used in bank '{others[question.id]}'",
                parsed.question_lines.get(question.id),
                "id",
            )
    _atomic_write(target, text)
    bank.path, bank.read_only = str(target), False
    return bank


def export_bank(bank_id: str, destination: Path) -> Path:
    """Write any bank (bundled ones too, as an editable copy) to `destination` as YAML."""
    bank = load_all_banks().bank(bank_id)
    if bank is None:
        raise BankFormatError(bank_id, f"there is no bank with id '{bank_id}'")
    if destination.is_dir():
        destination = destination / f"{bank.id}.yaml"
    _atomic_write(destination, bank_to_yaml(bank))
    return destination


def _atomic_write(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise StorageError(
            f"Could not write {target}: {error.strerror or error}",
            "Check that the disk is not full and the folder is writable.",
        ) from error

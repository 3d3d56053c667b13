"""Export a session (JSON + media) as one .zip and import it back, on this or another computer.

The archive holds `session.json` (app.core.serialization of the Session, with a format version) and
`media/<answer id>.<ext>`. Import never trusts the archive: paths are rebuilt from ids, sizes are
bounded, and an archive that does not match the format gives a plain error without touching the
existing data.
"""

from __future__ import annotations

import json
import logging
import uuid
import zipfile
from pathlib import Path, PurePosixPath

from app.core.errors import StorageError
from app.core.serialization import from_dict, to_dict
from app.core.session import Session
from app.storage import media
from app.storage.database import Database

log = logging.getLogger(__name__)

FORMAT = "mock-interview-session"
FORMAT_VERSION = 1
MAX_JSON_BYTES = 50 * 1024 * 1024


class ImportFormatError(StorageError):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"{path.name} is not a session exported by Mock Interview Coach ({problem}).",
            "Choose a .zip file made with Export session. Nothing was changed.",
        )


def export_session(database: Database, session_id: str, destination: Path) -> Path:
    """Write the session and its recordings to `destination` (.zip). Returns the path written."""
    session = database.load_session(session_id)
    destination = destination if destination.suffix == ".zip" else destination.with_suffix(".zip")
    temporary = destination.with_name(destination.name + ".part")
    payload = {"format": FORMAT, "version": FORMAT_VERSION, "session": to_dict(session)}
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("session.json", json.dumps(payload, indent=1))
            for answer in session.answers:
                if not answer.media_path:
                    continue
                source = media.absolute_media_path(database.paths, answer.media_path)
                if source.exists():
                    archive.write(source, f"media/{answer.id}{source.suffix}", compress_type=zipfile.ZIP_STORED)
        temporary.replace(destination)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StorageError(f"The session could not be exported to {destination} ({error.strerror or error}).",
                           "Choose a folder with free space that you can write to.") from error
    return destination


def import_session(database: Database, archive_path: Path) -> Session:
    """Add the archived session to the database with fresh ids; returns the stored session."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ImportFormatError(archive_path, "not a readable zip archive") from error
    with archive:
        session = _read_session(archive, archive_path)
        old_ids = {answer.id: answer for answer in session.answers}
        session.id = uuid.uuid4().hex
        written: list[Path] = []
        new_ids = {old: uuid.uuid4().hex for old in old_ids}
        try:
            for answer in session.answers:
                old_id = answer.id
                answer.id = new_ids[old_id]
                answer.parent_id = new_ids.get(answer.parent_id, "")  # a follow-up keeps its parent
                answer.session_id = session.id
                member = _media_member(archive, old_id)
                if member is None:
                    answer.media_path = ""
                    continue
                relative, target = media.prepare_answer_file(
                    database.paths, session.id, answer.id, has_video=answer.has_video,
                    suffix=PurePosixPath(member).suffix,
                )
                with archive.open(member) as source, target.open("wb") as out:
                    while chunk := source.read(1 << 20):
                        out.write(chunk)
                written.append(target)
                answer.media_path = relative
            database.save_session(session)
            for answer in session.answers:
                database.save_answer(answer)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            media.delete_session_media(database.paths, session.id)
            raise
    log.info("imported session %s with %d answers (was %s)", session.id, len(session.answers), list(old_ids))
    return session


def _read_session(archive: zipfile.ZipFile, path: Path) -> Session:
    try:
        info = archive.getinfo("session.json")
    except KeyError as error:
        raise ImportFormatError(path, "session.json is missing") from error
    if info.file_size > MAX_JSON_BYTES:
        raise ImportFormatError(path, "session.json is too large")
    try:
        payload = json.loads(archive.read(info).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile, OSError) as error:
        raise ImportFormatError(path, "session.json is not valid JSON") from error
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ImportFormatError(path, "unknown format")
    if payload.get("version") != FORMAT_VERSION:
        raise ImportFormatError(path, f"format version {payload.get('version')!r} is not supported")
    try:
        session = from_dict(Session, payload["session"])
        if not isinstance(session, Session) or not isinstance(session.answers, list):
            raise TypeError("session")
        for answer in session.answers:
            if not isinstance(answer.id, str) or not isinstance(answer.question.id, str):
                raise TypeError("answer")
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ImportFormatError(path, f"session.json does not describe a session: {error}") from error
    return session


def _media_member(archive: zipfile.ZipFile, answer_id: str) -> str | None:
    """The archived recording of an answer: media/<answer id>.<a media suffix>, nothing else."""
    for name in archive.namelist():
        path = PurePosixPath(name)
        if path.parent == PurePosixPath("media") and path.stem == answer_id and path.suffix.lower() in media.SUFFIXES:
            return name
    return None

"""The SQLite database: sessions and answers, with numbered migrations, WAL and one writer.

Every write runs in a transaction, so a crash (even `kill -9`) leaves either the old or the new state.
Media files live beside it in the media folder, named by ids; deleting a session removes its files.
The connection may be used from any thread, but a lock makes sure one thing at a time touches it
(the GUI calls it from one background worker).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from app.core.errors import StorageError
from app.core.questions import Question
from app.core.serialization import from_dict, to_dict
from app.core.session import Answer, AnswerStatus, SelfRating, Session, SessionStatus
from app.platform.paths import AppPaths, app_paths, ensure_dir
from app.storage import media
from app.storage.migrations import MIGRATIONS

log = logging.getLogger(__name__)

# A session's answers are its attempts. A failed start captured nothing (AnswerStatus.FAILED): its row is
# kept for the record (answers_in_status finds it) but Review, history, reports and exports never see it.
_ATTEMPTS = f"status != '{AnswerStatus.FAILED}'"
# Question order; a question's own attempts first, then the answers to its follow-up (in attempt order).
_IN_ORDER = "position, parent_id != '', attempt"


class Database:
    def __init__(self, connection: sqlite3.Connection, paths: AppPaths) -> None:
        self._connection = connection
        self._lock = threading.RLock()
        self.paths = paths

    @classmethod
    def open(cls, paths: AppPaths | None = None) -> Database:
        """Open (creating and migrating as needed) the database in the data folder."""
        paths = paths or app_paths()
        try:
            ensure_dir(paths.data)
            connection = sqlite3.connect(
                paths.database, timeout=10, check_same_thread=False, isolation_level=None
            )
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            database = cls(connection, paths)
            database._migrate()
        except sqlite3.DatabaseError as error:
            raise StorageError(
                f"The practice database at {paths.database} could not be opened ({error}).",
                "Check that the data folder is writable and has free space. Your recordings are untouched.",
            ) from error
        except OSError as error:
            raise StorageError(
                f"The data folder {paths.data} cannot be used ({error.strerror or error}).",
                "Choose a writable data folder (Settings) or set MOCK_INTERVIEW_HOME.",
            ) from error
        return database

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write. Disk-full and similar errors become a StorageError."""
        with self._lock:
            try:
                self._connection.execute("BEGIN IMMEDIATE")
                try:
                    yield self._connection
                except BaseException:
                    self._connection.execute("ROLLBACK")
                    raise
                self._connection.execute("COMMIT")
            except sqlite3.OperationalError as error:
                text = str(error).lower()
                if "full" in text or "disk i/o" in text:
                    raise StorageError(
                        "The disk is full, so the latest change could not be saved.",
                        "Free some disk space; everything saved before is intact.",
                    ) from error
                if "readonly" in text or "read-only" in text:
                    raise StorageError(
                        f"The data folder {self.paths.data} is read-only, so the latest change could not be saved.",
                        "Make the folder writable or choose another one (MOCK_INTERVIEW_HOME); "
                        "everything saved before is intact.",
                    ) from error
                raise

    def _migrate(self) -> None:
        version = self._connection.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StorageError(
                f"The database was written by a newer version of Mock Interview Coach (schema {version}).",
                "Update the app to open it.",
            )
        for number in range(version, len(MIGRATIONS)):
            with self.transaction() as connection:
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {number + 1}")
            log.info("database migrated to schema %d", number + 1)

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._connection.execute("PRAGMA user_version").fetchone()[0])

    def integrity_check(self) -> str:
        with self._lock:
            return str(self._connection.execute("PRAGMA integrity_check").fetchone()[0])

    # ---- writes -------------------------------------------------------------------------------

    def save_session(self, session: Session) -> None:
        """Insert or update the session row (not its answers)."""
        with self.transaction() as connection:
            connection.execute(
                """INSERT INTO sessions (id, title, created_at, ended_at, status, track, bank_id, job_terms_json)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title=excluded.title, ended_at=excluded.ended_at,
                     status=excluded.status, track=excluded.track, bank_id=excluded.bank_id,
                     job_terms_json=excluded.job_terms_json""",
                (session.id, session.title, session.created_at, session.ended_at, str(session.status),
                 session.track, session.bank_id, json.dumps(session.job_terms)),
            )

    def save_answer(self, answer: Answer) -> None:
        """Insert or update one answer, in one transaction."""
        scores = answer.analysis.scores if answer.analysis else None
        row = {
            "id": answer.id,
            "session_id": answer.session_id,
            "position": answer.position,
            "attempt": answer.attempt,
            "question_id": answer.question.id,
            "competency": answer.question.competency,
            "category": str(answer.question.category),
            "question_json": json.dumps(to_dict(answer.question)),
            "status": str(answer.status),
            "started_at": answer.started_at,
            "duration_s": answer.duration_s,
            "media_path": answer.media_path,
            "has_video": int(answer.has_video),
            "analysis_json": json.dumps(to_dict(answer.analysis)) if answer.analysis else None,
            "self_rating_json": json.dumps(to_dict(answer.self_rating)) if answer.self_rating else None,
            "notes": answer.notes,
            "overall_score": scores.overall if scores else None,
            "delivery_score": scores.delivery.score if scores else None,
            "body_language_score": scores.body_language.score if scores else None,
            "content_score": scores.content.score if scores else None,
            "parent_id": answer.parent_id,
        }
        columns = ", ".join(row)
        placeholders = ", ".join(f":{name}" for name in row)
        updates = ", ".join(f"{name}=excluded.{name}" for name in row if name != "id")
        with self.transaction() as connection:
            connection.execute(
                f"INSERT INTO answers ({columns}) VALUES ({placeholders}) ON CONFLICT(id) DO UPDATE SET {updates}",
                row,
            )

    def set_self_rating(self, answer_id: str, rating: SelfRating) -> None:
        with self.transaction() as connection:
            connection.execute(
                "UPDATE answers SET self_rating_json=? WHERE id=?", (json.dumps(to_dict(rating)), answer_id)
            )

    def set_notes(self, answer_id: str, notes: str) -> None:
        with self.transaction() as connection:
            connection.execute("UPDATE answers SET notes=? WHERE id=?", (notes, answer_id))

    def delete_session(self, session_id: str) -> None:
        """Delete the session, its answers and every media file of it."""
        with self.transaction() as connection:
            connection.execute("DELETE FROM sessions WHERE id=?", (session_id,))
        media.delete_session_media(self.paths, session_id)

    def delete_answer(self, answer_id: str) -> None:
        answer = self.load_answer(answer_id)
        with self.transaction() as connection:
            connection.execute("DELETE FROM answers WHERE id=?", (answer_id,))
        if answer and answer.media_path:
            media.delete_media_file(self.paths, answer.media_path)

    # ---- reads --------------------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._connection.execute(sql, params).fetchall()

    def list_sessions(self, with_answers: bool = True) -> list[Session]:
        """All sessions, oldest first."""
        sessions = [self._session_from_row(row) for row in self._rows("SELECT * FROM sessions ORDER BY created_at, id")]
        if with_answers:
            answers = self._rows(
                f"SELECT * FROM answers WHERE {_ATTEMPTS} ORDER BY session_id, {_IN_ORDER}"
            )
            by_session: dict[str, list[Answer]] = {}
            for row in answers:
                by_session.setdefault(row["session_id"], []).append(self._answer_from_row(row))
            for session in sessions:
                session.answers = by_session.get(session.id, [])
        return sessions

    def load_session(self, session_id: str) -> Session:
        """The session with its attempts (failed starts left out), in question order."""
        rows = self._rows("SELECT * FROM sessions WHERE id=?", (session_id,))
        if not rows:
            raise KeyError(session_id)
        session = self._session_from_row(rows[0])
        session.answers = [
            self._answer_from_row(row)
            for row in self._rows(
                f"SELECT * FROM answers WHERE session_id=? AND {_ATTEMPTS} ORDER BY {_IN_ORDER}",
                (session_id,),
            )
        ]
        return session

    def load_answer(self, answer_id: str) -> Answer | None:
        rows = self._rows("SELECT * FROM answers WHERE id=?", (answer_id,))
        return self._answer_from_row(rows[0]) if rows else None

    def find_session_ids(self, prefix: str) -> list[str]:
        """Session ids starting with `prefix` (the CLI accepts a short id)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return [row[0] for row in self._rows("SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\'", (escaped + "%",))]

    def answers_in_status(self, *statuses: AnswerStatus) -> list[Answer]:
        marks = ", ".join("?" for _ in statuses)
        rows = self._rows(f"SELECT * FROM answers WHERE status IN ({marks})", tuple(str(s) for s in statuses))
        return [self._answer_from_row(row) for row in rows]

    def sessions_in_status(self, *statuses: SessionStatus) -> list[str]:
        marks = ", ".join("?" for _ in statuses)
        return [row[0] for row in self._rows(f"SELECT id FROM sessions WHERE status IN ({marks})",
                                             tuple(str(s) for s in statuses))]

    # ---- practice history (the question builder's input) --------------------------------------

    def attempts(self, question_id: str) -> int:
        rows = self._rows(
            "SELECT COUNT(*) FROM answers WHERE question_id=? AND status IN ('recorded', 'analysed')", (question_id,)
        )
        return int(rows[0][0])

    def lowest_score(self, question_id: str) -> float | None:
        rows = self._rows("SELECT MIN(overall_score) FROM answers WHERE question_id=?", (question_id,))
        value = rows[0][0]
        return None if value is None else float(value)

    # ---- row conversion -----------------------------------------------------------------------

    @staticmethod
    def _session_from_row(row: sqlite3.Row) -> Session:
        return Session(
            id=row["id"], title=row["title"], created_at=row["created_at"], ended_at=row["ended_at"],
            status=SessionStatus(row["status"]), track=row["track"], bank_id=row["bank_id"],
            job_terms=list(json.loads(row["job_terms_json"] or "[]")),
        )

    @staticmethod
    def _answer_from_row(row: sqlite3.Row) -> Answer:
        from app.core.analysis_result import AnswerAnalysis

        analysis = row["analysis_json"]
        rating = row["self_rating_json"]
        return Answer(
            id=row["id"], session_id=row["session_id"], position=row["position"], attempt=row["attempt"],
            question=from_dict(Question, json.loads(row["question_json"])),
            status=AnswerStatus(row["status"]), started_at=row["started_at"], duration_s=row["duration_s"],
            media_path=row["media_path"], has_video=bool(row["has_video"]),
            analysis=from_dict(AnswerAnalysis, json.loads(analysis)) if analysis else None,
            self_rating=from_dict(SelfRating, json.loads(rating)) if rating else None,
            notes=row["notes"], parent_id=row["parent_id"],
        )


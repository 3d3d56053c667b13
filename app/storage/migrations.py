"""Numbered schema migrations. Append a new entry; never edit one that has shipped.

`PRAGMA user_version` records how many have run. Each migration runs in its own transaction.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: sessions and answers. Structured values (question snapshot, transcript, analysis) are JSON
    # from app.core.serialization; the columns beside them are what history queries filter and sort on.
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        ended_at TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        track TEXT NOT NULL DEFAULT '',
        bank_id TEXT NOT NULL DEFAULT '',
        job_terms_json TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        attempt INTEGER NOT NULL DEFAULT 1,
        question_id TEXT NOT NULL,
        competency TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        question_json TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL DEFAULT '',
        duration_s REAL NOT NULL DEFAULT 0,
        media_path TEXT NOT NULL DEFAULT '',
        has_video INTEGER NOT NULL DEFAULT 0,
        analysis_json TEXT,
        self_rating_json TEXT,
        notes TEXT NOT NULL DEFAULT '',
        overall_score REAL,
        delivery_score REAL,
        body_language_score REAL,
        content_score REAL
    );
    CREATE INDEX answers_by_session ON answers(session_id, position, attempt);
    CREATE INDEX answers_by_question ON answers(question_id);
    CREATE INDEX sessions_by_date ON sessions(created_at);
    """,
    # 2: follow-up answers (issue 15): the answer a follow-up question's answer follows up ('' for the others).
    # Old rows get '' (no follow-ups were asked before), so older databases read as they did.
    """
    ALTER TABLE answers ADD COLUMN parent_id TEXT NOT NULL DEFAULT '';
    CREATE INDEX answers_by_parent ON answers(parent_id);
    """,
]

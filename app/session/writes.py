"""One writer for a practice session's database writes, off the thread that ticks the engine.

The session engine saves as it goes (the session row, each answer as it starts, is analysed or skipped, the
self-rating) from `tick()` and the person's actions, which in the GUI run on the GUI thread. Given a
`WriteBehind` instead of the database, those calls return at once: each write is queued with a snapshot of
what it saves and runs, in order, on one background thread. Whoever reads the session back waits for the
queue first (`flush`, or `idle` polled from a timer).
"""

from __future__ import annotations

import copy
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from app.core.session import Answer, SelfRating, Session
from app.session.store import Database

log = logging.getLogger(__name__)


class WriteBehind:
    """The engine's view of `database`: the same writes, queued in order on the "database-writes" thread.

    A write that fails is logged and kept in `error` (the first one); the writes after it still run.
    """

    def __init__(self, database: Database) -> None:
        self.database = database
        self.paths = database.paths
        self.error: BaseException | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="database-writes")
        self._last: Future[None] | None = None

    def save_session(self, session: Session) -> None:
        snapshot = copy.copy(session)  # the row only: title, times, status, track, bank, terms
        snapshot.job_terms = list(session.job_terms)
        self._submit(self.database.save_session, snapshot)

    def save_answer(self, answer: Answer) -> None:
        # A shallow copy is the answer as it is now: the engine replaces fields (status, duration,
        # analysis) rather than changing the objects they hold.
        self._submit(self.database.save_answer, copy.copy(answer))

    def set_self_rating(self, answer_id: str, rating: SelfRating) -> None:
        self._submit(self.database.set_self_rating, answer_id, copy.copy(rating))

    @property
    def idle(self) -> bool:
        """Every write queued so far has run."""
        return self._last is None or self._last.done()

    def flush(self, timeout: float | None = None) -> None:
        """Wait until every write queued so far has run (from any thread but the writer's)."""
        last = self._last
        if last is not None:
            last.result(timeout=timeout)

    def close(self) -> None:
        """Run what is queued, then stop the writer thread."""
        self._executor.shutdown(wait=True)

    def _submit(self, write: Any, *args: Any) -> None:
        self._last = self._executor.submit(self._run, write, *args)

    def _run(self, write: Any, *args: Any) -> None:
        try:
            write(*args)
        except Exception as error:  # noqa: BLE001 - kept for the owner to show; later writes still run
            log.exception("a database write failed")
            if self.error is None:
                self.error = error

"""The practice session as an explicit state machine, independent of Qt.

    setup -> speaking -> thinking -> answering -> rating (analysis runs meanwhile) -> results -> next ...
                                                                                   \\-> finished

With follow-ups on (`follow_ups` "one" or "adaptive"), moving on from an answer first asks its follow-up
(app.analysis.follow_up chooses it from the answer's analysis): the same speaking -> ... -> results
steps, with `question` the follow-up and the answer linked to its parent (`Answer.parent_id`).

A source that cannot be used (a file that is not media, no microphone) fails the answer as it starts:
`failed`, where the engine waits for the person to try again, skip (or next) or finish.

The owner (the GUI through a QTimer, or a headless loop) calls `tick()` regularly; timers, finished
background work and device losses are all handled inside `tick()`, on the owner's thread, so listeners
are always called from that one thread and the GUI never waits on the engine.
"""

from __future__ import annotations

import logging
import queue
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor

from app.core.analysis_result import AnswerAnalysis
from app.core.errors import UserFacingError
from app.core.questions import Question
from app.core.session import Answer, AnswerStatus, SelfRating, Session, SessionStatus
from app.platform.memory import release_free_memory
from app.session.answers import PendingAnswer, new_answer, now_iso
from app.session.capture import AnswerAnalyzer, AnswerCapture, CapturedAnswer, CaptureFactory, record_outcome
from app.session.follow_up_choice import FollowUp, due_follow_up
from app.session.phases import Phase, PhaseClock
from app.session.plan import SessionPlan
from app.storage import media
from app.storage.database import Database

log = logging.getLogger(__name__)


class SessionEngine(PhaseClock):
    def __init__(
        self,
        plan: SessionPlan,
        database: Database,
        capture_factory: CaptureFactory,
        analyzer: AnswerAnalyzer,
        clock: Callable[[], float] = time.monotonic,
        executor: Executor | None = None,
        follow_ups: str = "none",
    ) -> None:
        self.plan = plan
        self.follow_ups = follow_ups  # "none", "one" or "adaptive" (app.analysis.follow_up.FOLLOW_UP_MODES)
        super().__init__(clock)
        self.database = database
        self._capture_factory = capture_factory
        self._analyzer = analyzer
        self._executor = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="answer-analysis")
        self._owns_executor = executor is None
        self.index = 0
        self.session = Session(
            id=uuid.uuid4().hex, title=plan.title, created_at=now_iso(), track=plan.track,
            bank_id=plan.bank_id, job_terms=list(plan.job_terms),
        )
        self.current_answer: Answer | None = None
        self.notices: list[str] = []
        self.failure: UserFacingError | None = None  # why the current answer could not be recorded
        self._capture: AnswerCapture | None = None
        self._pending: PendingAnswer | None = None
        self._rated = False
        self._follow_up: FollowUp | None = None  # set while a follow-up is asked and answered
        self._advance_when_ready = False  # "next" was pressed before the analysis that picks the follow-up
        self._events: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()

    # ---- observation --------------------------------------------------------------------------

    @property
    def question(self) -> Question:
        """The question being asked: the plan's, or its follow-up while one is asked."""
        return self._follow_up.question if self._follow_up is not None else self.plan.questions[self.index]

    @property
    def follow_up_parent(self) -> Answer | None:
        """While a follow-up is asked: the answer it follows up."""
        return self._follow_up.parent if self._follow_up is not None else None

    @property
    def last_step(self) -> bool:
        """Moving on ends the session: the last question, and no follow-up is to come after this answer."""
        if self.index + 1 < len(self.plan.questions):
            return False
        if self.follow_ups == "none" or self._follow_up is not None:
            return True
        if self._pending is not None and self._pending.answer is self.current_answer:
            return False  # its analysis, still running, may bring a follow-up
        return self._due_follow_up() is None

    @property
    def follow_up_next(self) -> bool:
        """Moving on from this answer's results asks its follow-up."""
        return self._due_follow_up() is not None

    @property
    def answer_limit(self) -> float:
        """Seconds after which the current answer stops by itself (per question: plan.answer_limit)."""
        return self.plan.answer_limit(self.question)

    @property
    def remaining(self) -> float | None:
        limits = {Phase.THINKING: self.plan.thinking_seconds, Phase.ANSWERING: self.answer_limit}
        limit = limits.get(self.phase)
        return None if limit is None else max(0.0, limit - self.elapsed)

    @property
    def analysis_ready(self) -> bool:
        return self._pending is None

    # ---- actions ------------------------------------------------------------------------------

    def start(self) -> None:
        self._require(Phase.SETUP)
        self.session.status = SessionStatus.IN_PROGRESS
        self.database.save_session(self.session)
        self._ask(0)

    def question_spoken(self) -> None:
        """The spoken question ended (or there is no voice): the thinking countdown starts."""
        if self.phase == Phase.SPEAKING:
            self._enter(Phase.THINKING)

    def start_answer(self) -> None:
        """Start recording (also "try again" after a failed start).

        A source that cannot be used fails this answer once (phase FAILED, `failure` says why) and
        the engine waits for the person; it never restarts the answer by itself.
        """
        self._require(Phase.SPEAKING, Phase.THINKING, Phase.FAILED)
        self._resume_clock()
        self.failure = None
        parent_id = self._follow_up.parent.id if self._follow_up is not None else ""
        attempt = 1 + sum(1 for a in self.session.answers
                          if a.position == self.index and a.parent_id == parent_id)
        has_video = self._capture_factory.has_video
        answer = new_answer(self.session.id, self.index, self.question, parent_id,
                            has_video=has_video, attempt=attempt)
        path = None
        if getattr(self._capture_factory, "records_media", True):  # typed answers write no file
            relative, path = media.prepare_answer_file(
                self.database.paths, self.session.id, answer.id, has_video
            )
            answer.media_path = relative
        self.database.save_answer(answer)  # saved before recording starts, so a crash leaves a trace
        self.session.answers.append(answer)
        self.current_answer = answer
        try:
            self._capture = self._capture_factory(self.question)  # file sources check their file here
            self._capture.start(path)
        except Exception as error:
            # Leaving the phase (and the answer row) as they were made every tick start another answer:
            # the error storm of issue 17. The answer fails once; a bug still reaches the crash dialog.
            self._fail_answer(error)
            if not isinstance(error, UserFacingError):
                raise
            return
        self._enter(Phase.ANSWERING)

    def stop_answer(self) -> None:
        """End the answer; the person rates it while it is analysed in the background."""
        self._require(Phase.ANSWERING)
        capture, answer = self._capture, self.current_answer
        assert capture is not None and answer is not None
        capture.request_stop()
        self._capture = None
        self._rated = False
        future = self._executor.submit(self._finish_and_analyse, capture, self.question)
        self._pending = PendingAnswer(answer, future)
        self._enter(Phase.RATING)

    def rate(self, rating: SelfRating) -> None:
        self._require(Phase.RATING)
        answer = self.current_answer
        assert answer is not None
        answer.self_rating = rating
        self.database.set_self_rating(answer.id, rating)
        self._to_results()

    def skip_rating(self) -> None:
        """Go on to this answer's results without rating it (the answer stays "not rated"; the next
        question is still reached through the results, unlike `next_question` from RATING)."""
        self._require(Phase.RATING)
        self._to_results()

    def _to_results(self) -> None:
        self._rated = True
        if self._pending is not None and self._pending.future.done():
            self._complete(self._pending, wait=False)
        self._enter(Phase.RESULTS if self._pending is None else Phase.ANALYSING)

    def next_question(self) -> None:
        self._require(Phase.RESULTS, Phase.RATING, Phase.FAILED)
        if self.phase == Phase.FAILED:
            self.skip()  # nothing was recorded: the question is skipped
            return
        if self.phase == Phase.RATING:
            self._rated = True  # rating skipped; the results still arrive
            if self._pending is not None and self.follow_ups != "none" and self._follow_up is None:
                self._advance_when_ready = True  # the analysis decides whether a follow-up comes first
                self._enter(Phase.ANALYSING)
                return
        self._advance()

    def _advance(self) -> None:
        """On from an answer: its follow-up when one is due, else the next question or the end."""
        due = self._due_follow_up()
        if due is not None:
            self._follow_up = due
            self.current_answer = None
            self.failure = None
            self._enter(Phase.SPEAKING if self.plan.speak_questions else Phase.THINKING)
        elif self.index + 1 >= len(self.plan.questions):
            self.finish()
        else:
            self._ask(self.index + 1)

    def _due_follow_up(self) -> FollowUp | None:
        return due_follow_up(self.follow_ups, self._follow_up, self.current_answer, self.session.answers)

    def skip(self) -> None:
        """Skip this question: an answer in progress is discarded, and a skipped answer is stored."""
        self._require(Phase.SPEAKING, Phase.THINKING, Phase.ANSWERING, Phase.FAILED)
        if self._capture is not None and self.current_answer is not None:
            self._capture.cancel()
            self._capture = None
            if self.current_answer.media_path:
                media.delete_media_file(self.database.paths, self.current_answer.media_path)
            skipped = self.current_answer
            skipped.media_path = ""
        else:
            parent_id = self._follow_up.parent.id if self._follow_up is not None else ""
            skipped = new_answer(self.session.id, self.index, self.question, parent_id)
            self.session.answers.append(skipped)
        skipped.status = AnswerStatus.SKIPPED
        self.database.save_answer(skipped)
        self.current_answer = None
        if self.index + 1 >= len(self.plan.questions):
            self.finish()
        else:
            self._ask(self.index + 1)

    def redo(self) -> None:
        """Answer the same question again; the earlier attempt stays stored."""
        self._require(Phase.ANSWERING, Phase.RATING, Phase.ANALYSING, Phase.RESULTS)
        if self.phase == Phase.ANSWERING:
            self.stop_answer()
        self._ask(self.index, speak=False, follow_up=self._follow_up)

    def finish(self) -> None:
        """End the session (also early): a running answer is kept, pending analysis completes."""
        if self.phase == Phase.FINISHED:
            return
        if self.phase == Phase.ANSWERING and self._capture is not None:  # not one just skipped (discarded)
            self.stop_answer()
        if self._pending is not None:
            self._complete(self._pending, wait=True)
        self.session.status = SessionStatus.COMPLETED
        self.session.ended_at = now_iso()
        self.database.save_session(self.session)
        self._enter(Phase.FINISHED)
        if self._owns_executor:
            self._executor.shutdown(wait=True)

    def abort(self) -> None:
        """The window is closing: stop recording, keep what was captured, leave the session resumable."""
        if self._capture is not None:
            self.stop_answer()
        if self._pending is not None:
            self._complete(self._pending, wait=True)
        if self.phase != Phase.FINISHED:
            self.session.status = SessionStatus.INTERRUPTED
            self.database.save_session(self.session)
        if self._owns_executor:
            self._executor.shutdown(wait=True)

    # ---- time and background work -------------------------------------------------------------

    def tick(self) -> None:
        """Advance timers and deliver finished background work. Call every ~100 ms."""
        while True:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                break
            event()
        if self._pending is not None and self._pending.future.done():
            self._complete(self._pending, wait=False)
        if self.phase == Phase.ANSWERING and self._capture is not None:
            failure = getattr(self._capture, "failure", None)  # a source that failed after starting
            if failure is not None:
                self._fail_answer(failure)
                return
        if self.paused:
            return
        if self.phase == Phase.THINKING and self.elapsed >= self.plan.thinking_seconds:
            self.start_answer()
        elif self.phase == Phase.ANSWERING and self.elapsed >= self.answer_limit:
            self.stop_answer()

    def post(self, event: Callable[[], None]) -> None:
        """Run `event` on the owner's thread at the next tick (device callbacks use this)."""
        self._events.put(event)

    def add_notice(self, text: str) -> None:
        self.notices.append(text)
        self._changed()

    def _finish_and_analyse(
        self, capture: AnswerCapture, question: Question
    ) -> tuple[CapturedAnswer, AnswerAnalysis | None]:
        captured = capture.finish()
        try:
            analysis = self._analyzer(captured, question)
        except Exception:
            log.exception("analysis of an answer failed; the recording is kept")
            return captured, None
        return captured, analysis

    def _complete(self, pending: PendingAnswer, wait: bool) -> None:
        answer = pending.answer
        try:
            captured, analysis = pending.future.result() if wait else pending.future.result(timeout=0)
        except Exception as error:  # noqa: BLE001 - the capture failed; keep the answer as recorded
            log.exception("finishing the recording failed")
            self.notices.append(f"The recording could not be finished: {error}")
            answer.status = AnswerStatus.INTERRUPTED
        else:
            self.notices.extend(record_outcome(answer, captured, analysis))
        self.database.save_answer(answer)
        self._pending = None
        release_free_memory()  # the answer's buffers are gone: give their pages back (app/memory.py)
        if self.phase == Phase.ANALYSING and answer is self.current_answer and self._advance_when_ready:
            self._advance_when_ready = False
            self._advance()
        elif self.phase == Phase.ANALYSING and answer is self.current_answer:
            self._enter(Phase.RESULTS)
        else:
            self._changed()

    def _fail_answer(self, error: BaseException) -> None:
        """The answer could not be recorded: discard what was started, store it as failed, then wait."""
        answer = self.current_answer
        assert answer is not None
        capture, self._capture = self._capture, None
        relative, answer.media_path = answer.media_path, ""
        if capture is not None:  # it may have opened a device and written a file header: off this thread
            self._executor.submit(self._discard, capture, relative)
        elif relative:
            media.delete_media_file(self.database.paths, relative)
        answer.status = AnswerStatus.FAILED
        answer.duration_s = 0.0
        self.database.save_answer(answer)
        self.session.answers.remove(answer)  # not an attempt: the session lists what was recorded
        if isinstance(error, UserFacingError):
            log.warning("answer %s could not be recorded: %s", answer.id, error)
            self.failure = error
        else:  # start_answer re-raises it to the crash dialog, which logs the traceback
            log.error("answer %s could not be recorded because of a bug", answer.id)
            self.failure = UserFacingError(
                "The recording could not start because of an unexpected problem.",
                "Try again, skip this question or end the session; the details are in the log file.",
            )
        self._enter(Phase.FAILED)

    def _discard(self, capture: AnswerCapture, relative: str) -> None:
        try:
            capture.cancel()
        except Exception:  # noqa: BLE001 - a source that failed may fail to stop too; the answer is gone anyway
            log.exception("stopping a failed capture failed")
        if relative:
            media.delete_media_file(self.database.paths, relative)

    # ---- internals ----------------------------------------------------------------------------

    def _ask(self, index: int, speak: bool = True, follow_up: FollowUp | None = None) -> None:
        self.index = index
        self._follow_up = follow_up
        self._advance_when_ready = False
        self.failure = None
        self.current_answer = None if speak else self.current_answer
        self._enter(Phase.SPEAKING if (speak and self.plan.speak_questions) else Phase.THINKING)

    def _enter(self, phase: Phase) -> None:
        self._start_phase(phase)
        log.debug("session %s: %s (question %d)", self.session.id, phase, self.index + 1)
        self._changed()

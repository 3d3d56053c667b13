"""The Qt adapter around the session engine: a QTimer ticks it, the question is spoken, signals tell the page.

The engine is Qt-free and calls its listeners on the thread that ticks it, here the GUI thread. Everything
slow stays off this thread: voices are synthesized by the TaskRunner (all questions at session start, so
the next one is usually cached), the capture and analysis run on the engine's own threads, the engine's
database writes run in order on their own thread (app.session.writes.WriteBehind, given to the engine in
place of the database), and ending the session while an answer is still being analysed waits for it through
the tick instead of blocking. `finished` comes once the session's last write has run.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import StorageError, UserFacingError
from app.core.session import SelfRating
from app.gui.playback import QuestionPlayer
from app.gui.practice.live_cues import LiveCoach
from app.gui.tasks import TaskRunner
from app.session import voices
from app.session.engine import Phase, SessionEngine
from app.session.live import LiveCaptureFactory
from app.session.typed import TypedAnswerCapture, TypedCaptureFactory
from app.session.writes import WriteBehind

log = logging.getLogger(__name__)

TICK_MS = 100


class SessionDriver(QObject):
    """Signals:
    changed(): phase, question, pause state or notices changed (after the engine's own change).
    answer_failed(UserFacingError): an answer could not be recorded (a source that cannot be used);
        emitted once per failed answer, after `changed`. The session waits: try again, skip or end.
        Also emitted once when a database write failed (the session goes on).
    finished(str): the session ended and is stored; carries its id.
    """

    changed = Signal()
    answer_failed = Signal(object)
    finished = Signal(str)

    def __init__(
        self,
        engine: SessionEngine,
        factory: LiveCaptureFactory | TypedCaptureFactory,
        runner: TaskRunner,
        speak: bool = True,
        live_cues: bool = True,
        voice_id: str = "",
        speech_rate: int = 165,
        parent: QObject | None = None,
        writes: WriteBehind | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.writes = writes  # the engine's database writes, when they run on their own thread
        self._write_error_shown = False
        self._finished_pending = False  # the session ended; `finished` waits for its writes to land
        self.factory = factory
        self.runner = runner
        self.player = QuestionPlayer(self)
        self.player.finished.connect(self._question_spoken)
        self.voice_notice = ""
        self._speak = speak and engine.plan.speak_questions
        self._voice = (voice_id, speech_rate)
        self._voices: dict[str, Path] = {}  # question text -> its spoken WAV
        self._voice_failed = False
        self._spoken: tuple[int, str] | None = None  # (index, question id) last spoken: follow-ups too
        self._finish_when_ready = False
        self._next_when_ready = False
        self._closed = False
        self._failed_answer_id = ""  # the failed answer already reported (one message per failure)
        self.typed = isinstance(factory, TypedCaptureFactory)  # answers are typed: no camera, no sound
        self.live_cues = live_cues and not self.typed
        self.coach: LiveCoach | None = None  # made for each answer (its question's own limit)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        engine.subscribe(lambda _engine: self._engine_changed())

    # ---- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        if self._speak:
            texts = voices.spoken_texts(self.engine.plan.questions)
            self.runner.run(
                voices.synthesize_all,
                texts,
                *self._voice,
                on_done=lambda paths: self._voices_ready(dict(zip(texts, paths, strict=True))),
                on_error=self._voice_unavailable,
                name="synthesize questions",
            )
        self.engine.start()
        self._timer.start()

    def tick(self) -> None:
        if self._closed:
            return
        self._check_writes()
        if self._finished_pending:
            if self.writes is None or self.writes.idle:
                self._announce_finished()
            return
        self.engine.tick()
        if self._finish_when_ready and self.engine.analysis_ready and self.engine.phase != Phase.FINISHED:
            self._finish_when_ready = False
            self.engine.finish()
        elif self._next_when_ready and self.engine.phase == Phase.RESULTS:
            self._next_when_ready = False
            self.engine.next_question()

    def close(self) -> None:
        """The window is closing: stop speaking and recording; the session stays resumable (interrupted)."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self.player.stop()
        if self.engine.phase != Phase.FINISHED:
            self.engine.abort()
        if self.writes is not None:
            self.writes.close()  # what the session saved is on disk before the app exits

    # ---- what the page shows -----------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self.engine.phase

    @property
    def ending(self) -> bool:
        """End was asked while the last answer is still being analysed."""
        return self._finish_when_ready

    @property
    def moving_on(self) -> bool:
        """Next was asked while this answer is still being analysed."""
        return self._next_when_ready

    @property
    def speaking(self) -> bool:
        return self.player.playing

    def _live_capture(self):  # type: ignore[no-untyped-def]
        """The recording in progress (None when not answering, or when answers are typed)."""
        capture = self.factory.current
        if self.typed or capture is None or self.engine.phase != Phase.ANSWERING:
            return None
        return capture

    def level_dbfs(self) -> float:
        capture = self._live_capture()
        return capture.level_dbfs() if capture is not None else -90.0

    def latest_frame(self):  # type: ignore[no-untyped-def]
        capture = self._live_capture()
        return capture.latest_frame() if capture is not None else None

    def latest_overlay(self):  # type: ignore[no-untyped-def]
        """The landmark overlay of the newest analysed frame while answering (None otherwise)."""
        capture = self._live_capture()
        return capture.latest_overlay() if capture is not None else None

    def submit_typed(self, text: str) -> None:
        """The typed answer as it stands (called as it changes, so a time-out keeps it too)."""
        capture = self.factory.current
        if isinstance(capture, TypedAnswerCapture) and self.engine.phase == Phase.ANSWERING:
            capture.submit_text(text)

    def live_cue(self) -> str:
        """The live cue to show now ('' for none): from the level, the camera and the live transcript."""
        capture = self._live_capture()
        if self.coach is None or capture is None:
            return ""
        landmarks = capture.latest_landmarks() if hasattr(capture, "latest_landmarks") else None
        words = capture.live_words() if hasattr(capture, "live_words") else []
        return self.coach.update(self.engine.elapsed, capture.level_dbfs(), landmarks, words)

    # ---- actions (buttons and shortcuts) -------------------------------------------------------

    def start_or_stop(self) -> None:
        """Start answering (or try again after a failed start), or stop the answer."""
        phase = self.engine.phase
        if phase in (Phase.SPEAKING, Phase.THINKING, Phase.FAILED):
            self.player.stop()
            self.engine.start_answer()
        elif phase == Phase.ANSWERING:
            self.engine.stop_answer()

    def rate(self, rating: SelfRating) -> None:
        if self.engine.phase == Phase.RATING:
            self.engine.rate(rating)

    def skip_rating(self) -> None:
        """Go on to this answer's results without rating it (not to the next question)."""
        if self.engine.phase == Phase.RATING:
            self.engine.skip_rating()

    def next(self) -> None:
        phase = self.engine.phase
        if phase not in (Phase.RESULTS, Phase.RATING, Phase.ANALYSING):
            return
        last = self.engine.last_step  # the last question, and no follow-up may come after this answer
        if last and not self.engine.analysis_ready:
            self._finish_when_ready = True
            self.changed.emit()
        elif phase == Phase.ANALYSING:
            self._next_when_ready = True  # the results are on their way; move on as soon as they are stored
            self.changed.emit()
        else:
            self.engine.next_question()

    def skip(self) -> None:
        if self.engine.phase in (Phase.SPEAKING, Phase.THINKING, Phase.ANSWERING, Phase.FAILED):
            self.player.stop()
            self.engine.skip()

    def redo(self) -> None:
        if self.engine.phase in (Phase.ANSWERING, Phase.RATING, Phase.ANALYSING, Phase.RESULTS):
            self.engine.redo()

    def toggle_pause(self) -> None:
        if self.engine.paused:
            self.engine.resume()
        elif self.engine.phase in (Phase.SPEAKING, Phase.THINKING):
            self.player.stop()
            self.engine.pause()

    def end_session(self) -> None:
        """End now (also early). A recording in progress is kept; its analysis finishes first."""
        self.player.stop()
        if self.engine.phase == Phase.ANSWERING:
            self.engine.stop_answer()
        if self.engine.analysis_ready:
            self.engine.finish()
        else:
            self._finish_when_ready = True
            self.changed.emit()

    # ---- internals ----------------------------------------------------------------------------

    def _engine_changed(self) -> None:
        engine = self.engine
        if engine.phase == Phase.SPEAKING and self._spoken != (engine.index, engine.question.id):
            self._spoken = (engine.index, engine.question.id)
            self._speak_current()
        if engine.phase == Phase.ANSWERING and self.live_cues and engine.elapsed < 0.5:
            self.coach = LiveCoach(engine.answer_limit)
        if engine.phase != Phase.SPEAKING and self.player.playing:
            self.player.stop()
        self.changed.emit()
        answer = engine.current_answer
        if engine.phase == Phase.FAILED and answer is not None and answer.id != self._failed_answer_id:
            self._failed_answer_id = answer.id
            if engine.failure is not None:
                self.answer_failed.emit(engine.failure)
        if engine.phase == Phase.FINISHED and not self._finished_pending:
            self._finished_pending = True
            if self.writes is None or self.writes.idle:
                self._announce_finished()
            # else: the tick announces it once the last writes have run (readers then see the session)

    def _announce_finished(self) -> None:
        self._finished_pending = False
        self._timer.stop()
        if self.writes is not None:
            self.writes.close()
        self._check_writes()
        self.finished.emit(self.engine.session.id)

    def _check_writes(self) -> None:
        """A database write that failed on the writer thread is said once (the session goes on)."""
        error = self.writes.error if self.writes is not None else None
        if error is None or self._write_error_shown:
            return
        self._write_error_shown = True
        if not isinstance(error, UserFacingError):
            error = StorageError(
                "Your answers could not be saved to the practice history.",
                "Check that the data folder can be written to and the disk is not full; the log has details.",
            )
        self.answer_failed.emit(error)

    def _speak_current(self) -> None:
        if not self._speak or self._voice_failed:
            QTimer.singleShot(0, self._question_spoken)
            return
        path = self._voices.get(self.engine.question.text)
        if path is not None:
            self.player.play(path)
        elif self._voices:  # a text not made at the start: made now, the same way
            text = self.engine.question.text
            self.runner.run(
                voices.synthesize_all, [text], *self._voice, on_done=lambda paths: self._voices_ready(
                    {text: paths[0]}), on_error=self._voice_unavailable, name="synthesize follow-up")
        # else: the voices are still being made; `_voices_ready` starts playback when they arrive

    def _voices_ready(self, spoken: dict[str, Path]) -> None:
        self._voices.update(spoken)
        path = self._voices.get(self.engine.question.text)
        if self.engine.phase == Phase.SPEAKING and not self.player.playing and not self._closed and path:
            self.player.play(path)

    def _voice_unavailable(self, error: BaseException) -> None:
        self._voice_failed = True
        advice = error.advice if isinstance(error, UserFacingError) else ""
        self.voice_notice = f"No voice is available, so questions are shown as text only. {advice}".strip()
        log.warning("questions will not be spoken: %s", error)
        self._question_spoken()
        self.changed.emit()

    def _question_spoken(self) -> None:
        if not self._closed and self.engine.phase == Phase.SPEAKING and not self.engine.paused:
            self.engine.question_spoken()


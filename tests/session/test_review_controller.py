"""Review's commands (app.session.review_controller) on a real database, by a runner that delivers later.

The page is stood in for by a view that records what it was told and answers the questions it is asked;
the jobs, the database, the analysis and the report writer are the real ones.
"""

from __future__ import annotations

import inspect
import threading
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import Cancelled, UserFacingError
from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.core.transcript import Transcript
from app.session.analyse import AnalysisServices
from app.session.review_controller import ReviewController
from app.session.store import Database
from app.session.typed import analyse_typed_text

QUESTION = Question(
    id="ctl-q1",
    text="Tell me about a time you improved a process.",
    category=Category.BEHAVIORAL,
    competency="ownership",
    star_expected=True,
    talking_points=["the process", "the result"],
    key_terms=["process"],
)
TEXT = (
    "In my last role our release process took two days. I was asked to shorten it. "
    "I automated the checks and wrote a checklist. As a result releases took four hours."
)


class Task:
    def __init__(self) -> None:
        self.cancelled = threading.Event()
        self.stages: list[tuple[str, float]] = []

    def progress(self, stage: str, fraction: float) -> None:
        self.stages.append((stage, fraction))

    def check(self) -> None:
        if self.cancelled.is_set():
            raise Cancelled()


class QueuedRunner:
    """Holds each job until `drain()`, then runs it on this thread and calls back as
    app.gui.tasks.TaskRunner does (later, as the GUI thread would get the result)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.queue: list[Callable[[], None]] = []

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Any = None, on_error: Any = None,
            on_progress: Any = None, on_cancelled: Any = None, name: str = "") -> Task:
        self.names.append(name)
        task = Task()
        kwargs = {"task": task} if "task" in inspect.signature(fn).parameters else {}

        def job() -> None:
            try:
                result = fn(*args, **kwargs)
            except Cancelled:
                if on_cancelled:
                    on_cancelled()
            except UserFacingError as error:
                if on_error:
                    on_error(error)
            else:
                if on_done:
                    on_done(result)

        self.queue.append(job)
        return task

    def drain(self) -> None:
        while self.queue:
            self.queue.pop(0)()


class Work:
    def __init__(self) -> None:
        self.busy = False
        self.texts: list[str] = []

    def start(self, text: str, handle: object, determinate: bool = True) -> None:
        self.busy = True
        self.texts.append(text)

    def progress(self, stage: str, fraction: float) -> None:
        pass

    def finish(self) -> None:
        self.busy = False


class Player:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def pause(self) -> None:
        self.calls.append("pause")

    def unload(self) -> None:
        self.calls.append("unload")


class View:
    def __init__(self) -> None:
        self.yes = True
        self.export_to: Path | None = None
        self.pdf_to: Path | None = None
        self.errors: list[UserFacingError] = []
        self.reanalysed: list[Answer] = []
        self.exported: list[Path] = []
        self.reports: list[tuple[Path, bool]] = []
        self.changes = 0

    def confirm(self, title: str, text: str) -> bool:
        return self.yes

    def choose_export_path(self, session_id: str) -> Path | None:
        return self.export_to

    def choose_pdf_path(self, session_id: str) -> Path | None:
        return self.pdf_to

    def show_error(self, error: UserFacingError) -> None:
        self.errors.append(error)

    def answer_reanalysed(self, answer: Answer) -> None:
        self.reanalysed.append(answer)

    def session_exported(self, path: Path) -> None:
        self.exported.append(path)

    def report_written(self, path: Path, pdf: bool) -> None:
        self.reports.append((path, pdf))

    def sessions_changed(self) -> None:
        self.changes += 1


@pytest.fixture
def database() -> Iterator[Database]:
    with Database.open() as db:
        yield db


def store(database: Database, analysis_text: str | None = TEXT) -> tuple[Session, Answer]:
    session = Session(id=uuid.uuid4().hex, title="Typed practice", created_at="2026-11-20T10:00:00+00:00",
                      status=SessionStatus.COMPLETED, ended_at="2026-11-20T10:10:00+00:00")
    database.save_session(session)
    answer = Answer(id=uuid.uuid4().hex, session_id=session.id, position=0, question=QUESTION,
                    status=AnswerStatus.ANALYSED, started_at=session.created_at)
    if analysis_text is not None:
        answer.analysis = analyse_typed_text(analysis_text, QUESTION)
    database.save_answer(answer)
    session.answers = [answer]
    return session, answer


def controller(database: Database, view: View, work: Work, player: Player, runner: QueuedRunner
               ) -> ReviewController:
    return ReviewController(view, work, player, runner, lambda: database, AnalysisServices(), lambda: 3)


@pytest.fixture
def parts() -> tuple[View, Work, Player, QueuedRunner]:
    return View(), Work(), Player(), QueuedRunner()


def test_rerun_of_a_typed_answer_analyses_its_words_again_and_saves(database, parts) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    _session, answer = store(database)
    stale = database.load_answer(answer.id)
    assert stale is not None and stale.analysis is not None
    stale.analysis.content = None  # as stored by an older version that had no content judge
    database.save_answer(stale)

    assert controller(database, view, work, player, runner).rerun_analysis(answer.id)
    assert work.busy and runner.names == ["re-run analysis"]  # the strip shows while it runs
    runner.drain()

    saved = database.load_answer(answer.id)
    assert saved is not None and saved.analysis is not None and saved.analysis.content is not None
    assert saved.analysis.transcript is not None and saved.analysis.transcript.text == TEXT
    assert [a.id for a in view.reanalysed] == [answer.id]
    assert view.changes == 1
    assert player.calls == ["pause"]
    assert work.texts == ["Analysing the answer again…"] and not work.busy


def test_rerun_waits_while_other_work_runs(database, parts) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    _session, answer = store(database)
    work.busy = True
    assert not controller(database, view, work, player, runner).rerun_analysis(answer.id)
    assert runner.names == [] and player.calls == []


def test_rerun_of_an_answer_with_nothing_recorded_says_so(database, parts) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    _session, answer = store(database, analysis_text=None)
    controller(database, view, work, player, runner).rerun_analysis(answer.id)
    runner.drain()
    assert [e.message for e in view.errors] == ["This answer has no recording to analyse."]
    assert not work.busy and view.reanalysed == []


def test_a_spoken_answer_whose_recording_is_gone_keeps_its_results(database, parts) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    _session, answer = store(database)
    assert answer.analysis is not None
    answer.analysis.transcript = Transcript(words=answer.analysis.transcript.words, engine="whisper")
    answer.media_path = "media/gone/answer.wav"
    database.save_answer(answer)
    controller(database, view, work, player, runner).rerun_analysis(answer.id)
    runner.drain()
    missing = "The recording of this answer is missing from the data folder."
    assert [e.message for e in view.errors] == [missing]
    kept = database.load_answer(answer.id)
    assert kept is not None and kept.analysis is not None and kept.analysis.transcript is not None
    assert kept.analysis.transcript.text == TEXT


def test_delete_answer_only_after_the_person_agrees(database, parts) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    _session, answer = store(database)
    ctl = controller(database, view, work, player, runner)
    view.yes = False
    assert not ctl.delete_answer(answer.id)
    assert database.load_answer(answer.id) is not None and player.calls == []
    view.yes = True
    assert ctl.delete_answer(answer.id)
    runner.drain()
    assert database.load_answer(answer.id) is None
    assert player.calls == ["unload"] and view.changes == 1


def test_delete_session_removes_it_from_the_list(database, parts) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    session, _answer = store(database)
    kept, _ = store(database)
    assert controller(database, view, work, player, runner).delete_session(session.id)
    runner.drain()
    assert [s.id for s in database.list_sessions()] == [kept.id]


def test_report_is_written_into_the_reports_folder_and_shown(database, parts) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    session, _answer = store(database)
    assert controller(database, view, work, player, runner).write_report(session.id)
    runner.drain()
    [(path, pdf)] = view.reports
    assert not pdf and path.parent == database.paths.reports and path.suffix == ".html"
    assert QUESTION.text in path.read_text(encoding="utf-8")
    assert work.texts == ["Writing the report…"] and not work.busy


def test_report_into_a_folder_that_cannot_be_written_says_where(database, parts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    session, _answer = store(database)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    view.pdf_to = blocker / "report.html"
    controller(database, view, work, player, runner).write_report(session.id, blocker / "report.html")
    runner.drain()
    assert view.reports == []
    assert view.errors[0].message.startswith(f"The report could not be saved to {blocker / 'report.html'}")


def test_export_asks_where_and_writes_the_archive(database, parts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    session, _answer = store(database)
    ctl = controller(database, view, work, player, runner)
    assert not ctl.export_session(session.id)  # the person closed the file chooser
    assert runner.names == []
    view.export_to = tmp_path / "my session"
    assert ctl.export_session(session.id)
    runner.drain()
    assert view.exported == [tmp_path / "my session.zip"]
    with zipfile.ZipFile(view.exported[0]) as archive:
        assert "session.json" in archive.namelist()
        assert QUESTION.text in archive.read("session.json").decode("utf-8")


def test_no_database_no_commands(parts) -> None:  # type: ignore[no-untyped-def]
    view, work, player, runner = parts
    ctl = ReviewController(view, work, player, runner, lambda: None, AnalysisServices(), lambda: 3)
    assert not any((ctl.rerun_analysis("a"), ctl.export_session("s"), ctl.write_report("s"),
                    ctl.delete_answer("a"), ctl.delete_session("s")))
    assert runner.names == []

"""Review with a real stored session: list, play, click a word to seek, timeline, notes, delete, export."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from review_data import Clip, interview_clip, jfk_clip, store_session

from app.analysis.answer import analyze_answer
from app.core.questions import Category, Question
from app.core.session import SessionStatus
from app.gui.context import AppContext
from app.gui.review.review import ReviewPage
from app.gui.settings.keys import Settings
from app.gui.tasks import TaskRunner
from app.gui.widgets.content_evidence import TIME_ROLE
from app.gui.widgets.timeline import FILLER, PAUSE
from app.report.content_evidence import quote
from app.session.typed import analyse_typed_text
from app.storage import media
from app.storage.database import Database
from app.storage.exchange import import_session

pytestmark = [
    pytest.mark.gui,
    pytest.mark.media,
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("PulseAudioService", "No RHI backend"),
]  # no sound server, no GPU


@pytest.fixture
def interview(shared_video: Path) -> Clip:
    return interview_clip(shared_video)


@pytest.fixture
def jfk(shared_audio: Path) -> Clip:
    return jfk_clip(shared_audio)


@pytest.fixture
def context():  # type: ignore[no-untyped-def]
    from review_data import _services

    database = Database.open()
    runner = TaskRunner(max_threads=2)
    ctx = AppContext(settings=Settings(), runner=runner, services=_services(), database=database)
    yield ctx
    runner.shutdown()
    database.close()


def open_page(qtbot, context: AppContext) -> ReviewPage:  # type: ignore[no-untyped-def]
    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.sessions.topLevelItemCount() > 0, timeout=10000)
    return page


def close_page(qtbot, page: ReviewPage) -> None:  # type: ignore[no-untyped-def]
    page.shutdown()
    page.context.runner.shutdown()


def test_sessions_listed_newest_first_with_marks(
    qtbot, context: AppContext, interview: Clip, jfk: Clip
) -> None:
    db = context.database
    assert db is not None
    store_session(db, [jfk], "2026-03-01T09:00:00+00:00", "Imported: jfk.wav", SessionStatus.IMPORTED)
    store_session(db, [interview, jfk], "2026-03-05T09:00:00+00:00", "Leadership practice")
    store_session(db, [jfk], "2026-03-03T09:00:00+00:00", "Cut short", SessionStatus.INTERRUPTED)
    page = open_page(qtbot, context)
    titles = [page.sessions.topLevelItem(row).text(0) for row in range(3)]
    assert "Leadership practice" in titles[0] and "[" not in titles[0]
    assert "Cut short" in titles[1] and "[interrupted]" in titles[1]
    assert "Imported: jfk.wav" in titles[2] and "[imported]" in titles[2]
    answers = [page.sessions.topLevelItem(0).child(i).text(0) for i in range(2)]
    assert answers[0].startswith("Q1. Tell me about a team you led.")
    assert answers[1].startswith("Q2. What does public service mean to you?")
    assert page.answer is not None and page.answer.question.id == "gui-q1"  # newest session opened first
    close_page(qtbot, page)


def test_play_click_word_seeks_and_highlights(qtbot, context: AppContext, interview: Clip) -> None:
    assert context.database is not None
    store_session(context.database, [interview], "2026-03-05T09:00:00+00:00")
    page = open_page(qtbot, context)
    player = page.player.player
    assert page.player.has_video
    qtbot.waitUntil(
        lambda: (
            player.mediaStatus()
            in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
        ),
        timeout=10000,
    )
    page.player.play_button.click()
    qtbot.waitUntil(lambda: player.position() > 600, timeout=10000)
    qtbot.waitUntil(lambda: page.transcript.current_index >= 0, timeout=5000)
    page.player.play_button.click()
    assert player.playbackState() == QMediaPlayer.PlaybackState.PausedState

    words = [w.text for w in page.transcript.words]
    index = words.index("payment")
    start = page.transcript.words[index].start
    rect = page.transcript.word_anchor_rect(index)
    qtbot.mouseClick(page.transcript.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # Issue 17.7: a clicked word plays from its moment (it only moved the position before).
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState, timeout=5000)
    qtbot.waitUntil(lambda: start * 1000 - 150 < player.position() < start * 1000 + 2000, timeout=5000)
    page.player.pause()
    page.seek(start)
    qtbot.waitUntil(lambda: abs(player.position() - start * 1000) < 150, timeout=5000)
    assert page.transcript.highlighted_text == "payment"

    page.seek(10.65)  # "rate" starts at about 10.6 s in the real transcript
    qtbot.waitUntil(lambda: abs(player.position() - 10650) < 150, timeout=5000)
    said = page.transcript.words[page.transcript.current_index]
    assert said.start <= 10.65 < page.transcript.words[page.transcript.current_index + 1].start
    assert page.transcript.highlighted_text == said.text
    close_page(qtbot, page)


def test_timeline_marks_the_filler_and_the_long_pause(qtbot, context: AppContext, interview: Clip) -> None:
    assert context.database is not None
    store_session(context.database, [interview], "2026-03-05T09:00:00+00:00")
    page = open_page(qtbot, context)
    markers = page.timeline.markers
    fillers = [m for m in markers if m.kind == FILLER and "um" in m.label]
    pauses = [m for m in markers if m.kind == PAUSE]
    assert len(fillers) == 1 and abs(fillers[0].start - interview.filler_start) < 1.2
    assert len(pauses) == 1
    true_start, true_end = interview.pause
    assert abs(pauses[0].start - true_start) < 0.5 and abs(pauses[0].end - true_end) < 0.5
    index = markers.index(pauses[0])
    player = page.player.player
    qtbot.mouseClick(
        page.timeline, Qt.MouseButton.LeftButton, pos=page.timeline.marker_rect(index).center().toPoint()
    )
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState, timeout=5000)
    start_ms = pauses[0].start * 1000
    qtbot.waitUntil(lambda: start_ms - 150 < player.position() < start_ms + 2000, timeout=5000)
    page.player.pause()

    # A tip with a moment plays from it too (issue 17.7).
    tips = page.report.tips
    timed = [tips.item(i) for i in range(tips.count()) if tips.item(i).data(TIME_ROLE) is not None]
    assert timed, "the interview clip's long pause gives a tip with its moment"
    tip_ms = float(timed[0].data(TIME_ROLE)) * 1000
    page.seek(0.0)
    qtbot.waitUntil(lambda: player.position() < 150, timeout=5000)
    page.tabs.setCurrentWidget(page.report)
    tips.scrollToItem(timed[0])
    qtbot.mouseClick(tips.viewport(), Qt.MouseButton.LeftButton, pos=tips.visualItemRect(timed[0]).center())
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState, timeout=5000)
    qtbot.waitUntil(lambda: tip_ms - 150 < player.position() < tip_ms + 2000, timeout=5000)
    page.player.pause()
    close_page(qtbot, page)


def test_notes_are_saved_to_the_database(qtbot, context: AppContext, jfk: Clip) -> None:
    db = context.database
    assert db is not None
    session = store_session(db, [jfk], "2026-03-05T09:00:00+00:00")
    page = open_page(qtbot, context)
    assert not page.player.has_video and "Audio-only" in page.player.placeholder.text()
    page.tabs.setCurrentIndex([page.tabs.tabText(i) for i in range(page.tabs.count())].index("Notes"))
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Slow down after the pause.")
    answer_id = session.answers[0].id
    qtbot.waitUntil(lambda: db.load_answer(answer_id).notes == "Slow down after the pause.", timeout=5000)
    # The save runs on a worker; its "saved" signal reaches the GUI thread just after the row is written.
    qtbot.waitUntil(lambda: page.notes_status.text() == "Notes saved.", timeout=5000)
    close_page(qtbot, page)


def test_delete_answer_and_session_remove_media(
    qtbot, context: AppContext, interview: Clip, jfk: Clip
) -> None:
    db = context.database
    assert db is not None
    session = store_session(db, [interview, jfk], "2026-03-05T09:00:00+00:00")
    first, second = session.answers
    first_file = media.absolute_media_path(db.paths, first.media_path)
    assert first_file.is_file()
    page = open_page(qtbot, context)
    page.confirm = lambda _title, _text: True
    page.delete_answer()
    qtbot.waitUntil(lambda: page.sessions.topLevelItem(0).childCount() == 1, timeout=5000)
    assert not first_file.exists() and db.load_answer(first.id) is None
    assert media.absolute_media_path(db.paths, second.media_path).is_file()
    page.delete_session()
    qtbot.waitUntil(lambda: page.sessions.topLevelItemCount() == 0, timeout=5000)
    assert db.list_sessions() == []
    assert list((db.paths.media).iterdir()) == []
    assert page.empty_label.isVisible()
    close_page(qtbot, page)


def test_export_makes_a_zip_that_imports_back(
    qtbot, context: AppContext, interview: Clip, tmp_path: Path
) -> None:
    db = context.database
    assert db is not None
    session = store_session(db, [interview], "2026-03-05T09:00:00+00:00", "To export")
    page = open_page(qtbot, context)
    target = tmp_path / "exported.zip"
    page.choose_export_path = lambda _id: target
    page.export_button.click()
    assert page.busy.isVisible()
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=20000)
    assert zipfile.is_zipfile(target)
    copy = import_session(db, target)
    assert copy.id != session.id and copy.title == "To export"
    words = copy.answers[0].analysis.transcript.text
    assert "payment service" in words
    assert (
        media.absolute_media_path(db.paths, copy.answers[0].media_path).stat().st_size
        == interview.path.stat().st_size
    )
    close_page(qtbot, page)


class FakeDesktop:
    """Stands in for QDesktopServices.openUrl: records each URL, answers whether a browser opened it."""

    def __init__(self, opens: bool) -> None:
        self.opens = opens
        self.urls: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url)
        return self.opens


def test_report_is_written_and_opened(qtbot, context: AppContext, interview: Clip) -> None:
    assert context.database is not None
    store_session(context.database, [interview], "2026-03-05T09:00:00+00:00")
    window = QMainWindow()  # the status bar says where the report is, even when a browser opened it
    page = ReviewPage(context)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: page.sessions.topLevelItemCount() > 0, timeout=10000)
    page.open_url = desktop = FakeDesktop(opens=True)
    page.report_button.click()
    qtbot.waitUntil(lambda: bool(desktop.urls), timeout=20000)
    path = Path(desktop.urls[0].toLocalFile())
    text = path.read_text(encoding="utf-8")
    assert path.is_relative_to(context.database.paths.reports)
    assert "Tell me about a team you led." in text and "wpm" in text
    assert page.report_dialog is None
    said = window.statusBar().currentMessage()
    assert said == f"The report is opening in your browser. It is saved as {path}"
    close_page(qtbot, page)


def test_report_without_a_browser_shows_its_path(qtbot, context: AppContext, interview: Clip) -> None:
    """Issue 17.6: "Open report" did nothing visible when no browser could open the file."""
    assert context.database is not None
    store_session(context.database, [interview], "2026-03-05T09:00:00+00:00")
    page = open_page(qtbot, context)
    page.open_url = desktop = FakeDesktop(opens=False)
    page.report_button.click()
    qtbot.waitUntil(lambda: page.report_dialog is not None, timeout=20000)
    dialog = page.report_dialog
    assert dialog is not None and dialog.isVisible()
    path = Path(desktop.urls[0].toLocalFile())
    assert path.is_file() and dialog.path_field.text() == str(path)
    assert "No browser could open the report" in dialog.message.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == str(path)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert desktop.urls[-1] == QUrl.fromLocalFile(str(path.parent))
    dialog.close()
    close_page(qtbot, page)


def test_save_pdf_confirms_with_the_path(qtbot, context: AppContext, interview: Clip, tmp_path: Path) -> None:
    """Issue 17.8: Save PDF gave no confirmation."""
    assert context.database is not None
    store_session(context.database, [interview], "2026-03-05T09:00:00+00:00")
    page = open_page(qtbot, context)
    page.open_url = desktop = FakeDesktop(opens=True)
    target = tmp_path / "my report.pdf"
    page.choose_pdf_path = lambda _id: target
    page.pdf_button.click()
    qtbot.waitUntil(lambda: page.report_dialog is not None, timeout=60000)
    dialog = page.report_dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Report saved"
    assert dialog.message.text() == "The PDF report was saved." and dialog.path_field.text() == str(target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert desktop.urls == []  # nothing opens by itself; Open does
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert desktop.urls == [QUrl.fromLocalFile(str(target))]
    close_page(qtbot, page)


def test_save_pdf_into_a_folder_that_cannot_be_written_says_so(
    qtbot, context: AppContext, interview: Clip, tmp_path: Path
) -> None:
    assert context.database is not None
    store_session(context.database, [interview], "2026-03-05T09:00:00+00:00")
    page = open_page(qtbot, context)
    blocker = tmp_path / "not a folder"  # a file where the folder should be: it cannot be created
    blocker.write_text("a file", encoding="utf-8")
    page.choose_pdf_path = lambda _id: blocker / "report.pdf"
    page.pdf_button.click()
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=60000)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and boxes[0].text().startswith("The report could not be saved to ")
    assert "Choose another folder" in boxes[0].informativeText()
    boxes[0].close()
    assert page.report_dialog is None
    close_page(qtbot, page)


def test_rerun_analysis_in_background_saves_the_new_result(qtbot, context: AppContext, jfk: Clip) -> None:
    db = context.database
    assert db is not None
    session = store_session(db, [jfk], "2026-03-05T09:00:00+00:00")
    answer = session.answers[0]
    answer.analysis = None  # as if stored before analysis
    db.save_answer(answer)
    page = open_page(qtbot, context)
    assert "not analysed" in page.sessions.topLevelItem(0).child(0).text(0)
    stages: list[str] = []
    page.rerun_button.click()
    assert page.busy.isVisible() and page.busy.cancel_button.isVisible()
    assert page.busy.handle is not None
    page.busy.handle.signals.progress.connect(lambda stage, _fraction: stages.append(stage))
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=60000)
    stored = db.load_answer(answer.id)
    assert stored is not None and stored.analysis is not None and stored.analysis.scores is not None
    assert "ask not what your country" in stored.analysis.transcript.text.lower().replace(",", "")
    qtbot.waitUntil(
        lambda: "not analysed" not in page.sessions.topLevelItem(0).child(0).text(0), timeout=5000
    )
    assert "transcribing" in stages and stages[-1] == "scoring"
    close_page(qtbot, page)


def test_rerun_can_be_cancelled(qtbot, context: AppContext, interview: Clip) -> None:
    db = context.database
    assert db is not None
    session = store_session(db, [interview], "2026-03-05T09:00:00+00:00")
    before = db.load_answer(session.answers[0].id)
    page = open_page(qtbot, context)
    page.rerun_button.click()
    page.busy.cancel_button.click()
    assert page.busy.label.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=60000)
    assert db.load_answer(session.answers[0].id) == before
    close_page(qtbot, page)


# The clip's question with talking points its words really cover, each with an example phrasing.
TEAM_QUESTION = Question(
    id="gui-q1-points",
    text="Tell me about a team you led.",
    category=Category.BEHAVIORAL,
    competency="leadership",
    star_expected=True,
    talking_points=["How big the team was", "What the team built"],
    point_examples=[["I led a team of five engineers."], ["We rebuilt the payment service."]],
    key_terms=["team"],
)


def test_covering_sentence_is_shown_and_clicking_it_plays_from_there(
    qtbot, context: AppContext, interview: Clip
) -> None:
    assert context.database is not None
    heard = interview.result.analysis  # the clip's real Whisper words, delivery and body language
    analysis = analyze_answer(TEAM_QUESTION, heard.transcript, heard.delivery, heard.body_language)
    assert analysis.content is not None
    built = analysis.content.talking_points[1]
    assert built.covered and "payment service" in built.sentence and built.first_time is not None
    assert built.first_time > 4.0  # "and we rebuilt the payment service" starts near 5 s
    clip = Clip(interview.path, TEAM_QUESTION, replace(interview.result, analysis=analysis))
    store_session(context.database, [clip], "2026-03-05T09:00:00+00:00")
    page = open_page(qtbot, context)
    player = page.player.player
    qtbot.waitUntil(
        lambda: (
            player.mediaStatus()
            in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
        ),
        timeout=10000,
    )
    page.tabs.setCurrentWidget(page.content_view)
    view = page.content_view
    item = view.item_for("What the team built")
    assert item is not None
    minutes, seconds = divmod(round(built.first_time), 60)
    assert f"What the team built — covered at {minutes}:{seconds:02d}" in item.text()
    assert quote(built.sentence) in item.text()
    assert item.toolTip() == f"Click to play the answer from {minutes}:{seconds:02d}."

    page.seek(15.0)  # somewhere else first, paused
    qtbot.waitUntil(lambda: abs(player.position() - 15000) < 150, timeout=5000)
    assert player.playbackState() != QMediaPlayer.PlaybackState.PlayingState
    view.rows.scrollToItem(item)
    qtbot.mouseClick(
        view.rows.viewport(), Qt.MouseButton.LeftButton, pos=view.rows.visualItemRect(item).center()
    )
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState, timeout=5000)
    start_ms = built.first_time * 1000
    qtbot.waitUntil(lambda: start_ms - 150 < player.position() < start_ms + 2000, timeout=5000)
    qtbot.waitUntil(lambda: player.position() > start_ms + 300, timeout=5000)  # it plays on from the sentence
    assert page.transcript.highlighted_text != ""
    page.player.pause()
    close_page(qtbot, page)


def test_capped_content_shows_its_note_and_typed_rows_have_no_times(
    qtbot, context: AppContext, interview: Clip
) -> None:
    assert context.database is not None
    off_topic = analyse_typed_text(
        "My favourite holiday was a trip to the mountains with my cousins, where we went hiking every day.",
        TEAM_QUESTION,
    )
    assert off_topic.scores is not None and off_topic.scores.content.note  # capped at 1.5, with the reason
    clip = Clip(interview.path, TEAM_QUESTION, replace(interview.result, analysis=off_topic, has_video=False))
    store_session(context.database, [clip], "2026-03-05T09:00:00+00:00")
    page = open_page(qtbot, context)
    assert page.report.content_note.isVisible()
    assert page.report.content_note.label.text() == f"Content: {off_topic.scores.content.note}"
    page.tabs.setCurrentWidget(page.content_view)
    view = page.content_view
    assert view.note.isVisible() and view.note.label.text() == off_topic.scores.content.note
    rows = [view.rows.item(i) for i in range(view.rows.count())]
    assert any("What the team built — " in item.text() for item in rows)
    assert all(" at 0:" not in item.text() and "▶" not in item.text() for item in rows)
    assert all(item.data(TIME_ROLE) is None for item in rows)
    built = view.item_for("What the team built")
    assert built is not None and "✗ What the team built — not covered" in built.text()
    assert "Closest: “My favourite holiday was a trip to the mountains" in built.text()
    with qtbot.assertNotEmitted(view.play_requested):  # a typed answer has no moment to play
        rect = view.rows.visualItemRect(built)
        qtbot.mouseClick(view.rows.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view.how.button.click()
    assert view.how.text.isVisible() and "at most 1.5" in view.how.text.text()
    close_page(qtbot, page)

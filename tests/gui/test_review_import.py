"""Review -> Import recording: a real recording analysed in the background and kept as an imported session."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_data import _services

from app.core.session import SessionStatus
from app.gui.context import AppContext
from app.gui.review.import_dialog import TYPED_QUESTION, ImportDialog
from app.gui.review.review import ReviewPage
from app.gui.settings.keys import Settings
from app.gui.tasks import TaskRunner
from app.storage import media
from app.storage.database import Database

pytestmark = [
    pytest.mark.gui,
    pytest.mark.media,
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("PulseAudioService", "No RHI backend"),
]


@pytest.fixture
def context():  # type: ignore[no-untyped-def]
    database = Database.open()
    runner = TaskRunner(max_threads=2)
    ctx = AppContext(settings=Settings(), runner=runner, services=_services(), database=database)
    yield ctx
    runner.shutdown()
    database.close()


def _dialog(qtbot, page: ReviewPage) -> ImportDialog:  # type: ignore[no-untyped-def]
    page.import_button.click()
    dialog = page.import_dialog
    qtbot.waitUntil(lambda: dialog.question_box.count() > 50, timeout=20000)  # the bundled banks loaded
    return dialog


def test_import_recording_is_analysed_stored_and_shown(
    qtbot, context: AppContext, shared_audio: Path
) -> None:
    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.show()
    dialog = _dialog(qtbot, page)
    dialog.path_edit.setText(str(shared_audio / "jfk.wav"))
    dialog.question_box.setCurrentIndex(dialog.question_box.findText(TYPED_QUESTION))
    assert dialog.question_text.isVisible()
    qtbot.keyClicks(dialog.question_text, "What does your country mean to you?")
    with qtbot.waitSignal(dialog.imported, timeout=60000) as imported:
        dialog.analyse_button.click()
        assert dialog.progress.isVisible() and dialog.cancel_button.text() == "Cancel"
    session_id = imported.args[0]
    db = context.database
    assert db is not None
    stored = db.load_session(session_id)
    assert stored.status == SessionStatus.IMPORTED
    answer = stored.answers[0]
    assert answer.question.text == "What does your country mean to you?"
    assert "ask not what your country can do for you" in answer.analysis.transcript.text.lower().replace(
        ",", ""
    )
    copied = media.absolute_media_path(db.paths, answer.media_path)
    assert (
        copied.is_relative_to(db.paths.media)
        and copied.stat().st_size == (shared_audio / "jfk.wav").stat().st_size
    )
    qtbot.waitUntil(lambda: page.session_id == session_id and page.answer is not None, timeout=10000)
    assert "[imported]" in page.sessions.currentItem().parent().text(0)
    assert any(word.text.startswith("country") for word in page.transcript.words)
    page.shutdown()


def test_import_of_a_file_that_is_not_media_says_so_plainly(
    qtbot, context: AppContext, tmp_path: Path
) -> None:
    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.show()
    dialog = _dialog(qtbot, page)
    fake = tmp_path / "answer.mp4"
    fake.write_text("this is a shopping list, not a video\n" * 50)
    dialog.path_edit.setText(str(fake))
    dialog.analyse_button.click()
    qtbot.waitUntil(lambda: dialog.analyse_button.isEnabled(), timeout=20000)
    assert "answer.mp4" in dialog.message.text()
    assert dialog.isVisible()
    assert context.database is not None and context.database.list_sessions() == []
    other = tmp_path / "other.wav"
    other.write_bytes(b"RIFF")
    dialog.path_edit.setText(str(other))  # as Browse… does: the error was about the old file
    assert dialog.message.text() == ""
    dialog.path_edit.setText(str(tmp_path / "missing.wav"))
    dialog.analyse_button.click()
    assert dialog.message.text() == "Choose a recording file that exists."
    dialog.reject()
    page.shutdown()


def test_question_search_narrows_the_list_and_shows_the_first_match(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Issue 17.8: about 170 questions (now more) with no way to search them."""
    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.show()
    dialog = _dialog(qtbot, page)
    every = dialog.question_box.count() - 2  # after "(no question …)" and "Type my own question…"
    assert dialog.matches.text() == f"{every} questions from the question banks."
    qtbot.keyClicks(dialog.search, "disagreed colleague")
    found = [dialog.question_box.itemData(i) for i in range(2, dialog.question_box.count())]
    assert 1 <= len(found) < every
    for question in found:
        assert "disagreed" in question.text.lower() and "colleague" in question.text.lower()
    assert dialog.matches.text() == f"{len(found)} of {every} questions match; pick one below."
    assert dialog.chosen_question() is found[0]  # the box shows the first match at once
    qtbot.keyClicks(dialog.search, " zzzq")
    assert dialog.question_box.count() == 2 and dialog.chosen_question() == ""
    assert "No question matches" in dialog.matches.text() and TYPED_QUESTION in dialog.matches.text()
    dialog.search.clear()
    assert dialog.question_box.count() == every + 2
    dialog.reject()
    page.shutdown()

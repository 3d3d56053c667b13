"""Review -> Import recording: analyse a video or audio file the person already has and keep it as a session.

The file is analysed in the background (progress and Cancel), then copied into the data folder and stored
as an IMPORTED session, which Review then shows. A file that is not media, is truncated or has no sound
gets a plain message in the dialog, not a crash; picking another file clears it. The bundled banks hold
about 170 questions, so a search box above the question list narrows it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserFacingError
from app.core.questions import Question
from app.core.session import Session
from app.gui.context import AppContext
from app.gui.tasks import TaskHandle
from app.gui.theme import label
from app.session.review import import_recording, load_questions, matching_questions

log = logging.getLogger(__name__)

MEDIA_FILTER = "Recordings (*.mp4 *.mov *.mkv *.webm *.m4v *.wav *.mp3 *.m4a *.flac *.ogg);;All files (*)"
NO_QUESTION = "(no question — score structure only)"
TYPED_QUESTION = "Type my own question…"


class ImportDialog(QDialog):
    """Signals:
    imported(str): id of the stored session.
    """

    imported = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Import a recording")
        self.setAccessibleName("Import a recording")
        self.setMinimumWidth(560)
        self.handle: TaskHandle | None = None
        self.session_id = ""

        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Recording file")
        self.path_edit.setPlaceholderText("A video or audio file: MP4, MOV, MKV, WebM, WAV, MP3, M4A, FLAC")
        self.path_edit.textChanged.connect(self._path_changed)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        self.questions: list[Question] = []
        self.search = QLineEdit()
        self.search.setAccessibleName("Search the questions")
        self.search.setPlaceholderText("Search the questions: a word from the question, a role or a topic")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_questions)
        self.search.setEnabled(False)  # until the banks are loaded
        self.matches = label("", "muted")
        self.matches.setAccessibleName("Questions found")
        self.question_box = QComboBox()
        self.question_box.setAccessibleName("Question that was answered")
        self.question_box.addItem(NO_QUESTION, None)
        self.question_box.addItem(TYPED_QUESTION, "typed")
        self.question_box.currentIndexChanged.connect(self._question_changed)
        self.question_box.setMinimumContentsLength(40)
        self.question_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.question_text = QLineEdit()
        self.question_text.setAccessibleName("Question text")
        self.question_text.setPlaceholderText("The question you were answering")
        self.question_text.setVisible(False)
        form = QFormLayout()
        form.addRow("Recording:", file_row)
        form.addRow("Question:", self.search)
        form.addRow("", self.matches)
        form.addRow("", self.question_box)
        form.addRow("", self.question_text)

        self.message = label("", "muted")
        self.message.setAccessibleName("Import status")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.analyse_button = QPushButton("Analyse and import")
        self.analyse_button.setDefault(True)
        self.analyse_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Close")
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.analyse_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label("The recording is analysed on this computer and kept in your data folder.", "muted")
        )
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.context.runner.run(
            load_questions,
            on_done=self._questions_loaded,
            on_error=lambda error: log.warning("banks unavailable: %s", error),
            name="banks",
        )

    def _questions_loaded(self, questions: list[Question]) -> None:
        self.questions = questions
        self.search.setEnabled(True)
        self._filter_questions(self.search.text())

    def _filter_questions(self, query: str) -> None:
        """Show only the bank questions that match the search, keeping the choice when it still matches."""
        chosen = self.question_box.currentData()
        found = matching_questions(self.questions, query)
        self.question_box.blockSignals(True)
        while self.question_box.count() > 2:  # "(no question …)" and "Type my own question…" always stay
            self.question_box.removeItem(2)
        for question in found:
            text = question.text if len(question.text) < 90 else question.text[:87] + "…"
            self.question_box.addItem(text, question)
            self.question_box.setItemData(
                self.question_box.count() - 1, question.text, Qt.ItemDataRole.ToolTipRole
            )
        box = self.question_box
        keep = next((i for i in range(box.count()) if box.itemData(i) is chosen), -1) if chosen else 0
        if keep < 0 or (query.strip() and found and not isinstance(chosen, Question)):
            keep = 2 if found else 0  # the first match, so the box shows what was searched for
        self.question_box.setCurrentIndex(keep)
        self.question_box.blockSignals(False)
        self._question_changed(keep)
        if not query.strip():
            self.matches.setText(f"{len(found)} questions from the question banks.")
        elif found:
            self.matches.setText(f"{len(found)} of {len(self.questions)} questions match; pick one below.")
        else:
            self.matches.setText(
                f"No question matches “{query.strip()}”. Choose “{TYPED_QUESTION}” to enter it yourself."
            )

    def _path_changed(self, _text: str) -> None:
        if self.handle is None:  # a new file: the message about the old one no longer applies
            self.message.setText("")

    def _question_changed(self, _index: int) -> None:
        self.question_text.setVisible(self.question_box.currentData() == "typed")

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Choose a recording", str(Path.home()), MEDIA_FILTER
        )
        if name:
            self.path_edit.setText(name)

    def chosen_question(self) -> Question | str:
        """A bank question, or the typed question's text ("" for none), resolved in the worker."""
        data = self.question_box.currentData()
        if isinstance(data, Question):
            return data
        if data == "typed":
            return self.question_text.text().strip()
        return ""

    def start(self) -> None:
        database = self.context.database
        path = Path(self.path_edit.text().strip()).expanduser()
        if database is None:
            self.message.setText("The practice database could not be opened, so nothing can be imported.")
            return
        if not self.path_edit.text().strip() or not path.is_file():
            self.message.setText("Choose a recording file that exists.")
            return
        self.message.setText("Reading the recording…")
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.analyse_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.handle = self.context.runner.run(
            import_recording,
            database,
            self.context.services,
            path,
            self.chosen_question(),
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progress,
            on_cancelled=self._cancelled,
            name="import recording",
        )

    def _progress(self, stage: str, fraction: float) -> None:
        self.message.setText(stage[:1].upper() + stage[1:] + "…")
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def _idle(self) -> None:
        self.handle = None
        self.progress.setVisible(False)
        self.analyse_button.setEnabled(True)
        self.cancel_button.setText("Close")

    def _done(self, session: Session) -> None:
        self._idle()
        self.session_id = session.id
        self.message.setText("Imported. It is now in Review.")
        self.imported.emit(session.id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._idle()
        if isinstance(error, UserFacingError):
            self.message.setText(f"{error.message} {error.advice}".strip())
        else:
            self.message.setText("The recording could not be imported (see the log).")

    def _cancelled(self) -> None:
        self._idle()
        self.message.setText("Import cancelled; nothing was saved.")

    def cancel_or_close(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.message.setText("Cancelling…")
        else:
            self.reject()

    def reject(self) -> None:
        if self.handle is not None:  # Escape while analysing cancels first
            self.handle.cancel()
            return
        super().reject()

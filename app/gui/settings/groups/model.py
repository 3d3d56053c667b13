"""Settings' transcription model: the choice, and a download with progress and Cancel for a larger one.

Offline or with a full disk, the failure is said plainly (app.session.models.download_problem).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.core.errors import UserFacingError
from app.gui.context import AppContext
from app.gui.settings.keys import Key, Setting
from app.gui.tasks import TaskContext, TaskHandle
from app.gui.theme import label
from app.session import models


class ModelGroup(QGroupBox):
    """Args:
    base_url: where models download from, asked at each download (tests point it at an unreachable address).
    """

    def __init__(
        self, context: AppContext, base_url: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__("Transcription model", parent)
        self.context = context
        self.settings = context.settings
        self._base_url = base_url
        self.download_handle: TaskHandle | None = None
        form = QFormLayout(self)
        self.model_box = QComboBox()
        self.model_box.setAccessibleName("Transcription model")
        for text, name in models.model_choices():
            self.model_box.addItem(text, name)
        self.model_box.setCurrentIndex(
            max(0, self.model_box.findData(self.settings.get(Key.TRANSCRIPTION_MODEL)))
        )
        self.model_box.currentIndexChanged.connect(self._model_chosen)
        self.download_button = QPushButton("Download")
        self.download_button.clicked.connect(self.download_model)
        self.cancel_download_button = QPushButton("Cancel")
        self.cancel_download_button.clicked.connect(self.cancel_download)
        self.cancel_download_button.setVisible(False)
        self.download_bar = QProgressBar()
        self.download_bar.setRange(0, 1000)
        self.download_bar.setVisible(False)
        self.model_note = label("", "muted")
        self.model_note.setAccessibleName("Transcription model status")
        row = QHBoxLayout()
        row.addWidget(self.model_box, 1)
        row.addWidget(self.download_button)
        row.addWidget(self.cancel_download_button)
        form.addRow("Model:", row)
        form.addRow("", self.download_bar)
        form.addRow("", self.model_note)
        self._model_chosen()
        self.settings.changed.connect(self._setting_changed)

    def _setting_changed(self, setting: Setting) -> None:  # type: ignore[type-arg]
        """The list shows the stored model (changed elsewhere, or reset by "Delete all my data")."""
        if setting == Key.TRANSCRIPTION_MODEL:
            index = self.model_box.findData(self.settings.get(Key.TRANSCRIPTION_MODEL))
            if index >= 0 and index != self.model_box.currentIndex():
                self.model_box.setCurrentIndex(index)

    def _model_chosen(self, _index: int = 0) -> None:
        name = str(self.model_box.currentData())
        present = models.is_downloaded(name)
        self.download_button.setVisible(not present)
        if present:
            self.settings.set(Key.TRANSCRIPTION_MODEL, name)
            self.context.services.set_model(name)
            hears = ""
            if models.is_multilingual(name):
                hears = " It also hears answers in other languages (a bank's language)."
            self.model_note.setText(f"{name} is ready. It is used from your next answer on.{hears}")
        else:
            self.model_note.setText(f"{name} is not on this computer yet: download it to use it.")

    def download_model(self) -> None:
        name = str(self.model_box.currentData())
        self.download_bar.setValue(0)
        self.download_bar.setVisible(True)
        self.download_button.setEnabled(False)
        self.cancel_download_button.setVisible(True)
        self.model_note.setText(f"Downloading {name}…")
        self.download_handle = self.context.runner.run(
            _download,
            name,
            self._base_url(),
            on_done=lambda _path: self._downloaded(),
            on_error=self._download_failed,
            on_progress=self._download_progress,
            on_cancelled=lambda: self._download_finished("Download cancelled."),
            name="download model",
        )

    def _download_progress(self, stage: str, fraction: float) -> None:
        self.download_bar.setValue(int(fraction * 1000))
        self.model_note.setText(f"Downloading: {stage}")

    def _download_finished(self, message: str) -> None:
        self.download_handle = None
        self.download_bar.setVisible(False)
        self.download_button.setEnabled(True)
        self.cancel_download_button.setVisible(False)
        self.model_note.setText(message)

    def _downloaded(self) -> None:
        self._download_finished("")
        self._model_chosen()

    def _download_failed(self, error: BaseException) -> None:
        if not isinstance(error, UserFacingError | OSError):
            raise error  # a bug, not the network or the disk: the crash dialog and the log
        self._download_finished(models.download_problem(error))

    def cancel_download(self) -> None:
        if self.download_handle is not None:
            self.download_handle.cancel()


def _download(name: str, base_url: str, task: TaskContext) -> object:
    return models.download(name, base_url, progress=task.progress, cancel=task.cancelled)

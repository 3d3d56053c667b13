"""Settings: devices, the voice that reads questions, the transcription model, practice defaults, the theme,
and the person's data (where it is, and deleting all of it).

Every control is tied to its setting (app.gui.setting_controls): what is changed here is saved at once, and
what another page changes (the Practice page's timing, the overlay toggled while answering) shows here at
once.

Device and voice lists load in the background (probing a camera or the speech engine can take a second).
A larger Whisper model downloads with progress and Cancel; offline, the failure is said plainly. "Delete
all my data" asks twice, closes the database, removes every file under the app's folders (the open log
file is emptied instead), and opens a fresh, empty database so the app keeps running.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.analysis.follow_up import FOLLOW_UP_MODES
from app.core.errors import UserFacingError
from app.gui.context import AppContext
from app.gui.pages.settings_page_jobs import (
    TEST_PHRASE,
    delete_all_data,
    download,
    download_problem,
    list_devices,
    list_voices,
    open_log_files,
    synthesize,
)
from app.gui.setting_controls import bind_check, bind_combo, bind_spin
from app.gui.settings import Key, Setting
from app.gui.tasks import TaskHandle
from app.gui.theme import PAGE_MARGINS, label
from app.platform.paths import app_paths
from app.speech import whisper_models
from app.storage.database import Database

if TYPE_CHECKING:
    from app.gui.pages.banks_dialog import BanksDialog

log = logging.getLogger(__name__)

THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = context.settings
        self.setAccessibleName("Settings page")
        self.model_base_url = whisper_models.HF_BASE_URL  # tests point it at an unreachable address
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.confirm: Callable[[str, str], bool] = self._ask
        self.download_handle: TaskHandle | None = None
        self.loaded_once = False
        self._player = None

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(label("Settings", "pageTitle"))
        layout.addWidget(self._devices_group())
        layout.addWidget(self._voice_group())
        layout.addWidget(self._model_group())
        layout.addWidget(self._practice_group())
        layout.addWidget(self._data_group())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        content.setMaximumWidth(960)
        holder = QWidget()
        holder_layout = QHBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(content, 1)
        holder_layout.addStretch(0)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        context.close_hooks.append(self._cancel_download)
        self.settings.changed.connect(self._setting_changed)

    # ---- groups -------------------------------------------------------------------------------------

    def _devices_group(self) -> QGroupBox:
        group = QGroupBox("Camera and microphone")
        form = QFormLayout(group)
        self.camera_box = QComboBox()
        self.camera_box.setAccessibleName("Camera")
        self.camera_box.addItem("Looking for cameras…", None)
        self.camera_binding = bind_combo(self.settings, Key.CAMERA_INDEX, self.camera_box)
        self.microphone_box = QComboBox()
        self.microphone_box.setAccessibleName("Microphone")
        self.microphone_box.addItem("Looking for microphones…", None)
        self.microphone_binding = bind_combo(self.settings, Key.MICROPHONE, self.microphone_box)
        self.device_note = label("", "muted")
        form.addRow("Camera:", self.camera_box)
        form.addRow("Microphone:", self.microphone_box)
        form.addRow("", self.device_note)
        return group

    def _voice_group(self) -> QGroupBox:
        group = QGroupBox("Questions read aloud")
        form = QFormLayout(group)
        self.speak_check = self._check(Key.SPEAK_QUESTIONS, "Read each question aloud")
        self.voice_box = QComboBox()
        self.voice_box.setAccessibleName("Voice")
        self.voice_box.addItem("Default voice", "")
        self.voice_binding = bind_combo(self.settings, Key.VOICE_ID, self.voice_box)
        self.rate_spin = self._spin(Key.SPEECH_RATE, " words per minute")
        self.test_voice_button = QPushButton("Test voice")
        self.test_voice_button.clicked.connect(self.test_voice)
        self.voice_note = label("", "muted")
        row = QHBoxLayout()
        row.addWidget(self.voice_box, 1)
        row.addWidget(self.test_voice_button)
        form.addRow("", self.speak_check)
        form.addRow("Voice:", row)
        form.addRow("Speaking rate:", self.rate_spin)
        form.addRow("", self.voice_note)
        return group

    def _model_group(self) -> QGroupBox:
        group = QGroupBox("Transcription model")
        form = QFormLayout(group)
        self.model_box = QComboBox()
        self.model_box.setAccessibleName("Transcription model")
        for info in whisper_models.KNOWN_MODELS.values():
            note = "built in" if info.bundled else f"{info.size_mb} MB download"
            if info.multilingual:
                note += ", also other languages"
            self.model_box.addItem(f"{info.name} ({note})", info.name)
        self.model_box.setCurrentIndex(
            max(0, self.model_box.findData(self.settings.get(Key.TRANSCRIPTION_MODEL)))
        )
        self.model_box.currentIndexChanged.connect(self._model_chosen)
        self.download_button = QPushButton("Download")
        self.download_button.clicked.connect(self.download_model)
        self.cancel_download_button = QPushButton("Cancel")
        self.cancel_download_button.clicked.connect(self._cancel_download)
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
        return group

    def _practice_group(self) -> QGroupBox:
        group = QGroupBox("Practice")
        form = QFormLayout(group)
        self.thinking_spin = self._spin(Key.THINKING_SECONDS, " s")
        self.answer_spin = self._spin(Key.ANSWER_SECONDS, " s")
        self.answer_spin.setSingleStep(15)
        self.answer_spin.setSpecialValueText("Per question (1.5x its target)")  # 0: follows each question
        self.follow_ups_box = QComboBox()
        self.follow_ups_box.setAccessibleName("Follow-up questions")
        self.follow_ups_box.setToolTip("After an answer the interviewer may ask one follow-up, as real ones do")
        for value, text in FOLLOW_UP_MODES.items():
            self.follow_ups_box.addItem(text, value)
        bind_combo(self.settings, Key.FOLLOW_UPS, self.follow_ups_box)
        self.live_cues_check = self._check(Key.LIVE_CUES, "Show a few short live cues while I answer")
        self.overlay_check = self._check(Key.LANDMARK_OVERLAY, "Show face and body points on my camera")
        self.banks_button = QPushButton("My question banks…")
        self.banks_button.setAccessibleName("My question banks")
        self.banks_button.clicked.connect(self.open_banks)
        self.banks_dialog: BanksDialog | None = None
        self.theme_box = QComboBox()
        self.theme_box.setAccessibleName("Theme")
        for value, text in THEMES:
            self.theme_box.addItem(text, value)
        bind_combo(self.settings, Key.THEME, self.theme_box)
        form.addRow("Thinking time:", self.thinking_spin)
        form.addRow("Longest answer:", self.answer_spin)
        form.addRow("Follow-ups:", self.follow_ups_box)
        form.addRow("", self.live_cues_check)
        form.addRow("", self.overlay_check)
        form.addRow("Question banks:", self.banks_button)
        form.addRow("Theme:", self.theme_box)
        return group

    def open_banks(self) -> None:
        from app.gui.pages.banks_dialog import open_banks_dialog

        self.banks_dialog = open_banks_dialog(self.context, self.window(), self.banks_dialog)

    def _data_group(self) -> QGroupBox:
        group = QGroupBox("Your data")
        form = QFormLayout(group)
        self.data_label = label(str(app_paths().data))
        self.data_label.setAccessibleName("Data folder")
        open_button = QPushButton("Open folder")
        open_button.clicked.connect(lambda: self.open_url(QUrl.fromLocalFile(str(app_paths().data))))
        self.delete_button = QPushButton("Delete all my data…")
        self.delete_button.setAccessibleName("Delete all my data")
        self.delete_button.clicked.connect(self.delete_everything)
        self.data_note = label(
            "Recordings, transcripts, scores, notes and reports stay on this computer.", "muted"
        )
        row = QHBoxLayout()
        row.addWidget(self.data_label, 1)
        row.addWidget(open_button)
        form.addRow("Data folder:", row)
        form.addRow("", self.delete_button)
        form.addRow("", self.data_note)
        return group

    def _spin(self, setting: Setting[int], suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(int(setting.minimum or 0), int(setting.maximum or 10_000))
        spin.setSuffix(suffix)
        spin.setAccessibleName(setting.description)
        bind_spin(self.settings, setting, spin)
        return spin

    def _check(self, setting: Setting[bool], text: str) -> QCheckBox:
        check = QCheckBox(text)
        bind_check(self.settings, setting, check)
        return check

    def _setting_changed(self, setting: Setting) -> None:  # type: ignore[type-arg]
        """The model list shows the stored model (the theme itself is applied by app.gui.application)."""
        if setting == Key.TRANSCRIPTION_MODEL:
            index = self.model_box.findData(self.settings.get(Key.TRANSCRIPTION_MODEL))
            if index >= 0 and index != self.model_box.currentIndex():
                self.model_box.setCurrentIndex(index)

    # ---- devices and voices -------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded_once:
            self.loaded_once = True
            self.context.runner.run(list_devices, on_done=self._show_devices, name="list devices")
            self.context.runner.run(
                list_voices, on_done=self._show_voices, on_error=self._no_voices, name="list voices"
            )

    def _show_devices(self, found: tuple[list[tuple[int, str]], list[str], str]) -> None:
        cameras, microphones, problem = found
        with self.camera_binding.quiet(), self.microphone_binding.quiet():  # listing is not choosing
            self.camera_box.clear()
            for index, name in cameras:
                self.camera_box.addItem(name, index)
            if not cameras:
                self.camera_box.addItem("No camera found", None)
            self.camera_box.setEnabled(bool(cameras))
            self.microphone_box.clear()
            self.microphone_box.addItem("System default", "")
            for name in microphones:
                self.microphone_box.addItem(name, name)
        self.camera_binding.show_current()
        self.microphone_binding.show_current()
        notes = []
        if not cameras:
            notes.append("No camera found: practice works audio-only; connect a camera and reopen Settings.")
        if not microphones:
            notes.append(
                "No microphone found: plug one in, or type your answers."
                + (f" ({problem})" if problem else "")
            )
            self.microphone_box.setItemText(0, "No microphone found")
        self.device_note.setText("\n".join(notes))

    def _show_voices(self, voices: list[tuple[str, str]]) -> None:
        with self.voice_binding.quiet():
            for voice_id, name in voices:
                self.voice_box.addItem(name, voice_id)
        self.voice_binding.show_current()

    def _no_voices(self, error: BaseException) -> None:
        self.voice_note.setText(f"No voice is available: questions will be shown as text. {error}")
        self.test_voice_button.setEnabled(False)

    def test_voice(self) -> None:
        self.test_voice_button.setEnabled(False)
        self.voice_note.setText("Preparing the voice…")
        self.context.runner.run(
            synthesize,
            str(self.voice_box.currentData() or ""),
            self.rate_spin.value(),
            on_done=self._play_test,
            on_error=self._no_voices,
            name="test voice",
        )

    def _play_test(self, path: Path) -> None:
        from app.gui.playback import QuestionPlayer

        if self._player is None:
            self._player = QuestionPlayer(self)
            self._player.finished.connect(lambda: self.test_voice_button.setEnabled(True))
        self.voice_note.setText(f"“{TEST_PHRASE}”")
        self._player.play(path)

    # ---- model --------------------------------------------------------------------------------------

    def _model_chosen(self, _index: int = 0) -> None:
        name = str(self.model_box.currentData())
        present = whisper_models.is_downloaded(name)
        self.download_button.setVisible(not present)
        if present:
            self.settings.set(Key.TRANSCRIPTION_MODEL, name)
            self.context.services.set_model(name)
            hears = ""
            if whisper_models.model_info(name).multilingual:
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
            download,
            name,
            self.model_base_url,
            on_done=lambda _path: self._downloaded(name),
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

    def _downloaded(self, name: str) -> None:
        self._download_finished("")
        self._model_chosen()

    def _download_failed(self, error: BaseException) -> None:
        if not isinstance(error, UserFacingError | OSError):
            raise error  # a bug, not the network or the disk: the crash dialog and the log
        self._download_finished(download_problem(error))

    def _cancel_download(self) -> None:
        if self.download_handle is not None:
            self.download_handle.cancel()

    # ---- delete everything --------------------------------------------------------------------------

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        reply = QMessageBox.warning(self, title, text, buttons, QMessageBox.StandardButton.Cancel)
        return reply == QMessageBox.StandardButton.Yes

    def delete_everything(self) -> None:
        if not self.confirm(
            "Delete all my data",
            "Delete every recording, transcript, score, note, report and downloaded model?",
        ):
            return
        if not self.confirm(
            "Delete all my data — are you sure?",
            "This cannot be undone. Everything in the data folder will be gone.",
        ):
            return
        old, self.context.database = self.context.database, None  # pages see "no database" meanwhile
        self.delete_button.setEnabled(False)
        self.data_note.setText("Deleting…")
        paths, keep = app_paths(), open_log_files()

        def job() -> tuple[Database, list[Path]]:
            if old is not None:
                old.close()
            left_over = [p for p in delete_all_data(paths, keep) if p.stat().st_size > 0]
            return Database.open(paths), left_over

        self.context.runner.run(
            job, on_done=self._deleted, on_error=self._delete_failed, name="delete all data"
        )

    def _deleted(self, result: tuple[Database, list[Path]]) -> None:
        self.context.database, left_over = result
        for setting in Key.all():
            self.settings.reset(setting)
        self.settings.sync()
        self.delete_button.setEnabled(True)
        if left_over:
            log.warning("files left after deleting all data: %s", left_over)
        self.data_note.setText(
            "Some files could not be deleted; see the data folder."
            if left_over
            else "All your data was deleted."
        )
        self.context.notify_sessions_changed()

    def _delete_failed(self, error: BaseException) -> None:
        self.delete_button.setEnabled(True)
        self.data_note.setText(f"Deleting failed: {error}. Close the app and delete the data folder by hand.")
        try:
            self.context.database = Database.open()
        except UserFacingError:
            self.context.database = None

"""The pre-session check's sources, without widgets: a recording standing in for the microphone is heard,
and a file that is not media is refused in words that name it."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from app.session.planning import SetupChoice
from app.session.preview import PreviewSources, level_dbfs


def test_level_is_full_scale_for_a_full_sine_and_floor_for_silence() -> None:
    sine = np.sin(2 * np.pi * 440 * np.arange(16000) / 16000).astype(np.float32)
    assert abs(level_dbfs(sine) - 20 * np.log10(1 / np.sqrt(2))) < 0.01  # -3 dBFS
    assert abs(level_dbfs(0.1 * sine) - (level_dbfs(sine) - 20)) < 0.01
    assert level_dbfs(np.zeros(1600, dtype=np.float32)) == -90.0


def test_an_audio_file_standing_in_for_the_microphone_is_heard(shared_audio: Path) -> None:
    choice = SetupChoice(use_files=True, audio_file=shared_audio / "jfk.wav")
    sources = PreviewSources().open(choice)
    try:
        deadline = time.monotonic() + 20
        while sources.level_dbfs <= -60 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sources.level_dbfs > -60  # speech, not the -90 of nothing heard
        assert sources.audio is not None and sources.video is None
        assert sources.problems == [] and sources.unusable_files == []
    finally:
        sources.close()


def test_a_text_file_as_the_recording_is_refused_by_name(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Situation: the release slipped.\n", encoding="utf-8")
    sources = PreviewSources().open(SetupChoice(use_files=True, audio_file=notes))
    try:
        assert sources.audio is None
        assert len(sources.unusable_files) == 1 and "notes.txt" in sources.unusable_files[0]
    finally:
        sources.close()


def test_typed_answers_open_nothing() -> None:
    sources = PreviewSources().open(SetupChoice(typed_answers=True, use_files=True))
    assert sources.audio is None and sources.video is None and sources.unusable_files == []

"""`mock-interview transcribe` on a real recording and on a file that is not media."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main


@pytest.mark.media
@pytest.mark.slow
def test_transcribe_prints_words_with_times_and_writes_json(
    shared_audio: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "jfk.json"
    assert main(["transcribe", str(shared_audio / "jfk.wav"), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "ask not what your country can do for you" in printed
    assert "0:10." in printed and "country." in printed  # the last word, with its time
    assert "Fillers (0)" in printed and "Pauses of 1 s or more (2)" in printed
    data = json.loads(out.read_text())
    assert len(data["transcript"]["words"]) == 22
    assert data["delivery"]["word_count"] == 22 and len(data["delivery"]["pauses"]) == 2


def test_transcribe_refuses_a_file_that_is_not_media(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "answer.mp3"
    fake.write_text("this is a text file, not a recording")
    assert main(["transcribe", str(fake)]) == 1
    err = capsys.readouterr().err
    assert "answer.mp3" in err and "Traceback" not in err


def test_transcribe_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(tmp_path / "nowhere.wav")]) == 1
    assert "not found" in capsys.readouterr().err


@pytest.mark.slow
def test_transcribe_in_spanish_with_base_and_a_plain_refusal_with_tiny_en(
    espeak_wav: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    wav = espeak_wav("Quiero este puesto porque me gusta ayudar a los clientes.", voice="es", rate=150)
    assert main(["transcribe", str(wav), "--model", "tiny.en", "--language", "es"]) == 1
    err = capsys.readouterr().err
    assert "Spanish (es)" in err and "English only" in err and "base" in err and "Traceback" not in err
    assert main(["transcribe", str(wav), "--model", "base", "--language", "es"]) == 0
    printed = capsys.readouterr().out
    assert "whisper base" in printed and "puesto" in printed and "clientes" in printed

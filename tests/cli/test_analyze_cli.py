"""`mock-interview analyze`: the same report for any recording, and plain messages for bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.session import SessionStatus
from app.storage.database import Database

pytestmark = [pytest.mark.slow]


def _silence_wav(path: Path, seconds: float = 5.0) -> Path:
    rng = np.random.default_rng(1)
    noise = (rng.normal(0, 0.002, int(16000 * seconds)) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(noise.tobytes())
    return path


@pytest.mark.media
def test_json_has_the_documented_fields(shared_audio: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "jfk.json"
    code = main(["analyze", str(shared_audio / "jfk.wav"), "--question", "What does service mean to you?",
                 "--json", str(out), "--quiet"])
    assert code == 0
    line = capsys.readouterr().out
    # the same length text as every screen: the spoken span, with the recording's length beside it
    assert re.match(r"jfk\.wav: Spoke 0:1[01]( of a 0:11 recording)?;", line) and "wpm" in line
    doc = json.loads(out.read_text())
    assert doc["schema"] == "mock-interview-analysis" and doc["schema_version"] == 1
    assert 10.5 < doc["duration_s"] < 11.5
    words = doc["transcript"]["words"]
    assert {"word", "start", "end"} <= set(words[0])
    assert "country" in doc["transcript"]["text"].lower()
    country = next(w for w in words if w["word"].lower().strip(",.") == "country")
    assert 3.0 < country["start"] < 6.5  # "...what your country can do for you" is said around 4-5 s
    delivery = doc["delivery"]
    assert 90 < delivery["words_per_minute"] < 180
    assert delivery["fillers"] == []
    assert all({"start", "end"} <= set(p) for p in delivery["pauses"])
    assert "pitch_variation_semitones" in delivery
    assert doc["body_language"] is None and doc["has_video"] is False
    assert doc["scores"]["delivery"]["score"] is not None
    assert doc["scores"]["body_language"]["score"] is None


@pytest.mark.media
def test_video_report_html_pdf_and_save(shared_video: Path, shared_audio: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    code = main(["analyze", str(shared_video / "smile_glasses_480.mp4"), str(shared_audio / "jfk.wav"),
                 "--html", str(html), "--pdf", str(pdf), "--save", "--quiet"])
    assert code == 0
    out = capsys.readouterr().out
    assert "smile_glasses_480.mp4" in out and "facing the camera" in out
    assert "2 analysed, 0 failed." in out
    assert "<svg" in html.read_text() and pdf.read_bytes().startswith(b"%PDF")
    with Database.open() as db:
        sessions = db.list_sessions()
    assert [s.status for s in sessions] == [SessionStatus.IMPORTED, SessionStatus.IMPORTED]
    video = next(s for s in sessions if s.answers[0].has_video)
    assert video.answers[0].analysis.body_language.face_visible_ratio > 0.9


def test_bad_inputs_give_plain_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("this is not a video")
    code = main(["analyze", str(tmp_path / "missing.wav"), str(text), "--quiet"])
    assert code == 1
    out = capsys.readouterr().out
    assert "missing.wav: ERROR" in out and "does not exist" in out
    assert "notes.mp4: ERROR" in out
    assert "Traceback" not in out


def test_audio_without_speech_is_a_result_not_an_error(tmp_path: Path) -> None:
    out = tmp_path / "silence.json"
    code = main(["analyze", str(_silence_wav(tmp_path / "silence.wav")), "--json", str(out), "--quiet"])
    assert code == 0
    doc = json.loads(out.read_text())
    assert doc["transcript"]["words"] == []
    assert doc["delivery"]["fillers"] == []
    assert any("No speech" in notice for notice in doc["notices"])


@pytest.mark.media
def test_truncated_mp4_is_analysed_as_far_as_it_goes(shared_video: Path, tmp_path: Path) -> None:
    data = (shared_video / "smile_glasses_480.mp4").read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 2])
    result = subprocess.run([sys.executable, "-m", "app", "analyze", str(cut), "--json", str(tmp_path / "c.json"),
                             "--quiet"], capture_output=True, text=True, timeout=600)
    if result.returncode == 0:
        doc = json.loads((tmp_path / "c.json").read_text())
        assert doc["duration_s"] < 19.6
    else:
        assert "cut.mp4: ERROR" in result.stdout and "Traceback" not in result.stderr


@pytest.mark.media
def test_video_without_sound_reports_body_language_only(shared_video: Path, tmp_path: Path) -> None:
    out = tmp_path / "portrait.json"
    code = main(["analyze", str(shared_video / "talking_glasses_portrait.mp4"), "--json", str(out), "--quiet"])
    assert code == 0
    doc = json.loads(out.read_text())
    assert doc["has_audio"] is False and doc["transcript"] is None
    assert doc["body_language"]["facing_camera_ratio"] >= 0.7
    assert any("no sound track" in notice for notice in doc["notices"])


@pytest.mark.media
def test_summary_line_gives_no_pace_for_a_few_words(shared_audio: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14.2: a pace from eight words would mislead; the line says it was not judged, as the report does."""
    with wave.open(str(shared_audio / "jfk.wav"), "rb") as source:
        rate = source.getframerate()
        params, frames = source.getparams(), source.readframes(int(rate * 3.6))  # "And so my fellow Americans..."
    short = tmp_path / "few_words.wav"
    with wave.open(str(short), "wb") as out:
        out.setparams(params)
        out.writeframes(frames)
    code = main(["analyze", str(short), "--question", "What does service mean to you?",
                 "--json", str(tmp_path / "few.json"), "--quiet"])
    assert code == 0
    line = capsys.readouterr().out
    assert "pace not judged" in line and "wpm" not in line
    doc = json.loads((tmp_path / "few.json").read_text())
    pace = next(s for s in doc["scores"]["delivery"]["sub_scores"] if s["key"] == "pace")
    assert pace["score"] is None and "Too little speech" in pace["reason"]

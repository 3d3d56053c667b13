"""`mock-interview --self-test` from the source tree: every step passes, with no Qt, and failures show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import VoiceUnavailable
from app.session import self_check as self_test

REPO_ROOT = Path(__file__).resolve().parents[2]
STEP_NAMES = [name for name, _step in self_test.STEPS]

# Runs the real CLI entry point in a fresh interpreter where importing PySide6 fails.
NO_QT_MAIN = (
    "import sys; sys.modules['PySide6'] = None; from app.cli import main; sys.exit(main(['--self-test']))"
)


def step_lines(output: str) -> dict[str, str]:
    """{step name: its status} from the printed lines."""
    found = {}
    for line in output.splitlines():
        for name in STEP_NAMES:
            status, _, rest = line.partition(" ")
            if rest.lstrip().startswith(name + " "):
                found[name] = status
    return found


def test_self_test_passes_headless_without_qt() -> None:
    done = subprocess.run(
        [sys.executable, "-c", NO_QT_MAIN], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert step_lines(done.stdout) == {name: "OK" for name in STEP_NAMES}, done.stdout
    assert 'heard "Tell me about your greatest strength at work."' in done.stdout
    assert "face and shoulders found in self_test_frame.jpg" in done.stdout
    assert f"Self-test passed: {len(STEP_NAMES)} of {len(STEP_NAMES)} steps OK" in done.stdout


class NoVoice:
    """A SpeechSynthesizer on a machine without any text-to-speech voice."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def __enter__(self) -> NoVoice:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def synthesize(self, text: str) -> Path:
        raise VoiceUnavailable("No text-to-speech voice is installed.", "Install eSpeak NG.")


def test_missing_voice_uses_the_bundled_phrase_and_still_passes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import app.speech.tts

    monkeypatch.setattr(app.speech.tts, "SpeechSynthesizer", NoVoice)
    wanted = {"speech model", "text to speech", "transcription"}
    monkeypatch.setattr(self_test, "STEPS", [step for step in self_test.STEPS if step[0] in wanted])

    assert self_test.run(None) == 0
    output = capsys.readouterr().out
    assert step_lines(output) == {"speech model": "OK", "text to speech": "MISSING", "transcription": "OK"}
    assert "No text-to-speech voice is installed. Using self_test_phrase.wav instead." in output
    # The shipped espeak-ng recording says the phrase the self-test expects.
    assert 'heard "Tell me about your greatest strength at work." (8/8 words)' in output
    assert "text to speech: MISSING, reduced mode" in output


def test_missing_bundled_frame_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    wanted = {"vision models", "frame analysis"}
    monkeypatch.setattr(self_test, "STEPS", [step for step in self_test.STEPS if step[0] in wanted])
    monkeypatch.setattr(self_test, "assets_dir", lambda: tmp_path)  # a bundle that lost its images

    assert self_test.run(None) == 1
    output = capsys.readouterr().out
    assert step_lines(output) == {"vision models": "OK", "frame analysis": "FAILED"}
    assert f"cannot read {tmp_path / 'images' / 'self_test_frame.jpg'}" in output
    assert "Self-test FAILED" in output and "frame analysis" in output.splitlines()[-1]


def test_a_crashing_step_is_reported_and_later_steps_still_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(state: object) -> str:
        raise RuntimeError("libsomething.so: cannot open shared object file")

    steps = [
        ("speech model", broken),
        ("question banks", self_test.step_banks),
        ("transcription", self_test.step_transcription),
    ]
    monkeypatch.setattr(self_test, "STEPS", steps)

    assert self_test.run(None) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("FAILED  speech model")
    assert "RuntimeError: libsomething.so: cannot open shared object file" in lines[1]
    assert lines[2].startswith("OK      question banks")
    assert (
        lines[3].startswith("FAILED  transcription") and "skipped: the speech model did not work" in lines[3]
    )
    assert lines[-1].startswith("Self-test FAILED") and "speech model, transcription" in lines[-1]

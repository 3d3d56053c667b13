"""Every analysis JSON names the follow-up the interviewer would ask next (`analyze` and `analyze --text`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main

pytestmark = [pytest.mark.slow]

QUESTION_ID = "core-conflict-colleague"

# The question's key terms strung together: no example at all.
STUFFED = ("Disagreement, listened, perspective, compromise, outcome, relationship. I always handle disagreement by "
           "listening to every perspective. Compromise is key to a good outcome and a strong relationship. "
           "Disagreement leads to compromise, and compromise leads to a positive outcome for the relationship.")

# A full story with "I" and a number: nothing missing, so the bank's own follow-up is asked.
FULL = ("In my last job a colleague wanted every supplier delivery moved to early mornings. I disagreed, because "
        "we had two unloading bays and our own trucks were loaded then. I asked her for half an hour to hear why, "
        "and learned her team was paying evening overtime. I sketched a split schedule with her, big suppliers "
        "early and parcels after lunch, and we took it to our manager together. Her overtime fell by a third in "
        "two months and my dispatches stayed on time.")


def test_typed_answers_carry_their_follow_up(tmp_path: Path) -> None:
    stuffed, full = tmp_path / "stuffed.txt", tmp_path / "full.txt"
    stuffed.write_text(STUFFED, encoding="utf-8")
    full.write_text(FULL, encoding="utf-8")
    out = tmp_path / "typed.json"
    assert main(["analyze", "--text", str(stuffed), str(full), "--question-id", QUESTION_ID,
                 "--json", str(out)]) == 0
    first, second = json.loads(out.read_text())["recordings"]
    assert first["follow_up"] == {"text": "Can you give me a specific example?",
                                  "reason": "The answer gave no specific example.", "source": "probe",
                                  "kind": "example"}
    assert second["follow_up"]["source"] == "bank"
    assert second["follow_up"]["text"] in second["question"]["follow_ups"]


@pytest.mark.media
def test_a_real_recording_carries_its_follow_up(shared_audio: Path, tmp_path: Path) -> None:
    """jfk.wav ("ask not what your country can do for you...") answers a story question with no example."""
    out = tmp_path / "jfk.json"
    assert main(["analyze", str(shared_audio / "jfk.wav"), "--question",
                 "Tell me about a time you served your community or your country.", "--json", str(out),
                 "--quiet"]) == 0
    doc = json.loads(out.read_text())
    assert "country" in doc["transcript"]["text"].lower()
    assert doc["follow_up"]["source"] == "probe" and doc["follow_up"]["text"] == "Can you give me a specific example?"


def test_no_follow_up_when_nothing_was_said(tmp_path: Path) -> None:
    import wave

    import numpy as np

    silent = tmp_path / "silent.wav"
    noise = (np.random.default_rng(1).normal(0, 0.002, 16000 * 4) * 32767).astype(np.int16)
    with wave.open(str(silent), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(16000)
        handle.writeframes(noise.tobytes())
    out = tmp_path / "silent.json"
    assert main(["analyze", str(silent), "--question-id", QUESTION_ID, "--json", str(out), "--quiet"]) == 0
    doc = json.loads(out.read_text())
    assert "follow_up" in doc and doc["follow_up"] is None

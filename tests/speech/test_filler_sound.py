"""What a stretch of sound is shaped like (app.speech.filler_sound): hesitations said by eSpeak NG voices are
shaped as hesitations; words said alone between the same pauses, and every stretch of real read speech, are
not."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import decode_audio
from app.speech.filler_timing import Loudness, LoudnessAccumulator
from app.speech.synthetic import SAMPLE_RATE, Hesitate, Say, Silence, add_noise, build_clip, espeak_available

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")


def _said_alone(text: str, voice: str) -> tuple[Loudness, list]:  # type: ignore[type-arg]
    """`text` said on its own between two half-second pauses inside an answer; its stretches of sound."""
    clip = build_clip(
        [
            Say("My main strength is clear communication"),
            Silence(0.5),
            Say(text),
            Silence(0.5),
            Say("and I listen before I answer"),
        ],
        voice,
    )
    loudness = Loudness.of(add_noise(clip.audio, 30, seed=1), SAMPLE_RATE)
    before, after = clip.pauses
    return loudness, [
        i for i in loudness.islands(0, 99) if i.start > before.start and i.end <= after.end + 0.01
    ]


@needs_espeak
@pytest.mark.parametrize("voice", ["en-us", "en-gb+f3", "en-us+m3"])
def test_hesitations_are_shaped_as_hesitations_and_words_are_not(voice: str) -> None:
    for spelling in ("umm", "uh", "erm"):
        loudness, islands = _said_alone(spelling, voice)
        assert len(islands) == 1 and loudness.hesitation_shaped(islands[0]), (
            spelling,
            loudness.shape(islands[0]),
        )
    for word in ("so", "yes", "okay", "like", "well", "right"):
        loudness, islands = _said_alone(word, voice)
        assert islands, word
        assert not any(loudness.hesitation_shaped(i) for i in islands), (
            word,
            [loudness.shape(i) for i in islands],
        )


@pytest.mark.media
def test_no_stretch_of_real_read_speech_is_shaped_as_a_hesitation(shared_audio: Path) -> None:
    shaped = {}
    for name in sorted(json.loads((shared_audio / "transcripts.json").read_text())):
        loudness = Loudness.of(decode_audio(shared_audio / name), SAMPLE_RATE)
        islands = loudness.islands(0, loudness.duration)
        assert islands, name
        shaped[name] = [i for i in islands if loudness.hesitation_shaped(i)]
    assert {name: found for name, found in shaped.items() if found} == {}


def test_window_by_window_gives_a_pitch_and_spectrum_for_every_frame() -> None:
    rate = SAMPLE_RATE
    t = np.arange(rate * 3) / rate
    tone = (0.3 * np.sin(2 * np.pi * 150 * t) + 0.1 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
    gathered = LoudnessAccumulator(rate)
    for start, end in [(0, 12345), (12345, 30001), (30001, tone.size)]:
        gathered.add(tone[start:end])
    loudness = gathered.result()
    assert loudness is not None and loudness.frames is not None
    assert loudness.frames.size == loudness.db.size == 300
    inner = loudness.frames.pitch[10:-10]
    assert np.all(np.abs(inner - 150.0) < 3.0)  # a steady 150 Hz voice is heard as 150 Hz throughout


@needs_espeak
def test_shapes_are_the_same_from_the_whole_audio_and_window_by_window() -> None:
    # A recorded file is measured window by window (windows end in silences), a live answer at once.
    clip = build_clip(
        [
            Say("We fixed the build"),
            Silence(0.6),
            Hesitate("umm"),
            Silence(0.6),
            Say("and shipped it on Friday"),
        ],
        "en-gb+f3",
    )
    audio = add_noise(clip.audio, 25, seed=2)
    cut = int((clip.pauses[0].start + clip.pauses[0].end) / 2 * SAMPLE_RATE)
    gathered = LoudnessAccumulator(SAMPLE_RATE)
    gathered.add(audio[:cut])
    gathered.add(audio[cut:])
    windowed, whole = gathered.result(), Loudness.of(audio, SAMPLE_RATE)
    assert windowed is not None
    islands = whole.islands(0, whole.duration)
    assert islands == windowed.islands(0, windowed.duration)
    assert [whole.hesitation_shaped(i) for i in islands].count(True) == 1
    for island in islands:
        a, b = whole.shape(island), windowed.shape(island)
        assert a is not None and b is not None
        assert a.hesitation == b.hesitation
        assert abs(a.pitch_st - b.pitch_st) < 0.05 and abs(a.spectral_change_db - b.spectral_change_db) < 0.05

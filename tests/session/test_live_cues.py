"""Live cues (issue 15.6): rare, and each from a measurement of the answer in progress.

Levels come from real speech (../shared/media) and eSpeak NG speech cut into 100 ms chunks as the
microphone delivers them, with drawn room noise for silences; words come from the live transcriber run on
that speech; head samples are drawn at the face model's live rate (15 fps) from head angles.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import numpy as np
import pytest

from app.analysis import rubric
from app.core.transcript import Word
from app.session import cues as c
from app.session.cues import LiveCues, facing_camera, facing_in, pace_over

CHUNK = 1600  # 100 ms at 16 kHz


def level_of(samples: np.ndarray) -> float:
    """dBFS of one chunk, as LiveCapture measures it."""
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20 * np.log10(rms) if rms > 1e-6 else -90.0


def room_noise(seconds: float, dbfs: float = -62.0, seed: int = 1) -> np.ndarray:
    """Drawn pink-ish room noise at `dbfs` RMS."""
    rng = np.random.default_rng(seed)
    white = rng.normal(0, 1, int(seconds * 16000))
    pink = np.cumsum(white) - np.convolve(np.cumsum(white), np.ones(400) / 400, mode="same")
    pink /= np.sqrt(np.mean(pink**2))
    return (pink * 10 ** (dbfs / 20)).astype(np.float32)


def run_levels(audio: np.ndarray, limit_s: float = 300.0) -> tuple[LiveCues, list[tuple[float, str]]]:
    """Feed the audio chunk by chunk; the cues as they were first shown, with their times."""
    cues = LiveCues(limit_s)
    shown: list[tuple[float, str]] = []
    for index in range(audio.size // CHUNK):
        t = (index + 1) * CHUNK / 16000
        cues.hear(t, level_of(audio[index * CHUNK : (index + 1) * CHUNK]))
        given = len(cues.given)
        text = cues.cue(t)
        if len(cues.given) > given:  # a new cue, not one still on screen
            shown.append((t, text))
    return cues, shown


@pytest.fixture(scope="module")
def jfk(shared_audio: Path) -> np.ndarray:
    from app.capture.audio_file import decode_audio

    return decode_audio(shared_audio / "jfk.wav")


def test_real_speech_then_silence_says_finished_after_the_rubric_silence(jfk: np.ndarray) -> None:
    from app.speech.synthetic import voiced_extent

    audio = np.concatenate([room_noise(1.0), jfk, room_noise(16.0, seed=2)])
    extent = voiced_extent(audio, threshold=0.05)
    assert extent is not None
    speech_end = extent[1]
    cues, shown = run_levels(audio)
    assert [text for _t, text in shown] == [c.FINISHED]  # nothing while JFK speaks (his pauses are short)
    assert shown[0][0] == pytest.approx(speech_end + rubric.LONG_SILENCE_AFTER_S, abs=1.0)
    assert cues.given[0].reason.startswith("no voice for")


def test_no_voice_at_the_start_and_too_quiet_a_voice(jfk: np.ndarray) -> None:
    _cues, shown = run_levels(np.concatenate([room_noise(8.0), jfk]))
    assert shown[0][1] == c.START and shown[0][0] == pytest.approx(rubric.SLOW_START_S, abs=0.2)

    quiet = jfk / np.sqrt(np.mean(jfk**2)) * 10 ** (-58 / 20)  # the same voice at -58 dBFS RMS
    _cues, shown = run_levels(np.concatenate([room_noise(1.0, dbfs=-80.0), quiet.astype(np.float32)]))
    assert [text for _t, text in shown] == [c.LOUDER]
    _cues, shown = run_levels(np.concatenate([room_noise(1.0, dbfs=-80.0), jfk]))
    assert shown == []  # the same speech at its own level: nothing to say


def _head_track(cues: LiveCues, spans: list[tuple[float, float, float]]) -> list[tuple[float, str]]:
    """Drawn head yaw per span (start, end, yaw) at 15 fps with 2 deg of jitter, while speaking."""
    rng = np.random.default_rng(3)
    shown: list[tuple[float, str]] = []
    end = spans[-1][1]
    for step in range(int(end * 15)):
        t = step / 15
        yaw = next(y for a, b, y in spans if a <= t < b) + rng.normal(0, 2)
        cues.hear(t, -22.0 if step % 4 else -48.0)  # speech with short gaps between words
        cues.see(t, facing_camera(yaw, rng.normal(0, 2)))
        given = len(cues.given)
        text = cues.cue(t)
        if len(cues.given) > given:
            shown.append((t, text))
    return shown


def test_looking_away_for_five_seconds_not_a_glance() -> None:
    cues = LiveCues(300)
    shown = _head_track(cues, [(0, 10, 0), (10, 13, 40), (13, 20, 2), (20, 30, -35), (30, 40, 0)])
    assert [text for _t, text in shown] == [c.LOOK]  # the 3 s glance is not cued, the 10 s look is
    assert shown[0][0] == pytest.approx(20 + c.LOOK_AWAY_S, abs=0.2)
    # A face lost from view is looking away too; a camera that stops being analysed is not.
    lost = LiveCues(300)
    for step in range(0, 150):
        lost.hear(step / 15, -22.0 if step % 4 else -48.0)
        lost.see(step / 15, False)
    assert lost.cue(10.0) == c.LOOK
    stale = LiveCues(300)
    stale.see(0.0, False)
    assert stale.cue(8.0) == ""


def test_facing_from_a_face_matrix() -> None:
    class Landmarks:
        face = np.zeros((478, 3))

        def __init__(self, yaw_deg: float) -> None:
            a = np.radians(yaw_deg)
            self.face_matrix = np.array(
                [[np.cos(a), 0, np.sin(a), 0], [0, 1, 0, 0], [-np.sin(a), 0, np.cos(a), 0], [0, 0, 0, 1]]
            )

    assert facing_in(Landmarks(5))
    assert not facing_in(Landmarks(35))
    assert not facing_in(type("NoFace", (), {"face": None, "face_matrix": None})())


class _Inline:
    """Runs each transcription at once, so 'now' in the test is the transcript's own clock."""

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        future: Future = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def _live(audio: np.ndarray, whisper) -> tuple[LiveCues, list[tuple[float, str]], list[Word]]:  # type: ignore[no-untyped-def]
    """The audio through the live transcriber in 100 ms chunks, its words so far fed to the cues."""
    from app.speech.streaming import StreamingTranscriber

    stream = StreamingTranscriber(whisper, executor=_Inline())
    cues = LiveCues(600)
    shown: list[tuple[float, str]] = []
    for index in range(audio.size // CHUNK):
        chunk = audio[index * CHUNK : (index + 1) * CHUNK]
        t = (index + 1) * CHUNK / 16000
        stream.feed(chunk)
        cues.hear(t, level_of(chunk))
        cues.read(stream.words_so_far())
        given = len(cues.given)
        text = cues.cue(t)
        if len(cues.given) > given:
            shown.append((t, text))
    words = stream.finish().words
    return cues, shown, words


@pytest.fixture(scope="module")
def whisper():  # type: ignore[no-untyped-def]
    from app.speech.transcription import WhisperTranscriber
    from app.speech.whisper_models import ModelLoader

    return WhisperTranscriber(ModelLoader())


@pytest.mark.media
@pytest.mark.slow
def test_pace_from_the_live_transcript(whisper, shared_audio: Path) -> None:  # type: ignore[no-untyped-def]
    from app.capture.audio_file import decode_audio
    from app.speech.synthetic import Say, Silence, build_clip, espeak_available

    reading = decode_audio(shared_audio / "two_cities.wav")  # a real reading at a comfortable pace
    cues, shown, words = _live(reading, whisper)
    assert 100 <= pace_over(words, words[-1].end, words[-1].end - words[0].start) <= 195
    assert [text for _t, text in shown if text in (c.SLOW_DOWN, c.FASTER)] == []

    if not espeak_available():
        pytest.skip("eSpeak NG is not installed (apt install espeak-ng)")
    sentences = [
        "it was the best of times it was the worst of times it was the age of wisdom",
        "it was the age of foolishness it was the epoch of belief it was the epoch of incredulity",
        "it was the season of light it was the season of darkness it was the spring of hope",
        "it was the winter of despair we had everything before us we had nothing before us",
    ]
    said: list[Say | Silence] = []
    for sentence in sentences * 2:
        said += [Say(sentence), Silence(0.7)]  # a breath between sentences, as people speak
    fast = build_clip(said, speed=230)  # eSpeak's 230 is about 250 wpm
    cues, shown, words = _live(fast.audio, whisper)
    assert c.SLOW_DOWN in [text for _t, text in shown]
    given = next(cue for cue in cues.given if cue.text == c.SLOW_DOWN)
    assert int(given.reason.split()[0]) >= 195  # the measured pace is in the reason
    assert given.at >= c.PACE_WINDOW_S  # never before 20 s of speech were heard

    halting: list[Say | Silence] = []
    for sentence in sentences[:2]:
        for start in range(0, len(sentence.split()), 3):
            halting += [Say(" ".join(sentence.split()[start : start + 3])), Silence(1.6)]
    slow = build_clip(halting, speed=110)
    cues, shown, _words = _live(slow.audio, whisper)
    assert c.FASTER in [text for _t, text in shown]


def test_time_nearly_up_is_never_crowded_out_and_cues_stay_sparse() -> None:
    """Everything going wrong at once (no voice, looking away): one cue at most every 20 s, wrap-up kept."""
    limit = 180.0
    cues = LiveCues(limit)
    for step in range(int(limit * 10)):
        t = step / 10
        cues.hear(t, -70.0)
        cues.see(t, step % 300 > 100)  # away for 10 s out of every 30 s
        cues.cue(t)
    times = [cue.at for cue in cues.given]
    assert all(b - a >= c.CUE_INTERVAL_S for a, b in zip(times, times[1:], strict=False))
    wrap = [cue for cue in cues.given if cue.text == c.WRAP_UP]
    assert len(wrap) == 1 and wrap[0].at == pytest.approx(limit - 0.15 * limit, abs=0.11)
    assert {cue.text for cue in cues.given} >= {c.START, c.LOOK, c.WRAP_UP}
    assert not [cue for cue in cues.given if limit - 0.15 * limit - c.CUE_INTERVAL_S <= cue.at < wrap[0].at]
    assert LiveCues(40.0).cue(35.0) == ""  # a 40 s limit is too short to act on a wrap-up

"""The self-test (`mock-interview --self-test`): prove this installation works, end to end, without a screen
or devices.

It loads every model the app ships (faster-whisper tiny.en, MediaPipe face and pose), speaks a phrase with
the installed voice, transcribes it back and checks the words, finds the face in a bundled photo, runs the
answer analysis and renders a report to HTML and PDF, and loads the question banks. One line per step:

    OK      speech model         0.41 s  tiny.en, faster-whisper 1.2.1, CTranslate2 4.6.0

It is what a packager runs on a fresh bundle (the frozen app finds its resources through
app.platform.paths, which looks in sys._MEIPASS) and what CI runs on the Linux bundle. Exit status 0 only
when every required step passed. Two steps depend on the operating system rather than the bundle: with no
text-to-speech voice the phrase comes from assets/sounds/ instead, and with no Pango the PDF cannot be
made; both are reported as MISSING with what to do, and do not fail the run (the app has the same reduced
modes: questions shown as text, reports saved as HTML). Never imports Qt. The CLI only calls `run`.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from app import __version__
from app.core.errors import UserFacingError
from app.platform.paths import assets_dir, bundled_banks_dir, resource_root

log = logging.getLogger(__name__)

PHRASE = "Tell me about your greatest strength at work."
"""Spoken by the voice and transcribed back (assets/sounds/self_test_phrase.wav says the same)."""
PHRASE_WAV = Path("sounds") / "self_test_phrase.wav"  # under assets_dir()
FACE_IMAGE = Path("images") / "self_test_frame.jpg"  # under assets_dir(): NASA's astronaut portrait
MIN_WORDS_HEARD = 0.75  # share of the phrase's words the transcript must contain

OK, FAILED, MISSING = "OK", "FAILED", "MISSING"


class StepFailed(Exception):
    """The step ran but its result is wrong (the message says what came back)."""


class OptionalMissing(Exception):
    """Something the operating system provides is absent; the app runs in a reduced mode without it."""


@dataclass
class StepResult:
    name: str
    status: str
    seconds: float
    detail: str

    def line(self) -> str:
        return f"{self.status:<7} {self.name:<20} {self.seconds:6.2f} s  {self.detail}"


@dataclass
class _State:
    """What earlier steps produced for later ones."""

    workdir: Path
    whisper: Any = None  # the loaded faster_whisper.WhisperModel's loader
    landmarks: Any = None  # app.vision.landmarks.LandmarkEngine
    wav: Path | None = None
    audio: Any = None  # float32 mono 16 kHz numpy array of the phrase
    transcript: Any = None
    questions: list[Any] = field(default_factory=list)
    analysis: Any = None


def _require[T](value: T | None, what: str) -> T:
    if value is None:
        raise StepFailed(f"skipped: {what} did not work")
    return value


def step_banks(state: _State) -> str:
    from app.banks import load_all_banks

    library = load_all_banks()
    bundled = [bank for bank in library.banks if bank.read_only]
    if not bundled:
        raise StepFailed(f"no bundled question banks in {bundled_banks_dir()}")
    broken = sorted({p.path for p in library.problems if Path(p.path).parent == bundled_banks_dir()})
    if broken:
        raise StepFailed(f"problems in {', '.join(broken)}")
    state.questions = [q for bank in bundled for q in bank.questions]
    return f"{len(bundled)} banks, {len(state.questions)} questions"


def step_speech_model(state: _State) -> str:
    import ctranslate2
    import faster_whisper

    from app.speech.whisper_models import DEFAULT_MODEL, ModelLoader

    loader = ModelLoader(cpu_threads=2)
    loader.get(DEFAULT_MODEL)  # verifies the sha256, then loads
    state.whisper = loader
    versions = f"faster-whisper {faster_whisper.__version__}, CTranslate2 {ctranslate2.__version__}"
    return f"{DEFAULT_MODEL}, {versions}"


def step_vision_models(state: _State) -> str:
    import mediapipe

    from app.vision.landmarks import LandmarkEngine

    state.landmarks = LandmarkEngine.load(video_mode=False, quiet=True)
    return f"face + pose landmarkers, mediapipe {mediapipe.__version__}"


def step_voice(state: _State) -> str:
    from app.platform.paths import ensure_dir
    from app.speech.tts import ENGINE_NAMES, SpeechSynthesizer, wav_duration

    fallback = assets_dir() / PHRASE_WAV
    try:
        with SpeechSynthesizer(cache_dir=ensure_dir(state.workdir / "tts"), timeout_s=15.0) as voice:
            state.wav = voice.synthesize(PHRASE)
            engine = ENGINE_NAMES.get(voice.engine_name, voice.engine_name)
            return f"{engine} voice {voice.voice_id}: {wav_duration(state.wav):.1f} s of speech"
    except UserFacingError as exc:
        if not fallback.is_file():
            raise StepFailed(f"{exc.message}; and the bundled phrase {fallback} is missing") from exc
        state.wav = fallback
        raise OptionalMissing(f"{exc.message} Using {fallback.name} instead. {exc.advice}".strip()) from exc


def step_transcription(state: _State) -> str:
    from app.capture.audio_file import decode_audio
    from app.speech.transcription import WhisperTranscriber

    loader = _require(state.whisper, "the speech model")
    state.audio = decode_audio(_require(state.wav, "the phrase"))
    state.transcript = WhisperTranscriber(loader).transcribe(state.audio)
    heard = state.transcript.text.strip()
    expected = _words(PHRASE)
    found = expected & _words(heard)
    if len(found) < MIN_WORDS_HEARD * len(expected):
        raise StepFailed(f'heard "{heard}"; expected "{PHRASE}"')
    return f'heard "{heard}" ({len(found)}/{len(expected)} words)'


def step_frame(state: _State) -> str:
    import cv2

    from app.vision.models import quiet_native_stderr

    _require(state.landmarks, "the vision models")
    path = assets_dir() / FACE_IMAGE
    bgr = cv2.imread(str(path))
    if bgr is None:
        raise StepFailed(f"cannot read {path}")
    with quiet_native_stderr():
        found = state.landmarks.detect(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), 0.0)
    if found.face is None:
        raise StepFailed(f"no face found in {path.name}")
    pose = "and shoulders" if found.pose is not None else "(no pose)"
    return f"face {pose} found in {path.name} ({found.width}x{found.height})"


def step_analysis(state: _State) -> str:
    from app.analysis.answer import analyze_answer
    from app.speech.delivery import compute_delivery

    _require(state.transcript, "the transcription")
    _require(state.questions or None, "loading the question banks")
    delivery = compute_delivery(state.transcript, state.audio)
    state.analysis = analyze_answer(state.questions[0], state.transcript, delivery)
    pitch = delivery.pitch_median_hz
    if pitch is None:
        raise StepFailed("no voice pitch measured in the phrase")
    scores = state.analysis.scores
    overall = "not scored" if scores is None or scores.overall is None else f"overall {scores.overall:.1f}/5"
    rate = f"{delivery.words_per_minute or 0:.0f} wpm"
    return f"{delivery.word_count} words, {rate}, pitch {pitch:.0f} Hz, {overall}"


def step_report(state: _State) -> str:
    from app.core.session import Answer, AnswerStatus, Session, SessionStatus
    from app.report.pdf import PdfUnavailable
    from app.session.reports import html_to_pdf, report_html

    _require(state.analysis, "the answer analysis")
    question = state.questions[0]
    answer = Answer(
        "self-test-answer",
        "self-test",
        1,
        question,
        status=AnswerStatus.ANALYSED,
        duration_s=float(state.audio.size) / 16000,
        analysis=state.analysis,
    )
    session = Session(
        "self-test",
        "Self-test",
        "2026-01-01T00:00:00+00:00",
        status=SessionStatus.COMPLETED,
        answers=[answer],
    )
    html = report_html(session, answer_id=answer.id)
    if PHRASE.split()[-1].rstrip(".") not in html:
        raise StepFailed("the HTML report does not show the transcript")
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailable as exc:
        raise OptionalMissing(f"HTML {len(html) // 1024} KB; no PDF: {exc.message} {exc.advice}") from exc
    if not pdf.startswith(b"%PDF"):
        raise StepFailed("WeasyPrint did not produce a PDF")
    return f"HTML {len(html) // 1024} KB, PDF {len(pdf) // 1024} KB"


STEPS: list[tuple[str, Callable[[_State], str]]] = [
    ("question banks", step_banks),
    ("speech model", step_speech_model),
    ("vision models", step_vision_models),
    ("text to speech", step_voice),
    ("transcription", step_transcription),
    ("frame analysis", step_frame),
    ("answer analysis", step_analysis),
    ("report", step_report),
]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def run_steps(out: TextIO | None = None) -> list[StepResult]:
    """Run every step in order, printing each line (to `out`, default stdout) as it finishes."""
    out = out or sys.stdout
    results: list[StepResult] = []
    with tempfile.TemporaryDirectory(prefix="mock-interview-self-test-") as folder:
        state = _State(workdir=Path(folder))
        try:
            for name, step in STEPS:
                started = time.perf_counter()
                try:
                    status, detail = OK, step(state)
                except OptionalMissing as exc:
                    status, detail = MISSING, str(exc)
                except StepFailed as exc:
                    status, detail = FAILED, str(exc)
                except Exception as exc:  # noqa: BLE001 - any error is the finding; the next step still runs
                    log.exception("self-test step %s failed", name)
                    message = exc.message if isinstance(exc, UserFacingError) else str(exc)
                    status, detail = FAILED, f"{type(exc).__name__}: {message}"
                result = StepResult(name, status, time.perf_counter() - started, detail)
                results.append(result)
                print(result.line(), file=out, flush=True)
        finally:
            if state.landmarks is not None:
                from app.vision.models import quiet_native_stderr

                with quiet_native_stderr():  # MediaPipe logs its teardown straight to fd 2
                    state.landmarks.close()
    return results


def run(args: object = None) -> int:
    """Print a header, one line per step and a summary; 0 when no step FAILED (`args` is not used)."""
    frozen = getattr(sys, "frozen", False)
    where = f"bundle {resource_root()}" if frozen else f"source {resource_root()}"
    python = sys.version.split()[0]
    print(f"Mock Interview Coach {__version__} self-test ({where}, Python {python})", flush=True)
    started = time.perf_counter()
    results = run_steps()
    total = time.perf_counter() - started
    failed = [r.name for r in results if r.status == FAILED]
    missing = [r.name for r in results if r.status == MISSING]
    if failed:
        print(f"Self-test FAILED in {total:.1f} s: {', '.join(failed)}.")
        return 1
    note = f" ({', '.join(missing)}: MISSING, reduced mode)" if missing else ""
    passed = len(results) - len(missing)
    print(f"Self-test passed: {passed} of {len(results)} steps OK in {total:.1f} s{note}.")
    return 0

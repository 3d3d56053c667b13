"""From a recording (a file, or what a live answer captured) to its full AnswerAnalysis.

The one place that chains the analyzers: audio -> voice activity -> transcript -> delivery metrics;
video -> body-language cues; then content, scores and tips (app.analysis). The live session, the
`analyze` command, Review -> Import and the benchmarks all call these functions, so a recording gets the
same numbers whichever way it came in.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.analysis.answer import analyze_answer
from app.core.analysis_result import AnswerAnalysis
from app.core.body_language import BodyLanguageCues
from app.core.errors import Cancelled, MediaFileError
from app.core.questions import Category, Question
from app.core.transcript import Transcript
from app.session.capture import CapturedAnswer

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]  # (stage, fraction of the whole job done 0..1)

# Share of the whole job the two tracks take (sound and picture side by side; scoring is the rest).
_TRACKS_SHARE = 0.98


class AnalysisServices:
    """Models loaded once and reused across answers (loading whisper or MediaPipe costs ~0.5 s each).

    Thread-safe: one lock per model, so a GUI worker and a live pipeline never use one model at once.
    """

    def __init__(self, engine: str = "whisper", model: str = "tiny.en", vision: bool = True) -> None:
        self.engine = engine
        self.model = model
        self.vision = vision
        self.language = "en"
        self._transcriber = None
        self._landmarks = None
        self._lock = threading.RLock()

    def set_model(self, model: str) -> None:
        """Use another transcription model from the next answer on (loaded when first needed)."""
        with self._lock:
            if model != self.model:
                self.model = model
                self._transcriber = None

    def use_language(self, language: str) -> None:
        """Transcribe in `language` (the question bank's `language`) from now on. Raises ModelUnavailable,
        saying what to do, when the chosen model cannot hear it (tiny.en hears English only)."""
        from app.core.errors import ModelUnavailable
        from app.speech.languages import language_problem

        language = (language or "en").lower()
        with self._lock:
            if language == self.language:
                return
            problem = language_problem(self.model, language, self.engine)
            if problem is not None:
                raise ModelUnavailable(*problem)
            self.language = language
            set_language = getattr(self._transcriber, "set_language", None)
            if set_language is not None:
                set_language(language)

    def preload(self) -> None:
        """Load the models now (call from a worker at session start, so the first answer does not wait)."""
        transcriber = self.transcriber()
        load = getattr(transcriber, "load", None)
        if load is not None:
            with self._lock:
                load()
        if self.vision:
            self.landmark_engine()

    def landmark_engine(self):  # type: ignore[no-untyped-def]
        """The VIDEO-mode MediaPipe engine for live answers, loaded once; its timeline restarts per answer."""
        from app.vision.landmarks import LandmarkEngine

        with self._lock:
            if self._landmarks is None:
                self._landmarks = LandmarkEngine.load(video_mode=True)
            return self._landmarks

    def close(self) -> None:
        with self._lock:
            if self._landmarks is not None:
                self._landmarks.close()
                self._landmarks = None

    def transcriber(self):  # type: ignore[no-untyped-def]
        from app.speech.transcription import make_transcriber

        with self._lock:
            if self._transcriber is None:
                self._transcriber = make_transcriber(self.engine, model=self.model, language=self.language)
            return self._transcriber

    def transcribe(self, audio, sample_rate: int = 16000, speech=None) -> Transcript:  # type: ignore[no-untyped-def]
        transcriber = self.transcriber()
        with self._lock:
            return transcriber.transcribe(audio, sample_rate, speech=speech)


@dataclass
class RecordingAnalysis:
    analysis: AnswerAnalysis
    duration_s: float
    has_audio: bool
    has_video: bool
    notices: list[str] = field(default_factory=list)


_STORY_ASKED = re.compile(
    r"\b(tell me about a time|describe a (time|situation)|give (me )?an example|share an example|talk me "
    r"through a time|walk me through a time|when (have|did) you|have you ever|a time (when|you)|"
    r"a situation (where|when|in which))\b",
    re.IGNORECASE,
)
_LIKE_QUESTION = 0.6
"""Below this similarity the closest bank question is a different question: it gives the length target,
but a STAR story is expected only when the text itself asks for one."""
_SAME_QUESTION = 0.85
"""Cosine similarity at which a typed question is taken to be the bank question itself (its talking
points and example phrasings then apply too)."""


def generic_question(text: str | None = None) -> Question:
    """The question used when a recording comes with at most its text (imports, `analyze --question`).

    Without text: content is judged on what can be judged without a question (no STAR expected, a
    two-minute target). With text: the closest bundled bank question by meaning gives the category and
    the length target (and, when it is the same question, its talking points); a STAR story is expected
    only when the text asks for one ("Tell me about a time...") or the closest question does. Where the
    guidance came from is kept in `Question.guidance`.
    """
    if not text:
        return Question(
            id="imported", text="(no question given)", category=Category.BEHAVIORAL, competency="general",
            star_expected=False, target_seconds=120,
            guidance="No question was given: no STAR story is expected and the length target is 2 minutes.",
        )
    nearest, similarity = _closest_bank_question(text)
    asks_story = bool(_STORY_ASKED.search(text))
    if nearest is None:
        return Question(
            id="imported", text=text, category=Category.BEHAVIORAL if asks_story else Category.MOTIVATION,
            competency="general", star_expected=asks_story, target_seconds=120 if asks_story else 90,
            guidance="No bank question to compare with: STAR and the length target follow the wording.",
        )
    star = asks_story or (nearest.star_expected and similarity >= _LIKE_QUESTION)
    same = similarity >= _SAME_QUESTION
    guidance = (
        f"Length target {nearest.target_seconds} s and {'a STAR story' if star else 'no STAR structure'} "
        f"from the closest bank question, \"{nearest.text}\" ({nearest.id}, similarity {similarity:.2f})"
        + ("; its talking points apply." if same else "; the talking points are not used.")
    )
    return Question(
        id="imported",
        text=text,
        category=Category.BEHAVIORAL if asks_story else nearest.category,
        competency=nearest.competency,
        star_expected=star,
        target_seconds=nearest.target_seconds,
        talking_points=list(nearest.talking_points) if same else [],
        point_examples=[list(e) for e in nearest.point_examples] if same else [],
        key_terms=list(nearest.key_terms) if same else [],
        guidance=guidance,
    )


def _closest_bank_question(text: str) -> tuple[Question | None, float]:
    from app.analysis.encoder import shared_encoder
    from app.banks.loader import load_all_banks

    questions = [q for bank in load_all_banks().banks for q in bank.questions]
    if not questions:
        return None, 0.0
    encoder = shared_encoder()
    similarity = encoder.encode([q.text for q in questions]) @ encoder.encode([text])[0]
    best = int(similarity.argmax())
    return questions[best], float(similarity[best])


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def analyse_file(
    path: Path,
    question: Question,
    services: AnalysisServices,
    job_terms: Iterable[str] = (),
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    max_seconds: float | None = None,
) -> RecordingAnalysis:
    """Analyse any audio or video file. Raises MediaFileError for unreadable files, Cancelled.

    The sound and the picture are analysed at the same time on the two cores (app.session.file_tracks);
    the sound window by window (app.speech.chain), so memory stays flat for recordings of any length.
    """
    from app.capture.audio_file import probe_media

    report = progress or (lambda _stage, _fraction: None)
    services.use_language(question.language)
    info = probe_media(path)
    if not info.has_audio and not info.has_video:
        raise MediaFileError(f"{path.name} has neither sound nor video.", "Pick a recording of an answer.")
    notices: list[str] = []
    transcript: Transcript | None = None
    delivery = None
    duration = info.duration_s or 0.0
    if not info.has_audio:
        notices.append("The file has no sound track: only body language was analysed.")
    elif not info.has_video:
        notices.append("Audio only: body language was not measured.")
    from app.session.file_tracks import analyse_tracks

    tracks = analyse_tracks(
        path,
        services.transcribe if info.has_audio else None,
        video=info.has_video and services.vision,
        progress=lambda stage, fraction: report(stage, _TRACKS_SHARE * fraction),
        cancel=cancel,
        max_seconds=max_seconds,
        expected_s=info.duration_s,
    )
    if tracks.speech is not None:
        if tracks.audio_truncated:
            notices.append("The file ends early (damaged or interrupted); the readable part was analysed.")
        audio_s = tracks.audio_duration_s
        duration = audio_s if tracks.audio_truncated else max(duration, audio_s)
        transcript, delivery = tracks.speech.transcript, tracks.speech.delivery
        if not transcript.words:
            notices.append("No speech was found in the recording.")
    _check(cancel)
    body: BodyLanguageCues | None = tracks.body
    report("scoring", 1.0)
    analysis = analyze_answer(question, transcript, delivery, body, job_terms)
    return RecordingAnalysis(analysis, duration, info.has_audio, info.has_video, notices)


def analyse_captured(
    captured: CapturedAnswer, question: Question, services: AnalysisServices, job_terms: Iterable[str] = ()
) -> AnswerAnalysis:
    """Finish the analysis of a live answer: live transcript and cues are reused, the rest computed."""
    from app.speech.chain import analyse_samples
    from app.speech.delivery import compute_delivery

    started = time.perf_counter()
    services.use_language(question.language)
    transcript = captured.transcript
    if transcript is not None and transcript.language != services.language:
        transcript = None  # heard live in another language (the first answer of a session): heard again
    delivery = None
    if captured.audio is not None and captured.audio.size:
        if transcript is None:
            speech = analyse_samples(captured.audio, services.transcribe, captured.sample_rate)
            transcript, delivery = speech.transcript, speech.delivery
        else:
            delivery = compute_delivery(
                transcript, captured.audio, captured.sample_rate, speech_segments=captured.speech_segments
            )
    analysis = analyze_answer(question, transcript, delivery, captured.body_language, job_terms)
    log.info("answer analysed in %.2f s after capture", time.perf_counter() - started)
    return analysis

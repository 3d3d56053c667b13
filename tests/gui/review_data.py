"""Stored sessions for the Review/History/Settings tests, made from real analyses of real media.

`interview_clip()` muxes the real video ../shared/media/video/smile_glasses_480.mp4 with eSpeak NG speech
that has an "umm" and a 2.6 s silence at known times, and analyses it once per test process with the
app's own analyse_file (real Whisper, VAD and MediaPipe). `jfk_clip()` analyses ../shared/media/audio/jfk.wav
(audio only). Each test stores copies in its own private database (the app_home fixture).
"""

from __future__ import annotations

import atexit
import copy
import functools
import tempfile
import uuid
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, SelfRating, Session, SessionStatus
from app.session.analyse import AnalysisServices, RecordingAnalysis, analyse_file
from app.storage import media
from app.storage.database import Database

_folder = tempfile.TemporaryDirectory(prefix="review-media-")
atexit.register(_folder.cleanup)

QUESTION = Question(
    id="gui-q1",
    text="Tell me about a team you led.",
    category=Category.BEHAVIORAL,
    competency="leadership",
    star_expected=True,
    talking_points=["the team", "the result"],
    key_terms=["team"],
)
JFK_QUESTION = Question(
    id="gui-q2",
    text="What does public service mean to you?",
    category=Category.MOTIVATION,
    competency="motivation",
    talking_points=["why it matters"],
    key_terms=["country"],
)


@dataclass
class Clip:
    path: Path
    question: Question
    result: RecordingAnalysis
    filler_start: float = 0.0  # the true "umm" (eSpeak) in seconds
    pause: tuple[float, float] = (0.0, 0.0)  # the true silence


@functools.cache
def _services() -> AnalysisServices:
    services = AnalysisServices()
    atexit.register(services.close)
    return services


def _speech_wav(path: Path) -> tuple[float, tuple[float, float]]:
    from app.speech.synthetic import Hesitate, Say, Silence, build_clip

    clip = build_clip(
        [
            Say("In my last role I led a team of five engineers"),
            Silence(0.3),
            Hesitate("umm"),
            Silence(0.3),
            Say("and we rebuilt the payment service"),
            Silence(2.6),
            Say("so the error rate dropped by half in three months"),
        ]
    )
    audio = np.concatenate(
        [clip.audio, np.zeros(int(19.5 * 16000) - clip.audio.size, np.float32)]
    )  # video's length
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    pause = clip.pauses[-1]
    return float(clip.fillers[0].start), (float(pause.start), float(pause.end))


def _mux(video: Path, audio: Path, out_path: Path) -> None:
    """The video stream copied as is, the speech encoded as AAC: an answer as the recorder writes it."""
    import av

    with av.open(str(video)) as vin, av.open(str(audio)) as ain, av.open(str(out_path), "w") as out:
        vstream = out.add_stream_from_template(vin.streams.video[0])
        astream = out.add_stream("aac", rate=16000)
        astream.layout = "mono"
        for packet in vin.demux(vin.streams.video[0]):
            if packet.dts is None:
                continue
            packet.stream = vstream
            out.mux(packet)
        for frame in ain.decode(audio=0):
            frame.pts = None
            for packet in astream.encode(frame):
                out.mux(packet)
        for packet in astream.encode(None):
            out.mux(packet)


@functools.cache
def interview_clip(shared_video: Path) -> Clip:
    folder = Path(_folder.name)
    wav = folder / "speech.wav"
    filler, pause = _speech_wav(wav)
    mp4 = folder / "interview.mp4"
    _mux(shared_video / "smile_glasses_480.mp4", wav, mp4)
    result = analyse_file(mp4, QUESTION, _services())
    return Clip(mp4, QUESTION, result, filler, pause)


@functools.cache
def jfk_clip(shared_audio: Path) -> Clip:
    path = shared_audio / "jfk.wav"
    return Clip(path, JFK_QUESTION, analyse_file(path, JFK_QUESTION, _services()))


def store_session(
    database: Database,
    clips: list[Clip],
    created_at: str,
    title: str = "Practice",
    status: SessionStatus = SessionStatus.COMPLETED,
    rating: SelfRating | None = None,
) -> Session:
    """A session with one answer per clip, media copied into the data folder like the recorder does."""
    session = Session(
        id=uuid.uuid4().hex, title=title, created_at=created_at, status=status, ended_at=created_at
    )
    database.save_session(session)
    for position, clip in enumerate(clips):
        answer = Answer(
            id=uuid.uuid4().hex,
            session_id=session.id,
            position=position,
            question=clip.question,
            status=AnswerStatus.ANALYSED,
            started_at=created_at,
            duration_s=clip.result.duration_s,
            has_video=clip.result.has_video,
            analysis=copy.deepcopy(clip.result.analysis),
            self_rating=rating,
        )
        relative, target = media.prepare_answer_file(
            database.paths, session.id, answer.id, clip.result.has_video
        )
        target.write_bytes(clip.path.read_bytes())
        answer.media_path = relative
        database.save_answer(answer)
        session.answers.append(answer)
    return session

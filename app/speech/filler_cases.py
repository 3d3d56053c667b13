"""Spontaneous-style answers composed piece by piece, with every filler's true time known by construction.

Each piece is synthesized by eSpeak NG (or cut from a real recording) on its own and the pieces are joined
with numpy, so the moment each "um"/"uh" and each discourse filler ("so", "like", "well", "and") was said
is exact: the voiced extent of its piece. The same words also appear as words ("So the project ...",
"I like ...", "Well I think ...") inside longer pieces: those must never be reported.

The cases are split into a development set (looked at while building app.speech.fillers and
app.speech.filler_timing) and a held-back set (never tuned on): the held-back cases use other voices, speeds,
sentences and real-speech segments. Both are synthetic or composed speech, not spontaneous speech.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.core.delivery import HESITATION_FILLERS
from app.core.delivery import Filler as DeliveryFiller
from app.core.transcript import TimeSpan
from app.speech.synthetic import SAMPLE_RATE, Silence, add_noise, synthesize, voiced_extent


@dataclass(frozen=True)
class Words:
    """Ordinary speech (any "so"/"like"/"well" inside is a word use, not a filler)."""

    text: str


@dataclass(frozen=True)
class Filler:
    """A filler said on its own: a hesitation ("umm", "uh") or a discourse word used as a filler."""

    text: str
    word: str
    speed: int | None = None
    """eSpeak speed for this piece only (a slow speed draws the word out, as "sooo")."""


@dataclass(frozen=True)
class Recorded:
    """A stretch [start, end] s of a real recording in the shared media folder (ordinary speech)."""

    file: str
    start: float
    end: float


Piece = Words | Filler | Recorded | Silence


@dataclass(frozen=True)
class TrueFiller:
    word: str
    start: float
    end: float


@dataclass(frozen=True)
class FillerCase:
    name: str
    pieces: tuple[Piece, ...]
    voice: str = "en-us"
    speed: int = 160
    snr_db: float = 30.0

    @property
    def needs_recordings(self) -> bool:
        return any(isinstance(piece, Recorded) for piece in self.pieces)


@dataclass
class ComposedClip:
    audio: np.ndarray
    fillers: list[TrueFiller] = field(default_factory=list)
    word_pieces: list[TimeSpan] = field(default_factory=list)
    """Where the ordinary-speech pieces lie (a filler reported inside one is a word taken for a filler)."""


LoadRecording = Callable[[str], np.ndarray]

HESITATIONS = {"umm": "um", "uh": "uh", "erm": "um", "er": "er"}


def compose(case: FillerCase, load: LoadRecording | None = None) -> ComposedClip:
    """The case's audio (with white noise at its SNR) and its truth."""
    lead = np.zeros(int(0.5 * SAMPLE_RATE), np.float32)
    chunks = [lead]
    offset = lead.size / SAMPLE_RATE
    clip = ComposedClip(np.empty(0, np.float32))
    for piece in case.pieces:
        audio = _piece_audio(piece, case, load)
        extent = None if isinstance(piece, Silence) else voiced_extent(audio)
        if extent is not None:
            span = TimeSpan(round(offset + extent[0], 3), round(offset + extent[1], 3))
            if isinstance(piece, Filler):
                clip.fillers.append(TrueFiller(piece.word, span.start, span.end))
            else:
                clip.word_pieces.append(span)
        chunks.append(audio)
        offset += audio.size / SAMPLE_RATE
    chunks.append(lead)
    clip.audio = add_noise(np.concatenate(chunks), case.snr_db, seed=sum(map(ord, case.name)))
    return clip


def _piece_audio(piece: Piece, case: FillerCase, load: LoadRecording | None) -> np.ndarray:
    if isinstance(piece, Silence):
        return np.zeros(int(round(piece.seconds * SAMPLE_RATE)), np.float32)
    if isinstance(piece, Recorded):
        if load is None:
            raise ValueError(f"case {case.name} needs the recording {piece.file}")
        audio = load(piece.file)
        part = audio[int(piece.start * SAMPLE_RATE) : int(piece.end * SAMPLE_RATE)]
        return (part / max(1e-6, float(np.max(np.abs(part)))) * 0.5).astype(np.float32)
    speed = piece.speed if isinstance(piece, Filler) and piece.speed else case.speed
    audio = synthesize(piece.text, case.voice, speed)
    return (audio / max(1e-6, float(np.max(np.abs(audio)))) * 0.5).astype(np.float32)


def shared_loader(folder: Path) -> LoadRecording:
    """Recordings of `folder` decoded once each (16 kHz mono float32)."""
    from app.capture.audio_file import decode_audio

    cache: dict[str, np.ndarray] = {}

    def load(name: str) -> np.ndarray:
        if name not in cache:
            cache[name] = decode_audio(folder / name)
        return cache[name]

    return load


def parse(script: str) -> tuple[Piece, ...]:
    """Pieces from a script: "words | 0.5 | {umm:um} | {so:so@80} | [jfk.wav 0.0 2.3]", separated by "|".

    A number is a silence (s); {text:word} a filler said on its own ("@speed" draws it out); [file start end]
    a stretch of a real recording; anything else ordinary speech.
    """
    pieces: list[Piece] = []
    for part in (p.strip() for p in script.split("|")):
        if part.startswith("{"):
            text, _, rest = part.strip("{}").partition(":")
            word, _, speed = rest.partition("@")
            pieces.append(Filler(text, word, int(speed) if speed else None))
        elif part.startswith("["):
            name, start, end = part.strip("[]").split()
            pieces.append(Recorded(name, float(start), float(end)))
        elif part.replace(".", "", 1).isdigit():
            pieces.append(Silence(float(part)))
        else:
            pieces.append(Words(part))
    return tuple(pieces)


def _case(name: str, script: str, voice: str = "en-us", speed: int = 160, snr_db: float = 30.0) -> FillerCase:
    return FillerCase(name, parse(script), voice, speed, snr_db)


DEV_CASES: tuple[FillerCase, ...] = (
    _case(
        "so-word-then-um", "So the project started in May | 0.5 | {umm:um} | 0.4 | and we shipped it in June"
    ),
    _case(
        "so-filler-after-pause",
        "We were late with the release | 0.5 | {so:so} | 0.6 | I asked my manager for help",
        "en-us+m3",
        175,
    ),
    _case(
        "like-filler-and-like-word",
        "It was | 0.4 | {like:like} | 0.4 | a huge project for the whole team | 0.3 "
        "| {uh:uh} | 0.3 | and I like working with people",
        "en-gb+f3",
        150,
    ),
    _case(
        "well-word-then-erm",
        "Well I think my main strength is listening | 0.7 | {erm:um} | 0.2 | I listen before I answer",
    ),
    _case("jfk-and-so-then-um", "[jfk.wav 0.0 2.3] | 0.6 | {umm:um} | 0.5 | [librivox_0880.wav 0.0 3.0]"),
    _case(
        "drawn-out-so-then-uh",
        "The hardest part was the deadline | 0.4 | {so:so@80} | 0.3 | {uh:uh} | 0.3 "
        "| I split the work into smaller tasks",
    ),
    _case(
        "well-filler",
        "I am not sure | 0.5 | {well:well} | 0.5 | I guess I would start with the data",
        "en-us+m3",
        160,
    ),
    _case(
        "and-filler-then-uh",
        "We fixed the build | 0.3 | {and:and} | 0.7 | {uh:uh} | 0.3 | we shipped it on Friday",
        "en-gb+f3",
        165,
    ),
    _case(
        "words-only",
        "So I asked the team what they needed and we fixed it | 0.6 | It looks like we won the "
        "contract | 0.5 | [two_cities.wav 28.45 32.4]",
        "en-us",
        170,
    ),
    _case(
        "you-know-filler",
        "We had to | 0.4 | {you know:you know} | 0.4 | rewrite the whole thing | 0.5 | and it worked well",
        "en-us",
        155,
    ),
)
"""Looked at while building the filler rules and the timing."""

HELD_BACK_CASES: tuple[FillerCase, ...] = (
    _case(
        "hb-so-after-client",
        "Our biggest client wanted the feature in two weeks | 0.6 | {so:so} | 0.5 | we cut the scope",
        "en-gb-x-rp+m2",
        185,
        25.0,
    ),
    _case(
        "hb-like-word-um",
        "Like I said the team was small | 0.4 | {umm:um} | 0.3 | and I like a small team",
        "en-us+f2",
        145,
    ),
    _case(
        "hb-real-and-uh",
        "[librivox_0870.wav 0.0 7.1] | 0.5 | {uh:uh} | 0.4 | [diar_right.wav 0.0 5.0]",
        "en-us",
        160,
        25.0,
    ),
    _case(
        "hb-well-word-drawn-and",
        "Well the short answer is yes | 0.3 | {and:and@80} | 0.4 | we measured it twice",
        "en-us",
        200,
    ),
    _case(
        "hb-like-erm-so-word",
        "The result was | 0.45 | {like:like} | 0.35 | twice as fast as before | 0.5 "
        "| {erm:um} | 0.3 | so we kept it",
        "en-us+m3",
        165,
    ),
    _case(
        "hb-think-so-well",
        "I think so | 0.6 | {well:well} | 0.5 | I mean it depends on the team",
        "en-gb+f3",
        170,
        22.0,
    ),
    _case(
        "hb-beckett-so-um",
        "[beckett.wav 0.0 4.3] | 0.5 | {so:so} | 0.6 | {umm:um} | 0.4 | that is how I see it",
        "en-us+m3",
        150,
    ),
    _case(
        "hb-and-so-word-uh",
        "And so we started again from the beginning | 0.7 | {uh:uh} | 0.4 | with a smaller team",
        "en-us+f2",
        190,
    ),
)
"""Never tuned on: other voices, speeds, sentences, noise levels and real segments."""


def load_cases(path: Path) -> tuple[FillerCase, ...]:
    """Cases from a text file, one a line: "name ; voice ; speed ; snr_db ; script" ("#" comments)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, voice, speed, snr, script = (part.strip() for part in line.split(";", 4))
        cases.append(_case(name, script, voice, int(speed), float(snr)))
    return tuple(cases)


MATCH_S = 0.5
"""A reported filler matches a true one of the same kind whose start is within this (the time error is then
measured and reported separately: the goal is 0.3 s)."""


@dataclass
class CaseResult:
    """Reported fillers against the truth: matched pairs (reported start, true start), false and missed."""

    matched: list[tuple[str, float, float]] = field(default_factory=list)
    false: list[tuple[str, float]] = field(default_factory=list)
    missed: list[tuple[str, float]] = field(default_factory=list)

    @property
    def time_errors(self) -> list[float]:
        return [abs(found - true) for _word, found, true in self.matched]


def _same_kind(found: str, true: str) -> bool:
    return found == true or (found in HESITATION_FILLERS and true in HESITATION_FILLERS)


def score(found: Sequence[DeliveryFiller], truth: Sequence[TrueFiller]) -> CaseResult:
    """Match each reported filler to the nearest unmatched true filler of the same kind."""
    result = CaseResult()
    free = list(truth)
    for filler in found:
        near = [t for t in free if _same_kind(filler.word, t.word) and abs(filler.start - t.start) <= MATCH_S]
        if not near:
            result.false.append((filler.word, filler.start))
            continue
        best = min(near, key=lambda t: abs(filler.start - t.start))
        free.remove(best)
        result.matched.append((filler.word, filler.start, best.start))
    result.missed = [(t.word, t.start) for t in free]
    return result

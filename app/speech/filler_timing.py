"""When a filler was said and whether a real pause surrounds it, measured on the audio's loudness.

Whisper's word times are approximate around fillers: a word before a silence is stretched over it, and the
word after a silence often starts late (on composed answers "um" and a filler "so" came 0.3-0.4 s late;
a tester's real clip had an "um" 0.7 s early). Voice activity (Silero, 300 ms minimum silence) is too coarse
to separate a short "um" from its neighbours. So the audio is measured directly:

- `Loudness`: RMS level of every 10 ms frame (dB). A frame *sounds* when it is above a threshold set
  between the answer's noise floor (10th percentile) and its speech level (95th percentile); sounding runs
  shorter than `MIN_SOUND_S` (clicks) are dropped and silent runs shorter than `MIN_GAP_S` (stop closures
  and weak consonants, which fall under the threshold in noise, split words otherwise) are filled. What
  remains are *islands*: stretches of sound bounded by silence.
- `assign`: the island each word was said on. Words keep their order (a word is never on an earlier island
  than the word before it); a word costs the distance from its Whisper interval to its island, plus
  `ANCHOR_S` times the share of its interval that lies on other sound (a word stretched over a silence
  touches the next island but lies on its own); every island left without a word where Whisper places the
  words costs `EMPTY_ISLAND_S`, because every stretch of sound there was said by some word; and a stretch
  given more syllables than it has time for (`SYLLABLE_S` each) costs `CROWDED_S` per syllable too many
  (Whisper crams the end of a phrase, zero-length, onto the sound after a pause). The cheapest such
  assignment (dynamic programming over a few words around the filler) puts a mistimed "um" on the sound
  nobody else said.
- `locate`: a filler on an island of its own is the island; a filler said in one breath with other words
  keeps Whisper's interval, cut to (or moved onto) its island.
- `silence_before` / `silence_after`: the silence measured on the audio next to a moment (a real pause is
  `app.speech.fillers.PAUSE_S`).
- Shape (app.speech.filler_sound): an island whose sound is shaped as a hesitation is where a hesitation
  goes and no other word (`SHAPE_S` either way), and may be left without a word at no cost; one left
  empty, with no word near it, is a hesitation Whisper left out (`dropped_hesitations`).

The loudness of a long answer is gathered window by window (`LoudnessAccumulator`), 100 values a second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from app.core.transcript import TimeSpan, Word
from app.speech.filler_sound import Frames, Shape, frame_features, speaker_frames, speaker_pitch

FRAME_S = 0.01
MIN_SOUND_S = 0.05
MIN_GAP_S = 0.15
FLOOR_PERCENTILE = 10
LEVEL_PERCENTILE = 95
THRESHOLD_SHARE = 0.3
"""A frame sounds above floor + this share of (speech level - floor), and at least `MIN_RISE_DB` above."""
MIN_RISE_DB = 6.0
SEARCH_S = 1.5
"""Islands are looked for this far beyond the words around a filler."""
CONTEXT_WORDS = 4
EMPTY_ISLAND_S = 1.0
"""Cost of a stretch of sound left without a word between words, in seconds of time shift: Whisper's word
times may be this far off before a word is taken away from a stretch of sound nobody said."""
SYLLABLE_S = 0.12
"""The least time one syllable takes (8 a second: faster than nearly anyone speaks)."""
CROWDED_S = 0.5
ANCHOR_S = 1.0
"""A word lying wholly on another stretch of sound costs this much more (Whisper heard it there)."""
MAX_ISLAND_S = 1.5
"""An island longer than this holds more than a filler: the filler keeps Whisper's interval inside it."""
SHAPE_S = 0.5
"""A hesitation on sound not shaped as one (app.speech.filler_sound), or a word on sound that is, costs
this much more."""


@dataclass
class Loudness:
    """Frame levels (dB, one per `FRAME_S` from time 0) and the sounding frames derived from them; with
    `frames` (each frame's pitch and spectrum) or the `audio` they are measured on when asked, what a
    stretch of sound is shaped like."""

    db: np.ndarray
    frames: Frames | None = None
    audio: np.ndarray | None = None
    """16 kHz samples, kept (not copied) by `of` so that only the frames looked at are measured."""
    sounding: np.ndarray = field(init=False)
    _speaker_hz: float | None = field(init=False, default=None)
    _shapes: dict[TimeSpan, Shape | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.sounding = _sounding(self.db)

    @classmethod
    def of(cls, audio: np.ndarray, sample_rate: int) -> Loudness:
        return cls(frame_levels(audio, sample_rate), audio=audio if sample_rate == 16000 else None)

    def _features(self, which: np.ndarray) -> Frames | None:
        if self.frames is not None:
            which = which[which < self.frames.size]
            return Frames(self.frames.pitch[which], self.frames.clarity[which], self.frames.bands[which])
        return frame_features(self.audio, 16000, which) if self.audio is not None else None

    def shape(self, island: TimeSpan) -> Shape | None:
        """What the sound of `island` is like (None without frame features or audio)."""
        if self._speaker_hz is None:
            speaker = self._features(speaker_frames(self.sounding))
            if speaker is None:
                return None
            self._speaker_hz = speaker_pitch(speaker)
        if island not in self._shapes:
            lo, hi = int(round(island.start / FRAME_S)), int(round(island.end / FRAME_S))
            frames = self._features(np.arange(lo, hi))
            self._shapes[island] = (
                None if frames is None else Shape.of(frames, 0, frames.size, self._speaker_hz)
            )
        return self._shapes[island]

    def hesitation_shaped(self, island: TimeSpan) -> bool:
        shape = self.shape(island)
        return shape is not None and shape.hesitation

    @property
    def duration(self) -> float:
        return self.db.size * FRAME_S

    def islands(self, start: float, end: float) -> list[TimeSpan]:
        """Stretches of sound that overlap [start, end], whole (not clipped)."""
        mask = self.sounding
        lo, hi = max(0, int(start / FRAME_S)), min(mask.size, int(np.ceil(end / FRAME_S)))
        if hi <= lo or not mask[lo:hi].any():
            return []
        while lo > 0 and mask[lo - 1] and mask[lo]:
            lo -= 1
        while hi < mask.size and mask[hi] and mask[hi - 1]:
            hi += 1
        edges = np.flatnonzero(np.diff(np.concatenate(([0], mask[lo:hi].astype(np.int8), [0]))))
        return [
            TimeSpan(round(float(lo + a) * FRAME_S, 3), round(float(lo + b) * FRAME_S, 3))
            for a, b in zip(edges[::2], edges[1::2], strict=True)
        ]

    def silence_after(self, time: float) -> float:
        """Seconds of silence from `time` to the next sound (to the end of the audio if none)."""
        index = int(round(time / FRAME_S))
        if index < self.sounding.size and index > 0 and self.sounding[index] and self.sounding[index - 1]:
            return 0.0
        ahead = np.flatnonzero(self.sounding[index:])
        return (ahead[0] if ahead.size else self.sounding.size - index) * FRAME_S

    def silence_before(self, time: float) -> float:
        """Seconds of silence from the previous sound to `time` (from the start of the audio if none)."""
        index = int(round(time / FRAME_S))
        if 0 < index < self.sounding.size and self.sounding[index] and self.sounding[index - 1]:
            return 0.0
        behind = np.flatnonzero(self.sounding[: max(0, index)])
        return (index - (behind[-1] + 1) if behind.size else index) * FRAME_S

    def sounding_seconds(self, start: float, end: float) -> float:
        lo, hi = max(0, int(round(start / FRAME_S))), int(round(end / FRAME_S))
        return float(np.count_nonzero(self.sounding[lo:hi])) * FRAME_S


def frame_levels(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """RMS level (dB re full scale) of each whole `FRAME_S` frame of `audio`."""
    size = int(round(FRAME_S * sample_rate))
    whole = audio.size - audio.size % size
    step = size * 3000  # 30 s at a time: no float64 copy of a whole long answer
    levels = []
    for at in range(0, whole, step):
        frames = np.asarray(audio[at : min(whole, at + step)], dtype=np.float64).reshape(-1, size)
        levels.append((10.0 * np.log10(np.mean(frames**2, axis=1) + 1e-10)).astype(np.float32))
    return np.concatenate(levels) if levels else np.zeros(0, np.float32)


def _sounding(db: np.ndarray) -> np.ndarray:
    if db.size == 0:
        return np.zeros(0, dtype=bool)
    floor, level = np.percentile(db, [FLOOR_PERCENTILE, LEVEL_PERCENTILE])
    threshold = floor + max(MIN_RISE_DB, THRESHOLD_SHARE * (level - floor))
    mask = db > threshold
    mask = _drop_runs(mask, True, int(round(MIN_SOUND_S / FRAME_S)))
    return _drop_runs(mask, False, int(round(MIN_GAP_S / FRAME_S)))


def _drop_runs(mask: np.ndarray, value: bool, shorter_than: int) -> np.ndarray:
    """Flip runs of `value` shorter than `shorter_than` frames (silent runs only between sounds)."""
    out = mask.copy()
    runs = np.concatenate(([False], mask == value, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(runs))
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        inner = value or (a > 0 and b < mask.size)
        if b - a < shorter_than and inner:
            out[a:b] = not value
    return out


class LoudnessAccumulator:
    """Frame levels of an answer analysed window by window (the frames run on across windows)."""

    def __init__(self, sample_rate: int) -> None:
        self.rate = sample_rate
        self.parts: list[np.ndarray] = []
        self.features: list[Frames] = []
        self.carry = np.zeros(0, np.float32)

    def add(self, audio: np.ndarray) -> None:
        joined = np.concatenate([self.carry, np.asarray(audio, np.float32)])
        size = int(round(FRAME_S * self.rate))
        whole = joined.size - joined.size % size
        self.parts.append(frame_levels(joined[:whole], self.rate))
        if self.rate == 16000:
            self.features.append(frame_features(joined[:whole], self.rate))
        self.carry = joined[whole:].copy()

    def result(self) -> Loudness | None:
        levels = np.concatenate(self.parts) if self.parts else np.zeros(0, np.float32)
        frames = Frames.concat(self.features) if self.rate == 16000 else None
        return Loudness(levels, frames) if levels.size else None


def _overlap(a: TimeSpan, start: float, end: float) -> float:
    return max(0.0, min(a.end, end) - max(a.start, start))


def _distance(a: TimeSpan, start: float, end: float) -> float:
    return max(0.0, a.start - end, start - a.end)


def _costs(
    words: Sequence[Word], islands: Sequence[TimeSpan], hesitant: Sequence[bool], shaped: Sequence[bool]
) -> np.ndarray:
    """Cost of saying each word on each island: the seconds between its Whisper interval and the island,
    plus `ANCHOR_S` times the share of the word that lies on other islands (sound it covers elsewhere),
    plus `SHAPE_S` when a hesitation is put on sound not shaped as one, or a word on sound that is."""
    cost = np.empty((len(words), len(islands)))
    for i, word in enumerate(words):
        length = max(word.end - word.start, FRAME_S)
        overlaps = [_overlap(island, word.start, word.end) for island in islands]
        covered = sum(overlaps)
        for k, island in enumerate(islands):
            elsewhere = (covered - overlaps[k]) / length
            mismatch = SHAPE_S if hesitant[i] != shaped[k] else 0.0
            cost[i, k] = _distance(island, word.start, word.end) + ANCHOR_S * elsewhere + mismatch
    return cost


def syllables(text: str) -> int:
    """Vowel groups in a word (at least one): enough to tell how long it takes to say."""
    return max(1, len(re.findall(r"[aeiouy]+", text.lower())))


def assign(
    words: Sequence[Word],
    islands: Sequence[TimeSpan],
    hesitant: Sequence[bool] | None = None,
    shaped: Sequence[bool] | None = None,
) -> list[int]:
    """The island each word was said on: the order-keeping assignment (a word never on an earlier island
    than the word before it) of least total cost. Each word costs its `_costs`; each island left without a
    word costs `EMPTY_ISLAND_S` if it lies where Whisper places these words (every stretch of sound there
    was said by some word; islands beyond them belong to other words or noise) unless it is shaped as a
    hesitation (Whisper often leaves those out); and an island given more syllables than it has room for
    (`SYLLABLE_S` each) costs `CROWDED_S` per syllable too many.

    Args:
        hesitant: for each word, whether it is a hesitation (um, uh); None: none is.
        shaped: for each island, whether its sound is shaped as a hesitation; None: none is.
    """
    n, m = len(words), len(islands)
    hesitant = hesitant if hesitant is not None else [False] * n
    shaped = shaped if shaped is not None else [False] * m
    cost = np.vstack([np.zeros((1, m)), np.cumsum(_costs(words, islands, hesitant, shaped), axis=0)])
    lo, hi = words[0].start, max(w.end for w in words)
    empty = np.array(
        [
            EMPTY_ISLAND_S if _overlap(isl, lo, hi) > 0 and not shape else 0.0
            for isl, shape in zip(islands, shaped, strict=True)
        ]
    )
    skipped = np.concatenate(([0.0], np.cumsum(empty)))  # skipped[k] = cost of leaving islands 0..k-1 empty
    sounds = np.concatenate(([0], np.cumsum([syllables(w.text) for w in words])))
    # best[i, k]: words 0..i-1 placed, the last group (ending with word i-1) on island k.
    best = np.full((n + 1, m), np.inf)
    came: dict[tuple[int, int], tuple[int, int]] = {}
    # entry[j][k]: cheapest way to have words 0..j-1 placed on islands before k (and its last island).
    entry: list[list[tuple[float, int]]] = [[(0.0, -1)] * m]  # no word before word 0
    for i in range(1, n + 1):
        for k in range(m):
            for j in range(i):  # words j..i-1 form the group on island k
                before, previous = entry[j][k]
                total = before + skipped[k] + cost[i, k] - cost[j, k]
                total += _crowding(sounds[i] - sounds[j], islands[k])
                if total < best[i, k]:
                    best[i, k] = total
                    came[(i, k)] = (j, previous)
        running, arg, row = np.inf, -1, []
        for k in range(m):
            row.append((running, arg))
            if best[i, k] - skipped[k + 1] < running:
                running, arg = best[i, k] - skipped[k + 1], k
        entry.append(row)
    final = best[n] + (skipped[m] - skipped[1:])
    path: list[int] = []
    i, k = n, int(np.argmin(final))
    while i > 0:
        j, previous = came[(i, k)]
        path[:0] = [k] * (i - j)
        i, k = j, previous
    return path


def _crowding(count: int, island: TimeSpan) -> float:
    room = island.duration / SYLLABLE_S
    return CROWDED_S * max(0.0, count - room)


@dataclass(frozen=True)
class Placed:
    """Where a filler sounded; `alone`: on a stretch of sound of its own (its length is then measured)."""

    span: TimeSpan
    alone: bool


def locate(
    words: Sequence[Word], first: int, last: int, loudness: Loudness, hesitant: Sequence[bool] | None = None
) -> Placed:
    """Where words[first..last] (one filler) were said: its island, by `assign` over its neighbourhood
    (`CONTEXT_WORDS` words either side; `hesitant` marks the hesitations among `words`). On an island of
    its own (not too long) the filler is the island; sharing one with other words, it keeps Whisper's
    interval, cut to (or moved onto) that island."""
    lo, hi = max(0, first - CONTEXT_WORDS), min(len(words), last + 1 + CONTEXT_WORDS)
    near = words[lo:hi]
    islands = loudness.islands(near[0].start - SEARCH_S, max(w.end for w in near) + SEARCH_S)
    start, end = words[first].start, words[last].end
    if not islands:
        return Placed(TimeSpan(start, end), alone=False)
    marks = list(hesitant[lo:hi]) if hesitant is not None else None
    path = assign(near, islands, marks, [loudness.hesitation_shaped(isl) for isl in islands])
    own = set(path[first - lo : last - lo + 1])
    others = set(path[: first - lo]) | set(path[last - lo + 1 :])
    if not own & others:
        span = TimeSpan(islands[min(own)].start, islands[max(own)].end)
        if span.duration <= MAX_ISLAND_S:
            return Placed(span, alone=True)
    return Placed(_trimmed(start, end, islands[path[first - lo]]), alone=False)


def _trimmed(start: float, end: float, home: TimeSpan) -> TimeSpan:
    """Whisper's interval cut to the island `home` (moved onto its nearest edge if wholly off it)."""
    if _overlap(home, start, end) > 0:
        return TimeSpan(round(max(start, home.start), 3), round(min(end, home.end), 3))
    length = min(end - start, home.duration)
    if home.end <= start:
        return TimeSpan(round(home.end - length, 3), home.end)
    return TimeSpan(home.start, round(home.start + length, 3))


def dropped_hesitations(
    words: Sequence[Word], loudness: Loudness, hesitant: Sequence[bool]
) -> list[TimeSpan]:
    """Hesitations Whisper left out: stretches of sound shaped as one (app.speech.filler_sound), between
    the words (or just before the first: "Um... I think"), on which no word was said. No word was said on
    one when `assign` over the `CONTEXT_WORDS` words either side leaves it empty, no word's Whisper
    interval touches it, and it is not the nearest sound of a word Whisper timed wholly in a silence (the
    word after a pause often starts late: "[I] ... I, and" is a word, not a hesitation). Sound after the
    last word is never one."""
    if not words:
        return []
    found: list[TimeSpan] = []
    for island in loudness.islands(words[0].start - SEARCH_S, words[-1].start):
        if not loudness.hesitation_shaped(island) or any(_overlap(island, w.start, w.end) > 0 for w in words):
            continue
        after = next((i for i, w in enumerate(words) if w.end > island.end), len(words))
        if after >= len(words):
            continue
        lo, hi = max(0, after - CONTEXT_WORDS), min(len(words), after + CONTEXT_WORDS)
        near = words[lo:hi]
        islands = loudness.islands(near[0].start - SEARCH_S, max(w.end for w in near) + SEARCH_S)
        if island not in islands or _nearest_of_a_floating_word(near, islands, island):
            continue
        path = assign(near, islands, hesitant[lo:hi], [loudness.hesitation_shaped(isl) for isl in islands])
        if islands.index(island) not in path:
            found.append(island)
    return found


def _nearest_of_a_floating_word(words: Sequence[Word], islands: Sequence[TimeSpan], island: TimeSpan) -> bool:
    """Whether `island` is the nearest sound of some word whose Whisper interval touches no sound."""
    for word in words:
        if any(_overlap(isl, word.start, word.end) > 0 for isl in islands):
            continue
        if min(islands, key=lambda isl: _distance(isl, word.start, word.end)) == island:
            return True
    return False

"""Filler words and repetitions, found in transcribed words with times (and the audio's loudness).

Rules are conservative because a filler that was not said must never be counted:
- Hesitations (um, uh, er, hmm and their spellings umm/uhm/erm/uhh/hm/hmmm) always count.
- Discourse fillers are ordinary words ("So the project ...", "I like ...", "it went well") and count only
  with evidence of filler use measured on the audio (app.speech.filler_timing), never from Whisper's
  punctuation alone. The evidence is one of:
  * a real pause next to it: at least `PAUSE_S` of silence on the audio;
  * a hesitation next to it ("so, um, ...", "uh, like, ...");
  * a drawn-out word: "so", "and", "well" or "like" sounding for at least `DRAWN_OUT_S` on a stretch of
    sound of its own (inside a breath group its edges would be Whisper's guess, not a measurement).
  A hesitation after "and" is not evidence: "and, uh, we shipped" is a conjunction and one hesitation.
  The silence before the first word of an answer is not a pause next to it (everyone starts after one).
  Where the word stands matters too; punctuation may mark a position, never filler use:
  * "so", "and", "well", "basically", "actually", "literally" start a clause (first word, or after
    Whisper's clause punctuation, a hesitation or a real pause) and the evidence comes AFTER them: a
    pause, a hesitation, or the word drawn out. "So the project ...", "And so my fellow Americans ..." and
    "um, so the project ..." are words; "we were late. [0.6 s] So [0.6 s] I asked ..." is a filler.
  * "like", "you know", "I mean", "sort of", "kind of" are set off on both sides (punctuation, a
    hesitation, a pause or the edge of the answer) and at least one side is a real pause or a hesitation
    (or "like" is drawn out): "it was [0.4 s] like [0.4 s] huge". So "I like", "looks like", "would like",
    "kind of hard" never count, and neither does "it was, like, huge" said in one breath.
  Without audio (hand-timed words) the gaps between word times stand in for the silence on the audio.
- Each filler's time is where it was said on the audio (`filler_timing.locate`), not only Whisper's token
  time; without audio it is the words' own times.
- Whisper often leaves hesitations out. With audio, a stretch of sound shaped as a hesitation (one held
  vowel, perhaps closing into a nasal: voiced throughout, steady pitch below the speaker's median, a
  spectrum that hardly moves, 0.2-1.0 s; app.speech.filler_sound) on which no word of the transcript was
  said counts as one ("um" when it closes into a nasal, else "uh"), at its sound
  (`filler_timing.dropped_hesitations`, which says when no word was said there). Without audio, never.
- A repetition is a word or phrase of up to three words said twice in a row ("I I", "the the",
  "I think I think"), ignoring case and punctuation, not across a sentence end ("No. No."), and
  not for grammatical doubles ("that that", "had had", "is is" as in "what it is is").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.delivery import DISCOURSE, HESITATION, Filler, Repetition
from app.core.transcript import TimeSpan, Word
from app.speech.filler_timing import Loudness, Placed, dropped_hesitations, locate

PAUSE_S = 0.3
"""A real pause: silence measured on the audio (natural joins between words are shorter; JFK's
"And - so" gap is 0.12 s)."""
DRAWN_OUT_S = 0.55
"""A one-syllable filler word sounding this long is drawn out ("sooo"); said normally it takes 0.15-0.35 s."""
_CLAUSE_PUNCT = ",.;:?!…-–—"
_SENTENCE_END = ".?!…"

_HESITATION_PATTERNS = (
    (re.compile(r"^(u+h*m+|e+r+m+|a+h+m+)$"), "um"),
    (re.compile(r"^u+h+$"), "uh"),
    (re.compile(r"^e+r+$"), "er"),
    (re.compile(r"^h+m+$"), "hmm"),
)
_PHRASES = (("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of"))
_CLAUSE_STARTERS = frozenset({"so", "and", "well", "basically", "actually", "literally"})
_DRAWABLE = frozenset({"so", "and", "well", "like"})
_GRAMMATICAL_DOUBLES = frozenset({"that", "had", "is"})


def normalize(text: str) -> str:
    """Lower case, no surrounding punctuation or spaces ("Umm..." -> "umm", "Don't," -> "don't")."""
    return text.strip().lower().strip("\"'“”‘’()[],.;:?!…-–—")


def hesitation(text: str) -> str | None:
    """The normalized hesitation ("um", "uh", "er", "hmm") that `text` spells, else None."""
    word = normalize(text)
    for pattern, name in _HESITATION_PATTERNS:
        if pattern.match(word):
            return name
    return None


def is_hesitation(text: str) -> bool:
    return hesitation(text) is not None


def _ends_clause(text: str) -> bool:
    return text.rstrip().endswith(tuple(_CLAUSE_PUNCT))


@dataclass(frozen=True)
class _Evidence:
    """What surrounds words[first..last], said at `span`."""

    pause_before: bool
    pause_after: bool
    hesitation_before: bool
    hesitation_after: bool
    punct_before: bool
    punct_after: bool
    first_word: bool
    last_word: bool
    drawn_out: bool

    @property
    def clause_start(self) -> bool:
        return self.first_word or self.punct_before or self.hesitation_before or self.pause_before

    @property
    def set_off(self) -> bool:
        before = self.first_word or self.punct_before or self.hesitation_before or self.pause_before
        after = self.last_word or self.punct_after or self.hesitation_after or self.pause_after
        heard = self.pause_before or self.pause_after or self.hesitation_before or self.hesitation_after
        return before and after and (heard or self.drawn_out)

    @property
    def filler_after(self) -> bool:
        return self.pause_after or self.hesitation_after or self.drawn_out


def _evidence(
    words: Sequence[Word], first: int, last: int, placed: Placed, loudness: Loudness | None
) -> _Evidence:
    prev = words[first - 1] if first > 0 else None
    nxt = words[last + 1] if last + 1 < len(words) else None
    span = placed.span
    if loudness is not None:
        pause_before = prev is not None and loudness.silence_before(span.start) >= PAUSE_S
        pause_after = loudness.silence_after(span.end) >= PAUSE_S
        # Length is measured only on sound of its own: inside a breath group the word's edges are Whisper's.
        drawn_out = (
            placed.alone
            and first == last
            and normalize(words[first].text) in _DRAWABLE
            and loudness.sounding_seconds(span.start, span.end) >= DRAWN_OUT_S
        )
    else:
        pause_before = prev is not None and span.start - prev.end >= PAUSE_S
        pause_after = nxt is not None and nxt.start - span.end >= PAUSE_S
        drawn_out = False
    return _Evidence(
        pause_before=pause_before,
        pause_after=pause_after,
        hesitation_before=prev is not None and is_hesitation(prev.text),
        hesitation_after=nxt is not None and is_hesitation(nxt.text) and normalize(words[last].text) != "and",
        punct_before=prev is not None and _ends_clause(prev.text),
        punct_after=_ends_clause(words[last].text),
        first_word=prev is None,
        last_word=nxt is None,
        drawn_out=drawn_out,
    )


def _placed(
    words: Sequence[Word], first: int, last: int, loudness: Loudness | None, hesitant: Sequence[bool]
) -> Placed:
    if loudness is None:
        return Placed(TimeSpan(words[first].start, words[last].end), alone=False)
    return locate(words, first, last, loudness, hesitant)


def _dropped(
    words: Sequence[Word], loudness: Loudness, hesitant: Sequence[bool], found: list[Filler]
) -> list[Filler]:
    """Hesitations heard on the audio where the transcript has none (`filler_timing.dropped_hesitations`),
    apart from any filler already found there."""
    extra = []
    for island in dropped_hesitations(words, loudness, hesitant):
        if any(f.start < island.end and f.end > island.start for f in found):
            continue
        shape = loudness.shape(island)
        name = "um" if shape is not None and shape.nasal_end else "uh"
        extra.append(Filler(name, HESITATION, island.start, island.end))
    return extra


def find_fillers(words: Sequence[Word], loudness: Loudness | None = None) -> list[Filler]:
    """Every filler in `words` (time order), by the rules in the module docstring.

    Args:
        words: the transcript's words with times.
        loudness: the answer's loudness (`Loudness.of(audio, rate)`), None when there is no audio.
    """
    fillers: list[Filler] = []
    norms = [normalize(w.text) for w in words]
    hesitant = [is_hesitation(w.text) for w in words]
    i = 0
    while i < len(words):
        kind = hesitation(words[i].text)
        if kind is not None:
            span = _placed(words, i, i, loudness, hesitant).span
            fillers.append(Filler(kind, HESITATION, span.start, span.end))
            i += 1
            continue
        phrase = next((p for p in _PHRASES if tuple(norms[i : i + len(p)]) == p), None)
        last = i + len(phrase) - 1 if phrase is not None else i
        if phrase is not None or norms[i] == "like" or norms[i] in _CLAUSE_STARTERS:
            placed = _placed(words, i, last, loudness, hesitant)
            evidence = _evidence(words, i, last, placed, loudness)
            span = placed.span
            starter = phrase is None and norms[i] in _CLAUSE_STARTERS
            if (evidence.clause_start and evidence.filler_after) if starter else evidence.set_off:
                name = " ".join(phrase) if phrase is not None else norms[i]
                fillers.append(Filler(name, DISCOURSE, span.start, span.end))
                i = last + 1
                continue
        i += 1
    if loudness is not None:
        fillers += _dropped(words, loudness, hesitant, fillers)
    fillers.sort(key=lambda f: f.start)
    return fillers


def find_repetitions(words: Sequence[Word], max_phrase: int = 3) -> list[Repetition]:
    """Words or phrases said twice in a row (module docstring), longest phrase first, no overlaps."""
    content = [w for w in words if not is_hesitation(w.text)]
    norms = [normalize(w.text) for w in content]
    found: list[Repetition] = []
    i = 0
    while i < len(content):
        step = 1
        for n in range(max_phrase, 0, -1):
            first, second = norms[i : i + n], norms[i + n : i + 2 * n]
            if len(second) < n or first != second or not all(first):
                continue
            if n == 1 and first[0] in _GRAMMATICAL_DOUBLES:
                continue
            if content[i + n - 1].text.rstrip().endswith(tuple(_SENTENCE_END)):
                continue
            found.append(Repetition(" ".join(first), content[i].start, content[i + 2 * n - 1].end))
            step = 2 * n
            break
        i += step
    return found

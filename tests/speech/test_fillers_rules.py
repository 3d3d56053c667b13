"""Filler and repetition rules on word lists: what counts, and above all what must not."""

from __future__ import annotations

import numpy as np

from app.core.transcript import Word
from app.speech.filler_timing import FRAME_S, Loudness, LoudnessAccumulator, frame_levels
from app.speech.fillers import find_fillers, find_repetitions


def words(text: str, step: float = 0.3) -> list[Word]:
    """Words 0.3 s apart with no gaps (so only punctuation marks boundaries)."""
    return [Word(w, i * step, (i + 1) * step) for i, w in enumerate(text.split())]


def fillers_of(text: str) -> list[tuple[str, str]]:
    return [(f.word, f.kind) for f in find_fillers(words(text))]


def test_hesitations_in_any_spelling_count() -> None:
    assert fillers_of("Umm, I think, uh... we, erm, did it. Hmm.") == [
        ("um", "hesitation"),
        ("uh", "hesitation"),
        ("um", "hesitation"),
        ("hmm", "hesitation"),
    ]


def timed(script: str, step: float = 0.3) -> list[Word]:
    """Words 0.3 s apart; "[0.6]" inserts a 0.6 s silence (hand-timed words: the gaps are the pauses)."""
    said: list[Word] = []
    time = 0.0
    for token in script.split():
        if token.startswith("["):
            time += float(token.strip("[]"))
            continue
        said.append(Word(token, round(time, 3), round(time + step, 3)))
        time += step
    return said


def timed_fillers(script: str) -> list[tuple[str, str]]:
    return [(f.word, f.kind) for f in find_fillers(timed(script))]


def test_punctuation_alone_never_makes_a_word_a_filler() -> None:
    for text in [
        "So, the project started in May",
        "it was, like, a huge project",
        "we had to, you know, rewrite it",
        "Well, I think we won",
        "we were late. So, I asked for help",
        "the release was, kind of, late",
    ]:
        assert fillers_of(text) == [], text


def test_like_counts_only_set_off_by_a_real_pause() -> None:
    assert timed_fillers("it was [0.5] like [0.5] a huge project") == [("like", "discourse")]
    assert timed_fillers("it was, uh, like, a huge project") == [("uh", "hesitation"), ("like", "discourse")]
    for text in [
        "I like [0.5] working with people",
        "it looks like [0.6] we won",
        "I would like [0.4] to lead",
        "so far like the present period",
        "people like me",
        "Like I said we shipped it",
    ]:
        assert timed_fillers(text) == [], text


def test_so_and_well_count_only_with_a_pause_or_hesitation_after_a_clause_start() -> None:
    assert timed_fillers("we were late [0.6] so [0.6] I asked for help") == [("so", "discourse")]
    assert timed_fillers("we were late. So, um, I asked") == [("so", "discourse"), ("um", "hesitation")]
    assert timed_fillers("I am not sure [0.5] well [0.5] I would start") == [("well", "discourse")]
    assert timed_fillers("we fixed the build [0.3] and [0.7] we shipped it") == [("and", "discourse")]
    assert timed_fillers("um, so the project started") == [("um", "hesitation")]
    assert timed_fillers("we fixed it. And, uh, we shipped") == [("uh", "hesitation")]  # a conjunction
    for text in [
        "And so my fellow Americans",
        "So the project started in May",
        "it was so hard",
        "I think so [0.6] we did it",
        "it went well [0.6] and then we shipped",
        "Well I think we won",
    ]:
        assert timed_fillers(text) == [], text


def test_phrases_and_adverbs() -> None:
    assert timed_fillers("we had to [0.4] you know [0.4] rewrite it") == [("you know", "discourse")]
    assert timed_fillers("Basically [0.5] we rewrote it [0.4] I mean [0.4] all of it") == [
        ("basically", "discourse"),
        ("i mean", "discourse"),
    ]
    for text in [
        "do you know the answer",
        "I mean it",
        "it was kind of hard",
        "what sort of team",
        "it actually worked",
        "Basically we rewrote it",
        "we literally shipped",
    ]:
        assert timed_fillers(text) == [], text


def test_repetitions() -> None:
    found = find_repetitions(words("I I think the the team and and I think I think we won"))
    assert [(r.text, round(r.start, 1)) for r in found] == [
        ("i", 0.0),
        ("the", 0.9),
        ("and", 1.8),
        ("i think", 2.4),
    ]


def test_no_repetition_for_grammatical_doubles_or_across_sentences() -> None:
    assert find_repetitions(words("I know that that works and we had had enough")) == []
    assert find_repetitions(words("No. No. It was fine")) == []
    assert find_repetitions(words("um um I started")) == []


def drawn_loudness(sounds: list[tuple[float, float]], length: float) -> Loudness:
    """Frame levels of a recording that sounds (-20 dB) during `sounds` and is quiet (-60 dB) otherwise."""
    db = np.full(int(round(length / FRAME_S)), -60.0, np.float32)
    for start, end in sounds:
        db[int(round(start / FRAME_S)) : int(round(end / FRAME_S))] = -20.0
    return Loudness(db)


def test_a_mistimed_um_is_placed_on_the_sound_nobody_else_said() -> None:
    # The tester's report: Whisper put "um" 0.7 s before it was said (stretching "it" over the silence).
    said = [Word("we", 0.5, 0.8), Word("shipped", 0.8, 1.2), Word("it,", 1.2, 1.5), Word("um,", 1.5, 1.9)]
    said += [Word("and", 3.2, 3.4), Word("then", 3.4, 4.0)]
    loudness = drawn_loudness([(0.5, 1.5), (2.2, 2.6), (3.2, 4.0)], 5.0)
    found = find_fillers(said, loudness)
    assert [(f.word, f.start, f.end) for f in found] == [("um", 2.2, 2.6)]
    assert find_fillers(said)[0].start == 1.5  # without audio: Whisper's own time


def test_the_pause_must_be_on_the_audio_not_in_the_punctuation() -> None:
    said = [Word("we", 0.5, 0.7), Word("were", 0.7, 0.9), Word("late.", 0.9, 1.5), Word("So,", 1.5, 2.0)]
    said += [Word("I", 2.5, 2.7), Word("asked", 2.7, 3.0)]
    in_one_breath = drawn_loudness([(0.5, 3.0)], 3.5)
    assert find_fillers(said, in_one_breath) == []
    # The same words, but on the audio "so" stands alone between two silences: a filler, at its sound.
    with_pauses = drawn_loudness([(0.5, 1.2), (1.6, 1.9), (2.5, 3.0)], 3.5)
    found = find_fillers(said, with_pauses)
    assert [(f.word, f.start, f.end) for f in found] == [("so", 1.6, 1.9)]


def test_and_so_in_one_stretch_of_sound_is_never_a_filler() -> None:
    # JFK: "And [0.12 s] so my fellow Americans": the gap after "And" is shorter than a real pause.
    said = [
        Word("And", 0.02, 0.76),
        Word("so", 0.76, 1.06),
        Word("my", 1.06, 1.48),
        Word("fellow", 1.48, 1.76),
    ]
    loudness = drawn_loudness([(0.34, 0.56), (0.68, 1.98)], 3.0)
    assert find_fillers(said, loudness) == []


def test_loudness_gathered_window_by_window_equals_the_whole() -> None:
    audio = np.random.default_rng(1).normal(0, 0.1, 16000 * 7 + 37).astype(np.float32)
    gathered = LoudnessAccumulator(16000)
    for start, end in [(0, 12345), (12345, 70001), (70001, audio.size)]:
        gathered.add(audio[start:end])
    whole = gathered.result()
    assert whole is not None
    np.testing.assert_allclose(whole.db, frame_levels(audio, 16000), atol=1e-4)
    assert whole.duration == 7.0

"""Filler and repetition rules on word lists: what counts, and above all what must not."""

from __future__ import annotations

from app.core.transcript import Word
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


def test_like_counts_only_in_a_filler_position() -> None:
    assert fillers_of("it was, like, a huge project") == [("like", "discourse")]
    for text in [
        "I like working with people",
        "it looks like we won",
        "I would like to lead",
        "so far like the present period",
        "people like me",
        "Like I said we shipped it",
    ]:
        assert fillers_of(text) == [], text


def test_so_counts_only_at_a_clause_start_followed_by_a_break() -> None:
    assert fillers_of("So, the project started in May") == [("so", "discourse")]
    assert fillers_of("we were late. So, um, I asked for help") == [("so", "discourse"), ("um", "hesitation")]
    for text in ["And so, my fellow Americans", "it was so hard", "I did so because", "So I asked"]:
        assert fillers_of(text) == [], text


def test_phrases_and_adverbs() -> None:
    assert fillers_of("we had to, you know, rewrite it") == [("you know", "discourse")]
    assert fillers_of("Basically we rewrote it, I mean, all of it") == [
        ("basically", "discourse"),
        ("i mean", "discourse"),
    ]
    for text in [
        "do you know the answer",
        "I mean it",
        "it was kind of hard",
        "what sort of team",
        "it actually worked",
        "we literally shipped",
    ]:
        assert fillers_of(text) == [], text


def test_a_pause_is_a_boundary_too() -> None:
    said = [Word("it", 0.0, 0.2), Word("was", 0.2, 0.4), Word("like", 0.9, 1.1), Word("huge", 1.6, 1.9)]
    assert [(f.word, f.start) for f in find_fillers(said)] == [("like", 0.9)]


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

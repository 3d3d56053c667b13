"""Word lists behind the content analysis: hedges, outcome words, pronouns, numbers.

Plain lists so anyone can read why a phrase was recognised, and extend them. Phrases are matched on
whole words after lower-casing; numeric thresholds are not here but in app.analysis.rubric.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Weak or hedging phrases: they make a claim sound unsure. Longest phrases are matched first, so
# "i think maybe" counts once, not also as "maybe".
HEDGES: tuple[str, ...] = (
    "i think maybe",
    "i'm not sure",
    "i am not sure",
    "i don't know",
    "i guess",
    "kind of",
    "sort of",
    "maybe",
    "probably",
    "perhaps",
    "i suppose",
    "more or less",
    "or something",
    "i feel like",
    "hopefully",
    "somewhat",
    "a little bit",
)

# "kind of" / "sort of" after these words is a noun phrase ("what kind of problem"), not a hedge.
HEDGE_NOUN_PHRASE_BEFORE: frozenset[str] = _words(
    "what this that the a any some every same which these those different another"
)

# Past-tense verbs that state an outcome. Matched by word form.
OUTCOME_VERBS: frozenset[str] = _words(
    """increased reduced decreased cut saved won launched delivered shipped grew improved doubled tripled
    halved raised closed completed achieved exceeded boosted lowered eliminated resolved retained promoted
    awarded finished secured recovered hit beat surpassed sped accelerated released published"""
)

NUMBER_WORDS: frozenset[str] = _words(
    """two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred thousand million billion half double twice dozen"""
)
PERCENT_WORDS: frozenset[str] = frozenset({"percent", "per cent", "percentage"})
MONEY_WORDS: frozenset[str] = frozenset({"dollars", "pounds", "euros", "bucks", "k", "grand"})
TIME_UNITS: frozenset[str] = frozenset(
    {"minutes", "hours", "days", "weeks", "months", "years", "minute", "hour", "day", "week", "month", "year"}
)

I_WORDS: frozenset[str] = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine"})
WE_WORDS: frozenset[str] = frozenset(
    {"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"}
)

# Words that add little when repeated; flagged at a lower count than topic words.
EMPTY_INTENSIFIERS: frozenset[str] = frozenset(
    {"basically", "actually", "literally", "honestly", "totally", "obviously", "definitely", "super", "stuff"}
)

# Spoken fillers left out of vocabulary variety (they are counted under delivery instead).
FILLER_FORMS: frozenset[str] = frozenset({"um", "uh", "er", "erm", "ah", "hmm", "mm", "uhm", "umm"})

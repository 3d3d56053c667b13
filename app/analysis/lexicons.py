"""Word lists behind the content analysis: STAR cue phrases, hedges, outcome words, pronouns.

Plain lists so anyone can read why a phrase was recognised, and extend them. Phrases are matched on
whole words after lower-casing; numeric thresholds are not here but in app.analysis.rubric.
"""

from __future__ import annotations

from app.core.content import StarPart


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Cue phrases that usually open each STAR part in spoken answers. Sources: the STAR method as taught by
# university career services (e.g. MIT CAPD, "Using the STAR method") and the openings interview coaches
# suggest ("At the time...", "My task was...", "So I...", "As a result...").
STAR_CUES: dict[StarPart, tuple[str, ...]] = {
    StarPart.SITUATION: (
        "at my last job",
        "at my previous job",
        "in my last role",
        "in my previous role",
        "in my last job",
        "in my previous job",
        "at my previous company",
        "at my last company",
        "when i was working",
        "when i worked",
        "while i was working",
        "when i was",
        "i was working as",
        "i was working at",
        "i worked as",
        "back in",
        "a few years ago",
        "a couple of years ago",
        "last year",
        "at the time",
        "the situation was",
        "the context was",
        "our team was",
        "we were working on",
        "there was a",
        "we had a",
        "during my",
        "one time",
        "a while ago",
        "at the start of",
    ),
    StarPart.TASK: (
        "my task was",
        "my job was",
        "my role was",
        "i was responsible",
        "i was asked to",
        "i was tasked",
        "i had to",
        "i needed to",
        "we needed to",
        "we had to",
        "the goal was",
        "my goal was",
        "our goal was",
        "the challenge was",
        "the problem was",
        "the task was",
        "my responsibility",
        "i was in charge",
        "it was up to me",
        "the objective was",
        "the aim was",
        "i was given",
        "i was supposed to",
        "i had been asked",
    ),
    StarPart.ACTION: (
        "so i",
        "first i",
        "first of all i",
        "then i",
        "next i",
        "i decided",
        "i started",
        "i created",
        "i organised",
        "i organized",
        "i set up",
        "i reached out",
        "i talked",
        "i spoke",
        "i built",
        "i proposed",
        "i suggested",
        "i scheduled",
        "my approach",
        "what i did",
        "i took",
        "i wrote",
        "i asked",
        "i called",
        "i led",
        "i put together",
        "i made sure",
        "i implemented",
        "i introduced",
        "i analysed",
        "i analyzed",
        "i met with",
        "i arranged",
        "i broke",
        "i prioritised",
        "i prioritized",
        "i delegated",
        "i designed",
        "i negotiated",
        "i sat down",
        "i began",
        "i drafted",
        "i pulled",
        "i worked with",
        "i worked through",
        "i focused",
        "i came up with",
        "i went through",
    ),
    StarPart.RESULT: (
        "as a result",
        "the result was",
        "the result",
        "in the end",
        "ultimately",
        "eventually",
        "the outcome",
        "we ended up",
        "this led to",
        "that led to",
        "which led to",
        "resulted in",
        "by the end",
        "we managed to",
        "i learned",
        "i learnt",
        "the lesson",
        "we finished",
        "we delivered",
        "we launched",
        "we reduced",
        "we increased",
        "we saved",
        "we won",
        "it reduced",
        "it increased",
        "it saved",
        "this reduced",
        "this increased",
        "that saved",
        "that reduced",
        "that increased",
        "the feedback was",
        "in the end we",
        "afterwards",
        "the impact",
    ),
}

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

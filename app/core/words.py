"""The app's one text normaliser: lower case, word splitting, stemming and the base stop words.

Answers (app.analysis), question banks and postings (app.banks) and CVs (app.cv) all compare words through
this module, so a word is reduced the same way everywhere: "management", "managed" and "manager" all
become "manag". Stemming is the Snowball English stemmer (the maintained `snowballstemmer` package, pure
Python, no download). Purpose-specific stop words (fillers of speech, posting boilerplate) are kept where
they are used, each built on BASE_STOPWORDS.
"""

from __future__ import annotations

import functools
import re

# Word forms: "don't", "20%", "$5,000", "node.js"-like dotted numbers; punctuation around them dropped.
_TOKEN = re.compile(r"[a-z0-9$£€%][a-z0-9$£€%.,'’-]*[a-z0-9%]|[a-z0-9$£€%]")
_NUMBER = re.compile(r"[\d.,]+")

# Words with a stem of their own. Fields whose "-ing" form is a subject of its own, not a verb form
# ("accounting" is not "account"), and words Snowball would join with an unrelated one: "hospitality" and
# "hospital" both become "hospit", "excellent" and "Excel" "excel", "experiment" and "experience" "experi",
# "positioning" and "position" "posit", "busy" and "business" "busi".
_KEEP_WHOLE = """
accounting marketing engineering nursing pricing onboarding hospitality excellent excellence busy university
positioning experiment
"""
OWN_STEMS: dict[str, str] = {word: word for word in _KEEP_WHOLE.split()} | {
    f"experiment{ending}": "experiment" for ending in ("s", "ing", "ed", "al", "ation")
}

# English function words and contractions: no meaning of their own in an answer, a posting or a CV.
_BASE_TEXT = """
a about above across after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either etc every few for
    from further had has have having he her here hers herself him himself his how i i'm i've i'd i'll if in
    into is it it's its itself just least less let ll many may me might more most much must my myself no
    nor not now of off on once only or other our ours ourselves out over own per plus re same she should so
    some such than that that's the their theirs them themselves then there these they this those through to
    too under until up upon us very via was we we're we've were what when where whether which while who
    whom why will with within without would yes yet you your yours yourself yourselves"""
BASE_STOPWORDS: frozenset[str] = frozenset(_BASE_TEXT.split())



@functools.cache
def _stemmer():  # type: ignore[no-untyped-def]
    """Loaded on first use: the package imports every language's stemmer (~0.17 s), not wanted at start-up."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def normalise(text: str) -> str:
    """Lower case with one apostrophe and one hyphen: "Team’s – plan" -> "team's - plan"."""
    return text.lower().replace("’", "'").replace("–", "-").replace("—", " ").strip()


def split_words(text: str) -> list[str]:
    """Word forms of free text, lower case, punctuation around them dropped ("$5,000" -> "$5000")."""
    return [_clean(m.group(0)) for m in _TOKEN.finditer(normalise(text))]


def _clean(word: str) -> str:
    word = word.strip(".,'-")
    if _NUMBER.fullmatch(word):
        return word.replace(",", "")
    return word


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of one word ("managed" -> "manag"); short words, numbers, words with
    symbols ("c++", "don't") and OWN_STEMS words keep their own; a possessive "'s" is dropped first."""
    word = normalise(word).strip("'")
    word = word.removesuffix("'s")
    if len(word) <= 3 or not word.isalpha() or word in OWN_STEMS:
        return OWN_STEMS.get(word, word)
    return str(_stemmer().stemWord(word))


def stems(words: frozenset[str] | set[str]) -> frozenset[str]:
    """A word list with the stem of each word added, for checking stemmed text against stop words."""
    return frozenset(words) | {stem(word) for word in words}

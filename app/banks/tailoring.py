"""Tailor practice to a job posting, with a method a user can follow: no cloud, no language model.

1. The posting is split into chunks (lines, sentences, bullets) and words, normalised and stemmed like an
   answer is (app.core.words).
2. Terms are found three ways: the curated per-track lexicon (app.banks.lexicon), phrases of two or three
   content words repeated in the posting, and single content words repeated in it that our questions
   also use. A term in the posting's first lines (its title) weighs more.
3. The track is the one whose lexicon terms weigh most in the posting; a second one is used when it
   scores nearly as high, and none when the evidence is thin (app.banks.tailoring_choice). Questions of
   a bundled track that was not chosen are never asked.
4. Each question scores by overlap of the posting's terms with its key terms (most), competency, and
   text/talking points, and by its own key terms found in the posting; terms that many questions share
   ("stakeholder") count less than rare ones ("a/b testing"); questions of the chosen tracks get a
   bonus, core questions a small penalty. The top ones are picked with variety (competencies,
   categories), at least one general question, motivation first and a closing question last.
5. The posting's own listed skills, duties and qualifications become questions too (app.banks.
   posting_skills reads them, app.banks.posting_questions writes them), unless a track question asks
   about the same thing: about a quarter of the session, a third when no track fits.
6. Each chosen question is a copy whose key_terms gain the posting's terms that match it (listed in
   job_terms), so the report can say which of them the answer used, and has a reason in words.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.banks.lexicon import ALIASES, LEXICON, STOP_STEMS, STOPWORDS
from app.banks.posting_questions import question_for, reason_for
from app.banks.posting_skills import PostingItem, interleave, overlap, posting_items
from app.banks.tailoring_choice import (
    MIN_TRACK_SCORE,
    OPENER_COMPETENCIES,
    Scored,
    allowed,
    close_tracks,
    compose,
    reason,
)
from app.core.questions import TRACKS, Category, Question
from app.core.words import normalise, stem

_CHUNK_SPLIT = re.compile(r"[\n\r;:!?()\[\]•·|]+|[.,](?=\s|$)")
# A posting's words keep the symbols of tool names ("c++", "node.js", "a/b"), unlike an answer's.
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#&]*(?:[./-][a-z0-9+#&]+)*")
TITLE_LINES = 2
TITLE_MAX_WORDS = 12
MAX_TERMS = 25
NON_INFERRED_TRACKS = {"core"}


@functools.lru_cache(maxsize=65536)
def term_key(term: str) -> str:
    """The stemmed form two spellings of a term share."""
    return " ".join(stem(token) for token in _TOKEN.findall(normalise(term)))


@dataclass
class _Chunk:
    stems: list[str]
    words: list[str]
    in_title: bool


def _chunks(text: str) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    lines = normalise(text).splitlines()
    # the title is in the first short lines; a first paragraph of prose is not a title
    title_lines = [line for line in lines if line.strip()][:TITLE_LINES]
    title_lines = [line for line in title_lines if len(line.split()) <= TITLE_MAX_WORDS]
    for line in lines:
        in_title = line in title_lines
        for part in _CHUNK_SPLIT.split(line):
            words = _TOKEN.findall(part)
            if words:
                chunks.append(_Chunk([stem(w) for w in words], words, in_title))
    return chunks


def _ngrams(chunks: Sequence[_Chunk], max_n: int = 4) -> tuple[Counter[str], Counter[str], dict[str, str]]:
    """Counts of every 1..max_n-gram (stemmed), counts in the title, and each n-gram's first surface form."""
    counts: Counter[str] = Counter()
    title: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for chunk in chunks:
        for n in range(1, max_n + 1):
            for start in range(len(chunk.stems) - n + 1):
                key = " ".join(chunk.stems[start : start + n])
                counts[key] += 1
                if chunk.in_title:
                    title[key] += 1
                surface.setdefault(key, " ".join(chunk.words[start : start + n]))
    return counts, title, surface


@dataclass
class ExtractedTerm:
    """A skill or term found in the posting, and why it counts."""

    term: str
    count: int
    weight: float
    source: str  # "lexicon", "phrase" (repeated multi-word phrase) or "word" (repeated word we also use)
    tracks: list[str] = field(default_factory=list)


@dataclass
class JobProfile:
    terms: list[ExtractedTerm]
    track_scores: dict[str, float]
    track: str | None


@dataclass
class TailoringResult:
    questions: list[Question]  # copies, with the posting's matching terms added to key_terms
    terms: list[ExtractedTerm]
    track: str | None
    track_scores: dict[str, float]
    scores: dict[str, float] = field(default_factory=dict)  # question id -> relevance score
    reasons: dict[str, str] = field(default_factory=dict)  # question id -> why it was picked, in words
    tracks: list[str] = field(default_factory=list)  # the tracks questions may come from, besides core

    @property
    def term_names(self) -> list[str]:
        return [term.term for term in self.terms]


def _lexicon_index() -> dict[str, tuple[str, set[str]]]:
    """Stemmed key -> (display term, tracks), aliases included."""
    index: dict[str, tuple[str, set[str]]] = {}
    for track, terms in LEXICON.items():
        for term in terms:
            index.setdefault(term_key(term), (term, set()))[1].add(track)
    for alias, canonical in ALIASES.items():
        key = term_key(canonical)
        if key in index:
            index.setdefault(term_key(alias), (canonical, index[key][1]))
    return index


@functools.cache
def _lexicon_terms() -> frozenset[str]:
    return frozenset(term for terms in LEXICON.values() for term in terms)


def extract_terms(text: str, vocabulary: set[str] | None = None) -> JobProfile:
    """The posting's terms, best first, and the track they point to.

    Args:
        text: the job posting.
        vocabulary: stemmed words our questions use; repeated posting words in it also count as terms.
    """
    chunks = _chunks(text)
    counts, title, surface = _ngrams(chunks)
    found: dict[str, ExtractedTerm] = {}
    covered: set[str] = set()
    stem_only: set[str] = set()  # lexicon terms the posting has only in another form ("escalate")
    for key, (term, tracks) in _lexicon_index().items():
        if not counts[key]:
            continue
        if surface[key] in _lexicon_terms():
            term = surface[key]  # of terms with one stem ("administration", "administrator"), the posting's
        elif surface[key] not in ALIASES:
            stem_only.add(term)
        weight = (1 + math.log(counts[key])) * 1.5 * (2.0 if title[key] else 1.0)
        existing = found.get(term)
        if existing:
            existing.count += counts[key]
            existing.weight = max(existing.weight, weight)
        else:
            found[term] = ExtractedTerm(term, counts[key], weight, "lexicon", sorted(tracks))
        covered.update(key.split())
    for key, count in counts.items():
        parts = key.split()
        if count < 2 or any(p in STOP_STEMS or p.isdigit() or len(p) < 2 for p in parts):
            continue
        if len(parts) in (2, 3) and not set(parts) <= covered:
            found.setdefault(surface[key], ExtractedTerm(surface[key], count, 1 + math.log(count), "phrase"))
        elif len(parts) == 1 and key not in covered and vocabulary and key in vocabulary and len(key) > 3:
            found.setdefault(
                surface[key], ExtractedTerm(surface[key], count, 0.6 * (1 + math.log(count)), "word")
            )
    ranked_terms = sorted(found.values(), key=lambda t: (-t.weight, -t.count, t.term in stem_only, t.term))
    terms = _drop_nested(ranked_terms)[:MAX_TERMS]
    track_scores: dict[str, float] = {}
    for extracted in terms:
        candidates = [t for t in extracted.tracks if t not in NON_INFERRED_TRACKS]
        for track_name in candidates:
            track_scores[track_name] = track_scores.get(track_name, 0.0) + extracted.weight / len(candidates)
    ranked = sorted(track_scores.items(), key=lambda item: (-item[1], item[0]))
    track = ranked[0][0] if ranked and ranked[0][1] >= MIN_TRACK_SCORE else None
    return JobProfile(terms, {k: round(v, 2) for k, v in ranked}, track)


def _drop_nested(terms: list[ExtractedTerm]) -> list[ExtractedTerm]:
    """Drop a term that only appears inside another.

    A repeated phrase that wraps a lexicon term ("sql queries" around "sql") adds nothing, nor does a
    lexicon term never seen outside a longer one ("pipeline" in "data pipeline").
    """
    keys = {id(term): f" {term_key(term.term)} " for term in terms}
    kept: list[ExtractedTerm] = []
    for term in terms:
        key = keys[id(term)]
        wraps_lexicon = term.source != "lexicon" and any(
            keys[id(k)] in key for k in kept if k.source == "lexicon"
        )
        inside_longer = any(
            key in keys[id(other)] and key != keys[id(other)] and other.count >= term.count
            for other in terms
            if other.source == "lexicon"
        )
        if not (wraps_lexicon or inside_longer):
            kept.append(term)
    return kept


def _question_grams(question: Question) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return _grams_of(
        tuple(question.key_terms), question.competency, (question.text, *question.talking_points)
    )


@functools.lru_cache(maxsize=4096)
def _grams_of(
    key_terms: tuple[str, ...], competency: str, body: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A question's stemmed key terms, competency n-grams and text n-grams (the same for every posting)."""

    def grams(texts: Sequence[str]) -> frozenset[str]:
        _counts, _title, surface = _ngrams([c for t in texts for c in _chunks(t)])
        return frozenset(surface)

    return frozenset(term_key(t) for t in key_terms), grams([competency]), grams(body)


def match_terms(
    question: Question, profile: JobProfile, posting_grams: Counter[str]
) -> list[tuple[str, float]]:
    """The posting terms this question covers, each with its points before rarity weighting."""
    key_terms, competency, body = _question_grams(question)
    matched: list[tuple[str, float]] = []
    for term in profile.terms:
        key = term_key(term.term)
        if key in key_terms or any(key in k.split() and len(key) > 3 for k in key_terms):
            matched.append((term.term, 3.0 * term.weight))
        elif key in competency:
            matched.append((term.term, 2.5 * term.weight))
        elif key in body:
            matched.append((term.term, 1.2 * term.weight))
    for key_term in question.key_terms:
        key = term_key(key_term)
        if all(word in STOPWORDS for word in normalise(key_term).split()):
            continue  # "skills", "experience": every posting says them
        if posting_grams[key] and all(term_key(m) != key for m, _points in matched):
            matched.append((key_term, 2.0))
    return matched


def score_question(
    question: Question,
    profile: JobProfile,
    matched: list[tuple[str, float]],
    rarity: dict[str, float] | None = None,
    tracks: Sequence[str] = (),
) -> float:
    """Relevance of one question: matched terms (rarer ones count more), then the track bonus or penalty."""
    score = sum(points * (rarity or {}).get(term, 1.0) for term, points in matched)
    tracks = list(tracks) or ([profile.track] if profile.track else [])
    if tracks:
        if question.track == tracks[0]:
            score = score * 1.3 + 6.0
        elif question.track in tracks:
            score = score * 1.2 + 4.0
        elif question.track == "core":
            score *= 0.8
        else:
            score *= 0.3
    if question.track == "core":
        score += _core_prior(question)
    return round(score, 3)


def _core_prior(question: Question) -> float:
    """Without a matching term, the general questions most interviews ask come first: the opener
    ("walk me through your background"), then stories, then the harder classics (salary, a CV gap)."""
    if question.category == Category.MOTIVATION:
        return {"self-presentation": 0.7}.get(
            question.competency, 0.6 if question.competency in OPENER_COMPETENCIES else 0.3
        )
    return {Category.BEHAVIORAL: 0.4, Category.SITUATIONAL: 0.2}.get(question.category, 0.0)


def tailor(text: str, questions: Sequence[Question], count: int = 8) -> TailoringResult:
    """Pick `count` questions for the posting and add its terms to each one's key terms.

    Core questions, the closest track(s) and questions built from the posting's own skills and duties;
    never a question from a bundled track that does not fit (app.banks.tailoring_choice). Each picked
    question has a reason in `result.reasons`.
    """
    vocabulary = {stem(w) for q in questions for t in q.key_terms for w in _TOKEN.findall(normalise(t))}
    profile = extract_terms(text, vocabulary)
    tracks = close_tracks(profile.track_scores)
    posting_grams, _title, _surface = _ngrams(_chunks(text))
    matches = [(question, match_terms(question, profile, posting_grams)) for question in questions]
    spread = Counter(term for _question, matched in matches for term, _points in matched)
    rarity = {term: 1 + math.log(max(1, len(questions)) / (1 + n)) for term, n in spread.items()}
    bundled = set(LEXICON) | (set(TRACKS) - {"personal"})
    scored = [
        Scored(score_question(q, profile, m, rarity, tracks), q, list(dict.fromkeys(t for t, _p in m)))
        for q, m in matches
    ]
    scored = [item for item in scored if allowed(item, tracks, bundled)]
    scored.sort(key=lambda item: (-item.score, item.question.id))
    templates = _posting_questions(text, profile, posting_grams, scored, tracks)
    chosen = compose(scored, templates, tracks, count)
    result = TailoringResult([], profile.terms, profile.track, profile.track_scores, tracks=tracks)
    for item in chosen:
        result.questions.append(_with_job_terms(item.question, item.matched))
        result.scores[item.question.id] = item.score
        result.reasons[item.question.id] = item.reason or reason(item, _track_terms(profile), tracks)
    return result


def _posting_questions(
    text: str, profile: JobProfile, posting_grams: Counter[str], scored: list[Scored], tracks: list[str]
) -> list[Scored]:
    """Template questions for the posting's items, skipping items a track question already asks about."""
    track_text = " ".join(
        " ".join([item.question.text, *item.question.key_terms])
        for item in scored
        if item.question.track in tracks
    )
    track_keys = set(term_key(track_text).split())
    items = posting_items(text)
    if not items:  # a posting written as prose: its strongest terms stand in for listed skills
        items = [
            PostingItem(
                "skill", f"with {term.term}", term.term, f"{term.term} (named {term.count} times)", ""
            )
            for term in profile.terms[:4]
            if term.source != "word"
        ]
    made: list[Scored] = []
    made_words: list[list[str]] = []
    for item in interleave(items):
        words = [w for w in term_key(item.subject).split() if w not in STOP_STEMS and len(w) > 2]
        if words and sum(w in track_keys for w in words) / len(words) >= 0.75:
            continue  # a bank question of the chosen track covers it
        if any(overlap(words, seen) >= 0.6 for seen in made_words):
            continue  # nearly the same as a question already made ("installing solar PV systems" twice)
        question = question_for(item)
        made_words.append(words)
        matched = [t for t, _p in match_terms(question, profile, posting_grams)]
        made.append(Scored(0.0, question, matched, reason_for(item)))
    return made


def _track_terms(profile: JobProfile) -> dict[str, list[str]]:
    """The posting's named terms ("" key: every one; else per track), best first, for the reasons."""
    named: dict[str, list[str]] = {"": [term.term for term in profile.terms if term.source != "word"]}
    for term in profile.terms:
        for track in term.tracks:
            named.setdefault(track, []).append(term.term)
    return named


def _with_job_terms(question: Question, matched: list[str]) -> Question:
    present = {term_key(t) for t in question.key_terms}
    added = [term for term in matched if term_key(term) not in present]
    return replace(
        question,
        key_terms=[*question.key_terms, *added],
        job_terms=list(dict.fromkeys(matched)),
        talking_points=list(question.talking_points),
        point_examples=[list(examples) for examples in question.point_examples],
        follow_ups=list(question.follow_ups),
    )

"""The content judge: what an answer says, read sentence by sentence by meaning.

How it decides (the figures it measured are in README.md, "How content is judged"):

1. The answer is cut into sentences (app.analysis.sentences) and each is embedded with the
   all-MiniLM-L6-v2 sentence encoder (app.analysis.encoder): similar meanings give similar vectors,
   whatever the words.
2. Relevance: a sentence's similarity to the question, its talking points and their example phrasings
   (the highest of those cosines). A sentence is on topic at `relevance_threshold` or above.
3. Real or empty: a logistic regression over the embedding (trained on the labelled sentences in
   app/analysis/data/substance_sentences.tsv) tells a sentence that says something real from an empty
   one: absurd content, a string of buzzwords, a signpost with nothing after it ("The result was great.").
4. Sentence roles: a softmax regression over the embedding (trained on app/analysis/data/
   star_sentences.tsv) reads each real sentence as situation, task, action, result or other; the
   first one leans towards situation, as stories open with their context (app.analysis.story).
5. Substance of the whole answer, from four measured signals: the share of its content words that are
   the question's own terms, how often its words repeat, how far its sentences are on topic, and the
   share of sentences that say something real. A logistic regression on those (trained on the
   development answers) decides whether it is an answer at all, with one rule beside it: sentences on
   the question's topic that say nothing real must not clearly outnumber the real ones (signpost
   nonsense, see is_an_answer). If it is not an answer, the judge says why: a keyword list (terms
   strung together), off topic, or no substance.
6. A talking point is covered when a real sentence means the same as the point or one of its
   example phrasings: similarity at or above `point_threshold`, and at least `question_margin` above
   its similarity to the bare question (echoing the question is not making a point). The sentence is
   kept, with its time.
7. A STAR part counts only when a real sentence plays that role; the first such sentence marks where
   it starts. Key terms count as used only inside real sentences of an answer (not in a keyword list).

Every threshold and weight lives in assets/models/content_judge.json, written by
benchmarks/train_content.py from data that is in the repository, so the judge can be retrained and
checked by anyone.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.analysis.linear import LinearModel
from app.analysis.points import covered_points, point_similarity, point_units, question_similarity
from app.analysis.sentences import Sentence, split_sentences
from app.analysis.story import decode_roles
from app.analysis.text import STOPWORDS
from app.core.content import JudgedSentence, StarPart, Substance
from app.core.questions import Question
from app.core.transcript import Transcript
from app.core.words import split_words, stem

log = logging.getLogger(__name__)

JUDGE_NAME = "meaning v1"
SUBSTANCE_FEATURES = ("term_density", "repetition", "on_topic_share", "substantive_share")
EMPTY_TALK_MARGIN = 0.25  # one sentence in four: see is_an_answer
_DIGIT = re.compile(r"\d")
_PAST = re.compile(r"^[a-z]{3,}ed$")


def model_path() -> Path:
    from app.platform.paths import assets_dir

    return assets_dir() / "models" / "content_judge.json"


@dataclass
class JudgeModel:
    """The judge's trained parts and thresholds (assets/models/content_judge.json)."""

    point_threshold: float
    relevance_threshold: float
    real_threshold: float
    keyword_density: float  # term density at or above which a non-answer is called a keyword list
    keyword_repetition: float  # ... or word repetition at or above which it is
    points_per_sentence: int  # a sentence covers at most this many talking points (its closest ones)
    answer_threshold: float  # probability from the substance model at or above which it is an answer
    roles: LinearModel  # sentence -> situation, task, action, result, other
    real: LinearModel  # sentence -> empty, real (says something real in an answer)
    substance: LinearModel  # answer signals -> no, yes (a real attempt at the question)
    trained_on: str = ""
    opening_bonus: float = 0.0  # app.analysis.story: prior towards "situation" for a story's first sentence
    role_floor: float = 0.0  # ... and the least probability a sentence needs to play a part
    question_margin: float = -1.0  # a point's sentence is this much closer to it than to the bare question
    second_margin: float = 1.0  # ... and covers a second point only when within this of its closest

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> JudgeModel:
        return cls(
            point_threshold=float(data["point_threshold"]),  # type: ignore[arg-type]
            relevance_threshold=float(data["relevance_threshold"]),  # type: ignore[arg-type]
            real_threshold=float(data["real_threshold"]),  # type: ignore[arg-type]
            keyword_density=float(data["keyword_density"]),  # type: ignore[arg-type]
            keyword_repetition=float(data["keyword_repetition"]),  # type: ignore[arg-type]
            points_per_sentence=int(data["points_per_sentence"]),  # type: ignore[call-overload]
            answer_threshold=float(data["answer_threshold"]),  # type: ignore[arg-type]
            roles=LinearModel.from_dict(data["roles"]),  # type: ignore[arg-type]
            real=LinearModel.from_dict(data["real"]),  # type: ignore[arg-type]
            substance=LinearModel.from_dict(data["substance"]),  # type: ignore[arg-type]
            trained_on=str(data.get("trained_on", "")),
            opening_bonus=float(data.get("opening_bonus", 0.0)),  # type: ignore[arg-type]
            role_floor=float(data.get("role_floor", 0.0)),  # type: ignore[arg-type]
            question_margin=float(data.get("question_margin", -1.0)),  # type: ignore[arg-type]
            second_margin=float(data.get("second_margin", 1.0)),  # type: ignore[arg-type]
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "judge": JUDGE_NAME,
            "trained_on": self.trained_on,
            "point_threshold": round(self.point_threshold, 4),
            "relevance_threshold": round(self.relevance_threshold, 4),
            "real_threshold": round(self.real_threshold, 4),
            "keyword_density": round(self.keyword_density, 4),
            "keyword_repetition": round(self.keyword_repetition, 4),
            "points_per_sentence": self.points_per_sentence,
            "answer_threshold": round(self.answer_threshold, 4),
            "opening_bonus": round(self.opening_bonus, 4),
            "role_floor": round(self.role_floor, 4),
            "question_margin": round(self.question_margin, 4),
            "second_margin": round(self.second_margin, 4),
            "roles": self.roles.to_dict(),
            "real": self.real.to_dict(),
            "substance": self.substance.to_dict(),
        }


_model_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load_model(path: str) -> JudgeModel:
    return JudgeModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def judge_model() -> JudgeModel:
    with _model_lock:
        return _load_model(str(model_path()))


@dataclass
class PointMatch:
    """The sentence closest in meaning to one talking point."""

    covered: bool
    sentence: int | None  # index into Judgement.sentences
    similarity: float | None


@dataclass
class Judgement:
    sentences: list[JudgedSentence]
    spans: list[Sentence]  # the same sentences with their word positions
    points: list[PointMatch]
    star: dict[StarPart, int]  # part -> index of the first sentence that carries it
    substance: Substance
    relevance: float | None  # share of sentences on topic
    signals: dict[str, float]


_HESITATION = re.compile(r"\b(?:u+m+|u+h+|e+r+m*|a+h+|h+m+|m+h*m+)\b[,.]?\s*", re.IGNORECASE)


def meaning_text(text: str) -> str:
    """A sentence as its meaning is read: hesitations ("um", "uh") are delivery, not content."""
    cleaned = _HESITATION.sub("", text).strip(" ,")
    return cleaned or text


SURFACE_FEATURES = ("has_digit", "past_tense", "first_person", "outcome_verb", "measure")


def role_features(embeddings: np.ndarray, texts: list[str]) -> np.ndarray:
    """The sentence classifiers' input: the embedding plus surface cues (SURFACE_FEATURES): digits, past
    tense, I/we, an outcome verb (increased, cut, won...), and a measure (%, money, time units)."""
    width = len(SURFACE_FEATURES)
    extra = np.array([_surface(text) for text in texts], dtype=np.float32).reshape(len(texts), width)
    return np.hstack([embeddings, extra]) if len(texts) else np.zeros((0, embeddings.shape[1] + width))


def _surface(text: str) -> tuple[float, ...]:
    from app.analysis.lexicons import MONEY_WORDS, OUTCOME_VERBS, PERCENT_WORDS, TIME_UNITS

    words = split_words(text)
    measure = any(w.endswith("%") or w[:1] in "$£€" for w in words) or any(
        w in PERCENT_WORDS or w in MONEY_WORDS or w in TIME_UNITS for w in words
    )
    return (
        float(bool(_DIGIT.search(text))),
        float(any(_PAST.match(w) for w in words)),
        float(any(w in ("i", "we", "my", "our", "i'm", "i've", "we've") for w in words)),
        float(any(w in OUTCOME_VERBS for w in words)),
        float(measure),
    )


def topic_texts(question: Question) -> list[str]:
    """What the answer should be about: the question, its talking points and their example phrasings."""
    examples = [e for i in range(len(question.talking_points)) for e in question.examples_for(i)]
    return [question.text, *question.talking_points, *examples]


def question_terms(question: Question, job_terms: Iterable[str] = ()) -> set[str]:
    """Stems of the question's own words and key terms: what keyword stuffing repeats."""
    text = " ".join([question.text, *question.key_terms, *question.job_terms, *job_terms])
    return {stem(w) for w in split_words(text) if w not in STOPWORDS and len(w) > 1}


def substance_signals(
    text: str, relevance: np.ndarray, substantive: np.ndarray, terms: set[str], relevance_threshold: float
) -> dict[str, float]:
    """The answer-level signals (all 0-1): the substance model weighs the first four (SUBSTANCE_FEATURES);
    the last, the share of sentences on the question's topic that say nothing real, is what signpost
    nonsense and empty talk share (the question's words without a claim; see is_an_answer)."""
    stems = [stem(w) for w in split_words(text) if w not in STOPWORDS and len(w) > 1]
    counts = Counter(stems)
    total = max(1, len(stems))
    return {
        "term_density": sum(1 for s in stems if s in terms) / total,
        "repetition": sum(c for c in counts.values() if c >= 3) / total,
        "on_topic_share": float((relevance >= relevance_threshold).mean()) if relevance.size else 0.0,
        "substantive_share": float(substantive.mean()) if substantive.size else 0.0,
        "empty_on_topic_share": float((~substantive & (relevance >= relevance_threshold)).mean())
        if substantive.size
        else 0.0,
    }


def judge_answer(
    question: Question,
    transcript: Transcript,
    job_terms: Iterable[str] = (),
    model: JudgeModel | None = None,
    encoder=None,  # type: ignore[no-untyped-def]
) -> Judgement:
    """Read `transcript` against `question` (see the module docstring for the rules)."""
    from app.analysis.encoder import shared_encoder

    model = model or judge_model()
    encoder = encoder or shared_encoder()
    spans = split_sentences(transcript)
    texts = [meaning_text(s.text) for s in spans]
    if not texts:
        return Judgement(
            [],
            [],
            [PointMatch(False, None, None) for _ in question.talking_points],
            {},
            Substance.NO_SUBSTANCE,
            None,
            {},
        )
    vectors = encoder.encode(texts)
    topic = encoder.encode(topic_texts(question))
    relevance = (vectors @ topic.T).max(axis=1)
    per_sentence = role_features(vectors, texts)
    probabilities = model.roles.probabilities(per_sentence)
    real = model.real.probabilities(per_sentence)[:, 1] >= model.real_threshold  # says something real
    on_topic = relevance >= model.relevance_threshold
    signals = substance_signals(
        " ".join(texts), relevance, real, question_terms(question, job_terms), model.relevance_threshold
    )
    answer_level = np.array([[signals[name] for name in SUBSTANCE_FEATURES]], dtype=np.float32)
    signals["answer_probability"] = float(model.substance.probabilities(answer_level)[0, 1])
    is_answer = is_an_answer(signals, bool(on_topic.any()), model.answer_threshold)
    substance = Substance.ANSWER if is_answer else _why_not(signals, model)
    # Inside an answer, every real sentence counts: a story's details need not echo the question.
    substantive = real if is_answer else np.zeros(len(texts), dtype=bool)
    # Structure is read from every real sentence, on topic or not (an off-topic story still has a
    # beginning, middle and end); a keyword list or empty talk has none.
    structured = real if substance in (Substance.ANSWER, Substance.OFF_TOPIC) else substantive
    roles = decode_roles(probabilities, structured, model.opening_bonus, model.role_floor)
    sentences = [
        JudgedSentence(
            text=span.text,
            start=span.start,
            end=span.end,
            role=roles[i],
            relevance=round(float(relevance[i]), 3),
            substantive=bool(substantive[i]),
        )
        for i, span in enumerate(spans)
    ]
    points = _match_points(question, texts, substantive, model, encoder)
    star: dict[StarPart, int] = {}
    for i, sentence in enumerate(sentences):
        if sentence.role != "other":
            star.setdefault(StarPart(sentence.role), i)
    share = float(on_topic.mean())
    return Judgement(sentences, spans, points, star, substance, round(share, 3), signals)


def is_an_answer(signals: dict[str, float], any_on_topic: bool, answer_threshold: float) -> bool:
    """Whether the answer is a real attempt at the question: the substance model says so, at least one
    sentence is near the question's topic, and its sentences that talk around the question saying
    nothing real (signpost nonsense: "My task was to prioritise the clouds.") do not outnumber the real
    ones by EMPTY_TALK_MARGIN of the answer or more, however fluent they are."""
    return (
        signals["answer_probability"] >= answer_threshold
        and any_on_topic
        and signals["empty_on_topic_share"] < signals["substantive_share"] + EMPTY_TALK_MARGIN
    )


def _why_not(signals: dict[str, float], model: JudgeModel) -> Substance:
    if signals["term_density"] >= model.keyword_density or signals["repetition"] >= model.keyword_repetition:
        return Substance.KEYWORD_LIST
    if signals["on_topic_share"] < 0.5:
        return Substance.OFF_TOPIC
    return Substance.NO_SUBSTANCE


def _match_points(
    question: Question,
    texts: list[str],
    substantive: np.ndarray,
    model: JudgeModel,
    encoder,  # type: ignore[no-untyped-def]
) -> list[PointMatch]:
    """For each talking point, the sentence closest in meaning to it (or to one of its example phrasings).

    A sentence (or clause) covers at most the `points_per_sentence` points it is closest to: one vague
    sentence ("we sorted it out") does not tick off every point it is loosely like.
    """
    if not question.talking_points:
        return []
    units, owner = point_units(texts)
    vectors = encoder.encode(units)
    similarity = point_similarity(question, vectors, encoder)
    usable = substantive[np.array(owner)]
    found = covered_points(
        similarity, usable, model.points_per_sentence, model.point_threshold,
        question_similarity(question, vectors, encoder), model.question_margin, model.second_margin,
    )
    return [PointMatch(covered, owner[unit], round(value, 3)) for covered, unit, value in found]

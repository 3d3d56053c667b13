"""What carried an answer's content: for each talking point and STAR part, the sentence that said it.

The report and the app (results page, Review) show the same rows, so the wording, the shortening of long
sentences and the rule that a typed answer has no moments (`Transcript.typed`: its word times are not
times) live here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.analysis.rubric import NO_SUBSTANCE_CAP
from app.analysis.text import format_time
from app.core.content import ContentMetrics, StarPart

QUOTE_CHARS = 160  # longer sentences are shortened at a word with an ellipsis

HOW_CONTENT_IS_JUDGED = (
    "Each sentence of your answer is compared by meaning, not by exact words, with the question's talking "
    "points and example phrasings of them, and a sentence-role classifier reads which sentences tell the "
    "situation, task, action and result. "
    f"A list of keywords or an answer that is off topic scores at most {NO_SUBSTANCE_CAP:g} for content. "
    'How accurate this is, measured on labelled answers, is in the README ("How content is judged").'
)


def quote(sentence: str, limit: int = QUOTE_CHARS) -> str:
    """The sentence in quotation marks, cut at a word with an ellipsis when longer than `limit`."""
    text = " ".join(sentence.split())
    if not text:
        return ""
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        text = cut.rstrip(",;:.-– ") + "…"
    return f"“{text}”"


@dataclass(frozen=True)
class EvidenceRow:
    """One talking point or STAR part, whether the answer had it, and the sentence that carried it."""

    label: str  # the talking point, or the STAR part ("Situation")
    found: bool  # the point was covered / the part was told
    status: str  # "covered" or "not covered" (a point); "found" or "missing" (a STAR part)
    sentence: str = ""  # the sentence as said ("" when there is none)
    closest: bool = False  # `sentence` came closest to the point but did not cover it
    time: float | None = None  # when the sentence began; None for typed answers and uncovered points

    @property
    def quote(self) -> str:
        return quote(self.sentence)

    @property
    def time_text(self) -> str:
        return "" if self.time is None else format_time(self.time)

    @property
    def heading(self) -> str:
        """The point or part, whether the answer had it and when, e.g. `✓ The result — covered at 0:42`."""
        when = f" at {self.time_text}" if self.time_text else ""
        return f"{'✓' if self.found else '✗'} {self.label} — {self.status}{when}"

    @property
    def said(self) -> str:
        """The sentence, quoted and shortened (`Closest: “…”` when it did not cover the point); or ""."""
        if not self.sentence:
            return ""
        return f"Closest: {self.quote}" if self.closest else self.quote


def talking_point_rows(content: ContentMetrics, typed: bool) -> list[EvidenceRow]:
    """Each talking point, covered or not, with the sentence that covered it (or came closest)."""
    judged = bool(content.judge)  # answers analysed before the content judge kept no sentences
    return [
        EvidenceRow(
            label=p.point,
            found=p.covered,
            status="covered" if p.covered else "not covered",
            sentence=p.sentence if judged else "",
            closest=bool(p.sentence) and not p.covered,
            time=None if typed or not p.covered else p.first_time,
        )
        for p in content.talking_points
    ]


def star_rows(content: ContentMetrics, typed: bool) -> list[EvidenceRow]:
    """The four STAR parts in order, each with the first sentence that told it (none without STAR)."""
    if not content.star_expected:
        return []
    judged = bool(content.judge)  # before the judge, `cue` was a cue word, not a sentence
    markers = {m.part: m for m in content.star_parts}
    rows = []
    for part in StarPart:
        marker = markers.get(part)
        rows.append(
            EvidenceRow(
                label=part.value.capitalize(),
                found=marker is not None,
                status="found" if marker is not None else "missing",
                sentence=marker.cue if marker is not None and judged else "",
                time=marker.start if marker is not None and not typed else None,
            )
        )
    return rows


def evidence_sections(content: ContentMetrics, typed: bool) -> list[tuple[str, list[EvidenceRow]]]:
    """The non-empty sections in the order they are shown: talking points, then STAR parts."""
    sections = [
        ("Talking points", talking_point_rows(content, typed)),
        ("STAR parts", star_rows(content, typed)),
    ]
    return [(title, rows) for title, rows in sections if rows]

"""What the report templates show, computed from a Session (and earlier sessions for progress).

Templates only lay out; every number and sentence is prepared here, so the HTML and the PDF (rendered
from the same HTML) cannot disagree and tests can check the values directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from app.analysis import rubric
from app.analysis.follow_up import follow_up_label
from app.analysis.progress import Progress, format_change, progress
from app.analysis.scoring import mean_scores
from app.analysis.self_assessment import compare
from app.analysis.stats import parse_time
from app.core.answer_length import answer_length, speaking_text
from app.core.questions import Category
from app.core.scores import DIMENSION_LABELS, SelfComparison, SubScore, score_band
from app.core.session import Answer, AnswerStatus, Session
from app.core.timefmt import clock
from app.report import charts
from app.report.content_evidence import HOW_CONTENT_IS_JUDGED, EvidenceRow, star_rows, talking_point_rows

DIMENSION_KEYS = ("delivery", "body_language", "content", "overall")


score_class = score_band  # the CSS class of a score: the same bands as the screens' colours


def format_value(sub: SubScore) -> str:
    """A sub-score's measured value in words a reader understands ("85%", "142 wpm", "3 of 4 parts")."""
    value = sub.value
    if value is None:
        return "not measured"
    if sub.unit == "%":
        return f"{value:.0%}"
    if sub.unit == "wpm":
        return f"{value:.0f} wpm"
    if sub.unit == "per min":
        return f"{value:.1f} per min"
    if sub.unit == "semitones":
        return f"{value:.1f} semitones"
    if sub.unit == "x target":
        return f"{value:.2f}x target"
    if sub.unit == "of 4 parts":
        return f"{value:.0f} of 4 parts"
    if sub.unit == "level 0-2":
        return f"level {value:.0f} of 2"
    return f"{value:g} {sub.unit}"


def comparison_row(c: SelfComparison) -> dict[str, Any]:
    gap = c.gap
    if gap is None:
        note = ""
    elif abs(gap) < 0.5:
        note = "close to the measurement"
    else:
        note = "you rated yourself higher" if gap > 0 else "you rated yourself lower"
    return {
        "label": DIMENSION_LABELS[c.dimension],
        "self": "-" if c.self_score is None else f"{c.self_score}",
        "measured": "not measured" if c.measured_score is None else f"{c.measured_score:.1f}",
        "gap": ""
        if c.self_score is None or c.measured_score is None
        else format_change(c.measured_score, c.self_score, 1),  # the difference of the two shown values
        "note": note,
    }


@dataclass
class AnswerView:
    number: int
    answer: Answer
    category: str
    scores: list[dict[str, Any]] = field(default_factory=list)
    sub_scores: list[dict[str, Any]] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    tips: list[dict[str, Any]] = field(default_factory=list)
    comparisons: list[dict[str, Any]] = field(default_factory=list)
    feeling: str = ""
    charts: dict[str, str] = field(default_factory=dict)
    facts: list[tuple[str, str]] = field(default_factory=list)
    talking_points: list[dict[str, Any]] = field(default_factory=list)
    star_parts: list[dict[str, Any]] = field(default_factory=list)  # only when a STAR answer is expected
    key_terms: list[dict[str, Any]] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)
    transcript: str = ""
    analysed: bool = False
    typed: bool = False  # a typed answer: its words have no times, so no moment is shown
    status_text: str = ""  # why an answer has no analysis, in words
    heading: str = ""  # "Question 2", or "Follow-up to Q2" for a follow-up's answer
    follow_up: str = ""  # the follow-up asked after this answer (or the one an interviewer would ask)


STATUS_TEXT = {
    AnswerStatus.RECORDING: "the recording was still running when the app stopped",
    AnswerStatus.RECORDED: "it was recorded; re-run the analysis in Review",
    AnswerStatus.INTERRUPTED: "the recording was interrupted",
    AnswerStatus.FAILED: "the recording could not start",
    AnswerStatus.SKIPPED: "the question was skipped",
}


def answer_view(number: int, answer: Answer) -> AnswerView:
    category = answer.question.category
    view = AnswerView(number, answer, Category(category).value.replace("_", " ") if category else "")
    view.status_text = STATUS_TEXT.get(answer.status, "")
    analysis = answer.analysis
    if analysis is None or analysis.scores is None:
        return view
    view.analysed = True
    view.typed = analysis.transcript is not None and analysis.transcript.typed
    card = analysis.scores
    for key in DIMENSION_KEYS:
        score = card.score_of(key)
        dim = getattr(card, key, None) if key != "overall" else None  # overall is a plain number
        view.scores.append(
            {
                "label": DIMENSION_LABELS[key],
                "score": score,
                "cls": score_class(score),
                "reason": dim.reason if dim is not None and score is None else "",
                "note": dim.note if dim is not None else "",  # a rule that limited the score
            }
        )
    for dim in card.dimensions():
        for sub in dim.sub_scores:
            view.sub_scores.append(
                {
                    "dimension": dim.label,
                    "label": sub.label,
                    "metric": sub.metric,
                    "value": format_value(sub),
                    "band": sub.band,
                    "score": sub.score,
                    "cls": score_class(sub.score),
                    "definition": sub.definition,
                    "reason": sub.reason,
                }
            )
            if sub.score == 5:
                view.strengths.append(f"{sub.label}: {format_value(sub)}, {sub.band}")
    view.tips = [
        {
            "text": tip.text,
            "time": clock(tip.time) if tip.time is not None else "",
            "dimension": DIMENSION_LABELS.get(tip.dimension, ""),
        }
        for tip in analysis.tips
    ]
    view.comparisons = [comparison_row(c) for c in compare(answer.self_rating, card)]
    view.feeling = answer.self_rating.feeling if answer.self_rating else ""
    view.outline = analysis.model_outline
    _add_charts_and_facts(view)
    if analysis.transcript is not None:
        view.transcript = analysis.transcript.text
    return view


def _add_charts_and_facts(view: AnswerView) -> None:
    analysis = view.answer.analysis
    assert analysis is not None
    d, b, c = analysis.delivery, analysis.body_language, analysis.content
    duration = max(
        x
        for x in (
            view.answer.duration_s,
            d.duration_s if d else 0,
            b.duration_s if b else 0,
            c.duration_s if c else 0,
            1.0,
        )
    )
    if c is not None and c.star_expected and not view.typed:
        view.charts["star"] = charts.star_timeline(c.star_parts, duration)
    if d is not None and d.wpm_over_time:
        view.charts["pace"] = charts.pace_chart(d.wpm_over_time, duration)
    if d is not None:
        view.charts["fillers"] = charts.filler_timeline(d.fillers, d.pauses, duration, rubric.LONG_PAUSE_S)
        view.facts.append(
            (
                "Fillers",
                f"{len(d.fillers)}"
                + (f" ({', '.join(sorted({f.word for f in d.fillers}))})" if d.fillers else ""),
            )
        )
        if d.longest_pause_s:
            view.facts.append(("Longest pause", f"{d.longest_pause_s:.1f} s"))
        if d.time_to_first_word_s is not None:
            view.facts.append(("Time to first word", f"{d.time_to_first_word_s:.1f} s"))
    if b is not None and b.timeline:
        view.charts["body"] = charts.body_timeline(b.timeline, b.looking_away, duration)
    if c is None:
        return
    typed = view.typed

    def at(seconds: float | None) -> str:
        return "" if typed else f" {clock(seconds)}"

    if typed:
        view.facts.append(("Length", "not measured: a typed answer has no spoken length"))
    else:
        view.facts.append(("Length", f"{answer_length(view.answer).text} (target {clock(c.target_seconds)})"))
    view.facts.append(("Words", str(c.word_count)))
    if c.i_share is not None:
        view.facts.append(("'I' vs 'we'", f"{c.i_count} vs {c.we_count} ({c.i_share:.0%} 'I')"))
    if c.hedges:
        listed = ", ".join(f"'{h.phrase}'{at(h.start)}" for h in c.hedges[:6])
        view.facts.append(("Hedges", f"{len(c.hedges)}: {listed}"))
    if c.vocabulary_variety is not None:
        view.facts.append(
            ("Vocabulary variety", f"{c.vocabulary_variety:.2f} (moving-average type-token ratio)")
        )
    if c.overused_words:
        view.facts.append(("Said often", ", ".join(f"'{w.text}' x{w.count}" for w in c.overused_words[:4])))
    if c.star_expected:
        stated = ", ".join(f"'{e.text}'{at(e.time)}" for e in c.result_evidence[:4])
        view.facts.append(("Concrete result", stated or "not stated"))
    view.talking_points = [_evidence(row) for row in talking_point_rows(c, typed)]
    view.star_parts = [_evidence(row) for row in star_rows(c, typed)]
    view.key_terms = []
    for k in c.key_terms:
        times = "" if typed else ", ".join(clock(x) for x in k.times[:4])
        when = ("at " + times if times else "(used)") if k.used else "(not used)"
        view.key_terms.append({"term": k.term, "job": k.from_job_posting, "times": times, "when": when})


def _name_follow_ups(views: list[AnswerView], session: Session) -> None:
    """Number the questions (a follow-up's answer is not a question of its own: "Follow-up to Q2") and say
    under each answer the follow-up that was asked after it, or the one an interviewer would ask."""
    number_of: dict[str, int] = {}
    count = 0
    for view in views:
        answer = view.answer
        if answer.is_follow_up:
            parent_number = number_of.get(answer.parent_id)
            view.heading = (
                f"Follow-up to Q{parent_number}" if parent_number else follow_up_label(answer.position)
            )
            view.follow_up = answer.question.guidance  # 'A follow-up to "..." (The story had no result.)'
            continue
        count += 1
        number_of[answer.id] = count
        view.heading = f"Question {count}"
        asked = next((a for a in session.answers if a.parent_id == answer.id), None)
        chosen = answer.analysis.follow_up if answer.analysis is not None else None
        if asked is not None:
            view.follow_up = f"The interviewer followed up: \u201c{asked.question.text}\u201d (below)."
        elif chosen is not None:
            view.follow_up = (
                f"A follow-up an interviewer might ask: \u201c{chosen.text}\u201d ({chosen.reason})"
            )


def _evidence(row: EvidenceRow) -> dict[str, Any]:
    return {
        "label": row.label,
        "found": row.found,
        "status": row.status,
        "quote": row.quote,
        "said": row.said,  # the quote, or "Closest: …" when it did not cover the point
        "closest": row.closest,
        "time": row.time_text,
    }


def progress_view(prog: Progress) -> dict[str, Any]:
    series = {t.dimension: t.values for t in prog.trends}
    return {
        "chart": charts.score_history(prog.session_dates, series, DIMENSION_LABELS)
        if prog.session_dates
        else "",
        "trends": prog.trends,
        "routine": prog.routine,
        "best": prog.best_competencies,
        "weakest": prog.weakest_competencies,
        "retry": prog.retry,
        "calibration": prog.calibration,
        "sessions": len(prog.session_ids),
    }


def report_context(
    session: Session,
    history: Sequence[Session] = (),
    answers: Sequence[Answer] | None = None,
    weekly_goal: int = 3,
    tz: tzinfo | None = None,
) -> dict[str, Any]:
    """Everything the report template needs. `history` are the user's other sessions (any order)."""
    shown = (
        list(answers)
        if answers is not None
        else [a for a in session.answers if a.status != AnswerStatus.SKIPPED]
    )
    views = [answer_view(i + 1, a) for i, a in enumerate(shown)]
    _name_follow_ups(views, session)
    means = mean_scores(a.analysis.scores for a in shown if a.analysis is not None)
    everything = {s.id: s for s in [*history, session]}
    created = parse_time(session.created_at, tz)
    earlier = [s for s in everything.values() if parse_time(s.created_at, tz) <= created]
    prog = progress(earlier, weekly_goal=weekly_goal, today=created.date(), tz=tz)
    return {
        "session": session,
        "date": created.strftime("%d %B %Y, %H:%M"),
        "speaking": speaking_text(shown),
        "answers": views,
        "summary": [
            {"key": k, "label": DIMENSION_LABELS[k], "score": means[k], "cls": score_class(means[k])}
            for k in DIMENSION_KEYS
        ],
        "progress": progress_view(prog) if len(prog.session_ids) > 1 else None,
        "rules": [rule for rules in rubric.RULES.values() for rule in rules],
        "rubric_version": rubric.RUBRIC_VERSION,
        "long_pause": rubric.LONG_PAUSE_S,
        "how_content_is_judged": HOW_CONTENT_IS_JUDGED,
        "single_answer": answers is not None and len(shown) == 1,
    }

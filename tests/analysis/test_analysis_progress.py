"""Progress across sessions: streaks, weekly goal, trends, retry list, self-assessment calibration."""

from __future__ import annotations

from datetime import UTC, date

from answer_samples import CONFLICT_QUESTION, MOTIVATION_QUESTION

from app.analysis.progress import GOAL_RULE, compare_overall, format_change, progress, shown_change
from app.analysis.self_assessment import calibration, compare
from app.core.analysis_result import AnswerAnalysis
from app.core.questions import Question
from app.core.scores import Dimension, DimensionScore, ScoreCard
from app.core.session import Answer, AnswerStatus, SelfRating, Session, SessionStatus


def card(delivery: float, content: float, body: float | None = None) -> ScoreCard:
    dims = [
        DimensionScore(Dimension.DELIVERY, delivery),
        DimensionScore(Dimension.BODY_LANGUAGE, body),
        DimensionScore(Dimension.CONTENT, content),
    ]
    measured = [d.score for d in dims if d.score is not None]
    return ScoreCard(dims[0], dims[1], dims[2], round(sum(measured) / len(measured), 1))


def session(
    day: str,
    scores: list[ScoreCard],
    questions: list[Question] | None = None,
    ratings: list[SelfRating | None] | None = None,
    skipped: bool = False,
) -> Session:
    sid = f"s-{day}"
    questions = questions or [CONFLICT_QUESTION] * len(scores)
    ratings = ratings or [None] * len(scores)
    answers = [
        Answer(
            f"{sid}-{i}",
            sid,
            i,
            q,
            AnswerStatus.SKIPPED if skipped else AnswerStatus.ANALYSED,
            analysis=AnswerAnalysis(scores=sc),
            self_rating=r,
        )
        for i, (sc, q, r) in enumerate(zip(scores, questions, ratings, strict=True))
    ]
    return Session(sid, f"Practice {day}", f"{day}T18:30:00+00:00", SessionStatus.COMPLETED, answers=answers)


def test_day_streak_counts_back_from_today_or_yesterday() -> None:
    days = ["2026-11-16", "2026-11-18", "2026-11-19", "2026-11-20"]
    sessions = [session(d, [card(3, 3)]) for d in days]
    on_friday = progress(sessions, today=date(2026, 11, 20), tz=UTC).routine
    assert on_friday.day_streak == 3  # 18, 19, 20; the 17th was missed
    next_morning = progress(sessions, today=date(2026, 11, 21), tz=UTC).routine
    assert next_morning.day_streak == 3  # not practised yet today: the streak is still alive
    two_days_later = progress(sessions, today=date(2026, 11, 22), tz=UTC).routine
    assert two_days_later.day_streak == 0


def test_week_streak_sessions_per_week_and_weekly_goal() -> None:
    days = ["2026-10-28", "2026-11-04", "2026-11-11", "2026-11-16", "2026-11-17"]
    sessions = [session(d, [card(3, 3)]) for d in days] + [session("2026-11-18", [card(3, 3)], skipped=True)]
    routine = progress(sessions, weekly_goal=3, today=date(2026, 11, 19), tz=UTC).routine
    assert routine.week_streak == 4  # weeks of Oct 26, Nov 2, Nov 9, Nov 16
    assert routine.sessions_this_week == 2  # the all-skipped session is not practice
    assert routine.goal_progress == 2 / 3 and not routine.goal_met
    assert routine.sessions_per_week == 1.25  # 5 sessions in the 28 days Oct 23 - Nov 19
    assert routine.practice_sessions == 5


def test_trends_best_weakest_and_questions_to_retry() -> None:
    sessions = [
        session("2026-11-01", [card(2.0, 2.5), card(3.0, 4.0)], [CONFLICT_QUESTION, MOTIVATION_QUESTION]),
        session("2026-11-03", [card(2.5, 3.0)]),
        session("2026-11-05", [card(3.5, 3.0)]),
    ]
    result = progress(sessions, today=date(2026, 11, 5), tz=UTC)
    delivery = next(t for t in result.trends if t.dimension == "delivery")
    assert delivery.values == [2.5, 2.5, 3.5]
    assert delivery.direction == "improving"
    body = next(t for t in result.trends if t.dimension == "body_language")
    assert body.direction == "not enough data"
    assert result.best_competencies[0].competency == "Motivation"
    assert result.weakest_competencies[0].competency == "Teamwork"
    assert result.retry == []  # the conflict question's latest attempt scored 3.2

    worse = [*sessions, session("2026-11-07", [card(2.0, 2.0)])]
    retry = progress(worse, today=date(2026, 11, 7), tz=UTC).retry
    assert [(item.question_id, item.score) for item in retry] == [("core-conflict", 2.0)]


def test_self_versus_measured_side_by_side() -> None:
    comparisons = compare(SelfRating(delivery=4, content=2, overall=3), card(3.0, 3.5))
    by_key = {c.dimension: c for c in comparisons}
    assert by_key["delivery"].gap == 1.0  # rated higher than measured
    assert by_key["content"].gap == -1.5
    assert by_key["body_language"].gap is None  # neither rated nor measured
    assert by_key["overall"].gap == -0.2


def test_calibration_gets_closer_when_gaps_shrink() -> None:
    measured = card(3.0, 3.0)
    sessions = [
        session("2026-11-01", [measured], ratings=[SelfRating(delivery=5, content=5, overall=5)]),  # gap 2
        session("2026-11-03", [measured], ratings=[SelfRating(delivery=4, content=5, overall=4)]),  # 1.33
        session("2026-11-05", [measured], ratings=[SelfRating(delivery=3, content=4, overall=3)]),  # 0.33
    ]
    result = calibration(sessions)
    assert [p.mean_abs_gap for p in result.points] == [2.0, 1.33, 0.33]
    assert result.points[0].mean_gap == 2.0  # over-rating
    assert result.verdict == "getting closer"
    assert calibration(list(reversed(sessions))).verdict == "getting closer"  # ordered by date, not input
    assert calibration(sessions[:2]).verdict == "not enough sessions yet"


def test_weekly_goal_counts_practice_sessions_with_an_answer_only() -> None:
    practised = session("2026-11-16", [card(3, 3)])
    imported = session("2026-11-17", [card(3, 3)])
    imported.id, imported.status = "imported", SessionStatus.IMPORTED
    empty = Session("empty", "Practice", "2026-11-17T09:00:00+00:00", SessionStatus.COMPLETED)
    broken = session("2026-11-18", [card(3, 3)] * 3)
    for answer in broken.answers:  # recovered after a crash with nothing in them
        answer.status, answer.analysis, answer.duration_s = AnswerStatus.INTERRUPTED, None, 0.0
    kept = session("2026-11-19", [card(3, 3)])
    kept.answers[0].status, kept.answers[0].duration_s = AnswerStatus.INTERRUPTED, 12.5  # 12.5 s were kept
    routine = progress(
        [practised, imported, empty, broken, kept], weekly_goal=3, today=date(2026, 11, 19), tz=UTC
    ).routine
    assert routine.sessions_this_week == 2  # the practised and the kept one
    assert routine.practice_sessions == 2 and routine.day_streak == 1
    assert "at least one answer" in GOAL_RULE


def test_a_change_is_the_difference_of_the_values_as_shown() -> None:
    assert format_change(4.24, 4.46) == "+0.3"  # shown as 4.2 -> 4.5 (unrounded: +0.22)
    assert format_change(4.46, 4.24) == "-0.3"
    assert format_change(3.04, 2.96) == "+0.0"  # both shown as 3.0: no "-0.0"
    assert format_change(118.4, 121.6, decimals=0) == "+4"  # 118 -> 122
    assert shown_change(2.25, 2.35) == 0.2  # 2.2 -> 2.4 (round half to even, as the shown values)


def test_overall_trend_compares_only_sessions_measured_like_the_latest() -> None:
    # Camera and microphone (body language in overall) at 3.0 -> 3.5 -> 4.0; two audio-only sessions in
    # between score a higher overall on fewer things. Mixed together the line would zigzag; compared like
    # with like it rises, and the audio-only sessions have no overall point.
    sessions = [
        session("2026-11-01", [card(3.0, 3.0, body=3.0)]),
        session("2026-11-02", [card(4.5, 4.5)]),
        session("2026-11-03", [card(3.5, 3.5, body=3.5)]),
        session("2026-11-04", [card(4.5, 4.5)]),
        session("2026-11-05", [card(4.0, 4.0, body=4.0), card(4.5, 4.5)]),  # one answer of each kind
    ]
    result = progress(sessions, today=date(2026, 11, 5), tz=UTC)
    overall = next(t for t in result.trends if t.dimension == "overall")
    assert overall.values == [3.0, None, 3.5, None, 4.0]
    assert overall.direction == "improving" and overall.slope == 0.5
    assert overall.label == "Overall (recorded with camera and microphone)"
    assert result.overall_basis is not None
    assert result.overall_basis.note == (
        "Overall compared only across 3 sessions recorded with camera and microphone; "
        "2 sessions recorded another way left out."
    )
    delivery = next(t for t in result.trends if t.dimension == "delivery")
    assert delivery.values == [3.0, 4.5, 3.5, 4.5, 4.2]  # each dimension compares across every session

    latest_audio = [*sessions[:4], session("2026-11-06", [card(4.0, 4.0)])]
    basis = progress(latest_audio, today=date(2026, 11, 6), tz=UTC).overall_basis
    assert basis is not None and basis.measured_with == "the microphone only" and basis.sessions == 3

    typed_only = ScoreCard(
        DimensionScore(Dimension.DELIVERY, None),
        DimensionScore(Dimension.BODY_LANGUAGE, None),
        DimensionScore(Dimension.CONTENT, 3.5),
        None,
    )
    none = progress([session("2026-11-01", [typed_only])], today=date(2026, 11, 1), tz=UTC)
    assert none.overall_basis is None
    assert next(t for t in none.trends if t.dimension == "overall").values == [None]


def test_two_sessions_compare_overall_only_when_measured_the_same_way() -> None:
    camera = session("2026-11-01", [card(3.0, 3.0, body=3.0)])
    camera_later = session("2026-11-02", [card(4.0, 4.0, body=4.0)])
    audio = session("2026-11-03", [card(4.5, 4.5)])
    mixed = session("2026-11-04", [card(3.5, 3.5, body=3.5), card(2.0, 2.0)])
    assert compare_overall(camera, camera_later) == (3.0, 4.0, "camera and microphone")
    assert compare_overall(camera, audio) == (3.0, 4.5, "")  # shown, not subtracted
    assert compare_overall(audio, mixed) == (4.5, 2.0, "the microphone only")  # the answers they share


def test_a_weak_follow_up_is_not_a_question_to_retry_on_its_own() -> None:
    from dataclasses import replace

    follow_up = replace(CONFLICT_QUESTION, id="core-conflict/follow-up", text="What did you personally do?")
    practised = session("2026-11-07", [card(3.5, 3.5), card(1.5, 1.5)], [CONFLICT_QUESTION, follow_up])
    practised.answers[1] = replace(practised.answers[1], parent_id=practised.answers[0].id)
    assert progress([practised], today=date(2026, 11, 7), tz=UTC).retry == []

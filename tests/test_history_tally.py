"""The one-pass tally against the plain definitions, and the filter choices built from it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.history import stats
from tui.history.filters import ALL_ROUTINES, RoutineChoice, routine_choices, shown_sessions
from tui.history.tally import ExerciseFigure, HistoryTally

TODAY = date(2026, 11, 22)  # a Sunday
ROUTINES = {"twist": "Daily Twist", "reach": "Reach Up", "roll": "Roll Out"}
EXERCISES = ["cat-cow", "open-book", "wall-angel", "band-pull"]


def summary(
    days_ago: int, routine: str = "twist", done: list[str] | None = None, n: int = 0
) -> dict[str, Any]:
    day = TODAY - timedelta(days=days_ago)
    done_ids = ["cat-cow"] if done is None else done
    return {
        "id": f"{day.isoformat()}-{routine}-{n}",
        "routine_id": routine,
        "routine_name": ROUTINES[routine],
        "started_at": f"{day.isoformat()}T07:{n % 60:02}:00+01:00",
        "status": "finished" if done_ids else "abandoned",
        "done_exercise_ids": done_ids,
        "exercises": [{"id": key, "name": key.replace("-", " ").title()} for key in EXERCISES],
    }


def last_done_and_recent(
    summaries: list[dict[str, Any]], exercise_id: str, today: date
) -> tuple[date | None, int]:
    """The plain definition, one exercise at a time: a scan over every session."""
    window_start = today - timedelta(days=29)
    last: date | None = None
    recent = 0
    for found in summaries:
        if exercise_id not in stats.done_exercises(found):
            continue
        day = stats.session_day(found)
        if day > today:
            continue
        last = day if last is None else max(last, day)
        recent += day >= window_start
    return last, recent


def test_figures_of_a_small_history() -> None:
    summaries = [
        summary(0, done=["cat-cow", "open-book"]),
        summary(1, "reach", ["open-book"]),
        summary(2, done=[]),  # nothing done: listed, not counted
        summary(29, done=["wall-angel"]),  # the 30th day back: inside the window
        summary(30, done=["wall-angel"], n=1),  # outside
        summary(-2, done=["band-pull"]),  # the future: counted by day, never "last done"
    ]
    tally = HistoryTally(TODAY)
    tally.add(summaries)
    figures = tally.figures(None)
    assert (figures.listed, figures.counted) == (6, 5)
    assert figures.streak == 2 and figures.longest == 2
    assert figures.weekly[-1] == 2  # this week: Sunday and Saturday; Friday's did nothing
    assert figures.exercises == [
        ExerciseFigure("Open Book", TODAY, 2),
        ExerciseFigure("Cat Cow", TODAY, 1),
        ExerciseFigure("Wall Angel", TODAY - timedelta(days=29), 1),
    ]
    twist = tally.figures("twist")
    assert (twist.listed, twist.counted) == (5, 4)
    assert twist.streak == 1
    assert [f.name for f in twist.exercises] == ["Cat Cow", "Open Book", "Wall Angel"]
    reach = tally.figures("reach")
    assert reach.exercises == [ExerciseFigure("Open Book", TODAY - timedelta(days=1), 1)]
    assert tally.figures("never-done").listed == 0


def test_names_come_from_the_newest_session() -> None:
    newer = summary(0)
    newer["exercises"] = [{"id": "cat-cow", "name": "Cat–cow (new name)"}]
    newer["routine_name"] = "Daily Twist 2"
    tally = HistoryTally(TODAY)
    tally.add([newer, summary(3)])
    assert tally.exercise_names["cat-cow"] == "Cat–cow (new name)"
    assert tally.routine_names["twist"] == "Daily Twist 2"


def test_choices_list_all_then_routines_by_sessions() -> None:
    summaries = [summary(0), summary(1, "roll"), summary(2, "roll"), summary(3, "reach", [])]
    tally = HistoryTally(TODAY)
    tally.add(summaries)
    assert routine_choices(tally) == [
        RoutineChoice(None, ALL_ROUTINES, 4),
        RoutineChoice("roll", "Roll Out", 2),
        RoutineChoice("twist", "Daily Twist", 1),  # ties: by name
        RoutineChoice("reach", "Reach Up", 1),
    ]
    assert shown_sessions(summaries, None) is summaries
    assert shown_sessions(summaries, "roll") == summaries[1:3]


sessions = st.lists(
    st.tuples(
        st.integers(min_value=-3, max_value=200),  # days ago (a few in the future)
        st.sampled_from(sorted(ROUTINES)),
        st.lists(st.sampled_from(EXERCISES), unique=True, max_size=3),
    ),
    max_size=60,
)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(sessions)
def test_the_tally_agrees_with_the_plain_definitions(
    drawn: list[tuple[int, str, list[str]]],
) -> None:
    summaries = [summary(ago, routine, done, n) for n, (ago, routine, done) in enumerate(drawn)]
    summaries.sort(key=lambda s: s["started_at"], reverse=True)
    tally = HistoryTally(TODAY)
    # In pieces, as history is read a year at a time.
    tally.add(summaries[:7])
    tally.add(summaries[7:])
    for routine in (None, *ROUTINES):
        mine = [s for s in summaries if routine is None or s["routine_id"] == routine]
        figures = tally.figures(routine)
        days = stats.day_counts(mine)
        assert figures.counted == sum(days.values()) == sum(map(stats.counts, mine))
        assert figures.listed == len(mine)
        assert figures.streak == stats.current_streak(set(days), TODAY)
        assert figures.longest == stats.longest_streak(days)
        assert figures.calendar == stats.calendar(days, TODAY)
        assert figures.weekly == stats.sessions_per_week(mine, TODAY)
        expected = {}
        for exercise_id in EXERCISES:
            last, recent = last_done_and_recent(mine, exercise_id, TODAY)
            if last is not None:
                expected[exercise_id.replace("-", " ").title()] = (last, recent)
        assert {f.name: (f.last_done, f.times_last_30_days) for f in figures.exercises} == expected
        order = [(-f.last_done.toordinal(), -f.times_last_30_days) for f in figures.exercises]
        assert order == sorted(order)

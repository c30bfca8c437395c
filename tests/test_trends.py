"""Trend and asymmetry maths on generated histories whose answers are known."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from tests.samples import sample_record
from tui.ledger.checkin import empty_check_in, with_before, with_self_test, with_side
from tui.ledger.trends import Change, trends
from tui.storage.types import CheckIn, SessionRecord

CET = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 22)


def on(days_ago: int, check_in: CheckIn | None, **extra: object) -> SessionRecord:
    when = datetime(2026, 11, 22, 7, 30, tzinfo=CET) - timedelta(days=days_ago)
    return sample_record(when, session_id=f"d{days_ago}", check_in=check_in, **extra)  # type: ignore[arg-type]


def stiffness(age: int) -> int:
    """8 in the 12-week window's first 21 days, 4 in its last 21, 6 between."""
    return 8 if age >= 63 else 4 if age < 21 else 6


def history() -> list[SessionRecord]:
    records = [on(age, with_before(None, stiffness=stiffness(age))) for age in range(84)]
    for record in records:
        check_in = record["check_in"]
        assert check_in is not None
        check_in["stiffness_after"] = check_in["stiffness_before"] - 2  # type: ignore[operator]
    records.append(on(90, with_before(None, stiffness=10)))  # older than 12 weeks: left out
    records.append(on(200, None))
    return records


def test_the_30_day_and_12_week_trends_compare_the_windows_quarters() -> None:
    found = trends(history(), TODAY)
    assert found.quarter == Change(8, 4)
    assert found.quarter.words() == "8 → 4, −50 %"
    assert found.quarter.percent == -50
    assert found.month == Change(6, 4)
    assert found.month.words() == "6 → 4, −33 %"
    assert found.before_after is not None
    assert found.before_after.words() == "4.6 → 2.6, −43 %"  # 21 days at 4, 9 at 6
    assert found.weekly_before[-1] == 4 and found.weekly_before[0] == 8
    assert found.answered == 84


def test_exactly_minus_50_per_cent_over_30_days_and_nothing_without_both_ends() -> None:
    records = [on(age, with_before(None, stiffness=6)) for age in range(23, 30)]
    records += [on(age, with_before(None, stiffness=3)) for age in range(7)]
    found = trends(records, TODAY)
    assert found.month is not None and found.month.words() == "6 → 3, −50 %"
    assert found.quarter is None  # nothing in the 12-week window's first 21 days
    assert trends(records[:7], TODAY).month is None
    assert Change(0, 2).words() == "0 → 2"
    assert Change(4, 5).words() == "4 → 5, +25 %"


def test_sessions_that_do_not_count_are_left_out() -> None:
    skipped = on(3, with_before(None, stiffness=10))
    for entry in skipped["sets"]:
        entry["outcome"] = "skipped"
    kept = on(4, with_before(None, stiffness=2))
    found = trends([skipped, kept], TODAY)
    assert found.answered == 1


def test_side_asymmetry_per_exercise_now_and_the_30_days_before() -> None:
    answers = ["left"] * 5 + ["right"] + ["even"] * 2
    records = [
        on(age, with_side(None, "thread-the-needle", tighter))  # type: ignore[arg-type]
        for age, tighter in enumerate(answers)
    ]
    records += [on(35 + age, with_side(None, "thread-the-needle", "left")) for age in range(7)]
    records.append(on(70, with_side(None, "doorway-stretch", "right")))  # too old to show
    found = trends(records, TODAY)
    assert [(lean.name, lean.now, lean.was) for lean in found.sides] == [
        ("Thread the needle", (5, 1, 2), (7, 0, 0))
    ]
    assert found.sides[0].words() == "left tighter 5 of 8, was left tighter 7 of 7"


def test_the_self_test_gap_and_what_it_was() -> None:
    first = with_self_test(None, "seated-rotation", "degrees", {"left": 30, "right": 35})
    newest = with_self_test(None, "seated-rotation", "degrees", {"left": 40, "right": 42})
    found = trends([on(1, newest), on(50, first), on(120, empty_check_in())], TODAY)
    assert found.test is not None
    assert found.test.words() == "left lags right by 2°, was 5"
    flipped = with_self_test(None, "seated-rotation", "level", {"left": 4, "right": 3})
    was_left = with_self_test(None, "seated-rotation", "level", {"left": 2, "right": 5})
    found = trends([on(1, flipped), on(9, was_left)], TODAY)
    assert found.test is not None
    assert found.test.words() == "right lags left by 1, was: left lags right by 3"

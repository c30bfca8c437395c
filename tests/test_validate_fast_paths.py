"""The validator's quick yes/no checks agree with the checks that explain a no."""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.storage import validate
from tui.storage.validate import timestamp_problem

OFFSETS = st.integers(-24 * 60 + 1, 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
TIMES = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))


class Level(enum.IntEnum):
    LOW = 1


@settings(derandomize=True, max_examples=500)
@given(when=TIMES, zone=st.none() | OFFSETS, spec=st.sampled_from(["seconds", "auto", "hours"]))
@example(when=datetime(1900, 1, 1), zone=timezone(timedelta(hours=-1)), spec="seconds")
@example(when=datetime(1900, 1, 1), zone=timezone(timedelta(hours=5)), spec="seconds")
@example(when=datetime(9000, 12, 31, 23), zone=timezone(timedelta(hours=-5)), spec="seconds")
@example(when=datetime(1899, 12, 31, 23), zone=timezone(timedelta(hours=-2)), spec="seconds")
@example(when=datetime(9000, 1, 1), zone=timezone(timedelta(hours=18)), spec="seconds")
@example(when=datetime(9000, 12, 31, 23), zone=UTC, spec="seconds")
@example(when=datetime(2026, 6, 1), zone=timezone(timedelta(hours=18, minutes=1)), spec="auto")
@example(when=datetime(2026, 6, 1), zone=timezone(-timedelta(hours=18)), spec="auto")
def test_a_timestamp_is_accepted_exactly_when_it_has_no_problem(
    when: datetime, zone: timezone | None, spec: str
) -> None:
    text = when.replace(tzinfo=zone).isoformat(timespec=spec)
    assert validate._timestamp.accepts(text) == (timestamp_problem(text) is None)


@settings(derandomize=True, max_examples=500)
@given(
    value=st.text(max_size=40)
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.none()
    | st.lists(st.integers(), max_size=2)
)
@example(value="2026-01-15T07:30:40+00:00")
@example(value="2026-01-15T07:30:40")
@example(value="2026-01-15")
def test_any_value_is_accepted_as_a_timestamp_exactly_when_it_has_no_problem(value: Any) -> None:
    assert validate._timestamp.accepts(value) == (timestamp_problem(value) is None)


def test_a_count_is_a_whole_number_of_zero_or_more_and_never_a_bool() -> None:
    accepted = [0, 1, 10**30, Level.LOW]
    refused = [-1, True, False, 1.0, "1", None, [1]]
    assert [validate._count.accepts(value) for value in accepted] == [True] * len(accepted)
    assert [validate._count.accepts(value) for value in refused] == [False] * len(refused)

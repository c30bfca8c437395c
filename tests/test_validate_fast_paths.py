"""The validator's quick yes/no checks agree with the checks that explain a no."""

from __future__ import annotations

import enum
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.hostile import hostile_files, hostile_values
from tests.samples import sample_record
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


# Column checks: `accepts_all(values)` must answer exactly `all(map(accepts, values))`.

BASE_RECORDS = [
    sample_record(datetime(2026, 2, 28, 7, 30, tzinfo=timezone(timedelta(hours=1))), "desk-reset"),
    sample_record(datetime(2024, 2, 29, 23, 5, tzinfo=UTC), "pre-lift", note="x"),
    sample_record(datetime(1901, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=-3))), "pre-lift"),
]
BASE_FILES = hostile_files({"sessions": BASE_RECORDS})
ODD_TIMES = [
    "2024-02-29T07:30:00+00:00",
    "2023-02-29T07:30:00+00:00",
    "2026-W01-1T07:30:00+00:00",
    "1901-W01-1T00:00:00+18:00",
    "8999-W52-7T23:59:59-18:00",
    "1900-01-01T00:00:00-01:00",
    "1900-01-01T00:00:00+05:00",
    "9000-12-31T23:00:00+18:00",
    "9000-12-31T23:00:00-05:00",
    "2026-01-01T07:30:00",
    "2026-01-01T07:30:00Z",
    "2026-01-01T07:30:00+18:01",
    "٢٠٢٦-01-01T07:30:00+00:00",
    "2026-01-01T07:30:00.123456+05:30",
    "20260101T073000+0100",
]


def _padding(count: int) -> list[Any]:
    """Good records with fresh ids, to move the ones under test across chunk boundaries."""
    return [{**BASE_RECORDS[i % 3], "id": f"pad-{i}"} for i in range(count)]


@settings(derandomize=True, max_examples=200, deadline=None)
@given(raw=BASE_FILES, before=st.integers(0, 140), after=st.integers(0, 3))
def test_a_column_of_records_is_accepted_exactly_when_each_record_is(
    raw: bytes, before: int, after: int
) -> None:
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError):
        return  # the strict reader's business (tests/test_untrusted_*)
    sessions = document.get("sessions") if isinstance(document, dict) else None
    if not isinstance(sessions, list):
        return
    values = [*_padding(before), *sessions, *_padding(after)]
    for unicode in (False, True):
        each = [validate.SESSION_RECORD.accepts(value, unicode=unicode) for value in values]
        assert validate.SESSION_RECORD.accepts_all(values, unicode=unicode) == all(each)
    ids = [value.get("id") if isinstance(value, dict) else None for value in values]
    unique = len(set(map(repr, ids))) == len(ids)
    assert (validate.check_sessions(values) == []) == (all(each) and unique)


SCALAR_RULES = [
    validate._timestamp,
    validate._text,
    validate._non_empty_text,
    validate._count,
    validate._rating,
    validate._any_object,
    validate.SET_ENTRY.fields["side"],
    validate.SET_ENTRY.fields["reps"],
    validate.SESSION_RECORD.fields["ended_at"],
    validate.SESSION_RECORD.fields["exercises"],
    validate.SESSION_RECORD.fields["skipped_exercises"],
]
ANY_VALUE = (
    st.sampled_from(ODD_TIMES)
    | st.builds(lambda when, zone: when.replace(tzinfo=zone).isoformat(), TIMES, OFFSETS)
    | hostile_values
    | st.sampled_from([Level.LOW, True, False, 0, 5, 6, -1, 1.0, "", "left", [], {}, [[]]])
    | st.lists(st.sampled_from(["a", "", 1, None, {"id": "a", "name": ""}, {"id": ""}]))
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(rule=st.sampled_from(SCALAR_RULES), values=st.lists(ANY_VALUE, max_size=5))
def test_a_column_of_values_is_accepted_exactly_when_each_value_is(
    rule: validate.Rule, values: list[Any]
) -> None:
    assert rule.accepts_all(values) == all(map(rule.accepts, values))


def test_each_odd_timestamp_is_judged_alike_alone_and_in_a_column() -> None:
    good = "2026-06-01T07:30:00+02:00"
    for text in ODD_TIMES:
        alone = validate._timestamp.accepts(text)
        assert validate._timestamp.accepts_all([text]) == alone, text
        assert validate._timestamp.accepts_all([good, text, good]) == alone, text


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    values=st.lists(
        st.sampled_from(ODD_TIMES)
        | st.builds(lambda when, zone: when.replace(tzinfo=zone).isoformat(), TIMES, OFFSETS),
        max_size=4,
    )
)
def test_a_column_of_timestamps_is_accepted_exactly_when_each_is(values: list[str]) -> None:
    assert validate._timestamp.accepts_all(values) == all(map(validate._timestamp.accepts, values))

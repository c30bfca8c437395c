"""The one validator of each kind of document loosen keeps (shapes in `tui.storage.types`).

Storage checks a record before writing it, checks every record it reads back, and
`loosen import` checks every record of a file, all with the same `Document` below, so
they accept the same records and word a problem the same way (`tui.json_problems`):

    sessions[2].sets[0].reps: expected a whole number, got "ten"
    sessions[2]: missing field "status"
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import chain, repeat
from operator import attrgetter, is_not, itemgetter
from typing import Any, Generic, TypeGuard, TypeVar

from tui.json_problems import (
    TOP,
    at,
    at_least,
    at_most,
    expected,
    field_path,
    missing_field,
    one_of,
    shown,
)
from tui.storage.types import (
    ActiveDocument,
    CheckIn,
    ExerciseRef,
    ExportDocument,
    JSONObject,
    SelfTestResult,
    SessionRecord,
    SessionSets,
    SessionSummary,
    SetEntry,
    SideCheck,
    TrashEntry,
)

EXPORT_FORMAT = "loosen-export"
EXPORT_VERSION = 2
READABLE_EXPORT_VERSIONS = (1, 2)
"""Export versions `loosen import` reads: 1 is from before check-ins (see export_versions)."""
MAX_ERRORS = 100

# Every time stored or imported lies in these years once turned into UTC, with an offset
# of at most 18 hours either way (real zones span -12 to +14). Well inside what datetime
# can hold, so sorting, moving into the local zone and calendar arithmetic never overflow.
FIRST_YEAR = 1900
LAST_YEAR = 9000
MAX_OFFSET = timedelta(hours=18)

Check = Callable[[Any, str, list[str]], None]
Column = Callable[[list[Any]], bool]
T = TypeVar("T")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_unicode(value: Any, path: str, errors: list[str]) -> None:
    """Lone surrogates (legal in JSON escapes) cannot be written back out as UTF-8."""
    if isinstance(value, str):
        if not _encodable(value):
            errors.append(at(path, "text is not valid Unicode (a lone surrogate escape)"))
    elif isinstance(value, dict):
        for key, item in value.items():
            if not _encodable(key):
                errors.append(at(path, f"key {json.dumps(key)} is not valid Unicode"))
            else:
                _check_unicode(item, field_path(path, key), errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_unicode(item, f"{path}[{index}]", errors)


def unicode_ok(value: Any) -> bool:
    """Whether every string and key in `value` can be written out as UTF-8."""
    try:  # one pass in C; the walk below only runs to find where the trouble is
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError, TypeError, RecursionError):
        errors: list[str] = []
        _check_unicode(value, "", errors)
        return not errors
    return True


def _fail(errors: list[str], path: str, what: str, value: Any) -> None:
    errors.append(at(path, expected(what, value)))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Rule:
    """A check of one JSON value, callable as a `Check`.

    `accepts` answers yes or no without building any text, so the many good records of a
    long history are checked fast; `report` explains a no, JSON path and all.
    `accepts_all(values)` answers `all(map(accepts, values))`, a field at a time over a
    whole column of values where it can (an import's half a million sets at C speed).
    """

    def __init__(
        self, accepts: Callable[[Any], bool], report: Check, accepts_all: Column | None = None
    ) -> None:
        self.accepts = accepts
        self.report = report
        self.accepts_all: Column = accepts_all or partial(_all_accepted, accepts)

    def __call__(self, value: Any, path: str, errors: list[str]) -> None:
        if not self.accepts(value):
            self.report(value, path, errors)


def _all_accepted(accepts: Callable[[Any], bool], values: list[Any]) -> bool:
    return all(map(accepts, values))


def _column(quick: Column, accepts: Callable[[Any], bool]) -> Column:
    """`all(map(accepts, values))`, asking `quick` first: a yes from it must be right."""
    return lambda values: quick(values) or all(map(accepts, values))


def _only(kind: type) -> Column:
    """Whether every value is exactly of type `kind` (no subclass: bool is not an int)."""
    kinds = frozenset((kind,))
    return lambda values: kinds.issuperset(map(type, values))


_only_str = _only(str)
_only_int = _only(int)
_only_dict = _only(dict)
_only_list = _only(list)


def _scalar(what: str, accepts: Callable[[Any], bool], quick: Column | None = None) -> Rule:
    """A rule for one value; `quick`, if given, is a fast sufficient check of a column."""

    def report(value: Any, path: str, errors: list[str]) -> None:
        _fail(errors, path, what, value)

    return Rule(accepts, report, _column(quick, accepts) if quick else None)


def _whole_number(minimum: int, maximum: int | None = None) -> Rule:
    """A whole number from `minimum` (to `maximum`), worded as the catalogue loader does."""

    def accepts(value: Any) -> bool:
        return _is_int(value) and value >= minimum and (maximum is None or value <= maximum)

    def report(value: Any, path: str, errors: list[str]) -> None:
        if not _is_int(value):
            _fail(errors, path, "a whole number", value)
        elif value < minimum:
            errors.append(at(path, at_least(minimum, value)))
        elif maximum is not None:
            errors.append(at(path, at_most(maximum, value)))

    def quick(values: list[Any]) -> bool:
        return not values or (
            _only_int(values)
            and min(values) >= minimum
            and (maximum is None or max(values) <= maximum)
        )

    return Rule(accepts, report, _column(quick, accepts))


_not_none = partial(is_not, None)


def _optional(rule: Rule) -> Rule:
    inner, inner_all = rule.accepts, rule.accepts_all
    return Rule(
        lambda value: value is None or inner(value),
        rule.report,
        lambda values: inner_all(list(filter(_not_none, values))),
    )


def _one_of(*choices: str | None) -> Rule:
    allowed = frozenset(choices)

    def quick(values: list[Any]) -> bool:
        try:
            return allowed.issuperset(values)
        except TypeError:  # an unhashable value: a list or an object
            return False

    return _scalar(one_of(choices), lambda value: value in choices, quick)


def timestamp_problem(value: Any) -> str | None:
    """What is wrong with `value` as a stored date-time (what was expected instead), or None."""
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        when = None
    offset = when.utcoffset() if when is not None else None
    if when is None or offset is None:
        return "an ISO-8601 date-time with UTC offset"
    if abs(offset) > MAX_OFFSET:
        return "a UTC offset of at most 18 hours"
    if FIRST_YEAR < when.year < LAST_YEAR:
        return None  # less than a day from UTC: the UTC year is in range too
    try:
        year = when.astimezone(UTC).year
    except OverflowError:
        year = 0
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"a date-time in the years {FIRST_YEAR} to {LAST_YEAR} (UTC)"
    return None


def _report_timestamp(value: Any, path: str, errors: list[str]) -> None:
    _fail(errors, path, timestamp_problem(value) or "a date-time", value)


def _is_timestamp(value: Any) -> bool:
    """Whether `timestamp_problem(value)` is None; the usual case without building any text."""
    if type(value) is str:
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return False
        offset = when.utcoffset()
        near_utc = offset is not None and -MAX_OFFSET <= offset <= MAX_OFFSET
        if near_utc and FIRST_YEAR < when.year < LAST_YEAR:
            return True
    return timestamp_problem(value) is None


_tzinfo = attrgetter("tzinfo")
_FIRST_YEAR_TEXT = f"{FIRST_YEAR:04}"
_LAST_YEAR_TEXT = f"{LAST_YEAR:04}"


def _timestamps_quick(values: list[Any]) -> bool:
    """A sufficient check that every value is a timestamp `_is_timestamp` accepts."""
    if not values:
        return True
    if not _only_str(values):
        return False
    try:
        zones = set(map(_tzinfo, map(datetime.fromisoformat, values)))
    except ValueError:
        return False
    if None in zones:
        return False
    if not all(-MAX_OFFSET <= zone.utcoffset(None) <= MAX_OFFSET for zone in zones):
        return False
    # Each text fromisoformat took starts with its four-digit year (an ISO week date's year
    # may be a few days off the calendar's, well inside the limits' margin): compared as text.
    first: str = min(values)
    last: str = max(values)
    return first[:4] > _FIRST_YEAR_TEXT and last[:4] < _LAST_YEAR_TEXT


_timestamp = Rule(_is_timestamp, _report_timestamp, _column(_timestamps_quick, _is_timestamp))
_text = _scalar("a string", lambda value: isinstance(value, str), _only_str)
_non_empty_text = _scalar(
    "a non-empty string",
    lambda value: isinstance(value, str) and bool(value),
    lambda values: _only_str(values) and all(values),
)
_count = _whole_number(0)
_rating = _whole_number(1, 5)
SCALE_TOP = 10
_scale = _whole_number(0, SCALE_TOP)
"""Stiffness and pain: 0 (none) to 10 (the worst)."""
TEST_RANGES: dict[str, tuple[int, int]] = {"degrees": (0, 180), "cm": (0, 200), "level": (1, 5)}
"""The values a self-test result may take in each unit."""
_any_object = _scalar("an object", lambda value: isinstance(value, dict), _only_dict)


def _list_of(rule: Rule) -> Rule:
    item_accepts = rule.accepts

    def accepts(value: Any) -> bool:
        return isinstance(value, list) and all(map(item_accepts, value))

    def report(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, list):
            _fail(errors, path, "a list", value)
            return
        for index, item in enumerate(value):
            rule(item, f"{path}[{index}]", errors)

    def accepts_all(values: list[Any]) -> bool:
        if _only_list(values):  # every item of every list, as one column
            return rule.accepts_all(list(chain.from_iterable(values)))
        return all(map(accepts, values))

    return Rule(accepts, report, accepts_all)


_ABSENT = object()


def _object(fields: Mapping[str, Rule], optional: frozenset[str]) -> Rule:
    """An object with `fields` (those in `optional` may be left out); other fields pass."""
    required = [(name, rule.accepts) for name, rule in fields.items() if name not in optional]
    maybe = [(name, rule.accepts) for name, rule in fields.items() if name in optional]

    def accepts(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        get = value.get  # no rule accepts _ABSENT, so a missing field fails like a wrong one
        for name, field_accepts in required:
            if not field_accepts(get(name, _ABSENT)):
                return False
        for name, field_accepts in maybe:
            found = get(name, _ABSENT)
            if found is not _ABSENT and not field_accepts(found):
                return False
        return True

    def report(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, dict):
            _fail(errors, path, "an object", value)
            return
        for name, rule in fields.items():
            if name in value:
                rule(value[name], field_path(path, name), errors)
            elif name not in optional:
                errors.append(at(path, missing_field(name)))

    names = [name for name in fields if name not in optional]
    # One tuple of the required fields' values per object, then turned into columns.
    row = itemgetter(*names) if len(names) > 1 else lambda value: (value[names[0]],)
    required_columns = [fields[name].accepts_all for name in names]
    optional_columns = [(name, fields[name].accepts_all) for name in fields if name in optional]

    def accepts_all(values: list[Any]) -> bool:
        if not values:
            return True
        if not (names and _only_dict(values)):
            return all(map(accepts, values))
        try:
            columns = zip(*map(row, values), strict=True)
        except KeyError:  # a required field is missing: each object is asked on its own
            return all(map(accepts, values))
        for column, column_accepted in zip(columns, required_columns, strict=True):
            if not column_accepted(list(column)):
                return False
        for name, column_accepted in optional_columns:
            found = map(dict.get, values, repeat(name), repeat(_ABSENT))
            if not column_accepted(list(filter(_not_absent, found))):
                return False
        return True

    return Rule(accepts, report, accepts_all)


_not_absent = partial(is_not, _ABSENT)


_RECORDS_AT_A_TIME = 64


class Document(Generic[T]):
    """The validator of one kind of JSON object, tied to the TypedDict `kind` that types it.

    Its fields are exactly the TypedDict's (checked when it is made), and a field the
    TypedDict marks optional may be left out. Fields it does not know pass unchecked.
    """

    def __init__(self, kind: type[T], fields: dict[str, Rule]) -> None:
        names: frozenset[str] = frozenset(getattr(kind, "__annotations__", {}))
        if names != set(fields):
            raise TypeError(f"the rules for {kind.__name__} name other fields than it has")
        self.kind = kind
        self.fields: Mapping[str, Rule] = fields
        self.optional: frozenset[str] = getattr(kind, "__optional_keys__", frozenset())
        self.rule = _object(fields, self.optional)

    def accepts(self, value: object, *, unicode: bool = True) -> TypeGuard[T]:
        """Whether `value` is valid (fast; no messages). `unicode`: look for lone surrogates."""
        return self.rule.accepts(value) and (not unicode or unicode_ok(value))

    def accepts_all(self, values: list[Any], *, unicode: bool = True) -> TypeGuard[list[T]]:
        """Whether every one of `values` is valid: as `accepts`, a field at a time (faster)."""
        # A few records at a time: what a column check looks at then stays in the CPU's cache.
        column_accepted = self.rule.accepts_all
        for start in range(0, len(values), _RECORDS_AT_A_TIME):
            if not column_accepted(values[start : start + _RECORDS_AT_A_TIME]):
                return False
        return not unicode or unicode_ok(values)

    def check(self, value: object, path: str, errors: list[str], *, unicode: bool = True) -> None:
        """Append to `errors` every problem with `value` at JSON path `path`."""
        self.rule(value, path, errors)
        if unicode and not unicode_ok(value):
            _check_unicode(value, path, errors)

    def problems(self, value: object, path: str = "") -> list[str]:
        """Every problem with `value` at JSON path `path`; empty when it is valid."""
        errors: list[str] = []
        self.check(value, path, errors)
        return errors


EXERCISE_REF = Document(ExerciseRef, {"id": _non_empty_text, "name": _text})
SET_ENTRY = Document(
    SetEntry,
    {
        "exercise_id": _non_empty_text,
        "exercise_name": _text,
        "set": _count,
        "side": _one_of("left", "right", None),
        "reps": _optional(_count),
        "seconds": _optional(_count),
        "outcome": _one_of("done", "skipped"),
        "at": _timestamp,
    },
)
_SETS = _list_of(SET_ENTRY.rule)
SIDE_CHECK = Document(
    SideCheck,
    {"exercise_id": _non_empty_text, "tighter": _one_of("left", "right", "even")},
)
SELF_TEST_RESULT = Document(
    SelfTestResult,
    {
        "test_id": _non_empty_text,
        "side": _one_of("left", "right"),
        "value": _whole_number(0, max(top for _, top in TEST_RANGES.values())),
        "unit": _one_of(*TEST_RANGES),
    },
)


def _in_unit_range(value: Any) -> bool:
    low, high = TEST_RANGES[value["unit"]]
    return bool(low <= value["value"] <= high)


def _report_test_result(value: Any, path: str, errors: list[str]) -> None:
    before = len(errors)
    SELF_TEST_RESULT.rule(value, path, errors)
    if len(errors) == before:  # the shape is right: the value is out of its unit's range
        low, high = TEST_RANGES[value["unit"]]
        where = field_path(path, "value")
        limit = (
            at_least(low, value["value"]) if value["value"] < low else at_most(high, value["value"])
        )
        errors.append(at(where, f"{limit} ({value['unit']})"))


_test_result = Rule(
    lambda value: SELF_TEST_RESULT.rule.accepts(value) and _in_unit_range(value),
    _report_test_result,
)
CHECK_IN = Document(
    CheckIn,
    {
        "stiffness_before": _optional(_scale),
        "pain_before": _optional(_scale),
        "pain_choice": _one_of("easier", "stop", "carry_on", None),
        "stiffness_after": _optional(_scale),
        "sides": _list_of(SIDE_CHECK.rule),
        "self_test": _list_of(_test_result),
    },
)
_SESSION_FIELDS: dict[str, Rule] = {
    "id": _non_empty_text,
    "routine_id": _text,
    "routine_name": _text,
    "started_at": _timestamp,
    "ended_at": _optional(_timestamp),
    "duration_seconds": _count,
    "status": _one_of("finished", "abandoned"),
    "sets_planned": _count,
    "sets_done": _count,
    "skipped_exercises": _list_of(_text),
    "exercises": _list_of(EXERCISE_REF.rule),
    "rating": _optional(_rating),
    "note": _optional(_text),
    "check_in": _optional(CHECK_IN.rule),
    "edited_at": _optional(_timestamp),
}
SESSION_RECORD = Document(SessionRecord, {**_SESSION_FIELDS, "sets": _SETS})
SESSION_SUMMARY = Document(
    SessionSummary, {**_SESSION_FIELDS, "done_exercise_ids": _list_of(_non_empty_text)}
)
SESSION_SETS = Document(SessionSets, {"id": _non_empty_text, "sets": _SETS})
ACTIVE_DOCUMENT = Document(
    ActiveDocument,
    {
        "id": _non_empty_text,
        "routine": _any_object,
        "engine": _any_object,
        "check_in": CHECK_IN.rule,
    },
)
TRASH_ENTRY = Document(TrashEntry, {"deleted_at": _timestamp, "record": SESSION_RECORD.rule})

# The lists a summary shard stores once and shares (see tui.storage.summaries).
SHARED_LISTS: dict[str, Rule] = {
    name: SESSION_SUMMARY.fields[name]
    for name in ("exercises", "skipped_exercises", "done_exercise_ids")
}
_summary_own_fields = _object(
    {name: rule for name, rule in SESSION_SUMMARY.fields.items() if name not in SHARED_LISTS},
    frozenset(),
)


def summary_fields_accepted(summary: JSONObject) -> bool:
    """Whether every field of a summary but its shared lists is valid (fast; no messages)."""
    return _summary_own_fields.accepts(summary)


def check_session(record: Any, path: str, errors: list[str], *, unicode: bool = True) -> None:
    """Append to `errors` every problem with one session record at JSON path `path`.

    `unicode`: look for lone surrogates (what `tui.untrusted` parsed has none).
    """
    SESSION_RECORD.check(record, path, errors, unicode=unicode)


def check_summary(summary: Any, path: str, errors: list[str], *, unicode: bool = True) -> None:
    """Append to `errors` every problem with a stored summary (`unicode`: look for surrogates).

    `done_exercise_ids` may be missing (the session then counts no exercise as done).
    """
    SESSION_SUMMARY.check(summary, path, errors, unicode=unicode)


def check_details(doc: Any, path: str, errors: list[str], *, unicode: bool = True) -> None:
    """Append to `errors` every problem with a stored `{"id", "sets"}` document."""
    SESSION_SETS.check(doc, path, errors, unicode=unicode)


def check_sessions(sessions: Any, path: str = "sessions", *, unicode: bool = True) -> list[str]:
    """Problems with a list of session records, each message starting with its JSON path.

    `unicode`: look for lone surrogates (what `tui.untrusted` parsed has none).
    """
    errors: list[str] = []
    if not isinstance(sessions, list):
        _fail(errors, path, "a list", sessions)
        return errors
    if SESSION_RECORD.accepts_all(sessions, unicode=unicode):
        ids = list(map(_id_of, sessions))
        if len(set(ids)) == len(ids):
            return errors  # the usual case, with no record looked at on its own
    first_seen: dict[str, int] = {}
    for index, record in enumerate(sessions):
        where = f"{path}[{index}]"
        check_session(record, where, errors, unicode=unicode)
        session_id = record.get("id") if isinstance(record, dict) else None
        if isinstance(session_id, str):
            if session_id in first_seen:
                errors.append(
                    f"{where}.id: duplicate id {shown(session_id, width=64)} "
                    f"(also {path}[{first_seen[session_id]}])"
                )
            else:
                first_seen[session_id] = index
        if len(errors) >= MAX_ERRORS and index + 1 < len(sessions):
            errors.append(f"{path}: stopped checking after {len(errors)} problems")
            break
    return errors


_id_of = itemgetter("id")


def _report_sessions(value: Any, path: str, errors: list[str]) -> None:
    errors.extend(check_sessions(value, path))


EXPORT_DOCUMENT = Document(
    ExportDocument,
    {
        "format": _scalar(shown(EXPORT_FORMAT), lambda value: value == EXPORT_FORMAT),
        # `type is int`: 1.0 == True == 1 in Python, but a file saying 1.0 is not version 1.
        "version": _scalar(
            one_of(READABLE_EXPORT_VERSIONS),
            lambda value: type(value) is int and value in READABLE_EXPORT_VERSIONS,
        ),
        "sessions": Rule(lambda value: not check_sessions(value), _report_sessions),
    },
)


def check_export_header(document: object) -> list[str]:
    """Problems with an export's top level (format, version, sessions), each with its path.

    The sessions themselves are left to `check_sessions`, so a caller can check them
    apart. A file that is not a loosen export is not asked for its version.
    """
    if not isinstance(document, dict):
        return [expected(TOP, document)]
    errors: list[str] = []
    for name in ("format", "version"):
        rule = EXPORT_DOCUMENT.fields[name]
        if name not in document:
            errors.append(missing_field(name))
            break
        if not rule.accepts(document[name]):
            rule.report(document[name], name, errors)
            break
    if "sessions" not in document:
        errors.append(missing_field("sessions"))
    return errors


def check_export(document: object) -> list[str]:
    """Every problem with a parsed export file, each message starting with its JSON path."""
    errors = check_export_header(document)
    if errors:
        return errors
    assert isinstance(document, dict)  # check_export_header says so
    return check_sessions(document["sessions"])

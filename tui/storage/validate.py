"""Checking session records and export files against the documented shapes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

EXPORT_FORMAT = "loosen-export"
EXPORT_VERSION = 1
MAX_ERRORS = 100

# Every time stored or imported lies in these years once turned into UTC, with an offset
# of at most 18 hours either way (real zones span -12 to +14). Well inside what datetime
# can hold, so sorting, moving into the local zone and calendar arithmetic never overflow.
FIRST_YEAR = 1900
LAST_YEAR = 9000
MAX_OFFSET = timedelta(hours=18)

Check = Callable[[Any, str, list[str]], None]


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    if not _encodable(text):
        text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


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
            errors.append(f"{path}: text is not valid Unicode (a lone surrogate escape)")
    elif isinstance(value, dict):
        for key, item in value.items():
            if not _encodable(key):
                errors.append(f"{path}: key {json.dumps(key)} is not valid Unicode")
            else:
                _check_unicode(item, f"{path}.{key}", errors)
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


def _fail(errors: list[str], path: str, expected: str, value: Any) -> None:
    errors.append(f"{path}: expected {expected}, got {_shown(value)}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Rule:
    """A check of one JSON value, callable as a `Check`.

    `accepts` answers yes or no without building any text, so the many good records of a
    long history are checked fast; `report` explains a no, JSON path and all.
    """

    def __init__(self, accepts: Callable[[Any], bool], report: Check) -> None:
        self.accepts = accepts
        self.report = report

    def __call__(self, value: Any, path: str, errors: list[str]) -> None:
        if not self.accepts(value):
            self.report(value, path, errors)


def _scalar(expected: str, accepts: Callable[[Any], bool]) -> Rule:
    def report(value: Any, path: str, errors: list[str]) -> None:
        _fail(errors, path, expected, value)

    return Rule(accepts, report)


def _report_count(value: Any, path: str, errors: list[str]) -> None:
    _fail(errors, path, "an integer" if not _is_int(value) else "an integer of 0 or more", value)


def _is_count(value: Any) -> bool:
    # `type(...) is int` first: the usual case costs no second call.
    return (type(value) is int or _is_int(value)) and value >= 0


_count = Rule(_is_count, _report_count)


def _optional(rule: Rule) -> Rule:
    inner = rule.accepts
    return Rule(lambda value: value is None or inner(value), rule.report)


def _one_of(*choices: str | None) -> Rule:
    return _scalar("one of " + ", ".join(map(_shown, choices)), lambda value: value in choices)


def timestamp_problem(value: Any) -> str | None:
    """What is wrong with `value` as a stored date-time ("expected ..."), or None."""
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


_timestamp = Rule(_is_timestamp, _report_timestamp)
_text = _scalar("a string", lambda value: isinstance(value, str))
_non_empty_text = _scalar(
    "a non-empty string", lambda value: isinstance(value, str) and bool(value)
)
_rating = _scalar("an integer from 1 to 5", lambda value: _is_int(value) and 1 <= value <= 5)


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

    return Rule(accepts, report)


_ABSENT = object()


def _object(fields: dict[str, Rule]) -> Rule:
    pairs = [(name, rule.accepts) for name, rule in fields.items()]

    def accepts(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        get = value.get  # no rule accepts _ABSENT, so a missing field fails like a wrong one
        for name, field_accepts in pairs:  # noqa: SIM110 (a loop: twice as fast as all())
            if not field_accepts(get(name, _ABSENT)):
                return False
        return True

    def report(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, dict):
            _fail(errors, path, "an object", value)
            return
        for name, rule in fields.items():
            if name not in value:
                errors.append(f"{path}.{name}: missing")
            else:
                rule(value[name], f"{path}.{name}", errors)

    return Rule(accepts, report)


_EXERCISE: dict[str, Rule] = {"id": _non_empty_text, "name": _text}
_SET: dict[str, Rule] = {
    "exercise_id": _non_empty_text,
    "exercise_name": _text,
    "set": _count,
    "side": _one_of("left", "right", None),
    "reps": _optional(_count),
    "seconds": _optional(_count),
    "outcome": _one_of("done", "skipped"),
    "at": _timestamp,
}
_SESSION: dict[str, Rule] = {
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
    "exercises": _list_of(_object(_EXERCISE)),
    "sets": _list_of(_object(_SET)),
    "rating": _optional(_rating),
    "note": _optional(_text),
}
_check_fields = _object(_SESSION)
# A summary is a record without its sets, plus the ids of the exercises done in them.
_check_summary_fields = _object({name: check for name, check in _SESSION.items() if name != "sets"})
_check_done_ids = _list_of(_non_empty_text)
# The lists a summary shard stores once and shares (see tui.storage.summaries).
SHARED_LISTS: dict[str, Rule] = {
    "exercises": _SESSION["exercises"],
    "skipped_exercises": _SESSION["skipped_exercises"],
    "done_exercise_ids": _check_done_ids,
}
_summary_own_fields = _object(
    {name: rule for name, rule in _SESSION.items() if name != "sets" and name not in SHARED_LISTS}
)


def summary_fields_accepted(summary: dict[str, Any]) -> bool:
    """Whether every field of a summary but its shared lists is valid (fast; no messages)."""
    return _summary_own_fields.accepts(summary)


_check_details_fields = _object({"id": _non_empty_text, "sets": _list_of(_object(_SET))})


def check_session(record: Any, path: str, errors: list[str], *, unicode: bool = True) -> None:
    """Append to `errors` every problem with one session record at JSON path `path`.

    `unicode`: look for lone surrogates (what `tui.untrusted` parsed has none).
    """
    _check_fields(record, path, errors)
    if unicode and not unicode_ok(record):
        _check_unicode(record, path, errors)


def check_summary(summary: Any, path: str, errors: list[str], *, unicode: bool = True) -> None:
    """Append to `errors` every problem with a stored summary (`unicode`: look for surrogates).

    `done_exercise_ids` may be missing: it is worked out again from the sets then.
    """
    _check_summary_fields(summary, path, errors)
    if isinstance(summary, dict) and "done_exercise_ids" in summary:
        _check_done_ids(summary["done_exercise_ids"], f"{path}.done_exercise_ids", errors)
    if unicode and not unicode_ok(summary):
        _check_unicode(summary, path, errors)


def check_details(doc: Any, path: str, errors: list[str], *, unicode: bool = True) -> None:
    """Append to `errors` every problem with a stored `{"id", "sets"}` document."""
    _check_details_fields(doc, path, errors)
    if unicode and not unicode_ok(doc):
        _check_unicode(doc, path, errors)


def check_sessions(sessions: Any, path: str = "sessions", *, unicode: bool = True) -> list[str]:
    """Problems with a list of session records, each message starting with its JSON path.

    `unicode`: look for lone surrogates (what `tui.untrusted` parsed has none).
    """
    errors: list[str] = []
    if not isinstance(sessions, list):
        _fail(errors, path, "a list", sessions)
        return errors
    first_seen: dict[str, int] = {}
    for index, record in enumerate(sessions):
        where = f"{path}[{index}]"
        check_session(record, where, errors, unicode=unicode)
        session_id = record.get("id") if isinstance(record, dict) else None
        if isinstance(session_id, str):
            if session_id in first_seen:
                errors.append(
                    f"{where}.id: duplicate id {_shown(session_id)} "
                    f"(also {path}[{first_seen[session_id]}])"
                )
            else:
                first_seen[session_id] = index
        if len(errors) >= MAX_ERRORS and index + 1 < len(sessions):
            errors.append(f"{path}: stopped checking after {len(errors)} problems")
            break
    return errors


def check_export(document: Any) -> list[str]:
    """Problems with a parsed export file, each message starting with its JSON path."""
    if not isinstance(document, dict):
        return [f"expected a JSON object at the top level, got {_shown(document)}"]
    errors: list[str] = []
    if document.get("format") != EXPORT_FORMAT:
        _fail(errors, "format", _shown(EXPORT_FORMAT), document.get("format"))
    elif document.get("version") != EXPORT_VERSION or isinstance(document.get("version"), bool):
        _fail(errors, "version", str(EXPORT_VERSION), document.get("version"))
    if "sessions" not in document:
        errors.append("sessions: missing")
    elif not errors:
        errors.extend(check_sessions(document["sessions"]))
    return errors

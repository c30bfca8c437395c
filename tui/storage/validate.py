"""Checking session records and export files against the documented shapes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

EXPORT_FORMAT = "loosen-export"
EXPORT_VERSION = 1
MAX_ERRORS = 100

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


def _fail(errors: list[str], path: str, expected: str, value: Any) -> None:
    errors.append(f"{path}: expected {expected}, got {_shown(value)}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _scalar(expected: str, accepts: Callable[[Any], bool]) -> Check:
    def check(value: Any, path: str, errors: list[str]) -> None:
        if not accepts(value):
            _fail(errors, path, expected, value)

    return check


def _count(value: Any, path: str, errors: list[str]) -> None:
    if not _is_int(value):
        _fail(errors, path, "an integer", value)
    elif value < 0:
        _fail(errors, path, "an integer of 0 or more", value)


def _optional(check: Check) -> Check:
    def optional(value: Any, path: str, errors: list[str]) -> None:
        if value is not None:
            check(value, path, errors)

    return optional


def _one_of(*choices: str | None) -> Check:
    return _scalar("one of " + ", ".join(map(_shown, choices)), lambda value: value in choices)


def _is_timestamp(value: Any) -> bool:
    try:
        return datetime.fromisoformat(value).utcoffset() is not None
    except (TypeError, ValueError):
        return False


_text = _scalar("a string", lambda value: isinstance(value, str))
_non_empty_text = _scalar(
    "a non-empty string", lambda value: isinstance(value, str) and bool(value)
)
_timestamp = _scalar("an ISO-8601 date-time with UTC offset", _is_timestamp)
_rating = _scalar("an integer from 1 to 5", lambda value: _is_int(value) and 1 <= value <= 5)


def _list_of(check: Check) -> Check:
    def list_of(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, list):
            _fail(errors, path, "a list", value)
            return
        for index, item in enumerate(value):
            check(item, f"{path}[{index}]", errors)

    return list_of


def _object(fields: dict[str, Check]) -> Check:
    def check_object(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, dict):
            _fail(errors, path, "an object", value)
            return
        for name, check in fields.items():
            if name not in value:
                errors.append(f"{path}.{name}: missing")
            else:
                check(value[name], f"{path}.{name}", errors)

    return check_object


_EXERCISE: dict[str, Check] = {"id": _non_empty_text, "name": _text}
_SET: dict[str, Check] = {
    "exercise_id": _non_empty_text,
    "exercise_name": _text,
    "set": _count,
    "side": _one_of("left", "right", None),
    "reps": _optional(_count),
    "seconds": _optional(_count),
    "outcome": _one_of("done", "skipped"),
    "at": _timestamp,
}
_SESSION: dict[str, Check] = {
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


def check_session(record: Any, path: str, errors: list[str]) -> None:
    """Append to `errors` every problem with one session record at JSON path `path`."""
    _check_fields(record, path, errors)
    _check_unicode(record, path, errors)


def check_sessions(sessions: Any, path: str = "sessions") -> list[str]:
    """Problems with a list of session records, each message starting with its JSON path."""
    errors: list[str] = []
    if not isinstance(sessions, list):
        _fail(errors, path, "a list", sessions)
        return errors
    first_seen: dict[str, int] = {}
    for index, record in enumerate(sessions):
        where = f"{path}[{index}]"
        check_session(record, where, errors)
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

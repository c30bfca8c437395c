"""How loosen words a problem found in a JSON document, whichever document it is.

Routines files, history records, exports and the unfinished session are checked by
different code, but a problem of the same kind reads the same everywhere:

    sessions[2].sets[0].reps: expected a whole number, got "ten"
    sessions[2]: missing field "status"
    exercises[0].dosage.sets: must be at least 1, got 0

The JSON path comes first (`a.b[2].c`; nothing at the top of the document), then the
message. Values are shown short and in ASCII, so no text from a file can break the line
or reach the terminal raw.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

TOP = "a JSON object at the top level"
"""What every document loosen reads is, at its top."""


def shown(value: object, *, width: int = 30) -> str:
    """A value as a message shows it: `"text"`, `5`, `null`, `true`, `a list`, `an object`.

    Text longer than `width` characters is cut short, ending in `...`.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= width else value[: width - 3] + "...")
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):  # not a JSON value, or an int too long to write
        return f"a value of type {type(value).__name__}"
    return text if len(text) <= 40 else text[:37] + "..."


def at(path: str, message: str) -> str:
    """`path: message`, or just the message at the top of the document."""
    return f"{path}: {message}" if path else message


def field_path(path: str, name: str) -> str:
    """The path of field `name` of the object at `path`."""
    return f"{path}.{name}" if path else name


def expected(what: str, value: object) -> str:
    """`expected a list, got "text"`."""
    return f"expected {what}, got {shown(value)}"


def missing_field(name: str) -> str:
    """`missing field "name"` (said of the object the field is missing from)."""
    return f"missing field {json.dumps(name)}"


def one_of(choices: Iterable[object]) -> str:
    """`one of "left", "right", null`, for `expected`."""
    return "one of " + ", ".join(map(shown, choices))


def at_least(minimum: int, value: int | float) -> str:
    """`must be at least 1, got 0`."""
    return f"must be at least {minimum}, got {shown(value)}"


def at_most(maximum: int, value: int | float) -> str:
    """`must be at most 5, got 9`."""
    return f"must be at most {maximum}, got {shown(value)}"

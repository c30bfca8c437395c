"""Reading a loosen JSON export for `loosen import`: the whole file checked once, before any write.

The file is read through `tui.untrusted`: a regular file of at most `MAX_FILE_BYTES`,
strict JSON. Every problem is one line, `FILE: JSON.path: what is wrong`.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.storage.checked import CheckedSessions
from tui.storage.errors import ImportFileError, InvalidRecordError
from tui.storage.validate import EXPORT_FORMAT, EXPORT_VERSION
from tui.untrusted import UntrustedFileError, read_json_file

MAX_FILE_BYTES = 200_000_000
"""The largest export loosen imports: 36,500 sessions (100 years, daily) take about 146 MB."""


def read_import(path: Path) -> CheckedSessions:
    """The sessions of a JSON export, every one checked; raises ImportFileError listing problems."""
    name = str(path)  # as given, as the catalogue's errors name their files
    try:
        document = read_json_file(path, label=name, max_bytes=MAX_FILE_BYTES)
    except UntrustedFileError as error:
        raise ImportFileError([str(error)]) from None
    errors = check_header(document)
    if errors:
        raise ImportFileError([f"{name}: {error}" for error in errors])
    assert isinstance(document, dict)  # check_header says so
    try:
        return CheckedSessions.check(document["sessions"], "sessions", strictly_parsed=True)
    except InvalidRecordError as error:
        raise ImportFileError([f"{name}: {problem}" for problem in error.errors]) from None


def check_header(document: object) -> list[str]:
    """Problems with an export's top level (format, version, sessions), each with its path."""
    if not isinstance(document, dict):
        return [f"expected a JSON object at the top level, got {_shown(document)}"]
    errors: list[str] = []
    if "format" not in document:
        errors.append("format: missing")
    elif document["format"] != EXPORT_FORMAT:
        errors.append(f"format: expected {_shown(EXPORT_FORMAT)}, got {_shown(document['format'])}")
    elif "version" not in document:
        errors.append("version: missing")
    # `type is int`: 1.0 == True == 1 in Python, but a file saying 1.0 is not version 1.
    elif type(document["version"]) is not int or document["version"] != EXPORT_VERSION:
        errors.append(f"version: expected {EXPORT_VERSION}, got {_shown(document['version'])}")
    if "sessions" not in document:
        errors.append("sessions: missing")
    return errors


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value)  # ASCII: nothing in a value can reach the terminal raw
    return text if len(text) <= 40 else text[:37] + "..."

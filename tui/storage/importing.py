"""Reading a loosen JSON export for `loosen import`: the whole file checked once, before any write.

The file is read through `tui.untrusted`: a regular file of at most `MAX_FILE_BYTES`,
strict JSON. Every problem is one line, `FILE: JSON.path: what is wrong`.
"""

from __future__ import annotations

from pathlib import Path

from tui.storage.checked import CheckedSessions
from tui.storage.errors import ImportFileError, InvalidRecordError
from tui.storage.schema3 import upgrade_export
from tui.storage.validate import check_export_header
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
    errors = check_export_header(document)
    if errors:
        raise ImportFileError([f"{name}: {error}" for error in errors])
    assert isinstance(document, dict)  # check_export_header says so
    upgrade_export(document)  # a version 1 export: its sessions gain schema 3's fields
    try:
        return CheckedSessions.check(document["sessions"], "sessions", strictly_parsed=True)
    except InvalidRecordError as error:
        raise ImportFileError([f"{name}: {problem}" for problem in error.errors]) from None

"""Reading a JSON file from outside for the library, through loosen's shared strict reader."""

from __future__ import annotations

from pathlib import Path

from tui.library.record import LibraryError
from tui.untrusted import UntrustedFileError, read_json_file


def read_json(path: Path, max_bytes: int) -> object:
    """The parsed JSON in `path`, or a one-line `LibraryError` naming the file.

    The shared reader refuses anything but a regular file, files over `max_bytes`,
    text that is not UTF-8, duplicate keys, NaN and Infinity, overlong numbers, deep
    nesting and lone surrogates.
    """
    try:
        return read_json_file(path, label=str(path), max_bytes=max_bytes)
    except UntrustedFileError as error:
        raise LibraryError(str(error)) from None

"""Reading a data file's bytes and JSON without hanging, crashing or trusting its shape."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any, cast

from tui.storage.errors import DamagedFileError


def read_regular(path: Path) -> bytes | None:
    """The bytes of the regular file at `path`, or None when there is no file.

    Raises OSError (with a strerror) for anything else there: a directory, a FIFO
    (opened without blocking, so it cannot hang), a device, or a file we may not read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise OSError(errno.EISDIR, "it is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "it is not a regular file", str(path))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def parse_json(path: Path, raw: bytes) -> Any:
    """The JSON value in `raw`; DamagedFileError (naming `path`) if it is not JSON we can hold."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise DamagedFileError(path, f"not valid JSON at {where}: {error.msg}") from None
    except UnicodeDecodeError:
        raise DamagedFileError(path, "not valid UTF-8 text") from None
    except RecursionError:
        raise DamagedFileError(path, "nested too deeply") from None
    except ValueError:  # an integer too long to convert
        raise DamagedFileError(path, "a number too long to read") from None


def check_tables(data: Any) -> str | None:
    """Why `data` is not a TinyDB document tree (object of tables of objects), or None."""
    if not isinstance(data, dict):
        return f"expected a JSON object of tables, found {type(data).__name__}"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f'table "{name}" is not a JSON object'
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                return f'document {doc_id} in table "{name}" is not a JSON object'
    return None


def parse_tables(path: Path, raw: bytes) -> dict[str, dict[str, Any]] | None:
    """A TinyDB file's tables, or None when `raw` is empty; DamagedFileError otherwise."""
    if not raw.strip():
        return None
    data = parse_json(path, raw)
    problem = check_tables(data)
    if problem is not None:
        raise DamagedFileError(path, problem)
    return cast("dict[str, dict[str, Any]]", data)  # the shape check_tables checked

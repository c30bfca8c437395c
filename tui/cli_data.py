"""The `loosen export` and `loosen import` commands."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from tui.storage.errors import ImportFileError, StoreError
from tui.storage.export import export_csv, export_json
from tui.storage.export_wger import export_wger
from tui.storage.importing import read_import
from tui.storage.store import Store
from tui.storage.types import SessionRecord
from tui.text import printable

EXIT_OK = 0
EXIT_BAD_INPUT = 2

Writer = Callable[[Iterable[SessionRecord], TextIO], None]


EXPORT_MODE = 0o600  # an export holds private history


def _say(line: str) -> None:
    """One line on standard error, if there is one to write to."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):
        print(f"loosen: {printable(line)}", file=sys.stderr)


def _tell_notices(store: Store) -> None:
    for notice in store.notices:
        _say(notice)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so what is still buffered can be dropped quietly."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _export_to_stdout(store: Store, write: Writer) -> int:
    out = sys.stdout
    if out is None:  # started with standard output closed (`loosen export >&-`)
        _say("standard output is closed; nothing was exported (use -o FILE)")
        return EXIT_BAD_INPUT
    if isinstance(out, io.TextIOWrapper) and codecs.lookup(out.encoding).name != "utf-8":
        out.reconfigure(encoding="utf-8")  # exports are UTF-8, whatever the locale says
    try:
        write(store.all_sessions(), out)
        out.flush()
    except BrokenPipeError:
        # The reader stopped early (`loosen export | head`): not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except OSError as error:
        _silence_stdout()
        _say(f"cannot write the export to standard output: {error.strerror or error}")
        return EXIT_BAD_INPUT
    except StoreError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    _tell_notices(store)
    return EXIT_OK


def _create_private(output: Path) -> TextIO:
    """Create `output` for writing, mode 0600 whatever the umask; never an existing file."""
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, EXPORT_MODE)
    try:
        os.fchmod(fd, EXPORT_MODE)
        return open(fd, "w", encoding="utf-8", newline="")
    except BaseException:
        os.close(fd)
        raise


def _export_to_file(store: Store, write: Writer, output: Path) -> int:
    try:
        out = _create_private(output)
    except FileExistsError:
        _say(f"{output} already exists; choose another file name")
        return EXIT_BAD_INPUT
    except OSError as error:
        _say(f"{output}: cannot write: {error.strerror or error}")
        return EXIT_BAD_INPUT
    try:
        with out:
            write(store.all_sessions(), out)
            out.flush()
            os.fsync(out.fileno())
    except (OSError, StoreError) as error:
        output.unlink(missing_ok=True)  # ours (O_EXCL): no half export is left behind
        if isinstance(error, OSError):
            _say(f"{output}: cannot write: {error.strerror or error}")
        else:
            _say(f"{error}; {output} was not written")
        return EXIT_BAD_INPUT
    _tell_notices(store)
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(f"exported to {output}", file=sys.stderr)
    return EXIT_OK


def export_sessions(store: Store, file_format: str, output: Path | None) -> int:
    """Write every session to `output` (or standard output) as CSV, JSON or wger measurements.

    Every fault is one line on standard error and exit status 2: standard output closed
    or full, the output file already there, history that cannot be read.
    """
    writers: dict[str, Writer] = {
        "csv": export_csv,
        "json": export_json,
        "wger-measurements": export_wger,
    }
    write = writers[file_format]
    if output is None:
        return _export_to_stdout(store, write)
    return _export_to_file(store, write, output)


def import_sessions(store: Store, path: Path) -> int:
    """Merge a loosen JSON export into history; a bad file changes nothing."""
    try:
        records = read_import(path)
    except ImportFileError as error:
        for line in error.errors:
            print(printable(line), file=sys.stderr)
        return EXIT_BAD_INPUT
    added = store.import_sessions(records)
    already = len(records) - added
    print(f"imported {added} new session(s); {already} already there")
    return EXIT_OK

"""The `loosen export` and `loosen import` commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tui.storage.errors import ImportFileError
from tui.storage.export import export_csv, export_json
from tui.storage.importing import read_import
from tui.storage.store import Store
from tui.text import printable

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def export_sessions(store: Store, file_format: str, output: Path | None) -> int:
    """Write every session to `output` (or standard output) as CSV or JSON."""
    write = export_csv if file_format == "csv" else export_json
    if output is None:
        try:
            write(store.all_sessions(), sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader stopped early (`loosen export | head`): not an error of ours.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    if output.exists():
        print(f"loosen: {output} already exists; choose another file name", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        with output.open("x", encoding="utf-8", newline="") as out:
            write(store.all_sessions(), out)
    except OSError as error:
        print(f"loosen: {output}: cannot write: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"exported to {output}", file=sys.stderr)
    return EXIT_OK


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

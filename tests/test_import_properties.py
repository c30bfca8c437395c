"""Generated hostile import files: a clean one-line-per-problem refusal, or an import that works.

Starting from a real export (sessions run through the engine, saved by the store and
exported), each example mutates types, values, nesting, strings, numbers and keys, then
may damage the bytes. Anything but `ImportFileError` fails, and so does an accepted file
that cannot be imported into a fresh store, exported, and read back.
"""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings

from tests.conftest import finished
from tests.hostile import hostile_files
from tests.samples import sample_record
from tests.test_export import START, tiny_record
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.storage.errors import ImportFileError
from tui.storage.export import export_json
from tui.storage.importing import read_import
from tui.storage.store import Store

EXAMPLES = settings(
    derandomize=True,
    database=None,
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KINDS = (
    "invalid JSON",
    "not UTF-8",
    "duplicate key",
    "nested more",
    "surrogate",
    "too long",
    "JSON allows",
    "out of range",
    "version",
    "format",
    "missing",
    "expected",
)


@cache
def real_export() -> object:
    """A real export: a few sessions, run through the engine and the store, then exported."""
    catalogue = load_catalogue(builtin_routines_file())
    first = catalogue.routines[0].id
    records = [
        finished(catalogue, first, 0, rating=4, note="[b]felt good[/b]"),
        finished(catalogue, catalogue.routines[-1].id, 3),
        sample_record(START - timedelta(days=9), "desk-reset", note='knee ☹ – "later"'),
        tiny_record(),
    ]
    with tempfile.TemporaryDirectory() as directory:
        with Store.open(Path(directory) / "data") as store:
            for record in records:
                store.add_session(record)
            path = Path(directory) / "export.json"
            with path.open("w", encoding="utf-8") as out:
                export_json(store.all_sessions(), out)
        return json.loads(path.read_text(encoding="utf-8"))


REAL = real_export()


def import_and_export(raw: bytes, directory: Path) -> None:
    """Read `raw` as an import file; if accepted, import it, export, and read that back."""
    path = directory / "backup.json"
    path.write_bytes(raw)
    try:
        batch = read_import(path)
    except ImportFileError as error:
        assert error.errors
        for line in error.errors:
            assert line.startswith(f"{path}: ")
            assert "\n" not in line and "\r" not in line
        event(f"refused: {next((k for k in KINDS if k in error.errors[0]), 'other')}")
        return
    event("accepted")
    exported = directory / "again.json"
    with Store.open(directory / "data") as store:
        assert store.import_sessions(batch) == len(batch)
        store.sessions()
        with exported.open("w", encoding="utf-8") as out:
            export_json(store.all_sessions(), out)
    assert len(read_import(exported)) == len(batch)


@EXAMPLES
@given(hostile_files(REAL))
def test_a_mutated_import_file_is_refused_cleanly_or_imports(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        import_and_export(raw, Path(directory))

"""Reaching into a data dir's history files, to plant what a broken disk or hand might leave."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.storage.records import split
from tui.storage.types import JSONObject, SessionRecord


def history_file(data_dir: Path, name: str) -> Path:
    """`data_dir/history/NAME`."""
    return data_dir / "history" / name


def read_tables(path: Path) -> dict[str, dict[str, Any]]:
    """The tables of a TinyDB file as JSON reads them."""
    tables: dict[str, dict[str, Any]] = json.loads(path.read_bytes())
    return tables


def write_tables(path: Path, tables: dict[str, dict[str, Any]]) -> None:
    """Write tables compactly, as loosen does (`ensure_ascii` keeps any surrogate escape)."""
    path.write_text(json.dumps(tables, separators=(",", ":")), "utf-8")


def plant(path: Path, table: str, doc: Any) -> None:
    """Add `doc` (any JSON value) to `table` of the file at `path`, under a fresh doc id."""
    tables = read_tables(path) if path.exists() else {}
    docs = tables.setdefault(table, {})
    docs[str(max(map(int, docs), default=0) + 1)] = doc
    write_tables(path, tables)


def plant_summary(data_dir: Path, year: int, summary: Any) -> None:
    """Add a summary, lists written out in full, to the summary shard of `year`."""
    plant(history_file(data_dir, f"{year}.json"), "sessions", summary)


def plant_sets(data_dir: Path, month: str, doc: Any) -> None:
    """Add an `{"id", "sets"}` document to the sets shard of `month` ("2026-11")."""
    plant(history_file(data_dir, f"{month}-sets.json"), "sets", doc)


def summary_of(record: SessionRecord) -> JSONObject:
    """The summary loosen stores for a full record, as raw JSON (for a test to spoil)."""
    return dict(split(record)[0])


def rejected_records(shard: Path) -> list[Any]:
    """The records kept in the `.rejected` file beside `shard`, oldest first."""
    path = shard.with_name(shard.name + ".rejected")
    if not path.exists():
        return []
    entries = read_tables(path)["rejected"]
    return [entries[key]["record"] for key in sorted(entries, key=int)]

"""Keeping history records that failed validation, beside the file they came from.

`history/2026.json.rejected` holds what was taken out of `history/2026.json`:

    {"rejected": {"1": {"from": "2026.json", "moved_at": "2026-11-23T08:00:01",
                        "problems": ["sessions.4.rating: expected ..."], "record": {...}}}}

Entries are only ever added, each with the record exactly as it was read, so nothing
a user typed is lost and a record can be mended by hand and imported again. The file is
written as ASCII (any lone surrogate escape survives) and replaced atomically.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from tui.storage.atomic import atomic_write_bytes
from tui.storage.errors import DamagedFileError
from tui.storage.files import quarantine
from tui.storage.reading import parse_tables, read_regular
from tui.storage.shard_format import Rejected, next_doc_id

TABLE = "rejected"
SUFFIX = ".rejected"


def rejected_file(shard: Path) -> Path:
    """Where records taken out of `shard` are kept."""
    return shard.with_name(shard.name + SUFFIX)


def set_aside(shard: Path, rejected: list[Rejected], now: datetime) -> Path:
    """Add `rejected` to the shard's rejected file (records it already holds are not repeated).

    A rejected file that is itself damaged is moved aside first. Raises OSError, or
    ValueError/RecursionError for a record JSON cannot write back; nothing is changed then.
    """
    path = rejected_file(shard)
    try:
        raw = read_regular(path)
        table = (parse_tables(path, raw) or {}).get(TABLE, {}) if raw is not None else {}
    except DamagedFileError:
        quarantine(path, now)
        table = {}
    already = {_key(entry) for entry in table.values() if isinstance(entry, dict)}
    next_id = next_doc_id(table)
    for item in rejected:
        entry = {
            "from": shard.name,
            "moved_at": now.isoformat(timespec="seconds"),
            "problems": item.problems,
            "record": item.record,
        }
        if _key(entry) not in already:  # kept by an earlier run that was killed before the end
            table[str(next_id)] = entry
            next_id += 1
    atomic_write_bytes(path, json.dumps({TABLE: table}, indent=1).encode("ascii"))
    return path


def _key(entry: Mapping[str, object]) -> str:
    return json.dumps([entry.get("from"), entry.get("record")], sort_keys=True)

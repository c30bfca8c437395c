"""The summary shard format: summaries whose repeated lists are stored once per file.

Most sessions of a routine share the same `exercises`, `done_exercise_ids` and
`skipped_exercises` lists, and parsing those copies over and over was half the cost of
listing history. So a summary shard holds two TinyDB tables:

    {"sessions": {"1": {..., "exercises": 1, "done_exercise_ids": 2, ...}, ...},
     "lists":    {"1": {"items": [{"id": ..., "name": ...}, ...]}, "2": {"items": [...]}}}

where a shared field holds the doc id of its list. Lists are only ever added, so a
summary never points at a missing list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.storage.errors import DamagedFileError

SESSIONS = "sessions"
LISTS = "lists"
SHARED_FIELDS = ("exercises", "skipped_exercises", "done_exercise_ids")


def next_doc_id(table: dict[str, Any]) -> int:
    """The doc id TinyDB would give the next document of `table`."""
    return max(map(int, table), default=0) + 1


def decode(path: Path, tables: dict[str, dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The summaries in a shard's tables, lists put back (fresh lists; items are shared).

    Raises DamagedFileError if a summary lacks an id or start time, or points at no list.
    """
    tables = tables or {}
    found = list(tables.get(SESSIONS, {}).values())
    try:
        lists = {int(key): doc["items"] for key, doc in tables.get(LISTS, {}).items()}
        for summary in found:
            if type(summary["id"]) is not str or type(summary["started_at"]) is not str:
                raise TypeError
            for field in SHARED_FIELDS:
                ref = summary.get(field)
                if type(ref) is int:
                    summary[field] = list(lists[ref])
    except (KeyError, TypeError, ValueError):
        raise DamagedFileError(path, "a session without an id or start time, or a list") from None
    return found


class SummaryShard:
    """One summary file's tables in memory, for adding or replacing summaries."""

    def __init__(self, tables: dict[str, dict[str, Any]] | None) -> None:
        tables = tables or {}
        self.sessions: dict[str, dict[str, Any]] = tables.get(SESSIONS, {})
        self.lists: dict[str, dict[str, Any]] = tables.get(LISTS, {})
        self._doc_ids = {doc.get("id"): key for key, doc in self.sessions.items()}
        self._list_ids = {_key(doc.get("items")): key for key, doc in self.lists.items()}
        self._next_session = next_doc_id(self.sessions)

    def tables(self) -> dict[str, dict[str, Any]]:
        """The tables to write back."""
        return {SESSIONS: self.sessions, LISTS: self.lists}

    def _list_ref(self, items: list[Any]) -> int:
        key = _key(items)
        if key not in self._list_ids:
            doc_id = str(next_doc_id(self.lists))
            self.lists[doc_id] = {"items": items}
            self._list_ids[key] = doc_id
        return int(self._list_ids[key])

    def put(self, summary: dict[str, Any]) -> None:
        """Add `summary`, or replace the one with the same id."""
        encoded = dict(summary)
        for field in SHARED_FIELDS:
            if isinstance(encoded.get(field), list):
                encoded[field] = self._list_ref(encoded[field])
        doc_id = self._doc_ids.get(summary["id"])
        if doc_id is None:
            doc_id = self._doc_ids[summary["id"]] = str(self._next_session)
            self._next_session += 1
        self.sessions[doc_id] = encoded


def _key(items: Any) -> str:
    return json.dumps(items, sort_keys=True, ensure_ascii=False)

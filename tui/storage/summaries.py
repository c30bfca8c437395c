"""The summary shard format: summaries whose repeated lists are stored once per file.

Most sessions of a routine share the same `exercises`, `done_exercise_ids` and
`skipped_exercises` lists, and parsing those copies over and over was half the cost of
listing history. So a summary shard holds two TinyDB tables:

    {"sessions": {"1": {..., "exercises": 1, "done_exercise_ids": 2, ...}, ...},
     "lists":    {"1": {"items": [{"id": ..., "name": ...}, ...]}, "2": {"items": [...]}}}

where a shared field holds the doc id of its list. Lists are only ever added, so a
summary never points at a missing list. Lists come first in the file, so one cut short
(a full disk) loses the newest summaries, never the lists every summary needs.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from itertools import chain
from pathlib import Path
from typing import Any, cast

from tui.storage import records
from tui.storage.atomic import all_are, plain_values
from tui.storage.records import DONE_IDS
from tui.storage.schema3 import add_new_fields
from tui.storage.shard_format import (
    Rejected,
    Tables,
    Unpacked,
    is_doc_id,
    next_doc_id,
    tables_of,
)
from tui.storage.types import JSONObject, SessionSummary
from tui.storage.validate import (
    SHARED_LISTS,
    check_summary,
    summary_fields_accepted,
    unicode_ok,
)

SESSIONS = "sessions"
LISTS = "lists"
SHARED_FIELDS = ("exercises", "skipped_exercises", "done_exercise_ids")


class SummaryFormat:
    """The summary shard of one year, read and written record by record (see shard_io)."""

    tables: tuple[str, ...] = (LISTS, SESSIONS)

    def __init__(self, year: int) -> None:
        self.year = year

    def noun(self, count: int) -> str:
        """`count` summaries, in words."""
        return f"{count} session record(s)"

    def unpack(self, path: Path, data: object, *, unicode: bool) -> Unpacked[SessionSummary]:
        """Each summary with its lists put back (fresh lists; items are shared), checked."""
        tables = tables_of(path, data, self.tables)
        lists = {
            int(key): doc["items"]
            for key, doc in tables.get(LISTS, {}).items()
            if is_doc_id(key) and isinstance(doc, dict) and isinstance(doc.get("items"), list)
        }
        unpacked: Unpacked[SessionSummary] = Unpacked()
        seen: set[str] = set()
        shared_ok: dict[tuple[str, int], bool] = {}  # each shared list is checked once
        for key, doc in tables.get(SESSIONS, {}).items():
            if not isinstance(doc, dict):
                unpacked.bad.append(Rejected(doc, [f"{SESSIONS}.{key}: expected an object"]))
                continue
            summary = dict(doc)
            add_new_fields(summary)  # a session from before schema 3, in a shard not upgraded
            fine = summary_fields_accepted(summary)
            for name in SHARED_FIELDS:
                ref = doc.get(name)
                if type(ref) is int and ref in lists:
                    ok = shared_ok.get((name, ref))
                    if ok is None:
                        ok = shared_ok[name, ref] = SHARED_LISTS[name].accepts(lists[ref])
                    fine = fine and ok
                    summary[name] = list(lists[ref])
                elif name in summary or name != DONE_IDS:
                    fine = fine and SHARED_LISTS[name].accepts(summary.get(name))
            if fine and unicode:
                fine = unicode_ok(summary)
            # Every field was checked just above: from here on it is a SessionSummary.
            checked = cast(SessionSummary, summary)
            if fine and records.session_year(checked) == self.year and checked["id"] not in seen:
                seen.add(checked["id"])
                unpacked.good.append(checked)
            else:
                problems = self._problems(doc, summary, lists, f"{SESSIONS}.{key}", seen, unicode)
                unpacked.bad.append(Rejected(summary, problems))
        return unpacked

    def _problems(
        self,
        doc: JSONObject,
        summary: JSONObject,
        lists: dict[int, list[Any]],
        where: str,
        seen: set[str],
        unicode: bool,
    ) -> list[str]:
        """Why a summary was turned away, each problem with its JSON path."""
        errors: list[str] = []
        for name in SHARED_FIELDS:
            ref = doc.get(name)
            if type(ref) is int and ref not in lists:
                errors.append(f"{where}.{name}: refers to list {ref}, which is missing")
        check_summary(summary, where, errors, unicode=unicode)
        checked = cast(SessionSummary, summary)  # looked at only when no error was found
        if not errors and records.session_year(checked) != self.year:
            errors.append(f"{where}.started_at: not in {self.year}, the year of this file")
        if not errors and checked["id"] in seen:
            errors.append(f"{where}.id: a second session with this id")
        return errors

    def pack(self, good: list[SessionSummary]) -> Tables:
        """A fresh shard holding exactly `good`."""
        shard = SummaryShard(None)
        for summary in good:
            shard.put(summary)
        return shard.tables()


class SummaryShard:
    """One summary file's tables in memory, for adding or replacing summaries."""

    def __init__(self, tables: Tables | None) -> None:
        tables = tables or {}
        self.sessions: dict[str, JSONObject] = tables.get(SESSIONS, {})
        """Summaries as stored: each shared list replaced by the doc id of its list."""
        self.lists: dict[str, JSONObject] = tables.get(LISTS, {})
        self._doc_ids = {doc.get("id"): key for key, doc in self.sessions.items()}
        self._list_ids = {_key(doc.get("items")): key for key, doc in self.lists.items()}
        self._next_session = next_doc_id(self.sessions)

    def tables(self) -> Tables:
        """The tables to write back; lists first, so a file cut short keeps them."""
        return {LISTS: self.lists, SESSIONS: self.sessions}

    def _list_ref(self, items: list[Any]) -> int:
        key = _key(items)
        if key not in self._list_ids:
            doc_id = str(next_doc_id(self.lists))
            self.lists[doc_id] = {"items": items}
            self._list_ids[key] = doc_id
        return int(self._list_ids[key])

    def put(self, summary: SessionSummary) -> None:
        """Add `summary`, or replace the one with the same id."""
        encoded: JSONObject = dict(summary)
        for field in SHARED_FIELDS:
            if isinstance(encoded.get(field), list):
                encoded[field] = self._list_ref(encoded[field])
        doc_id = self._doc_ids.get(summary["id"])
        if doc_id is None:
            doc_id = self._doc_ids[summary["id"]] = str(self._next_session)
            self._next_session += 1
        self.sessions[doc_id] = encoded

    def drop(self, session_id: str) -> bool:
        """Take out the summary of `session_id` (its lists stay); whether there was one."""
        doc_id = self._doc_ids.pop(session_id, None)
        if doc_id is None:
            return False
        del self.sessions[doc_id]
        return True


# Made once: json.dumps with options builds an encoder per call, a fifth of each call's cost.
_KEY_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)
_TEXT = frozenset((str,))
_OBJECT = frozenset((dict,))
_KEYS_OF_OBJECT_LISTS: dict[tuple[tuple[tuple[str, str], ...], ...], str] = {}


def _key(items: Any) -> Hashable:
    """What a list is shared by: equal for lists written alike (their sorted-keys JSON).

    An import puts tens of thousands of summaries, and encoding three lists of each was
    most of it: a list of strings is its own key (a tuple, never equal to a JSON one),
    and a list of objects of strings is encoded once per spelling.
    """
    if type(items) is list:
        if _TEXT.issuperset(map(type, items)):
            return tuple(items)
        if _OBJECT.issuperset(map(type, items)):
            spelling = tuple(map(tuple, map(dict.items, items)))
            if _TEXT.issuperset(map(type, chain.from_iterable(chain.from_iterable(spelling)))):
                known = _KEYS_OF_OBJECT_LISTS.get(spelling)
                if known is None:
                    if len(_KEYS_OF_OBJECT_LISTS) > 1000:
                        _KEYS_OF_OBJECT_LISTS.clear()
                    known = _KEYS_OF_OBJECT_LISTS[spelling] = _KEY_ENCODER.encode(items)
                return known
    return _KEY_ENCODER.encode(items)


def plain_summaries(tables: Tables) -> bool:
    """Whether a summary shard's tables hold no number but whole ones (see `json_payload`).

    True when every stored summary's values are plain (its shared lists are doc ids by
    then) and every list is `{"items": [...]}` of texts or of objects with plain values.
    """
    rows = list(tables.get(SESSIONS, {}).values())
    docs = list(tables.get(LISTS, {}).values())
    if not (all_are(dict, rows) and plain_values(rows) and all_are(dict, docs)):
        return False
    if any(len(doc) != 1 for doc in docs):
        return False
    try:
        lists = [doc["items"] for doc in docs]
    except KeyError:
        return False
    if not all_are(list, lists):
        return False
    items = list(chain.from_iterable(lists))
    objects = [item for item in items if type(item) is not str]
    return all_are(dict, objects) and plain_values(objects)

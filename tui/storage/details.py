"""The detail (sets) shard format: `{"sets": {"1": {"id": ..., "sets": [...]}, ...}}`."""

from __future__ import annotations

from itertools import chain
from operator import itemgetter
from pathlib import Path

from tui.storage.atomic import all_are, plain_values
from tui.storage.layout import DETAIL_TABLE
from tui.storage.shard_format import Rejected, Tables, Unpacked, next_doc_id, tables_of
from tui.storage.types import SessionSets
from tui.storage.validate import SESSION_SETS


class DetailFormat:
    """One month of sets, read and written document by document (see shard_io)."""

    tables: tuple[str, ...] = (DETAIL_TABLE,)

    def noun(self, count: int) -> str:
        """`count` details documents, in words."""
        return f"the sets of {count} session(s)"

    def unpack(self, path: Path, data: object, *, unicode: bool) -> Unpacked[SessionSets]:
        """Each `{"id", "sets"}` document, checked down to every set."""
        tables = tables_of(path, data, self.tables)
        unpacked: Unpacked[SessionSets] = Unpacked()
        seen: set[str] = set()
        for key, doc in tables.get(DETAIL_TABLE, {}).items():
            if SESSION_SETS.accepts(doc, unicode=unicode) and doc["id"] not in seen:
                seen.add(doc["id"])
                unpacked.good.append(doc)
                continue
            where = f"{DETAIL_TABLE}.{key}"
            errors: list[str] = []
            SESSION_SETS.check(doc, where, errors, unicode=unicode)
            if not errors:  # valid, so turned away for its id
                errors.append(f"{where}.id: a second document for this session")
            unpacked.bad.append(Rejected(doc, errors))
        return unpacked

    def pack(self, good: list[SessionSets]) -> Tables:
        """A fresh shard holding exactly `good`."""
        return {DETAIL_TABLE: {str(n): doc for n, doc in enumerate(good, 1)}}


def with_details(tables: Tables | None, docs: list[SessionSets]) -> Tables:
    """`tables` with each of `docs` added, or replacing the document with the same id."""
    table = (tables or {}).get(DETAIL_TABLE, {})
    doc_ids = {doc.get("id"): key for key, doc in table.items()}
    next_id = next_doc_id(table)
    for doc in docs:
        key = doc_ids.get(doc["id"])
        if key is None:
            key = doc_ids[doc["id"]] = str(next_id)
            next_id += 1
        table[key] = doc
    return {DETAIL_TABLE: table}


def without_details(tables: Tables | None, session_id: str) -> Tables:
    """`tables` without the sets document of `session_id`."""
    table = (tables or {}).get(DETAIL_TABLE, {})
    kept = {key: doc for key, doc in table.items() if doc.get("id") != session_id}
    return {DETAIL_TABLE: kept}


_id_of = itemgetter("id")
_sets_of = itemgetter("sets")


def plain_details(tables: Tables) -> bool:
    """Whether a detail shard's tables hold no number but whole ones (see `json_payload`).

    True when each document is exactly `{"id": text, "sets": [objects]}` and every value of
    those set objects is plain: a quick look at the values, not a walk through the tree.
    """
    docs = list(tables.get(DETAIL_TABLE, {}).values())
    if not all_are(dict, docs) or any(len(doc) != 2 for doc in docs):
        return False
    try:
        ids, lists = list(map(_id_of, docs)), list(map(_sets_of, docs))
    except KeyError:
        return False
    if not (all_are(str, ids) and all_are(list, lists)):
        return False
    sets = list(chain.from_iterable(lists))
    return all_are(dict, sets) and plain_values(sets)

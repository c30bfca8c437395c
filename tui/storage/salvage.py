"""Getting back every document that still parses from a damaged TinyDB file's text.

A file cut short by a full disk, or with a few bytes overwritten, still holds most of
its documents intact. Each table is found by its name and read one document at a time
with `json.JSONDecoder.raw_decode`; after a document that does not parse, reading picks
up again at the next `,"<doc id>":{`, never past the start of the next table. Quotes
inside JSON strings are always escaped, so no pattern can match inside a note or a name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

_DOC_KEY = re.compile(r'\s*,?\s*"(\d+)"\s*:\s*')
_NEXT_DOC = re.compile(r',\s*"(\d+)"\s*:\s*\{')
_TABLE_END = re.compile(r"\s*\}")
_DOC_OPEN = re.compile(r'[{,]\s*"\d+"\s*:\s*\{')


@dataclass
class Salvaged:
    """The documents read back, by table and doc id, and how many could not be read."""

    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    unreadable: int = 0


def _table_start(text: str, name: str) -> int | None:
    found = re.search(rf'"{re.escape(name)}"\s*:\s*\{{', text)
    return found.end() if found else None


def _scan(text: str, pos: int, limit: int, salvaged: Salvaged) -> tuple[dict[str, Any], int]:
    """The documents of the table whose text starts at `pos`; where reading stopped."""
    decoder = json.JSONDecoder()
    table: dict[str, Any] = {}
    while pos < limit:
        key = _DOC_KEY.match(text, pos, limit)
        if key is None:
            if _TABLE_END.match(text, pos, limit):
                break
            resume = _NEXT_DOC.search(text, pos, limit)  # stray bytes: on to the next document
            pos = resume.start() if resume else limit
            continue
        try:
            doc, pos = decoder.raw_decode(text, key.end())
        except (ValueError, RecursionError):
            salvaged.unreadable += 1
            resume = _NEXT_DOC.search(text, key.end(), limit)
            pos = resume.start() if resume else limit
            continue
        table[key.group(1)] = doc
    return table, pos


def _first_unclaimed_doc(text: str, claimed: list[tuple[int, int]]) -> int | None:
    for found in _DOC_OPEN.finditer(text):
        if not any(start <= found.start() < end for start, end in claimed):
            return found.start() + (text[found.start()] == "{")
    return None


def salvage_tables(text: str, names: Sequence[str]) -> Salvaged:
    """The documents of each table in `names` that parse, from a TinyDB file's `text`.

    Documents come back as parsed, whatever their shape; the caller validates them. A
    table whose name was spoiled is taken to be the first run of documents that no other
    table claims.
    """
    salvaged = Salvaged()
    starts = {name: _table_start(text, name) for name in names}
    found = sorted(start for start in starts.values() if start is not None)
    claimed: list[tuple[int, int]] = []

    def read(name: str, start: int) -> None:
        limit = min((other for other in found if other > start), default=len(text))
        salvaged.tables[name], end = _scan(text, start, limit, salvaged)
        claimed.append((start - 1, end))  # from the table's opening brace

    for name in names:
        start = starts[name]
        if start is not None:
            read(name, start)
    for name in names:
        if starts[name] is None:
            start = _first_unclaimed_doc(text, claimed)
            salvaged.tables[name] = {}
            if start is not None:
                read(name, start)
    salvaged.tables = {name: salvaged.tables[name] for name in names}
    return salvaged

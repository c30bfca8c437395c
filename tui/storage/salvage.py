"""Getting back every document that still parses from a damaged TinyDB file's text.

A file cut short by a full disk, or with a few bytes overwritten, still holds most of
its documents intact. Each table is found by its name and read one document at a time
with `json.JSONDecoder.raw_decode`; after a document that does not parse, reading picks
up again at the next `,"<doc id>":{`. Quotes inside JSON strings are always escaped, so
neither pattern can match inside a note or a name.
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


@dataclass
class Salvaged:
    """The documents read back, by table and doc id, and how many could not be read."""

    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    unreadable: int = 0


def _table_start(text: str, name: str) -> int | None:
    found = re.search(rf'"{re.escape(name)}"\s*:\s*\{{', text)
    return found.end() if found else None


def salvage_tables(text: str, names: Sequence[str]) -> Salvaged:
    """The documents of each table in `names` that parse, from a TinyDB file's `text`.

    Documents come back as parsed, whatever their shape; the caller validates them.
    """
    decoder = json.JSONDecoder()
    salvaged = Salvaged()
    for name in names:
        table: dict[str, Any] = {}
        salvaged.tables[name] = table
        pos = _table_start(text, name)
        while pos is not None:
            key = _DOC_KEY.match(text, pos)
            if key is None:
                if _TABLE_END.match(text, pos):
                    break
                resume = _NEXT_DOC.search(text, pos)  # stray bytes: skip to the next document
                pos = resume.start() if resume else None
                continue
            try:
                doc, pos = decoder.raw_decode(text, key.end())
            except (ValueError, RecursionError):
                salvaged.unreadable += 1
                resume = _NEXT_DOC.search(text, key.end())
                pos = resume.start() if resume else None
                continue
            table[key.group(1)] = doc
    return salvaged

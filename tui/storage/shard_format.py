"""What every history shard format provides, and the records it turns away."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from tui.storage.errors import DamagedFileError

Tables = dict[str, dict[str, Any]]
"""A TinyDB file's tables (documents by doc id, by table name): raw JSON, the lowest layer."""
Doc = TypeVar("Doc")


def tables_of(path: Path, data: object, names: tuple[str, ...]) -> Tables:
    """`data` as a shard's tables, only those in `names`; DamagedFileError if it is not."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        found = type(data).__name__
        raise DamagedFileError(path, f"expected a JSON object of tables, found {found}")
    for name, table in data.items():
        if name not in names:
            raise DamagedFileError(path, f'an unknown table "{name}"')
        if not isinstance(table, dict):
            raise DamagedFileError(path, f'table "{name}" is not a JSON object')
    return data


def is_doc_id(key: str) -> bool:
    """Whether `key` is a doc id as TinyDB writes them (ASCII digits)."""
    return key.isascii() and key.isdigit()


def next_doc_id(table: dict[str, Any]) -> int:
    """The doc id TinyDB would give the next document of `table`."""
    return max((int(key) for key in table if is_doc_id(key)), default=0) + 1


@dataclass(frozen=True)
class Rejected:
    """A record that failed validation, and why (each problem starts with its JSON path)."""

    record: object
    problems: list[str]


@dataclass
class Unpacked(Generic[Doc]):
    """A shard's records that passed validation (typed from here on), and those that did not."""

    good: list[Doc] = field(default_factory=list)
    bad: list[Rejected] = field(default_factory=list)


class ShardFormat(Protocol[Doc]):
    """How one kind of shard is laid out and checked."""

    tables: tuple[str, ...]
    """The tables to salvage from a damaged file, in the order they are needed."""

    def noun(self, count: int) -> str:
        """`count` records of this kind, in words: "3 session record(s)"."""
        ...

    def unpack(self, path: Path, data: object, *, unicode: bool) -> Unpacked[Doc]:
        """Validate every record; DamagedFileError if `data` is not shaped like this shard."""
        ...

    def pack(self, good: list[Doc]) -> Tables:
        """The tables that hold exactly `good`."""
        ...

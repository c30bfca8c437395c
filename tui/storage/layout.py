"""Where each kind of data lives inside the data dir (schema version 3).

    data_dir/
      lock                 held with flock by the one writing loosen
      meta.json            {"meta": {"1": {"schema_version": 3}}}
      settings.json        {"settings": {"1": {"bell": true, ...}}}
      active.json          {"active": {"1": {"session": {...}}}}: the unfinished session
      trash.json           {"trash": {"1": {"entries": [...]}}}: deleted sessions, kept 30 days
      history/
        2026.json          {"sessions": ..., "lists": ...}: summaries (records without "sets"),
                           repeated lists stored once (see tui.storage.summaries)
        2026-11-sets.json  {"sets": ...}: {"id", "sets"} per session; one month, so a detail
                           view or an added session parses and rewrites little
        2026.json.rejected records taken out of 2026.json because they were not valid
                           (see tui.storage.rejects); likewise beside a sets shard
      backup-v1-.../       copies taken before a migration

Every file is a TinyDB JSON file written through AtomicJSONStorage. History is sharded
by the local date each session started on: summaries by year (listing reads them all,
so fewer files is better), sets by month (only ever read one session at a time).
Adding a session rewrites one year of summaries and one month of sets, never more.
"""

from __future__ import annotations

import re
from pathlib import Path

SCHEMA_VERSION = 3

LOCK = "lock"
META = "meta.json"
SETTINGS = "settings.json"
ACTIVE = "active.json"
TRASH = "trash.json"
HISTORY = "history"
V1_DATABASE = "loosen.json"

META_TABLE = "meta"
SETTINGS_TABLE = "settings"
ACTIVE_TABLE = "active"
TRASH_TABLE = "trash"
DETAIL_TABLE = "sets"

_SUMMARY_SHARD = re.compile(r"^(\d{4})\.json$")
_DETAIL_SHARD = re.compile(r"^\d{4}-\d{2}-sets\.json$")


def summary_shard(history_dir: Path, year: int) -> Path:
    """The file with the summaries of sessions started in `year`."""
    return history_dir / f"{year:04d}.json"


def detail_shard(history_dir: Path, month: tuple[int, int]) -> Path:
    """The file with the sets of sessions started in `month` (year, month)."""
    year, number = month
    return history_dir / f"{year:04d}-{number:02d}-sets.json"


def shard_years(history_dir: Path) -> list[int]:
    """The years that have a summary shard, oldest first."""
    try:
        names = [entry.name for entry in history_dir.iterdir()]
    except FileNotFoundError:
        return []
    return sorted(int(m.group(1)) for m in map(_SUMMARY_SHARD.match, names) if m)


def is_shard_name(name: str) -> bool:
    """Whether `name` is that of a summary or detail shard."""
    return bool(_SUMMARY_SHARD.match(name) or _DETAIL_SHARD.match(name))

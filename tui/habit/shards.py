"""Reading the history's year shards directly, read-only, for the habit's days.

Kept free of pathlib and TinyDB so `loosen status` starts fast. The names mirror
tui.storage.layout (a test keeps them equal).
"""

from __future__ import annotations

import json
import os
from stat import S_ISREG

from tui.habit.counting import counts_for_habit, local_day
from tui.habit.marks import mask_of

TYPE_CHECKING = False  # typing itself would cost `loosen status` milliseconds on every prompt
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

HISTORY = "history"
SETTINGS = "settings.json"
SETTINGS_TABLE = "settings"
META = "meta.json"
META_TABLE = "meta"
V1_DATABASE = "loosen.json"
SESSIONS_TABLE = "sessions"
ONLY_DOC = "1"

Stamp = list[int]
"""What identifies one version of a file: [inode, size, mtime in ns]."""


class UnreadableFile(Exception):
    """A data file that can't be read or is not what loosen writes; one line to show."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


def read_json(path: str) -> Any:
    """The parsed file, or None when it is missing or empty; raises UnreadableFile."""
    try:
        # Non-blocking, then regular files only: a FIFO put in a shard's place must not
        # hang `loosen status` or the writer bringing the index up to date.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as file:
            if not S_ISREG(os.fstat(fd).st_mode):
                raise UnreadableFile(path, "not a regular file")
            raw = file.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadableFile(path, f"cannot read: {error.strerror or error}") from None
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise UnreadableFile(path, "damaged: not valid JSON") from None


def only_doc(path: str, table: str) -> dict[str, Any]:
    """The single document of a one-document TinyDB file ({} when missing)."""
    data = read_json(path)
    if data is None:
        return {}
    doc = data.get(table, {}).get(ONLY_DOC, {}) if isinstance(data, dict) else None
    if not isinstance(doc, dict):
        raise UnreadableFile(path, f'damaged: no "{table}" document in it')
    return doc


def shard_years(history_dir: str) -> list[int]:
    """The years that have a summary shard, newest first."""
    try:
        names = os.listdir(history_dir)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise UnreadableFile(history_dir, f"cannot list: {error.strerror or error}") from None
    # "2026.json": plain string tests, a third of the time of a regex over a long listing.
    return sorted(
        (
            int(name[:4])
            for name in names
            if len(name) == 9
            and name.endswith(".json")
            and name[:4].isdecimal()
            and name[:4].isascii()
        ),
        reverse=True,
    )


def shard_path(history_dir: str, year: int) -> str:
    """The summary shard of `year`."""
    return os.path.join(history_dir, f"{year:04d}.json")


def stamp(path: str) -> Stamp | None:
    """The file's stamp, or None when it is missing. Atomic writes give a new inode."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadableFile(path, f"cannot read: {error.strerror or error}") from None
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def shard_marks(path: str) -> tuple[int, int]:
    """(first, mask) of the local days with a counting session in one summary shard."""
    data = read_json(path)
    if data is None:
        return 0, 0
    sessions = data.get(SESSIONS_TABLE, {}) if isinstance(data, dict) else None
    if not isinstance(sessions, dict):
        raise UnreadableFile(path, "damaged: no sessions table in it")
    return marks_of(sessions.values())


def marks_of(summaries: Iterable[Any]) -> tuple[int, int]:
    """(first, mask) of the local days with a counting session among a shard's summaries."""
    days: list[int] = []
    for summary in summaries:
        if not isinstance(summary, dict) or not counts_for_habit(summary):
            continue
        try:
            days.append(local_day(summary["started_at"]).toordinal())
        except (KeyError, TypeError, ValueError, OverflowError):
            continue  # a bad record: history sets it aside; it marks no day meanwhile
    return mask_of(days)


def latest_routine(path: str) -> tuple[str, str] | None:
    """(start time in UTC, routine id) of the shard's latest counting session, or None."""
    data = read_json(path)
    sessions = data.get(SESSIONS_TABLE, {}) if isinstance(data, dict) else None
    if not isinstance(sessions, dict):
        return None
    latest: tuple[str, str] | None = None
    for summary in sessions.values():
        if not isinstance(summary, dict) or not counts_for_habit(summary):
            continue
        routine = summary.get("routine_id")
        try:
            started = utc_text(summary["started_at"])
        except (KeyError, TypeError, ValueError, OverflowError):
            continue
        if isinstance(routine, str) and (latest is None or started > latest[0]):
            latest = (started, routine)
    return latest


def utc_text(started_at: str) -> str:
    """A start time in UTC as sortable text."""
    from datetime import UTC, datetime

    return datetime.fromisoformat(started_at).astimezone(UTC).isoformat()

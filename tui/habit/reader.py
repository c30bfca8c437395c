"""A read-only look at a data dir for the habit: no lock, no writes, no TinyDB.

Safe beside a running loosen: every file it reads is replaced by atomic renames, so
each read sees a whole old or a whole new file.
"""

from __future__ import annotations

import os

from tui.habit.counting import year_start
from tui.habit.goal import GOAL_SETTING, stored_goal
from tui.habit.index import entry_marks, read_index
from tui.habit.marks import NO_FLOOR, DayMarks
from tui.habit.shards import (
    HISTORY,
    META,
    META_TABLE,
    SETTINGS,
    SETTINGS_TABLE,
    V1_DATABASE,
    UnreadableFile,
    latest_routine,
    only_doc,
    shard_marks,
    shard_path,
    shard_years,
    stamp,
)

TYPE_CHECKING = False  # typing itself would cost `loosen status` milliseconds on every prompt
if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date
    from typing import Any

    from tui.habit.marks import Chunk
    from tui.habit.status import HabitStatus

SCHEMA_VERSION = 3
"""The data dir layout this reader knows (tui.storage.layout.SCHEMA_VERSION). Schema 2
differs only in session fields this reader never looks at, so it is read too."""
SPILL_DAYS = 2
"""A session's local day can fall up to two days outside its shard's year: the shard is
chosen by the date in the session's own UTC offset, the day by ours, and offsets are
under 24 hours either way."""


class HabitDataError(Exception):
    """The data dir can't be read for the habit; the message is one line for the user."""


class HabitData:
    """The settings and session days of one data dir, read on demand."""

    def __init__(self, data_dir: str) -> None:
        """Check the data dir is there and readable; raises HabitDataError."""
        self.data_dir = data_dir
        self._settings: dict[str, Any] | None = None
        if not os.path.isdir(data_dir):
            what = "is not a directory" if os.path.exists(data_dir) else "does not exist"
            raise HabitDataError(f"data dir {data_dir} {what} (no history yet?)")
        if not os.access(data_dir, os.R_OK | os.X_OK):
            raise HabitDataError(f"data dir {data_dir}: cannot read it (permission denied)")
        meta = self._doc(META, META_TABLE)
        version = meta.get("schema_version")
        if version is None and os.path.exists(os.path.join(data_dir, V1_DATABASE)):
            raise HabitDataError(f"data dir {data_dir} needs upgrading: open loosen once")
        if version is not None and version not in (2, SCHEMA_VERSION):
            raise HabitDataError(
                f"{os.path.join(data_dir, META)}: schema_version {version!r} is not one this "
                "loosen reads"
            )

    def _doc(self, name: str, table: str) -> dict[str, Any]:
        try:
            return only_doc(os.path.join(self.data_dir, name), table)
        except UnreadableFile as error:
            raise HabitDataError(str(error)) from None

    def setting(self, key: str) -> Any:
        """A stored setting, or None."""
        if self._settings is None:
            self._settings = self._doc(SETTINGS, SETTINGS_TABLE)
        return self._settings.get(key)

    @property
    def goal(self) -> int:
        """The weekly goal (the default if unset)."""
        return stored_goal(self.setting(GOAL_SETTING))

    def marks(self) -> DayMarks:
        """The days with a counting session; older years are read only when asked about."""
        return DayMarks(chunks=self._chunks())

    def _chunks(self) -> Iterator[Chunk]:
        history = os.path.join(self.data_dir, HISTORY)
        try:
            years = shard_years(history)
        except UnreadableFile as error:
            raise HabitDataError(str(error)) from None
        index = read_index(self.data_dir) if years else {}
        for position, year in enumerate(years):
            path = shard_path(history, year)
            try:
                found = None
                entry = index.get(str(year))
                if entry is not None and entry["stamp"] == stamp(path):
                    found = entry_marks(entry)
                first, mask = found if found is not None else shard_marks(path)
            except UnreadableFile as error:
                raise HabitDataError(f"{error}; open loosen to set it aside") from None
            older = position + 1 < len(years)
            # Days from this floor on are complete: no older shard can reach them.
            floor = year_start(year) + SPILL_DAYS if older else NO_FLOOR
            yield first, mask, floor

    def last_routine_id(self) -> str | None:
        """The routine of the latest counting session (the usual one), or None."""
        history = os.path.join(self.data_dir, HISTORY)
        try:
            years = shard_years(history)
            for position, year in enumerate(years):
                found = latest_routine(shard_path(history, year))
                if found is None:
                    continue
                # A session a day or two into the next year may sit in the older shard.
                if position + 1 < len(years) and years[position + 1] == year - 1:
                    older = latest_routine(shard_path(history, year - 1))
                    if older is not None and older[0] > found[0]:
                        found = older
                return found[1]
        except UnreadableFile:
            return None
        return None


def current_status(data_dir: str, today: date) -> HabitStatus | None:
    """Where the habit stands (goal from settings), or None if the data dir can't be read."""
    from tui.habit.status import habit_status

    try:
        data = HabitData(data_dir)
        return habit_status(data.marks(), today, data.goal)
    except HabitDataError:
        return None

"""Which routine's sessions history shows: the choices, with how many sessions each has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from tui.history.tally import HistoryTally
from tui.storage.types import Session

ALL_ROUTINES = "All routines"


class RoutineChoice(NamedTuple):
    """One entry of the filter picker: a routine id (None: all), its name, its sessions."""

    routine_id: str | None
    name: str
    sessions: int
    """Sessions listed for it: the rows the table shows with this filter."""


def routine_choices(tally: HistoryTally) -> list[RoutineChoice]:
    """'All routines' first, then every routine in history, the most used first."""
    choices = [
        RoutineChoice(routine_id, tally.routine_names.get(routine_id, routine_id), found.listed)
        for routine_id, found in tally.routines.items()
    ]
    choices.sort(key=lambda choice: (-choice.sessions, choice.name.casefold()))
    return [RoutineChoice(None, ALL_ROUTINES, tally.all.listed), *choices]


def shown_sessions(summaries: Sequence[Session], routine_id: str | None) -> Sequence[Session]:
    """The summaries the table lists for a filter (all of them, not a copy, for None)."""
    if routine_id is None:
        return summaries
    return [summary for summary in summaries if summary.get("routine_id") == routine_id]


def filter_name(tally: HistoryTally, routine_id: str | None) -> str:
    """The name the screen gives a filter: 'All routines' or the routine's own."""
    if routine_id is None:
        return ALL_ROUTINES
    return tally.routine_names.get(routine_id, routine_id)

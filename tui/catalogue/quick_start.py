"""Starting again with one key: the usual routine, else the routine done last.

Pure functions over session summaries (the dicts `Store.sessions()` gives), no I/O.
A session counts as done when it has at least one done set, as for streaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from tui.catalogue.model import Catalogue, Routine
from tui.history.stats import counts, local_start
from tui.storage.types import SessionSummary

USUAL_ROUTINE = "usual_routine"
"""The setting holding the id of the routine the person marked as usual ('' for none)."""
SINGLE_PREFIX = "just-"
"""Sessions of one exercise done on its own have routine ids like `just-bench-stretch`."""
HOW_TO_START = "start one by id: loosen start ID (loosen routines lists them)"


def last_done_by_routine(summaries: Iterable[SessionSummary]) -> dict[str, datetime]:
    """When each routine was last done (its newest session with a done set), in local time."""
    found: dict[str, datetime] = {}
    for summary in summaries:
        routine_id = summary.get("routine_id")
        if not isinstance(routine_id, str) or not counts(summary):
            continue
        started = local_start(summary["started_at"])
        if routine_id not in found or started > found[routine_id]:
            found[routine_id] = started
    return found


class QuickStart(NamedTuple):
    """What `loosen start` with no id starts, and why; or, with no routine, why not."""

    routine: Routine | None
    reason: str
    """'your usual routine', 'the routine you did last, on 2026-12-01', or the problem."""


def _done_routine(summary: SessionSummary, catalogue: Catalogue) -> bool:
    """Whether the session counts and was a routine (not one exercise done on its own)."""
    routine_id = summary.get("routine_id")
    if not isinstance(routine_id, str) or not counts(summary):
        return False
    return not routine_id.startswith(SINGLE_PREFIX) or catalogue.routine(routine_id) is not None


def quick_start_routine(
    catalogue: Catalogue, newest_first: Iterable[SessionSummary], usual: str | None = None
) -> QuickStart:
    """The usual routine if one is marked and still there, else the routine done last.

    `newest_first` is read only up to the first session that counts, so a store can hand
    over its newest year first and never read the older ones.
    """
    if usual:
        routine = catalogue.routine(usual)
        if routine is not None:
            return QuickStart(routine, "your usual routine")
    last = next((s for s in newest_first if _done_routine(s, catalogue)), None)
    gone = f'your usual routine "{usual}" is no longer in the catalogue; ' if usual else ""
    if last is None:
        return QuickStart(None, f"{gone}nothing done yet to start again; {HOW_TO_START}")
    routine = catalogue.routine(last["routine_id"])
    if routine is None:
        name = last.get("routine_name") or last["routine_id"]
        return QuickStart(
            None,
            f'{gone}the routine you did last, "{name}" ({last["routine_id"]}),'
            f" is no longer in the catalogue; {HOW_TO_START}",
        )
    day = local_start(last["started_at"]).date().isoformat()
    return QuickStart(routine, f"{gone}the routine you did last, on {day}")

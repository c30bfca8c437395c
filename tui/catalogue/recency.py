"""When each routine was last done, and which one to offer first, read a year at a time.

The catalogue shows beside each routine when it was last done and opens on the routine
`quick_start_routine` would start. History is read newest year first and only until every
routine of the catalogue has been found: a person with three routines done this week costs
one year's shard, however long their history.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import NamedTuple

from tui.catalogue.model import Catalogue
from tui.catalogue.quick_start import last_done_by_routine, quick_start_routine
from tui.storage.types import SessionSummary

YearBatch = tuple[int, list[SessionSummary]]
"""A year and its session summaries, newest first (as `Store.sessions_by_year` gives them)."""


class Recency(NamedTuple):
    """What is known so far of when routines were done."""

    last_done: Mapping[str, datetime]
    """When each routine found so far was last done (a session with a done set)."""
    quick_start: str | None
    """The id of the routine to offer first: the usual one, else the one done last."""
    today: date
    complete: bool = False
    """True once every routine's date is known (or all of history was read)."""

    def ago(self, routine_id: str) -> str:
        """The column beside a routine: 'today', '3d', '2w', '5mo', '1y' ('' never done)."""
        when = self.last_done.get(routine_id)
        return "" if when is None else short_ago(when.date(), self.today)

    def ago_words(self, routine_id: str) -> str | None:
        """'today', 'yesterday', '3 days ago (2026-12-01)'; None if not done (or not known yet)."""
        when = self.last_done.get(routine_id)
        return None if when is None else ago_in_words(when.date(), self.today)


def short_ago(day: date, today: date) -> str:
    """How long ago `day` was, in at most four characters."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days < 14:
        return f"{days}d"
    if days < 61:
        return f"{days // 7}w"
    if days < 730:
        return f"{days // 30}mo"
    return f"{days // 365}y"


def ago_in_words(day: date, today: date) -> str:
    """How long ago `day` was, in words, with the date past yesterday."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago ({day.isoformat()})"


def routine_recency(
    catalogue: Catalogue, years: Iterable[YearBatch], usual: str | None, today: date
) -> Iterator[Recency]:
    """What is known after each year read, newest year first; stops once nothing is missing."""
    wanted = {routine.id for routine in catalogue.routines}
    found: dict[str, datetime] = {}
    usual_routine = catalogue.routine(usual) if usual else None
    quick = usual_routine.id if usual_routine is not None else None
    decided = quick is not None
    for _year, summaries in years:
        for routine_id, when in last_done_by_routine(summaries).items():
            if routine_id not in found or when > found[routine_id]:
                found[routine_id] = when
        if not decided:
            chosen = quick_start_routine(catalogue, summaries, usual).routine
            if chosen is not None:
                quick, decided = chosen.id, True
        complete = decided and wanted <= found.keys()
        yield Recency(dict(found), quick, today, complete)
        if complete:
            return
    yield Recency(dict(found), quick, today, complete=True)

"""One session as a row of the history table, in words (the widget only lays them out)."""

from __future__ import annotations

from typing import NamedTuple

from tui.history.stats import counts
from tui.storage.types import Session
from tui.wording import clock, rating_marks_or_dash, started_words

IN_PROGRESS = "in progress"
"""The status of the unfinished session, shown at the top while it lasts."""
NOT_COUNTED = "not counted"
"""The status of a session with no set done: it is listed but counts for nothing."""


class SessionRow(NamedTuple):
    """The words of one row: when, which routine, how long, sets, feel and status."""

    session_id: str
    started: str
    routine: str
    time: str
    sets: str
    feel: str
    status: str
    in_progress: bool = False


def status_words(summary: Session) -> str:
    """'finished' or 'abandoned'; 'not counted' when no set was done."""
    return str(summary.get("status", "")) if counts(summary) else NOT_COUNTED


def session_row(summary: Session, *, in_progress: bool = False) -> SessionRow:
    """The row for a summary (or a record); `in_progress` for the unfinished session."""
    return SessionRow(
        session_id=str(summary.get("id", "")),
        started=started_words(summary),
        routine=str(summary.get("routine_name", "")),
        time=clock(int(summary.get("duration_seconds") or 0)),
        sets=f"{summary.get('sets_done', 0)}/{summary.get('sets_planned', 0)}",
        feel=rating_marks_or_dash(summary.get("rating")),
        status=IN_PROGRESS if in_progress else status_words(summary),
        in_progress=in_progress,
    )

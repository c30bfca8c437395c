"""What a session leaves on disk: the unfinished document and the finished record."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from tui.catalogue.loader import CatalogueError
from tui.catalogue.serialize import routine_from_data, routine_to_data
from tui.session.engine import SessionEngine
from tui.session.model import SetRecord
from tui.session.snapshot import SnapshotError
from tui.storage.types import (
    ActiveDocument,
    CheckIn,
    Outcome,
    SessionRecord,
    SetEntry,
    Side,
    Status,
)
from tui.storage.validate import ACTIVE_DOCUMENT

FINISHED: Final = "finished"
ABANDONED: Final = "abandoned"
# The engine's words for sides and outcomes, as the record's types spell them.
_SIDES: dict[str | None, Side | None] = {"left": "left", "right": "right", None: None}
_OUTCOMES: dict[str, Outcome] = {"done": "done", "skipped": "skipped"}


def end_status(engine: SessionEngine) -> Status:
    """FINISHED for a session that reached its end with something done; else ABANDONED."""
    return FINISHED if engine.counts_as_finished else ABANDONED


class ActiveSessionError(ValueError):
    """A saved unfinished session could not be rebuilt."""


def new_session_id() -> str:
    """A fresh, unique session id."""
    return uuid.uuid4().hex


def active_document(
    session_id: str, engine: SessionEngine, check_in: CheckIn | None = None
) -> ActiveDocument:
    """The unfinished session as saved after every step: its plan, the engine's state and
    the check-ins answered so far (if any)."""
    document: ActiveDocument = {
        "id": session_id,
        "routine": routine_to_data(engine.routine),
        "engine": engine.snapshot(),
    }
    if check_in is not None:
        document["check_in"] = check_in
    return document


@dataclass(frozen=True)
class ResumedSession:
    """An unfinished session rebuilt from disk."""

    session_id: str
    engine: SessionEngine
    check_in: CheckIn | None = None


def resume(
    document: object,
    *,
    clock: Callable[[], float],
    now: Callable[[], datetime] | None = None,
) -> ResumedSession:
    """Rebuild an unfinished session exactly where it stopped; raises `ActiveSessionError`.

    The document is checked by the validator storage uses (`ACTIVE_DOCUMENT`), then its
    routine by the catalogue's reader and its engine state by `parse_snapshot`.
    """
    cannot = "the unfinished session can't be resumed"
    if not ACTIVE_DOCUMENT.accepts(document):
        raise ActiveSessionError(f"{cannot}: {ACTIVE_DOCUMENT.problems(document)[0]}")
    try:
        routine = routine_from_data(document["routine"], "unfinished session")
        if now is None:
            engine = SessionEngine.restore(routine, document["engine"], clock=clock)
        else:
            engine = SessionEngine.restore(routine, document["engine"], clock=clock, now=now)
    except (KeyError, TypeError, CatalogueError, SnapshotError) as error:
        raise ActiveSessionError(f"{cannot}: {error}") from None
    return ResumedSession(
        session_id=document["id"], engine=engine, check_in=document.get("check_in")
    )


def session_record(
    session_id: str,
    engine: SessionEngine,
    *,
    status: Status,
    ended_at: datetime,
    rating: int | None = None,
    note: str | None = None,
    check_in: CheckIn | None = None,
) -> SessionRecord:
    """The finished (or abandoned) session as history keeps it."""
    routine = engine.routine
    exercises: dict[str, str] = {}
    for step in routine.steps:
        exercises.setdefault(step.exercise.id, step.exercise.name)
    return {
        "id": session_id,
        "routine_id": routine.id,
        "routine_name": routine.name,
        "started_at": engine.started_at,
        "ended_at": ended_at.isoformat(timespec="seconds"),
        # Whole seconds, cut like the clocks on screen, so history and summary agree.
        "duration_seconds": int(engine.elapsed_seconds()),
        "status": status,
        "sets_planned": engine.planned_count,
        "sets_done": engine.done_count,
        "skipped_exercises": list(engine.skipped_exercise_ids),
        "exercises": [{"id": key, "name": name} for key, name in exercises.items()],
        "sets": [set_entry(record) for record in engine.records],
        "rating": rating,
        "note": note or None,
        "check_in": check_in,
        "edited_at": None,
    }


def set_entry(record: SetRecord) -> SetEntry:
    """One set as history keeps it (the engine numbers slots; history does not)."""
    return {
        "exercise_id": record.exercise_id,
        "exercise_name": record.exercise_name,
        "set": record.set_number,
        "side": _SIDES[record.side],
        "reps": record.reps,
        "seconds": record.seconds,
        "outcome": _OUTCOMES[record.outcome],
        "at": record.at,
    }


def abandoned_record(document: object, *, ended_at: datetime) -> SessionRecord | None:
    """The history record for an unfinished session the person discarded, if it can be read."""
    try:
        resumed = resume(document, clock=lambda: 0.0)
    except ActiveSessionError:
        return None
    return session_record(
        resumed.session_id,
        resumed.engine,
        status=ABANDONED,
        ended_at=ended_at,
        check_in=resumed.check_in,
    )

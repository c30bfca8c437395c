"""Realistic session records and active sessions, for tests and benchmarks."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from tui.storage.types import ActiveDocument, CheckIn, SessionRecord, SetEntry, Side, Status

ROUTINES: dict[str, tuple[str, list[tuple[str, str, bool]]]] = {
    # routine id: (name, [(exercise id, name, one side at a time)])
    "desk-reset": (
        "Desk reset",
        [
            ("thoracic-extension", "Thoracic extension over chair", False),
            ("thread-the-needle", "Thread the needle", True),
            ("wall-angels", "Wall angels", False),
            ("doorway-stretch", "Doorway pec stretch", True),
        ],
    ),
    "morning-loosen": (
        "Morning loosen",
        [
            ("cat-cow", "Cat–cow", False),
            ("open-book", "Open book", True),
            ("band-pull-apart", "Band pull-apart", False),
            ("child-pose-reach", "Child's pose side reach", True),
        ],
    ),
    "pre-lift": (
        "Pre-lift upper back",
        [
            ("scap-push-up", "Scapular push-up", False),
            ("prone-y-raise", "Prone Y raise", False),
            ("quadruped-rotation", "Quadruped T-spine rotation", True),
            ("face-pull", "Band face pull", False),
        ],
    ),
}


def _sets(routine_id: str, started: datetime, skip_last: bool) -> list[SetEntry]:
    """About twelve sets: two per exercise, per side for one-sided ones."""
    entries: list[SetEntry] = []
    sides: tuple[Side | None, ...]
    at = started
    exercises = ROUTINES[routine_id][1]
    for index, (exercise_id, name, sided) in enumerate(exercises):
        for number in (1, 2):
            sides = ("left", "right") if sided else (None,)
            for side in sides:
                at += timedelta(seconds=40)
                timed = index % 2 == 1
                skipped = skip_last and index == len(exercises) - 1
                entries.append(
                    {
                        "exercise_id": exercise_id,
                        "exercise_name": name,
                        "set": number,
                        "side": side,
                        "reps": None if timed else 10,
                        "seconds": 30 if timed else None,
                        "outcome": "skipped" if skipped else "done",
                        "at": at.isoformat(timespec="seconds"),
                    }
                )
    return entries


def sample_record(
    started: datetime,
    routine_id: str = "desk-reset",
    *,
    session_id: str | None = None,
    status: Status = "finished",
    rating: int | None = 4,
    note: str | None = None,
    check_in: CheckIn | None = None,
) -> SessionRecord:
    """A finished (or abandoned: last exercise skipped) session record as the app makes it."""
    name, exercises = ROUTINES[routine_id]
    sets = _sets(routine_id, started, skip_last=status == "abandoned")
    ended = datetime.fromisoformat(sets[-1]["at"]) + timedelta(seconds=20)
    return {
        "id": session_id or uuid.uuid4().hex,
        "routine_id": routine_id,
        "routine_name": name,
        "started_at": started.isoformat(timespec="seconds"),
        "ended_at": ended.isoformat(timespec="seconds"),
        "duration_seconds": int((ended - started).total_seconds()),
        "status": status,
        "sets_planned": len(sets),
        "sets_done": sum(1 for s in sets if s["outcome"] == "done"),
        "skipped_exercises": sorted({s["exercise_id"] for s in sets if s["outcome"] == "skipped"}),
        "exercises": [{"id": ex_id, "name": ex_name} for ex_id, ex_name, _sided in exercises],
        "sets": sets,
        "rating": rating,
        "note": note,
        "check_in": check_in,
        "edited_at": None,
    }


def sample_active(started: datetime, done_sets: int = 6) -> ActiveDocument:
    """An unfinished session as the app might save it: routine plus an engine snapshot."""
    record = sample_record(started, session_id=uuid.uuid4().hex)
    name, exercises = ROUTINES[record["routine_id"]]
    return {
        "id": record["id"],
        "routine": {
            "id": record["routine_id"],
            "name": name,
            "steps": [
                {"exercise": ex_id, "name": ex_name, "sets": 2, "sided": sided, "cue": "Slowly."}
                for ex_id, ex_name, sided in exercises
            ],
        },
        "engine": {
            "started_at": record["started_at"],
            "step": done_sets // 3,
            "set": done_sets % 3,
            "phase": "work",
            "remaining_seconds": 17.5,
            "paused": False,
            "records": record["sets"][:done_sets],
        },
    }


def tiny_active(session_id: str, **engine: object) -> ActiveDocument:
    """A small unfinished session for storage tests: storage checks only that its parts are
    objects (resuming checks the routine and the engine's snapshot)."""
    return {"id": session_id, "routine": {}, "engine": dict(engine)}

"""Checking a saved session snapshot against the routine it claims to belong to.

Version 2 added hands-free: a `hands_free` flag, the get-ready phase, a timer during paced reps,
and in each timer what it has announced (`warned`, `reps_announced`). Version 1 is still read,
as a session with hands-free off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tui.catalogue.model import Routine
from tui.session.model import (
    COUNTDOWN_PHASES,
    OUTCOMES,
    Phase,
    SetRecord,
    Slot,
    gap_between,
)
from tui.session.pacing import WARNING_SECONDS

SNAPSHOT_VERSION = 2
READABLE_VERSIONS = (1, 2)


class SnapshotError(ValueError):
    """A saved snapshot that cannot be turned back into a session for this routine."""


@dataclass(frozen=True)
class SavedTimer:
    """A countdown as saved: its total, what was left, and whether it was paused."""

    duration: float
    remaining: float
    paused: bool
    warned: int | None = None
    reps_announced: int = 0


@dataclass(frozen=True)
class SavedState:
    """A snapshot that has been checked against its routine."""

    slot_index: int
    phase: Phase
    cue_index: int
    records: dict[int, SetRecord]
    timer: SavedTimer | None
    elapsed_seconds: float
    started_at: str
    hands_free: bool = False


def _field(data: dict[str, Any], key: str, where: str = "snapshot") -> Any:
    if key not in data:
        raise SnapshotError(f"{where} has no {key!r}")
    return data[key]


def _int(value: Any, what: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SnapshotError(f"{what} should be a whole number, not {type(value).__name__}")
    if value < minimum:
        raise SnapshotError(f"{what} should be at least {minimum}, not {value}")
    return value


def _optional_int(value: Any, what: str) -> int | None:
    return None if value is None else _int(value, what)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SnapshotError(f"{what} should be a number, not {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise SnapshotError(f"{what} should be a finite number of at least 0, not {value!r}")
    return number


def _str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise SnapshotError(f"{what} should be text, not {type(value).__name__}")
    return value


def _timestamp(value: Any, what: str) -> str:
    text = _str(value, what)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise SnapshotError(f"{what} is not an ISO-8601 time: {text!r}") from None
    return text


def _record(value: Any, slots: tuple[Slot, ...], number: int) -> SetRecord:
    where = f"record {number}"
    if not isinstance(value, dict):
        raise SnapshotError(f"{where} should be an object, not {type(value).__name__}")
    slot_index = _int(_field(value, "slot_index", where), f"{where} slot_index")
    if slot_index >= len(slots):
        raise SnapshotError(f"{where} is for slot {slot_index}; the routine has {len(slots)}")
    slot = slots[slot_index]
    exercise_id = _str(_field(value, "exercise_id", where), f"{where} exercise_id")
    if exercise_id != slot.exercise.id:
        raise SnapshotError(
            f"{where} is for exercise {exercise_id!r}, "
            f"but slot {slot_index} is {slot.exercise.id!r}"
        )
    set_number = _int(_field(value, "set_number", where), f"{where} set_number", 1)
    side = _field(value, "side", where)
    if set_number != slot.set_number or side != slot.side:
        raise SnapshotError(f"{where} does not match set {slot.set_number} of slot {slot_index}")
    outcome = _str(_field(value, "outcome", where), f"{where} outcome")
    if outcome not in OUTCOMES:
        raise SnapshotError(f"{where} has an unknown outcome {outcome!r}")
    return SetRecord(
        slot_index=slot_index,
        exercise_id=exercise_id,
        exercise_name=_str(_field(value, "exercise_name", where), f"{where} exercise_name"),
        set_number=set_number,
        side=side,
        reps=_optional_int(_field(value, "reps", where), f"{where} reps"),
        seconds=_optional_int(_field(value, "seconds", where), f"{where} seconds"),
        outcome=outcome,
        at=_timestamp(_field(value, "at", where), f"{where} at"),
    )


def _bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise SnapshotError(f"{what} should be true or false, not {value!r}")
    return value


def _timer(value: Any, version: int) -> SavedTimer | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise SnapshotError(f"timer should be an object or null, not {type(value).__name__}")
    duration = _number(_field(value, "duration", "timer"), "timer duration")
    remaining = _number(_field(value, "remaining", "timer"), "timer remaining")
    paused = _bool(_field(value, "paused", "timer"), "timer paused")
    if remaining > duration:
        raise SnapshotError(f"timer has {remaining} s left of {duration} s")
    if version == 1:
        return SavedTimer(duration=duration, remaining=remaining, paused=paused)
    warned = _optional_int(_field(value, "warned", "timer"), "timer warned")
    if warned is not None and not 1 <= warned <= WARNING_SECONDS:
        raise SnapshotError(f"timer warned should be 1 to {WARNING_SECONDS} or null, not {warned}")
    reps_announced = _int(_field(value, "reps_announced", "timer"), "timer reps_announced")
    return SavedTimer(
        duration=duration,
        remaining=remaining,
        paused=paused,
        warned=warned,
        reps_announced=reps_announced,
    )


def _check_position(
    routine: Routine,
    slots: tuple[Slot, ...],
    slot_index: int,
    phase: Phase,
    cue_index: int,
    hands_free: bool,
) -> None:
    if phase is Phase.DONE:
        if slot_index != len(slots):
            raise SnapshotError(f"a finished session should be at slot {len(slots)}")
        if cue_index != 0:
            raise SnapshotError("a finished session should have cue index 0")
        return
    if slot_index >= len(slots):
        raise SnapshotError(f"slot index {slot_index} is past the {len(slots)} slots of the plan")
    slot = slots[slot_index]
    if phase is Phase.GET_READY and not hands_free:
        raise SnapshotError(f"phase {phase} without hands-free")
    if phase is Phase.HOLD_READY and hands_free:
        raise SnapshotError(f"phase {phase} with hands-free, which never waits for a key")
    if phase in (Phase.HOLD_READY, Phase.HOLD) and not slot.is_hold:
        raise SnapshotError(f"phase {phase} does not fit slot {slot_index}, which is reps")
    if phase is Phase.WORK and slot.is_hold:
        raise SnapshotError(f"phase {phase} does not fit slot {slot_index}, which is a hold")
    if phase in (Phase.SWITCH, Phase.REST):
        if slot_index + 1 >= len(slots):
            raise SnapshotError(f"phase {phase} after the last slot")
        if gap_between(routine, slot, slots[slot_index + 1])[0] is not phase:
            raise SnapshotError(f"phase {phase} does not fit the gap after slot {slot_index}")
    cue_count = len(slot.exercise.cues)
    if cue_index >= max(cue_count, 1):
        raise SnapshotError(f"cue index {cue_index} is past the {cue_count} cues of the exercise")


def parse_snapshot(routine: Routine, slots: tuple[Slot, ...], snapshot: object) -> SavedState:
    """Check a snapshot against a routine's slot plan, raising SnapshotError if it does not fit."""
    if not isinstance(snapshot, dict):
        raise SnapshotError(f"snapshot should be an object, not {type(snapshot).__name__}")
    version = _int(_field(snapshot, "version"), "version")
    if version not in READABLE_VERSIONS:
        raise SnapshotError(f"snapshot version {version!r} is not one of {READABLE_VERSIONS}")
    hands_free = version >= 2 and _bool(_field(snapshot, "hands_free"), "hands_free")
    routine_id = _str(_field(snapshot, "routine_id"), "routine_id")
    if routine_id != routine.id:
        raise SnapshotError(f"snapshot is for routine {routine_id!r}, not {routine.id!r}")
    slot_index = _int(_field(snapshot, "slot_index"), "slot_index")
    phase_name = _str(_field(snapshot, "phase"), "phase")
    try:
        phase = Phase(phase_name)
    except ValueError:
        raise SnapshotError(f"unknown phase {phase_name!r}") from None
    cue_index = _int(_field(snapshot, "cue_index"), "cue_index")
    _check_position(routine, slots, slot_index, phase, cue_index, hands_free)

    raw_records = _field(snapshot, "records")
    if not isinstance(raw_records, list):
        raise SnapshotError(f"records should be a list, not {type(raw_records).__name__}")
    records: dict[int, SetRecord] = {}
    for number, raw in enumerate(raw_records):
        record = _record(raw, slots, number)
        if record.slot_index in records:
            raise SnapshotError(f"slot {record.slot_index} has more than one record")
        records[record.slot_index] = record

    skipped = _field(snapshot, "skipped_exercise_ids")
    if not isinstance(skipped, list) or not all(isinstance(item, str) for item in skipped):
        raise SnapshotError("skipped_exercise_ids should be a list of text")

    timer = _timer(_field(snapshot, "timer"), version)
    # Hands-free reps are always paced: their phase has a timer then, and only then.
    timed = phase in COUNTDOWN_PHASES or (phase is Phase.WORK and hands_free)
    if (timer is not None) != timed:
        state = "has" if timer is not None else "has no"
        raise SnapshotError(f"phase {phase} {state} timer")
    if timer is not None and timer.reps_announced > slots[slot_index].rep_count:
        raise SnapshotError(f"timer announced {timer.reps_announced} reps, more than the set has")

    return SavedState(
        slot_index=slot_index,
        phase=phase,
        cue_index=cue_index,
        records=records,
        timer=timer,
        elapsed_seconds=_number(_field(snapshot, "elapsed_seconds"), "elapsed_seconds"),
        started_at=_timestamp(_field(snapshot, "started_at"), "started_at"),
        hands_free=hands_free,
    )

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
from tui.json_problems import at, at_least, expected, field_path, missing_field, one_of
from tui.session.model import (
    COUNTDOWN_PHASES,
    OUTCOMES,
    Phase,
    SetRecord,
    Slot,
    gap_between,
)
from tui.session.pacing import WARNING_SECONDS
from tui.storage.types import JSONObject

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


def _fail(path: str, message: str) -> SnapshotError:
    return SnapshotError(at(path, message))


def _field(data: JSONObject, path: str, key: str) -> Any:
    if key not in data:
        raise _fail(path, missing_field(key))
    return data[key]


def _int(data: JSONObject, path: str, key: str, minimum: int = 0) -> int:
    value = _field(data, path, key)
    where = field_path(path, key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, expected("a whole number", value))
    if value < minimum:
        raise _fail(where, at_least(minimum, value))
    return value


def _optional_int(data: JSONObject, path: str, key: str) -> int | None:
    return None if _field(data, path, key) is None else _int(data, path, key)


def _number(data: JSONObject, path: str, key: str) -> float:
    value = _field(data, path, key)
    where = field_path(path, key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(where, expected("a number", value))
    number = float(value)
    if not math.isfinite(number):
        raise _fail(where, expected("a finite number", value))
    if number < 0:
        raise _fail(where, at_least(0, value))
    return number


def _str(data: JSONObject, path: str, key: str) -> str:
    value = _field(data, path, key)
    if not isinstance(value, str):
        raise _fail(field_path(path, key), expected("a string", value))
    return value


def _timestamp(data: JSONObject, path: str, key: str) -> str:
    text = _str(data, path, key)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise _fail(field_path(path, key), expected("an ISO-8601 date-time", text)) from None
    return text


def _bool(data: JSONObject, path: str, key: str) -> bool:
    value = _field(data, path, key)
    if not isinstance(value, bool):
        raise _fail(field_path(path, key), expected("true or false", value))
    return value


def _object(value: object, path: str) -> JSONObject:
    if not isinstance(value, dict):
        raise _fail(path, expected("an object", value))
    return value


def _record(value: Any, slots: tuple[Slot, ...], where: str, number: int) -> SetRecord:
    """One set record, at `where` (its path); `number` names it in the other messages."""
    data = _object(value, where)
    slot_index = _int(data, where, "slot_index")
    name = f"record {number}"
    if slot_index >= len(slots):
        raise SnapshotError(f"{name} is for slot {slot_index}; the routine has {len(slots)}")
    slot = slots[slot_index]
    exercise_id = _str(data, where, "exercise_id")
    if exercise_id != slot.exercise.id:
        raise SnapshotError(
            f"{name} is for exercise {exercise_id!r}, but slot {slot_index} is {slot.exercise.id!r}"
        )
    set_number = _int(data, where, "set_number", 1)
    side = _field(data, where, "side")
    if set_number != slot.set_number or side != slot.side:
        raise SnapshotError(f"{name} does not match set {slot.set_number} of slot {slot_index}")
    outcome = _str(data, where, "outcome")
    if outcome not in OUTCOMES:
        raise _fail(f"{where}.outcome", expected(one_of(OUTCOMES), outcome))
    return SetRecord(
        slot_index=slot_index,
        exercise_id=exercise_id,
        exercise_name=_str(data, where, "exercise_name"),
        set_number=set_number,
        side=side,
        reps=_optional_int(data, where, "reps"),
        seconds=_optional_int(data, where, "seconds"),
        outcome=outcome,
        at=_timestamp(data, where, "at"),
    )


def _timer(value: Any, version: int, path: str) -> SavedTimer | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _fail(path, expected("an object or null", value))
    duration = _number(value, path, "duration")
    remaining = _number(value, path, "remaining")
    paused = _bool(value, path, "paused")
    if remaining > duration:
        raise SnapshotError(f"timer has {remaining} s left of {duration} s")
    if version == 1:
        return SavedTimer(duration=duration, remaining=remaining, paused=paused)
    warned = _optional_int(value, path, "warned")
    if warned is not None and not 1 <= warned <= WARNING_SECONDS:
        raise SnapshotError(f"timer warned should be 1 to {WARNING_SECONDS} or null, not {warned}")
    reps_announced = _int(value, path, "reps_announced")
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


def parse_snapshot(
    routine: Routine, slots: tuple[Slot, ...], snapshot: object, path: str = "engine"
) -> SavedState:
    """Check a snapshot against a routine's slot plan, raising SnapshotError if it does not fit.

    `path` is where the snapshot sits in its document (the unfinished session's "engine"):
    a problem of a kind every document can have is worded as everywhere else in loosen
    (`engine.records[0].at: expected an ISO-8601 date-time, got "yesterday"`).
    """
    data = _object(snapshot, path)
    version = _int(data, path, "version")
    if version not in READABLE_VERSIONS:
        raise _fail(f"{path}.version", expected(one_of(READABLE_VERSIONS), version))
    hands_free = version >= 2 and _bool(data, path, "hands_free")
    routine_id = _str(data, path, "routine_id")
    if routine_id != routine.id:
        raise SnapshotError(f"snapshot is for routine {routine_id!r}, not {routine.id!r}")
    slot_index = _int(data, path, "slot_index")
    phase_name = _str(data, path, "phase")
    try:
        phase = Phase(phase_name)
    except ValueError:
        phases = one_of(str(known) for known in Phase)
        raise _fail(f"{path}.phase", expected(phases, phase_name)) from None
    cue_index = _int(data, path, "cue_index")
    _check_position(routine, slots, slot_index, phase, cue_index, hands_free)

    raw_records = _field(data, path, "records")
    if not isinstance(raw_records, list):
        raise _fail(f"{path}.records", expected("a list", raw_records))
    records: dict[int, SetRecord] = {}
    for number, raw in enumerate(raw_records):
        record = _record(raw, slots, f"{path}.records[{number}]", number)
        if record.slot_index in records:
            raise SnapshotError(f"slot {record.slot_index} has more than one record")
        records[record.slot_index] = record

    skipped = _field(data, path, "skipped_exercise_ids")
    if not isinstance(skipped, list):
        raise _fail(f"{path}.skipped_exercise_ids", expected("a list", skipped))
    for index, item in enumerate(skipped):
        if not isinstance(item, str):
            raise _fail(f"{path}.skipped_exercise_ids[{index}]", expected("a string", item))

    timer = _timer(_field(data, path, "timer"), version, f"{path}.timer")
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
        elapsed_seconds=_number(data, path, "elapsed_seconds"),
        started_at=_timestamp(data, path, "started_at"),
        hands_free=hands_free,
    )

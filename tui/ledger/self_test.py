"""The weekly self-test: a seated rotation scored 1 to 5 per side, and when it is due.

The test is an exercise like any other (cues, a dosage, per side), bundled here rather
than in routines.json: it is part of the ledger, not a warm-up to browse, and its id must
not change while history refers to it. Its result is kept in the session's check-in
(`self_test`), so its trend shows in history with the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Final

from tui.catalogue.model import (
    Cue,
    CueKind,
    Dosage,
    DosageOrigin,
    Exercise,
    ExerciseKind,
    Routine,
    Source,
)
from tui.history.stats import session_day
from tui.storage.types import Session, TestUnit
from tui.storage.validate import TEST_RANGES

TEST_ID: Final = "seated-rotation-test"
UNIT: Final[TestUnit] = "level"
EVERY_DAYS: Final = 7
"""The test is offered again this many days after it was last taken."""
LOOK_BACK_DAYS: Final = 366
"""How far back history is read to say when the test was last taken."""

LEVELS: Final = (
    "1  short of 11 o'clock (turning right: short of 1)",
    "2  at 11 (at 1)",
    "3  halfway from 11 to 10 (from 1 to 2)",
    "4  at 10 (at 2)",
    "5  past 10 (past 2)",
)
"""The levels as the entry screen shows them (turning left; right in brackets)."""

EXERCISE: Final = Exercise(
    id=TEST_ID,
    name="Seated rotation self-test",
    summary="How far your upper back turns each way, scored 1 to 5 per side",
    cues=(
        Cue(
            CueKind.SETUP,
            "Sit tall on a firm chair, feet flat and hip-width apart, knees pointing ahead.",
        ),
        Cue(
            CueKind.SETUP,
            "Cross your arms over your chest, each hand on the opposite shoulder.",
        ),
        Cue(
            CueKind.SETUP,
            "Picture a clock on the floor around you: 12 is straight ahead of your breastbone.",
        ),
        Cue(
            CueKind.MOVEMENT,
            "Keep knees and hips facing 12 and turn your chest slowly to the side as far"
            " as it goes without forcing; come back to the middle.",
        ),
        Cue(
            CueKind.MOVEMENT,
            "Turn three times; score the third turn by where your breastbone points:"
            " 1 short of 11, 2 at 11, 3 halfway to 10, 4 at 10, 5 past 10"
            " (turning right: 1, 2 and past 2 o'clock).",
        ),
        Cue(CueKind.BREATHING, "Breathe out as you turn; breathe in as you come back."),
        Cue(
            CueKind.AVOID,
            "Don't let your knees slide or your hips turn with you, and stop short of"
            " any sharp pain: the test is how far you turn easily, not a stretch.",
        ),
    ),
    dosage=Dosage(
        sets=1,
        reps=3,
        per_side=True,
        rest_seconds=0,
        switch_seconds=5,
        origin=DosageOrigin.LOOSEN,
    ),
    equipment=("chair",),
    who="Anyone who wants to see whether their upper back turns further, and evenly.",
    why="The same simple check, done the same way each week, shows whether the work is"
    " paying off and whether one side lags the other.",
    frequency="Once a week, at about the same time of day",
    region="upper back",
    kind=ExerciseKind.MOBILITY,
    source=Source(
        title="Written for loosen",
        note="A home check to compare you with yourself, not a clinical measurement.",
    ),
    side_meaning="turning to your left (the right side mirrors it)",
)

ROUTINE: Final = Routine.single(EXERCISE)._replace(name="Self-test: seated rotation")
"""The test as a session; its id, like any exercise done on its own, is never the routine
`loosen start` starts again."""


def is_self_test(routine: Routine) -> bool:
    """Whether this routine is the self-test (its result is asked for at its end)."""
    return any(step.exercise.id == TEST_ID for step in routine.steps)


def value_range() -> tuple[int, int]:
    """The lowest and highest value a side can be given."""
    return TEST_RANGES[UNIT]


def last_taken(newest_first: Iterable[Session], today: date) -> date | None:
    """The day the self-test was last taken, within `LOOK_BACK_DAYS` (reads no further)."""
    oldest = today - timedelta(days=LOOK_BACK_DAYS)
    for summary in newest_first:
        day = session_day(summary)
        if day < oldest:
            return None
        check_in = summary.get("check_in")
        if check_in is not None and check_in["self_test"]:
            return day
    return None


def due_words(last: date | None, today: date) -> str | None:
    """'Self-test due: last taken 9 days ago', or None when taken in the last week."""
    if last is None:
        return "Self-test not taken yet: 2 minutes, once a week"
    days = (today - last).days
    if days < EVERY_DAYS:
        return None
    return f"Self-test due: last taken {days} days ago"


def typed(entry: str, digit: str) -> str | None:
    """The entry after typing `digit`, or None when that would leave the range: a value
    above the top, a 0 below a bottom of 1, or a digit after a leading 0."""
    low, high = value_range()
    value = int(entry + digit)
    if entry == "0" or value > high or (value == 0 and low > 0):
        return None
    return str(value)


def complete(entry: str) -> bool:
    """Whether an entry is a value in range."""
    low, high = value_range()
    return entry.isdigit() and low <= int(entry) <= high


def full(entry: str) -> bool:
    """Whether no digit can be added to the entry (the next side can be asked)."""
    return complete(entry) and int(entry) * 10 > value_range()[1]

"""The shapes of what loosen keeps: a session record, its sets, a summary, an export, the
unfinished session. One home for them; `tui.storage.validate` checks values against them.

These are JSON objects on disk, so they are TypedDicts: a record read and checked is
used as it is, with no copy into another class. Each has exactly one validator
(`validate.SESSION_RECORD` and friends), built from the same field names, and a test
(tests/test_record_types.py) keeps the two from drifting apart.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

Side = Literal["left", "right"]
Outcome = Literal["done", "skipped"]
Status = Literal["finished", "abandoned"]
Tighter = Literal["left", "right", "even"]
PainChoice = Literal["easier", "stop", "carry_on"]
"""What the person chose after a pain of 7 or more: an easier day, stopping, or carrying on."""
TestUnit = Literal["degrees", "cm", "level"]

JSONObject = dict[str, Any]
"""A JSON object not yet checked against any of the shapes here: the raw stuff of files."""


class ExerciseRef(TypedDict):
    """An exercise of the routine as it was when the session was done."""

    id: str
    name: str


class SetEntry(TypedDict):
    """One set (and side) of a session, done or skipped. `at` is when, with its UTC offset."""

    exercise_id: str
    exercise_name: str
    set: int
    side: Side | None
    reps: int | None
    seconds: int | None
    outcome: Outcome
    at: str


class SideCheck(TypedDict):
    """Which side of a per-side exercise felt tighter, asked once at the exercise's end."""

    exercise_id: str
    tighter: Tighter


class SelfTestResult(TypedDict):
    """One side of a self-test: how far it went, in degrees, centimetres or a 1-5 level."""

    test_id: str
    side: Side
    value: int
    unit: TestUnit


class CheckIn(TypedDict):
    """The check-ins of one session: stiffness and pain before, stiffness after, sides, tests.

    Stiffness and pain are 0 (none) to 10 (worst); any answer may be skipped (null).
    """

    stiffness_before: int | None
    pain_before: int | None
    pain_choice: PainChoice | None
    stiffness_after: int | None
    sides: list[SideCheck]
    self_test: list[SelfTestResult]


class SessionFields(TypedDict):
    """What a session record and its summary share: everything but the sets."""

    id: str
    routine_id: str
    routine_name: str
    started_at: str
    ended_at: str | None
    duration_seconds: int
    status: Status
    sets_planned: int
    sets_done: int
    skipped_exercises: list[str]
    exercises: list[ExerciseRef]
    rating: int | None
    note: str | None
    check_in: CheckIn | None
    """None when no check-in was answered (and for every session before schema 3)."""
    edited_at: str | None
    """When the rating, note or check-ins were last changed in history, or None."""


class SessionRecord(SessionFields):
    """A finished or abandoned session, as history keeps it and an export holds it."""

    sets: list[SetEntry]


class SessionSummary(SessionFields, total=False):
    """A summary row: a record without its sets, plus the ids of the exercises done in them.

    `done_exercise_ids` is always written; a summary without it counts no exercise as done.
    """

    done_exercise_ids: list[str]


class SessionSets(TypedDict):
    """The sets of one session, as a month's sets shard keeps them."""

    id: str
    sets: list[SetEntry]


class ExportDocument(TypedDict):
    """A `loosen export --format json` file, and what `loosen import` reads."""

    format: Literal["loosen-export"]
    sessions: list[SessionRecord]
    version: Literal[1, 2]
    """2 writes every session field; 1 (before check-ins) is still read."""


class ActiveFields(TypedDict):
    """What every unfinished session document has (see `ActiveDocument`)."""

    id: str
    routine: JSONObject
    engine: JSONObject


class ActiveDocument(ActiveFields, total=False):
    """The unfinished session, saved after every step: its plan and the engine's state.

    `routine` is in the catalogue's routine format (`tui.catalogue.serialize`) and
    `engine` is an engine snapshot (`tui.session.snapshot`); each is checked by its
    own reader when the session is resumed. `check_in` holds the check-ins answered
    so far (absent before the first).
    """

    check_in: CheckIn


class TrashEntry(TypedDict):
    """A session deleted from history, kept for a while so it can be put back."""

    deleted_at: str
    record: SessionRecord


Session = SessionSummary | SessionRecord
"""A session as history lists it (a summary) or in full (a record): what figures read."""

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
    version: Literal[1]


class ActiveDocument(TypedDict):
    """The unfinished session, saved after every step: its plan and the engine's state.

    `routine` is in the catalogue's routine format (`tui.catalogue.serialize`) and
    `engine` is an engine snapshot (`tui.session.snapshot`); each is checked by its
    own reader when the session is resumed.
    """

    id: str
    routine: JSONObject
    engine: JSONObject


Session = SessionSummary | SessionRecord
"""A session as history lists it (a summary) or in full (a record): what figures read."""

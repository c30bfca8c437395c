"""Splitting session records into a summary and details, and joining them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from tui.storage.types import SessionFields, SessionRecord, SessionSets, SessionSummary, SetEntry

DONE_IDS = "done_exercise_ids"


def started(record: SessionFields) -> datetime:
    """When the session started, as recorded (local time with its UTC offset)."""
    return datetime.fromisoformat(record["started_at"])


def session_year(record: SessionFields) -> int:
    """The local year the session started in: the history shard it belongs to."""
    return started(record).year


def session_month(record: SessionFields) -> tuple[int, int]:
    """The local (year, month) the session started in: the detail shard it belongs to."""
    when = started(record)
    return when.year, when.month


def order_key(record: SessionFields) -> tuple[datetime, str]:
    """Chronological order; the id breaks ties so every listing is deterministic."""
    return started(record), record["id"]


def done_exercise_ids(sets: list[SetEntry]) -> list[str]:
    """Ids of exercises with at least one done set, in the order first done."""
    return list(dict.fromkeys(s["exercise_id"] for s in sets if s["outcome"] == "done"))


def split(record: SessionRecord) -> tuple[SessionSummary, SessionSets]:
    """The summary (everything but "sets", plus done_exercise_ids) and the details."""
    fields = dict(record)
    del fields["sets"]
    # A summary is the record less its sets: every other field, known or not, is kept.
    summary = cast(SessionSummary, fields)
    sets = record["sets"]
    summary["done_exercise_ids"] = done_exercise_ids(sets)
    return summary, {"id": record["id"], "sets": sets}


def join(summary: SessionSummary, sets: list[SetEntry] | None) -> SessionRecord:
    """The full record as it was handed in, from its summary and its sets."""
    fields = dict(summary)
    fields.pop(DONE_IDS, None)
    fields["sets"] = sets if sets is not None else []
    return cast(SessionRecord, fields)


@dataclass(frozen=True)
class SessionDetail:
    """One full record, and whether its sets could not be read (then its "sets" is [])."""

    record: SessionRecord
    sets_missing: bool

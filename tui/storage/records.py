"""Splitting session records into a summary and details, and joining them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

DONE_IDS = "done_exercise_ids"


def started(record: dict[str, Any]) -> datetime:
    """When the session started, as recorded (local time with its UTC offset)."""
    return datetime.fromisoformat(record["started_at"])


def session_year(record: dict[str, Any]) -> int:
    """The local year the session started in: the history shard it belongs to."""
    return started(record).year


def session_month(record: dict[str, Any]) -> tuple[int, int]:
    """The local (year, month) the session started in: the detail shard it belongs to."""
    when = started(record)
    return when.year, when.month


def order_key(record: dict[str, Any]) -> tuple[datetime, str]:
    """Chronological order; the id breaks ties so every listing is deterministic."""
    return started(record), record["id"]


def done_exercise_ids(sets: list[dict[str, Any]]) -> list[str]:
    """Ids of exercises with at least one done set, in the order first done."""
    return list(dict.fromkeys(s["exercise_id"] for s in sets if s.get("outcome") == "done"))


def split(record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The summary (everything but "sets", plus done_exercise_ids) and the details."""
    summary = {key: value for key, value in record.items() if key != "sets"}
    sets = record.get("sets") or []
    summary[DONE_IDS] = done_exercise_ids(sets)
    return summary, {"id": record["id"], "sets": sets}


def join(summary: dict[str, Any], sets: list[dict[str, Any]] | None) -> dict[str, Any]:
    """The full record as it was handed in, from its summary and its sets."""
    record = {key: value for key, value in summary.items() if key != DONE_IDS}
    record["sets"] = sets if sets is not None else []
    return record


@dataclass(frozen=True)
class SessionDetail:
    """One full record, and whether its sets could not be read (then its "sets" is [])."""

    record: dict[str, Any]
    sets_missing: bool

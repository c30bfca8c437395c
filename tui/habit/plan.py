"""The reminder plan: which routine, on which weekdays, at what local time."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

PLAN_SETTING = "reminder_plan"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TIME = (7, 30)
DEFAULT_DAYS = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
"""Weekdays (0 = Monday) for a goal of so many days a week, spread out."""
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class PlanError(ValueError):
    """A --days or --time value that can't be a plan; the message names the option."""


@dataclass(frozen=True)
class Plan:
    """Warm up with `routine_id` on `weekdays` (0 = Monday) at `time` (hour, minute).

    `since` is the first day the plan holds: calendar events start from it.
    """

    routine_id: str
    weekdays: tuple[int, ...]
    time: tuple[int, int]
    since: date

    def changed(self, **changes: Any) -> Plan:
        """A copy with some fields replaced."""
        return replace(self, **changes)


def parse_days(text: str) -> tuple[int, ...]:
    """'mon,wed,fri' (or 'mo,we,fr', any case) as weekday numbers, Monday first."""
    found: set[int] = set()
    for part in text.split(","):
        name = part.strip().lower()
        matches = [i for i, day in enumerate(WEEKDAYS) if len(name) >= 2 and day.startswith(name)]
        if len(matches) != 1 or len(name) > 3:
            raise PlanError(
                f"--days: {part.strip()!r} is not a weekday; write e.g. mon,wed,fri "
                f"(one of {', '.join(WEEKDAYS)})"
            )
        found.add(matches[0])
    return tuple(sorted(found))


def parse_time(text: str) -> tuple[int, int]:
    """'07:30' as (7, 30): 24-hour local time."""
    match = _TIME.match(text.strip())
    if match is None:
        raise PlanError(f"--time: {text!r} is not a time of day; write HH:MM, e.g. 07:30")
    return int(match.group(1)), int(match.group(2))


def days_words(weekdays: tuple[int, ...]) -> str:
    """'mon,wed,fri'."""
    return ",".join(WEEKDAYS[day] for day in weekdays)


def time_words(time: tuple[int, int]) -> str:
    """'07:30'."""
    return f"{time[0]:02d}:{time[1]:02d}"


def to_setting(plan: Plan) -> dict[str, str]:
    """The plan as stored in settings."""
    return {
        "routine": plan.routine_id,
        "days": days_words(plan.weekdays),
        "time": time_words(plan.time),
        "since": plan.since.isoformat(),
    }


def from_setting(value: Any) -> Plan | None:
    """The stored plan, or None if there is none or it can't be read."""
    if not isinstance(value, dict):
        return None
    fields = [value.get(name) for name in ("routine", "days", "time", "since")]
    if not all(isinstance(field, str) and field for field in fields):
        return None
    try:
        return Plan(
            routine_id=value["routine"],
            weekdays=parse_days(value["days"]),
            time=parse_time(value["time"]),
            since=date.fromisoformat(value["since"]),
        )
    except ValueError:
        return None


def default_plan(routine_id: str, goal: int, today: date) -> Plan:
    """A plan for the goal: its days spread over the week, at 07:30."""
    return Plan(routine_id, DEFAULT_DAYS[goal], DEFAULT_TIME, today)

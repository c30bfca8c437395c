"""The weekly goal: on how many days of a week (Monday to Sunday) to warm up."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself would cost `loosen status` milliseconds on every prompt
if TYPE_CHECKING:
    from typing import Any

GOAL_SETTING = "weekly_goal"
DEFAULT_GOAL = 5
MIN_GOAL = 1
MAX_GOAL = 7


class GoalError(ValueError):
    """A weekly goal outside 1..7 (or not a whole number)."""


def is_goal(value: Any) -> bool:
    """Whether `value` is a valid goal: a whole number of days from 1 to 7."""
    return type(value) is int and MIN_GOAL <= value <= MAX_GOAL


def checked_goal(value: Any) -> int:
    """`value` if it is a valid goal; raises GoalError naming the allowed range otherwise."""
    if not is_goal(value):
        raise GoalError(
            f"the weekly goal must be a whole number of days from {MIN_GOAL} to {MAX_GOAL}, "
            f"not {value!r}"
        )
    return int(value)


def stored_goal(value: Any) -> int:
    """The goal from a stored setting: the default when unset or not valid."""
    return value if is_goal(value) else DEFAULT_GOAL

"""Check-ins as values: a session's answers, changed one answer at a time.

Every function returns a new `CheckIn`; nothing is changed in place, so a record held by
a screen or a store is never altered behind its back. Answers out of range raise
ValueError: the screens offer only keys for answers in range, and storage checks again.
"""

from __future__ import annotations

from typing import Final

from tui.storage.types import CheckIn, PainChoice, SelfTestResult, Side, TestUnit, Tighter
from tui.storage.validate import SCALE_TOP, TEST_RANGES

HIGH_PAIN: Final = 7
"""A pain of this or more before a session brings up the calm screen: easier day or stop."""
TIGHTER_CHOICES: tuple[Tighter, ...] = ("left", "right", "even")
PAIN_CHOICES: tuple[PainChoice, ...] = ("easier", "stop", "carry_on")


def empty_check_in() -> CheckIn:
    """A check-in with nothing answered yet."""
    return {
        "stiffness_before": None,
        "pain_before": None,
        "pain_choice": None,
        "stiffness_after": None,
        "sides": [],
        "self_test": [],
    }


def _scale(value: int | None, what: str) -> int | None:
    if value is not None and not 0 <= value <= SCALE_TOP:
        raise ValueError(f"{what} must be 0 to {SCALE_TOP}, got {value}")
    return value


def with_before(
    check_in: CheckIn | None, *, stiffness: int | None, pain: int | None = None
) -> CheckIn:
    """The answers before the session: stiffness and (optionally) pain, 0 to 10."""
    return {
        **(check_in or empty_check_in()),
        "stiffness_before": _scale(stiffness, "stiffness"),
        "pain_before": _scale(pain, "pain"),
    }


def with_pain(check_in: CheckIn | None, pain: int | None) -> CheckIn:
    """The pain before the session, 0 to 10 (None: not said)."""
    return {**(check_in or empty_check_in()), "pain_before": _scale(pain, "pain")}


def with_pain_choice(check_in: CheckIn | None, choice: PainChoice) -> CheckIn:
    """What the person chose on the high-pain screen."""
    if choice not in PAIN_CHOICES:
        raise ValueError(f"unknown choice {choice!r}")
    return {**(check_in or empty_check_in()), "pain_choice": choice}


def with_after(check_in: CheckIn | None, stiffness: int | None) -> CheckIn:
    """The stiffness after the session, 0 to 10 (None: not answered)."""
    return {**(check_in or empty_check_in()), "stiffness_after": _scale(stiffness, "stiffness")}


def with_side(check_in: CheckIn | None, exercise_id: str, tighter: Tighter) -> CheckIn:
    """Which side of `exercise_id` felt tighter; a second answer replaces the first."""
    if tighter not in TIGHTER_CHOICES:
        raise ValueError(f"unknown side {tighter!r}")
    base = check_in or empty_check_in()
    sides = [entry for entry in base["sides"] if entry["exercise_id"] != exercise_id]
    sides.append({"exercise_id": exercise_id, "tighter": tighter})
    return {**base, "sides": sides}


def with_self_test(
    check_in: CheckIn | None, test_id: str, unit: TestUnit, values: dict[Side, int]
) -> CheckIn:
    """A self-test's results per side (replacing any earlier result of the same test)."""
    low, high = TEST_RANGES[unit]
    results: list[SelfTestResult] = []
    for side in ("left", "right"):
        if side in values:
            value = values[side]
            if not low <= value <= high:
                raise ValueError(f"{side}: {unit} must be {low} to {high}, got {value}")
            results.append({"test_id": test_id, "side": side, "value": value, "unit": unit})
    base = check_in or empty_check_in()
    kept = [result for result in base["self_test"] if result["test_id"] != test_id]
    return {**base, "self_test": kept + results}


def is_empty(check_in: CheckIn | None) -> bool:
    """Whether nothing at all was answered."""
    return check_in is None or check_in == empty_check_in()


def stored(check_in: CheckIn | None) -> CheckIn | None:
    """What a record keeps: None for a check-in with nothing answered."""
    return None if is_empty(check_in) else check_in


def high_pain(check_in: CheckIn | None) -> bool:
    """Whether the pain before the session was 7 or more."""
    pain = None if check_in is None else check_in["pain_before"]
    return pain is not None and pain >= HIGH_PAIN

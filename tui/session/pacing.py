"""Hands-free timing rules: the get-ready countdown, paced reps and the 3-2-1 before an end.

Pure arithmetic on seconds, shared by the engine and its snapshot checks. Countdowns show
whole seconds rounded up, so every moment announced here falls where the shown number changes.
"""

from __future__ import annotations

import math

GET_READY_SECONDS = 5
"""The countdown before a hands-free hold or paced set that no rest or switch led into.

A rest or switch that runs out is the time to get in position, so the hold or the reps start at
once after it. After a key (the start of the session, a skip, back, undo, space in a rest) or a
gap of 0 s, the person may be at the keyboard: these 5 s get them back into position.
"""

WARNING_SECONDS = 3
"""How many of the last seconds of a countdown are announced, one by one."""


def shown_seconds(remaining: float) -> int:
    """The whole seconds a countdown shows: rounded up, so 0 appears only at the very end."""
    return max(0, math.ceil(remaining))


def until_shown_change(remaining: float) -> float:
    """Seconds until `shown_seconds` changes while counting down (0 once it has ended)."""
    if remaining <= 0:
        return 0.0
    return remaining - (shown_seconds(remaining) - 1)


def until_whole_second(elapsed: float) -> float:
    """Seconds until a clock counting up from `elapsed` shows its next whole second."""
    return math.floor(elapsed) + 1 - elapsed


def warning_due(remaining: float, duration: float, last_warned: int | None) -> int | None:
    """The second (3, 2 or 1) to announce now, or None.

    Only the second being shown is announced, never one already passed, and not the second a
    countdown starts on (a 3 s switch starts silently and announces 2 and 1).
    """
    if remaining <= 0:
        return None
    second = shown_seconds(remaining)
    if second > WARNING_SECONDS or second >= duration:
        return None
    if last_warned is not None and second >= last_warned:
        return None
    return second


def rep_in_progress(elapsed: float, tempo_seconds: int, rep_count: int) -> int:
    """The 1-based rep being done `elapsed` seconds into a paced set, at most `rep_count`."""
    if rep_count <= 0:
        return 0
    done = math.floor(max(elapsed, 0.0) / tempo_seconds)
    return min(done + 1, rep_count)


def pace_seconds(tempo_seconds: int, rep_count: int) -> int:
    """How long a paced set lasts: one tempo per rep, at least one tempo."""
    return tempo_seconds * max(rep_count, 1)

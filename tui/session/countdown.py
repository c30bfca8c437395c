"""A pausable countdown on an injected monotonic clock."""

from __future__ import annotations


class Countdown:
    """Seconds left are worked out from a fixed anchor time, never by summing ticks."""

    __slots__ = ("_anchor", "_left_at_anchor", "duration", "paused")

    def __init__(self, duration: float, remaining: float, anchor: float, paused: bool) -> None:
        self.duration = duration
        self.paused = paused
        self._left_at_anchor = remaining
        self._anchor = anchor

    @classmethod
    def start(cls, seconds: float, now: float) -> Countdown:
        """A fresh, running countdown of `seconds` from `now`."""
        return cls(float(seconds), float(seconds), now, paused=False)

    def remaining(self, now: float) -> float:
        """Seconds left at monotonic time `now`, never below zero."""
        if self.paused:
            return self._left_at_anchor
        return max(0.0, self._left_at_anchor - (now - self._anchor))

    def elapsed(self, now: float) -> float:
        """Seconds counted so far, out of `duration`."""
        return self.duration - self.remaining(now)

    def pause(self, now: float) -> None:
        """Stop counting, keeping what is left."""
        self._left_at_anchor = self.remaining(now)
        self.paused = True

    def resume(self, now: float) -> None:
        """Count on from what was left when paused."""
        self._anchor = now
        self.paused = False

    def extend(self, now: float, seconds: float) -> None:
        """Add seconds to what is left and to the total."""
        self._left_at_anchor = self.remaining(now) + seconds
        self._anchor = now
        self.duration += seconds

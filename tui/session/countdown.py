"""A pausable countdown on an injected monotonic clock, and what it has announced so far."""

from __future__ import annotations

from tui.session.pacing import rep_in_progress, warning_due


class Countdown:
    """Seconds left are worked out from a fixed anchor time, never by summing ticks.

    `warned` is the last 3-2-1 second announced and `reps_announced` the last paced rep, so
    each is announced once however often the clock is looked at.
    """

    __slots__ = ("_anchor", "_left_at_anchor", "duration", "paused", "reps_announced", "warned")

    def __init__(
        self,
        duration: float,
        remaining: float,
        anchor: float,
        paused: bool,
        *,
        warned: int | None = None,
        reps_announced: int = 0,
    ) -> None:
        self.duration = duration
        self.paused = paused
        self.warned = warned
        self.reps_announced = reps_announced
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
        """Add seconds to what is left and to the total; the 3-2-1 comes again at the new end."""
        self._left_at_anchor = self.remaining(now) + seconds
        self._anchor = now
        self.duration += seconds
        self.warned = None

    def take_warning(self, now: float) -> int | None:
        """The 3-2-1 second falling due now (3, 2 or 1), once; None if none is due."""
        second = warning_due(self.remaining(now), self.duration, self.warned)
        if second is not None:
            self.warned = second
        return second

    def take_rep(self, now: float, tempo_seconds: int, rep_count: int) -> bool:
        """True, once, when a paced rep after the last one announced has begun."""
        rep = rep_in_progress(self.elapsed(now), tempo_seconds, rep_count)
        if rep <= self.reps_announced:
            return False
        self.reps_announced = rep
        return True

"""Stiffness and side trends from the check-ins, in one pass over the session summaries.

The rules (README, "Trends"):
- A *trend* compares the mean stiffness before the session in the first quarter of a
  window with the mean in its last quarter: the 30-day window's first and last 7 days,
  the 12-week window's first and last 21 days. "6 → 3, −50 %" means the mean went from
  6 to 3; both quarters need at least one answer.
- *Before → after* is the mean before and the mean after over the last 30 days, of the
  sessions that have both answers.
- *Sides*: per exercise, how often each side felt tighter in the last 30 days, and in the
  30 days before ("was").
- *Self-test*: the gap between the sides in the newest result, and in the oldest result of
  the last 12 weeks ("was").

Only sessions that count (a set done) and have check-ins are read; a day is the local
day the session started, as everywhere in history. Pure: `today` is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from tui.history.stats import counts, session_day
from tui.ledger.checkin import TIGHTER_CHOICES
from tui.storage.types import Session, SideCheck

MONTH_DAYS = 30
WEEKS = 12
QUARTER_DAYS = {MONTH_DAYS: 7, WEEKS * 7: 21}
"""The span at each end of a window whose means a trend compares."""
MINUS = "−"


@dataclass(frozen=True)
class Change:
    """A mean at the start of a span and at its end."""

    start: float
    end: float

    @property
    def percent(self) -> int | None:
        """The change in per cent, rounded; None when the start is 0."""
        if self.start == 0:
            return None
        return round((self.end - self.start) / self.start * 100)

    def words(self) -> str:
        """'6 → 3, −50 %' (no per cent from 0)."""
        text = f"{_number(self.start)} → {_number(self.end)}"
        percent = self.percent
        if percent is None:
            return text
        sign = MINUS if percent < 0 else ("+" if percent > 0 else "±")
        return f"{text}, {sign}{abs(percent)} %"


def _number(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:g}"


@dataclass(frozen=True)
class SideLean:
    """One per-side exercise: how often each side felt tighter, now and in the span before."""

    exercise_id: str
    name: str
    now: tuple[int, int, int]
    """(left, right, even) answers in the last 30 days."""
    was: tuple[int, int, int]
    """The same for the 30 days before those."""

    def words(self) -> str:
        """'left tighter 5 of 8, was 7 of 8' or 'even 4 of 6, was left 3 of 5'."""
        text = _lean_words(self.now)
        if sum(self.was):
            text += f", was {_lean_words(self.was)}"
        return text


def _lean_words(answers: tuple[int, int, int]) -> str:
    left, right, even = answers
    total = left + right + even
    if left > right:
        return f"left tighter {left} of {total}"
    if right > left:
        return f"right tighter {right} of {total}"
    return f"even {even} of {total}" if even else f"left and right {left} each of {total}"


@dataclass(frozen=True)
class TestGap:
    """The self-test's two sides: the newest result, and the oldest in the last 12 weeks."""

    test_id: str
    unit: str
    left: int
    right: int
    was: tuple[int, int] | None
    """(left, right) of the oldest result in the window, if older than the newest."""

    def words(self) -> str:
        """'left lags right by 2, was 5' (by how many units the shorter side falls short)."""
        text = _gap_words(self.left, self.right, self.unit)
        if self.was is not None:
            before = self.was[1] - self.was[0]
            now = self.right - self.left
            if before and (before > 0) == (now > 0) and now:
                text += f", was {abs(before)}"
            else:
                text += f", was: {_gap_words(*self.was, self.unit)}"
        return text


def _gap_words(left: int, right: int, unit: str) -> str:
    gap = right - left
    what = "" if unit == "level" else f" {unit}" if unit == "cm" else "°"
    if gap > 0:
        return f"left lags right by {gap}{what}"
    if gap < 0:
        return f"right lags left by {-gap}{what}"
    return "left and right even"


@dataclass(frozen=True)
class Trends:
    """Everything the trends panel shows."""

    weekly_before: list[float | None]
    """Mean stiffness before, for each of the last 12 weeks (oldest first; None: no answer)."""
    month: Change | None
    quarter: Change | None
    """The 12-week trend."""
    before_after: Change | None
    """Mean stiffness before and after the session, last 30 days."""
    sides: list[SideLean]
    test: TestGap | None
    answered: int
    """Sessions with a stiffness answer in the last 12 weeks."""


@dataclass
class _Mean:
    total: float = 0.0
    count: int = 0

    def add(self, value: int) -> None:
        self.total += value
        self.count += 1

    @property
    def value(self) -> float | None:
        return self.total / self.count if self.count else None


@dataclass
class _Test:
    test_id: str
    day: date
    started: str
    unit: str
    sides: dict[str, int]


@dataclass
class TrendTally:
    """The running sums of one pass; add summaries in any order, then ask for `trends`."""

    today: date
    weekly: list[_Mean] = field(default_factory=lambda: [_Mean() for _ in range(WEEKS)])
    ends: dict[str, _Mean] = field(default_factory=dict)
    before: _Mean = field(default_factory=_Mean)
    after: _Mean = field(default_factory=_Mean)
    sides: dict[str, list[int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    tests: list[_Test] = field(default_factory=list)
    answered: int = 0

    def __post_init__(self) -> None:
        self._first = self.today - timedelta(days=WEEKS * 7 - 1)
        # A start recorded in another zone may be a day off ours: the text test leaves a day.
        self._cutoff = (self._first - timedelta(days=1)).isoformat()

    def add(self, summaries: Iterable[Session]) -> None:
        """Count in the sessions of the last 12 weeks that have check-ins."""
        today, first, cutoff = self.today, self._first, self._cutoff
        for summary in summaries:
            check_in = summary.get("check_in")
            if check_in is None or summary["started_at"][:10] < cutoff:
                continue
            day = session_day(summary)
            if not first <= day <= today or not counts(summary):
                continue
            age = (today - day).days
            self._add_stiffness(day, age, check_in["stiffness_before"], check_in["stiffness_after"])
            if age < 2 * MONTH_DAYS:
                self._add_sides(summary, check_in["sides"], age)
            if check_in["self_test"]:
                first_result = check_in["self_test"][0]
                sides: dict[str, int] = {
                    result["side"]: result["value"] for result in check_in["self_test"]
                }
                self.tests.append(
                    _Test(
                        first_result["test_id"],
                        day,
                        summary["started_at"],
                        first_result["unit"],
                        sides,
                    )
                )

    def _add_stiffness(self, day: date, age: int, before: int | None, after: int | None) -> None:
        if before is None:
            return
        self.answered += 1
        weeks_ago = min((self.today - day).days // 7, WEEKS - 1)  # 7-day spans back from today
        self.weekly[WEEKS - 1 - weeks_ago].add(before)
        for window, quarter in QUARTER_DAYS.items():
            if window - quarter <= age < window:
                self.ends.setdefault(f"{window}:start", _Mean()).add(before)
            if age < quarter:
                self.ends.setdefault(f"{window}:end", _Mean()).add(before)
        if age < MONTH_DAYS and after is not None:
            self.before.add(before)
            self.after.add(after)

    def _add_sides(self, summary: Session, sides: list[SideCheck], age: int) -> None:
        offset = 0 if age < MONTH_DAYS else 3
        for answer in sides:
            exercise_id = answer["exercise_id"]
            tally = self.sides.setdefault(exercise_id, [0] * 6)
            tally[offset + TIGHTER_CHOICES.index(answer["tighter"])] += 1
            if exercise_id not in self.names:
                self.names[exercise_id] = _exercise_name(summary, exercise_id)

    def trends(self) -> Trends:
        """The figures as of `today`."""
        leans = [
            SideLean(key, self.names.get(key, key), (c[0], c[1], c[2]), (c[3], c[4], c[5]))
            for key, c in self.sides.items()
            if sum(c[:3])
        ]
        leans.sort(key=lambda lean: (-sum(lean.now), lean.name))
        return Trends(
            weekly_before=[mean.value for mean in self.weekly],
            month=self._change(MONTH_DAYS),
            quarter=self._change(WEEKS * 7),
            before_after=_change(self.before, self.after),
            sides=leans,
            test=self._test_gap(),
            answered=self.answered,
        )

    def _change(self, window: int) -> Change | None:
        start = self.ends.get(f"{window}:start")
        end = self.ends.get(f"{window}:end")
        return None if start is None or end is None else _change(start, end)

    def _test_gap(self) -> TestGap | None:
        whole = [test for test in self.tests if {"left", "right"} <= set(test.sides)]
        if not whole:
            return None
        whole.sort(key=lambda test: (test.day, test.started))
        newest = whole[-1]
        same = [
            test for test in whole if test.test_id == newest.test_id and test.unit == newest.unit
        ]
        oldest = same[0]
        was = None if oldest is newest else (oldest.sides["left"], oldest.sides["right"])
        return TestGap(
            newest.test_id, newest.unit, newest.sides["left"], newest.sides["right"], was
        )


def _change(start: _Mean, end: _Mean) -> Change | None:
    if start.value is None or end.value is None:
        return None
    return Change(start.value, end.value)


def _exercise_name(summary: Session, exercise_id: str) -> str:
    for exercise in summary.get("exercises") or ():
        if exercise.get("id") == exercise_id:
            return str(exercise.get("name") or exercise_id)
    return exercise_id


def trends(summaries: Iterable[Session], today: date) -> Trends:
    """The trends of these sessions as of `today` (one pass)."""
    tally = TrendTally(today)
    tally.add(summaries)
    return tally.trends()

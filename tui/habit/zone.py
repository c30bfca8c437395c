"""The system's time zone by name, and its rules written as an iCalendar VTIMEZONE."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MARKER = "zoneinfo/"


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone called `name`, or None."""
    if not name or name.startswith("/") or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def system_zone() -> ZoneInfo | None:
    """This machine's local zone by IANA name: from $TZ, /etc/localtime or /etc/timezone.

    None when it has no name (say, a POSIX rule in $TZ): times are then floating.
    """
    candidates: list[str] = []
    variable = os.environ.get("TZ")
    if variable is not None:
        candidates.append(variable.removeprefix(":") or "UTC")
    else:
        target = os.path.realpath("/etc/localtime")
        if _MARKER in target:
            candidates.append(target.rsplit(_MARKER, 1)[1])
        try:
            with open("/etc/timezone", encoding="utf-8") as file:
                candidates.append(file.read(200).strip())
        except (OSError, UnicodeDecodeError):
            pass
    for name in candidates:
        zone = zone_named(name)
        if zone is not None:
            return zone
    return None


@dataclass(frozen=True)
class Transition:
    """A change of UTC offset: at `at` (UTC) from `before` to `after`."""

    at: datetime
    before: timedelta
    after: timedelta
    name: str
    daylight: bool
    """Whether the clocks go forward."""

    @property
    def local_start(self) -> datetime:
        """When it happens on the clock that was in force before it (no zone)."""
        return (self.at + self.before).replace(tzinfo=None)


def transitions(zone: tzinfo, first_year: int, last_year: int) -> Iterator[Transition]:
    """Every offset change in those years, found day by day, then to the second."""
    day = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(last_year + 1, 1, 1, tzinfo=UTC).timestamp())
    offset = _offset(zone, day)
    while day < end:
        following = day + 86_400
        changed = _offset(zone, following)
        if changed != offset:
            low, high = day, following
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if _offset(zone, middle) == offset else (low, middle)
            at = datetime.fromtimestamp(high, UTC)
            name = at.astimezone(zone).tzname() or ""
            # A change forward is "daylight" as calendars expect, even where tzdata calls
            # winter the exception (Europe/Dublin's negative DST).
            yield Transition(at, offset, changed, name, daylight=changed > offset)
            offset = changed
        day = following


def _offset(zone: tzinfo, at: int) -> timedelta:
    return datetime.fromtimestamp(at, zone).utcoffset() or timedelta(0)


def offset_words(offset: timedelta) -> str:
    """'+0100', '-0430', '+053730' (UTC offset as iCalendar writes it)."""
    sign = "-" if offset < timedelta(0) else "+"
    seconds = abs(int(offset.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def yearly_rule(moment: datetime) -> str:
    """The RRULE for 'this weekday of this month' each year: 2SU, or -1SU for the last one."""
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[moment.weekday()]
    next_month = date(moment.year + moment.month // 12, moment.month % 12 + 1, 1)
    month_days = (next_month - timedelta(days=1)).day
    nth = "-1" if moment.day + 7 > month_days else str((moment.day - 1) // 7 + 1)
    return f"FREQ=YEARLY;BYMONTH={moment.month};BYDAY={nth}{weekday}"


def rule_dates(rule_moment: datetime, years: range) -> list[date]:
    """The dates `yearly_rule(rule_moment)` gives in `years`."""
    found = []
    nth_text = yearly_rule(rule_moment).rsplit("=", 1)[1][:-2]
    nth = int(nth_text)
    for year in years:
        days = [
            date(year, rule_moment.month, d)
            for d in range(1, 32)
            if _valid(year, rule_moment.month, d)
            and date(year, rule_moment.month, d).weekday() == rule_moment.weekday()
        ]
        found.append(days[nth - 1] if nth > 0 else days[nth])
    return found


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True

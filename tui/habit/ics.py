"""The reminder plan as an iCalendar file (RFC 5545) a calendar app can import.

One weekly event per planned weekday, each with a stable UID made from the routine and
the weekday, so importing a fresh export updates the events instead of adding copies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tui import __version__
from tui.habit.plan import WEEKDAYS, Plan
from tui.habit.zone import Transition, offset_words, rule_dates, transitions, yearly_rule
from tui.text import printable

CRLF = "\r\n"
LINE_OCTETS = 75
ALARM_MINUTES = 10
RULE_CHECK_YEARS = 12
"""How many years the yearly rules written for a zone are checked against its real rules."""


@dataclass(frozen=True)
class Reminder:
    """What the events say: the routine's name and length, and the command to run."""

    routine_name: str
    minutes: int


def escape_text(text: str) -> str:
    """A TEXT value: control characters made visible, then \\ ; , and newlines escaped."""
    text = printable(text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def fold(line: str) -> str:
    """The content line folded after at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1  # continuations start with " "
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def stamp(moment: datetime) -> str:
    """A UTC DATE-TIME: 20261120T063000Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment: datetime) -> str:
    """A local (floating) DATE-TIME: 20261123T073000."""
    return moment.strftime("%Y%m%dT%H%M%S")


def uid(plan: Plan, weekday: int) -> str:
    """The event's UID: the same for the same routine and weekday, export after export."""
    return f"{plan.routine_id}-{WEEKDAYS[weekday]}@loosen"


def first_on_or_after(start: date, weekday: int) -> date:
    """The first date from `start` on that falls on `weekday` (0 = Monday)."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def calendar(plan: Plan, reminder: Reminder, zone: ZoneInfo | None, now: datetime) -> str:
    """The whole iCalendar file, CRLF line ends.

    With a named zone, times carry its TZID and a VTIMEZONE describes it; without one
    they are floating: the plan's time wherever the calendar is.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//loosen//loosen {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if zone is not None:
        lines += vtimezone(zone, plan.since)
    summary = escape_text(f"Warm-up: {reminder.routine_name}")
    hour, minute = plan.time
    for weekday in plan.weekdays:
        start = datetime.combine(first_on_or_after(plan.since, weekday), datetime.min.time())
        start = start.replace(hour=hour, minute=minute)
        dtstart = (
            f"DTSTART;TZID={_param(zone.key)}:{local_stamp(start)}"
            if zone is not None
            else f"DTSTART:{local_stamp(start)}"
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(uid(plan, weekday))}",
            f"DTSTAMP:{stamp(now)}",
            dtstart,
            f"DURATION:PT{max(reminder.minutes, 1)}M",
            f"RRULE:FREQ=WEEKLY;BYDAY={WEEKDAYS[weekday][:2].upper()}",
            f"SUMMARY:{summary}",
            "DESCRIPTION:" + escape_text(f"In a terminal: loosen start {plan.routine_id}"),
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{summary}",
            f"TRIGGER:-PT{ALARM_MINUTES}M",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _param(value: str) -> str:
    """A parameter value, quoted when it holds characters that would end it."""
    if any(char in value for char in ';:,"'):
        return '"' + value.replace('"', "") + '"'
    return value


def vtimezone(zone: ZoneInfo, since: date) -> list[str]:
    """A VTIMEZONE for `zone` from the year before `since` on.

    Yearly rules (e.g. the last Sunday of March) when they match the zone's real changes
    for the next years; otherwise each change written out for those years.
    """
    first_year = since.year - 1
    found = list(transitions(zone, first_year, since.year + RULE_CHECK_YEARS))
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    if not found:
        moment = datetime(first_year, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = moment.utcoffset() or timedelta(0)
        lines += _observance(
            "STANDARD", datetime(1970, 1, 1), offset, offset, moment.tzname() or "", None
        )
    else:
        ruled = _yearly_rules(found, first_year)
        if ruled is not None:
            for change in ruled:
                kind = "DAYLIGHT" if change.daylight else "STANDARD"
                lines += _observance(
                    kind,
                    change.local_start,
                    change.before,
                    change.after,
                    change.name,
                    yearly_rule(change.local_start),
                )
        else:
            first = found[0]  # what held before it, from the window's start
            lines += _observance(
                "STANDARD" if first.daylight else "DAYLIGHT",
                datetime(first_year, 1, 1),
                first.before,
                first.before,
                "",
                None,
            )
            for change in found:
                kind = "DAYLIGHT" if change.daylight else "STANDARD"
                lines += _observance(
                    kind, change.local_start, change.before, change.after, change.name, None
                )
    lines.append("END:VTIMEZONE")
    return lines


def _yearly_rules(found: list[Transition], first_year: int) -> list[Transition] | None:
    """The first change of each kind, if every later one follows its yearly rule; else None."""
    by_kind: dict[tuple[bool, timedelta, timedelta], list[Transition]] = defaultdict(list)
    for change in found:
        by_kind[(change.daylight, change.before, change.after)].append(change)
    last_year = found[-1].at.year
    if len(by_kind) > 2:
        return None
    firsts = []
    for changes in by_kind.values():
        first = changes[0]
        years = range(first.local_start.year, last_year + 1)
        expected = rule_dates(first.local_start, years)
        actual = [change.local_start for change in changes]
        if [moment.date() for moment in actual] != expected or any(
            moment.time() != first.local_start.time() for moment in actual
        ):
            return None
        if first.local_start.year != first_year:
            return None
        firsts.append(first)
    return sorted(firsts, key=lambda change: change.at)


def _observance(
    kind: str,
    start: datetime,
    before: timedelta,
    after: timedelta,
    name: str,
    rule: str | None,
) -> list[str]:
    lines = [
        f"BEGIN:{kind}",
        f"DTSTART:{local_stamp(start)}",
        f"TZOFFSETFROM:{offset_words(before)}",
        f"TZOFFSETTO:{offset_words(after)}",
    ]
    if name:
        lines.append(f"TZNAME:{escape_text(name)}")
    if rule is not None:
        lines.append(f"RRULE:{rule}")
    lines.append(f"END:{kind}")
    return lines

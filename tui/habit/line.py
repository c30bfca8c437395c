"""The status line: one short line for a shell prompt or tmux, from a HabitStatus."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself would cost `loosen status` milliseconds on every prompt
if TYPE_CHECKING:
    from typing import Any

    from tui.habit.status import HabitStatus

PLACEHOLDERS = {
    "today": "'✓ today' when done today, else 'no warm-up yet today'",
    "mark": "✓ when done today, else ✗ (ASCII: + and -)",
    "week_done": "days with a warm-up this week (Monday to today)",
    "goal": "the weekly goal in days",
    "needed": "days still needed this week (0 once met)",
    "days_left": "days of this week still open, today included until done",
    "weeks": "weeks met in a row",
    "streak": "the forgiving daily streak in days (rest days the goal allows kept)",
    "strict": "the strict daily streak in days",
}
"""Every placeholder --format knows, with what it stands for."""


class FormatError(ValueError):
    """A --format template that names an unknown placeholder or is malformed."""


def check_template(template: str) -> str:
    """`template` if every {placeholder} in it is known; raises FormatError otherwise."""
    from string import Formatter  # only with --format: the plain line is the common one

    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    try:
        fields = list(Formatter().parse(template))
    except ValueError as error:
        raise FormatError(f"--format: {error} (literal braces are written {{{{ and }}}})") from None
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            raise FormatError(f"--format: unknown placeholder {{{name}}}; known: {known}")
        if conversion or (spec and "{" in spec):
            raise FormatError(f"--format: write {{{name}}} without !conversions or nested fields")
    return template


def values(status: HabitStatus, *, ascii_only: bool) -> dict[str, Any]:
    """Each placeholder's value."""
    done = status.done_today
    if ascii_only:
        today, mark = ("done today" if done else "no warm-up yet today"), ("+" if done else "-")
    else:
        today, mark = ("✓ today" if done else "no warm-up yet today"), ("✓" if done else "✗")
    return {
        "today": today,
        "mark": mark,
        "week_done": status.week_done,
        "goal": status.goal,
        "needed": status.needed,
        "days_left": status.days_left,
        "weeks": status.weeks,
        "streak": status.streak,
        "strict": status.strict,
    }


def status_line(status: HabitStatus, template: str | None = None, *, ascii_only: bool) -> str:
    """The line: `template` filled in, or e.g. '✓ today · 4/5 this week · 12-week streak'.

    Raises FormatError when a placeholder's format spec does not fit its value.
    """
    filled = values(status, ascii_only=ascii_only)
    if template is not None:
        try:
            return check_template(template).format_map(filled)
        except (ValueError, TypeError) as error:
            raise FormatError(f"--format: {error}") from None
    parts = [filled["today"], f"{status.week_done}/{status.goal} this week"]
    if status.weeks:
        parts.append(f"{status.weeks}-week streak")
    return (" - " if ascii_only else " · ").join(parts)


def terminal_shows_unicode(encoding: str | None) -> bool:
    """Whether ✓ and · can be shown: a stream encoding for them and a UTF-8 locale.

    The locale is what tmux goes by too: without UTF-8 in it, tmux shows _ instead.
    """
    try:
        "✓·✗".encode(encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        return False
    for variable in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "utf-8" in value.lower() or "utf8" in value.lower()
    return False

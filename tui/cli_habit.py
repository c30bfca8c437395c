"""`loosen status`: the habit in one line, fast enough for every shell prompt.

Imported before anything heavy (see tui.__main__): no argparse, Textual, TinyDB,
pathlib or catalogue on this path.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself would cost `loosen status` milliseconds on every prompt
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from datetime import date
    from typing import TextIO

EXIT_DONE = 0
EXIT_NOT_YET = 1
EXIT_BAD_INPUT = 2

_VALUED = ("--data-dir", "--routines", "--format")


def early_status_options(argv: Sequence[str]) -> dict[str, str | bool] | None:
    """The options of a plain `loosen [--data-dir DIR] status [...]` call, or None.

    None for any other command, and for anything this small parser does not know
    (--help, a typo...): argparse then deals with it, with its usual messages.
    """
    options: dict[str, str | bool] = {}
    command = None
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if name in _VALUED:
            if not equals:
                found = next(args, None)
                if found is None:
                    return None
                value = found
            options[name] = value
        elif arg == "--ascii":
            options[arg] = True
        elif arg == "status" and command is None:
            command = arg
        else:
            return None
    return options if command == "status" else None


def default_data_dir() -> str:
    """$LOOSEN_DATA_DIR, else the user data dir (worked out without platformdirs on Linux)."""
    from_environment = os.environ.get("LOOSEN_DATA_DIR")
    if from_environment:
        return from_environment
    if sys.platform.startswith("linux"):
        # platformdirs' rule for Linux, without the cost of importing it on every prompt.
        base = os.environ.get("XDG_DATA_HOME", "")
        if not base.strip():
            base = os.path.expanduser("~/.local/share")
        return os.path.join(base, "loosen")
    from tui.locations import data_dir

    return str(data_dir())


def status(
    data_dir: str | None,
    template: str | None = None,
    ascii_only: bool = False,
    *,
    today: date | None = None,
    out: TextIO | None = None,
) -> int:
    """Print the status line; 0 when a warm-up is done today, 1 when not, 2 on bad input."""
    from tui.habit.counting import today_ordinal
    from tui.habit.line import FormatError, check_template, status_line, terminal_shows_unicode
    from tui.habit.reader import HabitData, HabitDataError
    from tui.habit.status import status_on

    out = out or sys.stdout
    where = os.path.abspath(os.path.expanduser(data_dir or default_data_dir()))
    try:
        if template is not None:
            check_template(template)
        data = HabitData(where)
        day = today.toordinal() if today is not None else today_ordinal()
        figures = status_on(data.marks(), day, data.goal)
        # A stream of str without an encoding (a test's StringIO) takes any character.
        encoding = getattr(out, "encoding", None) or "utf-8"
        plain = ascii_only or not terminal_shows_unicode(encoding)
        line = status_line(figures, template, ascii_only=plain)
    except (FormatError, HabitDataError) as error:
        from tui.text import printable

        print(f"loosen: {printable(str(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        out.write(line.encode(encoding, "replace").decode(encoding) + "\n")
        out.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    return EXIT_DONE if figures.done_today else EXIT_NOT_YET


def run_early_status(argv: Sequence[str]) -> int | None:
    """Run `loosen status` if that is what `argv` asks for; None to go the usual way."""
    options = early_status_options(argv)
    if options is None:
        return None
    data_dir, template = options.get("--data-dir"), options.get("--format")
    return status(
        data_dir if isinstance(data_dir, str) else None,
        template if isinstance(template, str) else None,
        ascii_only=options.get("--ascii") is True,
    )


# The argparse side: `loosen --help` lists both commands, and `remind` runs from here.


def add_habit_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `status` and `remind` to loosen's parser (`command` makes a sub-command)."""
    from pathlib import Path

    from tui.habit.line import PLACEHOLDERS

    status_parser = command(
        "status", "one line for a prompt or tmux: done today? days this week, weeks in a row"
    )
    status_parser.add_argument(
        "--format",
        metavar="TEMPLATE",
        help="your own line, e.g. '{mark} {week_done}/{goal}'; placeholders: "
        + ", ".join("{" + name + "}" for name in PLACEHOLDERS),
    )
    status_parser.add_argument("--ascii", action="store_true", help="plain ASCII, no ✓ or ·")
    remind = command("remind", "your warm-up plan; --ics writes it as a calendar file")
    remind.add_argument("--ics", action="store_true", help="write the plan as iCalendar")
    remind.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="default: standard output"
    )
    remind.add_argument("--routine", metavar="ID", help="the routine to do (remembered)")
    remind.add_argument("--days", metavar="DAYS", help="weekdays, e.g. mon,wed,fri (remembered)")
    remind.add_argument("--time", metavar="HH:MM", help="local time, e.g. 07:30 (remembered)")


def run_habit_command(args: argparse.Namespace) -> int:
    """Run `status` or `remind` as parsed by argparse."""
    if args.command == "status":
        return status(
            str(args.data_dir) if args.data_dir else None, args.format, ascii_only=args.ascii
        )
    from tui.cli_remind import remind

    return remind(args)

"""Command-line parsing and the sub-commands that run without the full-screen app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__, cli_library, cli_plan, cli_start
from tui.catalogue.loader import CatalogueError
from tui.catalogue.model import Catalogue
from tui.catalogue.sources import check_routines_file, load_catalogue
from tui.catalogue.timing import routine_minutes
from tui.locations import DATA_DIR_VARIABLE, data_dir, user_routines_file
from tui.text import printable

if TYPE_CHECKING:
    from tui.storage.store import Store

EXIT_OK = 0
EXIT_BAD_INPUT = 2

DESCRIPTION = """\
A keyboard-driven terminal companion for upper-back mobility warm-ups.
With no command, opens the catalogue; pick a routine and loosen walks you
through it cue by cue, set by set, side by side, and keeps your history."""


def _common_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Sub-commands accept the same options; SUPPRESS keeps them from overwriting the top ones.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=default,
        help=f"where history is kept (also ${DATA_DIR_VARIABLE}; default: your user data dir)",
    )
    parser.add_argument(
        "--routines",
        type=Path,
        metavar="FILE",
        default=default,
        help=f"use FILE's routines only (default: the built-in ones plus {user_routines_file()})",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `loosen`."""
    parser = argparse.ArgumentParser(
        prog="loosen",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"loosen {__version__}")
    _common_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _common_options(sub, top=False)
        return sub

    command("routines", "print the routines (id, name, exercises, minutes) and exit")
    check = command("check", "validate a routines file: print ok, or every error, one per line")
    check.add_argument("file", type=Path, metavar="FILE")
    start = command(
        "start",
        "open straight into a session of a routine; with no id, your usual one or the last done",
    )
    cli_start.add_arguments(start)
    command("history", "open the app on the history screen")
    cli_plan.add_arguments(command("plan", cli_plan.HELP))
    export = command(
        "export",
        "write every session as CSV (one row per set and side) or JSON, or the check-ins as"
        " wger measurements",
    )
    export.add_argument("--format", choices=("csv", "json", "wger-measurements"), default="csv")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="default: standard output"
    )
    import_ = command("import", "merge sessions from a loosen JSON export (by session id)")
    import_.add_argument("file", type=Path, metavar="FILE")
    library = command("library", cli_library.HELP)
    cli_library.add_arguments(library, lambda sub: _common_options(sub, top=False))
    from tui.cli_habit import add_habit_commands

    add_habit_commands(command)
    return parser


def _fail(lines: Sequence[str], prefix: str = "loosen: ") -> int:
    """Print each line to standard error and return the exit status for bad input."""
    for line in lines:
        print(f"{prefix}{printable(line)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _warn(catalogue: Catalogue) -> None:
    """Say on standard error which files were used only in part, and how to fix them."""
    from tui.catalogue.notices import problem_notice

    for problems in catalogue.problems:
        for line in problem_notice(problems):
            print(f"loosen: warning: {printable(line)}", file=sys.stderr)


def _print_routines(catalogue: Catalogue) -> None:
    rows = [
        (
            routine.id,
            printable(routine.name),
            str(len(routine.steps)),
            str(routine_minutes(routine)),
        )
        for routine in catalogue.routines
    ]
    header = ("ID", "NAME", "EXERCISES", "MINUTES")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print(
            f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  "
            f"{row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}".rstrip()
        )


def _open_store(args: argparse.Namespace) -> Store:
    from tui.storage.store import Store

    return Store.open(data_dir(args.data_dir))


def run(argv: Sequence[str]) -> int:
    """Run loosen with these arguments; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "library":
        return cli_library.run(args)
    if args.command == "check":
        try:
            check_routines_file(args.file, data=data_dir(args.data_dir))
        except CatalogueError as error:
            return _fail(error.problems, prefix="")
        print("ok")
        return EXIT_OK

    if args.command in ("status", "remind"):
        from tui.cli_habit import run_habit_command

        return run_habit_command(args)

    from tui.storage.errors import StorageError

    try:
        if args.command == "export":
            from tui.cli_data import export_sessions

            with _open_store(args) as store:
                return export_sessions(store, args.format, args.output)
        if args.command == "import":
            from tui.cli_data import import_sessions

            with _open_store(args) as store:
                return import_sessions(store, args.file)
        catalogue = load_catalogue(args.routines, data=data_dir(args.data_dir))
        _warn(catalogue)
        if args.command == "routines":
            _print_routines(catalogue)
            return EXIT_OK
        if args.command == "plan":
            with _open_store(args) as store:
                return cli_plan.print_plan(args.routine_id, catalogue, store, cli_plan.today())
        routine_id = args.routine_id if args.command == "start" else None
        if routine_id is not None and catalogue.routine(routine_id) is None:
            known = ", ".join(routine.id for routine in catalogue.routines)
            return _fail([f'unknown routine "{routine_id}"; known routines: {known}'])
        store = _open_store(args)
        if cli_start.changes_usual(args):
            with store:
                print(cli_start.change_usual(args, catalogue, store))
            return EXIT_OK
        if args.command == "start" and routine_id is None:
            try:
                routine_id = cli_start.routine_to_start(catalogue, store)
            except BaseException:
                store.close()
                raise
    except CatalogueError as error:
        return _fail(error.problems, prefix="")
    except (StorageError, cli_start.StartError) as error:
        return _fail([str(error)])

    # Textual reads keys from stdin and draws on stderr; stdout is a terminal there too.
    streams = (sys.stdin, sys.stdout, sys.stderr)
    if not all(stream is not None and stream.isatty() for stream in streams):
        store.close()
        # Without a terminal (ssh host cmd, scp, a pipe) the app would draw into nothing
        # and keep the data dir locked; say what to do instead.
        return _fail(["loosen needs a terminal; over SSH, use ssh -t"])

    from tui.app import LoosenApp

    with store:
        app = LoosenApp(
            catalogue=catalogue,
            store=store,
            start_routine=routine_id,
            open_history=args.command == "history",
            editable_routines=args.routines is None,
        )
        app.run()
    return app.return_code or EXIT_OK

"""The `loosen library` commands: import, add, list, remove and reset the exercise library."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.text import printable

if TYPE_CHECKING:
    from tui.library.changes import Change
    from tui.library.shelf import Library

EXIT_OK = 0
EXIT_BAD_INPUT = 2
HELP = "import exercises from free-exercise-db or wger; list, add and remove them"
FORMATS = ("free-exercise-db", "wger")
BUNDLED = ("builtin-stretches",)
SHOWN_SKIPS = 5


def add_arguments(
    parser: argparse.ArgumentParser, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add the library's actions to the `library` sub-command's parser."""
    actions = parser.add_subparsers(dest="library_action", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        common(sub)
        return sub

    import_ = action("import", "import an exercise database file; again later, it updates")
    import_.add_argument("file", type=Path, metavar="FILE")
    import_.add_argument("--format", choices=FORMATS, help="default: told from the file")
    import_.add_argument(
        "--language",
        type=int,
        default=2,
        metavar="ID",
        help="wger: the language id of the translation to use (default: 2, English)",
    )
    shown = action("list", "list the library's sources, or with --exercises every exercise")
    shown.add_argument("--exercises", action="store_true", help="one line per exercise")
    add = action("add", "add a set that ships with loosen (off until added)")
    add.add_argument("set", choices=BUNDLED, metavar="SET", help=f"one of: {', '.join(BUNDLED)}")
    remove = action("remove", "remove a source (or set) by name, or one exercise by id")
    remove.add_argument("target", metavar="SOURCE|ID")
    action("reset", "set the library file aside (renamed, not deleted) and start empty")


def _fail(message: str) -> int:
    print(printable(message), file=sys.stderr)
    return EXIT_BAD_INPUT


def _table(rows: Sequence[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _report(change: Change, data_dir: Path) -> None:
    from tui.library.layout import library_file

    parts = []
    if change.added or change.updated or change.unchanged:
        parts.append(f"{change.added} new, {change.updated} updated, {change.unchanged} unchanged")
    if change.removed:
        parts.append(f"{change.removed} removed")
    print(f"{change.section}: {', '.join(parts) or 'nothing changed'} ({library_file(data_dir)})")
    if change.skipped:
        print(f"left out {len(change.skipped)}:")
        for line in change.skipped[:SHOWN_SKIPS]:
            print(f"  {printable(line)}")
        if len(change.skipped) > SHOWN_SKIPS:
            print(f"  and {len(change.skipped) - SHOWN_SKIPS} more")


def _list(library: Library, exercises: bool) -> None:
    if not library.sections:
        print("The library is empty: `loosen library add builtin-stretches` adds loosen's own")
        print("stretching set, `loosen library import FILE` a free-exercise-db or wger file.")
        return
    rows: list[tuple[str, ...]]
    if exercises:
        rows = [("ID", "NAME", "CATEGORY", "SOURCE")]
        rows += [
            (r.id, printable(r.name), printable(r.category), s.name)
            for s in library.sections
            for r in s.records
        ]
    else:
        rows = [("SOURCE", "EXERCISES", "LICENCE", "UPDATED", "FROM")]
        for section in library.sections:
            licences = sorted({r.license or "not stated" for r in section.records})
            rows.append(
                (
                    section.name,
                    str(len(section.records)),
                    printable(", ".join(licences)),
                    printable(section.updated),
                    printable(section.origin),
                )
            )
    _table(rows)


def _routines_still_load(data_dir: Path) -> Callable[[Library], str | None]:
    """A check that the user's routines file still loads with the library changed."""
    from tui.catalogue.loader import CatalogueError, load_catalogue_file
    from tui.catalogue.sources import builtin_routines_file
    from tui.library.catalogue import add_exercises, library_exercises
    from tui.library.shelf import read_library
    from tui.locations import user_routines_file

    user_file = user_routines_file()
    builtin = load_catalogue_file(builtin_routines_file())

    def loads(library: Library) -> str | None:
        base = add_exercises(builtin, library_exercises(library))
        try:
            load_catalogue_file(user_file, base=base)
        except CatalogueError as error:
            return error.problems[0]
        return None

    def check(changed: Library) -> str | None:
        if not user_file.exists() or loads(read_library(data_dir)) is not None:
            return None  # no routines of the user's, or already broken: not this change's doing
        problem = loads(changed)
        return f"your routines use it: {problem}" if problem else None

    return check


def run(args: argparse.Namespace) -> int:
    """Run one `loosen library` action; returns the exit status."""
    from tui.library import changes
    from tui.library.catalogue import RESET_HINT
    from tui.library.record import LibraryError
    from tui.library.shelf import DamagedLibraryError, read_library
    from tui.locations import data_dir as find_data_dir

    data_dir = find_data_dir(args.data_dir)
    try:
        if args.library_action == "import":
            change = changes.import_file(data_dir, args.file, args.format, language=args.language)
            _report(change, data_dir)
        elif args.library_action == "add":
            _report(changes.add_bundled(data_dir, args.set), data_dir)
        elif args.library_action == "remove":
            check = _routines_still_load(data_dir)
            _report(changes.remove(data_dir, args.target, still_valid=check), data_dir)
        elif args.library_action == "reset":
            print(f"moved the library aside to {changes.reset(data_dir)}; it is empty now")
        else:
            _list(read_library(data_dir), args.exercises)
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`loosen library list --exercises | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except DamagedLibraryError as error:
        return _fail(f"{error} ({RESET_HINT})")
    except LibraryError as error:
        return _fail(str(error))
    return EXIT_OK

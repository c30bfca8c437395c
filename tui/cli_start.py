"""`loosen start` without a routine id: the usual routine, or the one done last."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui.catalogue.model import Catalogue
from tui.text import printable

if TYPE_CHECKING:
    from tui.storage.store import Store


class StartError(Exception):
    """Nothing to start; the message is one line."""


def add_arguments(start: argparse.ArgumentParser) -> None:
    """The `start` command's arguments."""
    start.add_argument(
        "routine_id",
        metavar="ROUTINE_ID",
        nargs="?",
        help="default: your usual routine (see --mark-usual), else the one you did last",
    )
    usual = start.add_mutually_exclusive_group()
    usual.add_argument(
        "--mark-usual",
        metavar="ID",
        help="remember routine ID as your usual one, which `loosen start` then starts; and exit",
    )
    usual.add_argument(
        "--forget-usual",
        action="store_true",
        help="forget the usual routine (`loosen start` then starts the one you did last); exit",
    )


def changes_usual(args: argparse.Namespace) -> bool:
    """Whether this `start` only marks or forgets the usual routine."""
    return args.command == "start" and bool(args.mark_usual or args.forget_usual)


def change_usual(args: argparse.Namespace, catalogue: Catalogue, store: Store) -> str:
    """Mark or forget the usual routine; returns the line to print. Raises `StartError`."""
    from tui.catalogue.quick_start import USUAL_ROUTINE

    if args.forget_usual:
        store.set_setting(USUAL_ROUTINE, "")
        return "no usual routine now: loosen start starts the routine you did last"
    routine = catalogue.routine(args.mark_usual)
    if routine is None:
        known = ", ".join(routine.id for routine in catalogue.routines)
        raise StartError(f'unknown routine "{args.mark_usual}"; known routines: {known}')
    store.set_setting(USUAL_ROUTINE, routine.id)
    name = printable(routine.name)
    return f"your usual routine is now {name} ({routine.id}): loosen start starts it"


def routine_to_start(catalogue: Catalogue, store: Store) -> str:
    """The id `loosen start` with no id starts; raises `StartError` when there is none."""
    from tui.catalogue.quick_start import USUAL_ROUTINE, quick_start_routine

    usual = store.get_setting(USUAL_ROUTINE, "")
    chosen = quick_start_routine(catalogue, store.newest_sessions(), usual)
    if chosen.routine is None:
        raise StartError(chosen.reason)
    return chosen.routine.id

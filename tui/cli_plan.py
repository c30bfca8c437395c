"""`loosen plan`: today's routine, each step's dosage today, and why (plain text)."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from tui.text import printable

if TYPE_CHECKING:
    # Imported where used: `loosen` parses its arguments on every start, plan or not.
    from tui.catalogue.model import Catalogue, Routine
    from tui.ledger.progression import Suggestion
    from tui.ledger.progression_log import Change, Log
    from tui.storage.store import Store

HELP = "print today's routine (your usual one, or the last done) with each step's dosage and why"
WIDTH = 78
OWN = "the routine's own"


def today() -> date:
    """Today, in this machine's time zone."""
    return datetime.now().astimezone().date()


def add_arguments(plan: argparse.ArgumentParser) -> None:
    """The `plan` command's arguments."""
    plan.add_argument(
        "routine_id",
        metavar="ROUTINE_ID",
        nargs="?",
        help="default: your usual routine (loosen start --mark-usual), else the one done last",
    )


def why_words(suggestion: Suggestion | None, change: Change | None) -> str:
    """Why a step has its dosage today: the routine's own, changed, or a suggestion."""
    from tui.ledger.progression import short_dosage

    if suggestion is not None:
        new = short_dosage(suggestion.new_dosage)
        if suggestion.kind == "ease":
            return (
                f"easing back suggested after pain: {suggestion.change_words()}, {new}"
                f" ({suggestion.reason}); accept it in loosen (ctrl+p, Suggestions)"
            )
        return (
            f"suggested: {suggestion.change_words()}, {new} ({suggestion.reason});"
            " accept it in loosen (p on the summary, or ctrl+p, Suggestions)"
        )
    if change is not None:
        return f"{OWN}: you accepted {change.words} on {change.at[:10]}"
    return OWN


def plan_lines(
    routine: Routine, found: Sequence[Suggestion], log: Log, today: date, chosen_because: str
) -> list[str]:
    """The plan's lines: the routine, then each step with its dosage and why."""
    from tui.catalogue.timing import routine_minutes
    from tui.ledger.progression import short_dosage

    heading = (
        f"Today, {today:%a} {today.day} {today:%b %Y}: {printable(routine.name)} ({routine.id})"
    )
    lines = textwrap.wrap(heading, WIDTH, subsequent_indent="  ")
    minutes = f"About {routine_minutes(routine)} min"
    lines += textwrap.wrap(
        f"{minutes}: {chosen_because}." if chosen_because else f"{minutes}.", WIDTH
    )
    by_step = {suggestion.step: suggestion for suggestion in found}
    for index, step in enumerate(routine.steps):
        lines.append(f"{index + 1}. {printable(step.exercise.name)}: {short_dosage(step.dosage)}")
        why = why_words(by_step.get(index), log.active_for(routine.id, index))
        lines += textwrap.wrap(printable(why), WIDTH, initial_indent="   ", subsequent_indent="   ")
    return lines


def print_plan(routine_id: str | None, catalogue: Catalogue, store: Store, today: date) -> int:
    """Print the plan of `routine_id` (or the usual / last routine); raises `StartError`."""
    from tui.catalogue.quick_start import USUAL_ROUTINE, quick_start_routine
    from tui.cli_start import StartError
    from tui.ledger.progression import recent_sessions, suggestions
    from tui.ledger.progression_log import read_log

    if routine_id is None:
        usual = store.get_setting(USUAL_ROUTINE, "")
        chosen = quick_start_routine(catalogue, store.newest_sessions(), usual)
        if chosen.routine is None:
            raise StartError(chosen.reason)
        routine, because = chosen.routine, chosen.reason
    else:
        found_routine = catalogue.routine(routine_id)
        if found_routine is None:
            known = ", ".join(routine.id for routine in catalogue.routines)
            raise StartError(f'unknown routine "{routine_id}"; known routines: {known}')
        routine, because = found_routine, ""
    log = read_log(store)
    since = log.since()
    recent = recent_sessions(store.newest_sessions(), [routine], since, today)
    found = suggestions([routine], recent, since, today)
    for line in plan_lines(routine, found, log, today, because):
        print(line)
    return 0

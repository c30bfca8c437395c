"""`loosen remind`: the warm-up plan, remembered, and written as an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime

from tui.catalogue.loader import CatalogueError
from tui.catalogue.model import Catalogue
from tui.catalogue.sources import load_catalogue
from tui.catalogue.timing import routine_minutes
from tui.habit.goal import GOAL_SETTING, stored_goal
from tui.habit.ics import Reminder, calendar
from tui.habit.plan import (
    PLAN_SETTING,
    Plan,
    PlanError,
    days_words,
    default_plan,
    from_setting,
    parse_days,
    parse_time,
    time_words,
    to_setting,
)
from tui.habit.reader import HabitData, HabitDataError
from tui.habit.zone import system_zone
from tui.locations import data_dir
from tui.storage.errors import StorageError
from tui.storage.store import Store
from tui.text import printable

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _fail(line: str) -> int:
    print(f"loosen: {printable(line)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def usual_routine(store: Store, catalogue: Catalogue) -> str:
    """The routine of the latest counting session, else the catalogue's first routine."""
    try:
        last = HabitData(str(store.data_dir)).last_routine_id()
    except HabitDataError:
        last = None
    if last is not None and catalogue.routine(last) is not None:
        return last
    return catalogue.routines[0].id


def planned(args: argparse.Namespace, store: Store, catalogue: Catalogue, today: date) -> Plan:
    """The remembered plan (or one made from the goal) with the options' changes."""
    stored = from_setting(store.get_setting(PLAN_SETTING, None))
    goal = stored_goal(store.get_setting(GOAL_SETTING, None))
    plan = stored or default_plan(usual_routine(store, catalogue), goal, today)
    if args.routine is not None:
        plan = plan.changed(routine_id=args.routine)
    if args.days is not None:
        plan = plan.changed(weekdays=parse_days(args.days))
    if args.time is not None:
        plan = plan.changed(time=parse_time(args.time))
    return plan


def remind(args: argparse.Namespace) -> int:
    """Show the plan, or write it as iCalendar; options change it and are remembered."""
    if args.output is not None and not args.ics:
        return _fail("-o/--output goes with --ics")
    if args.output is not None and args.output.exists():
        return _fail(f"{args.output} already exists; choose another file name")
    try:
        catalogue = load_catalogue(args.routines)
    except CatalogueError as error:
        for line in error.problems:
            print(printable(line), file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.routine is not None and catalogue.routine(args.routine) is None:
        known = ", ".join(routine.id for routine in catalogue.routines)
        return _fail(f'--routine: unknown routine "{args.routine}"; known routines: {known}')
    try:
        with Store.open(data_dir(args.data_dir)) as store:
            plan = planned(args, store, catalogue, date.today())
            if any(value is not None for value in (args.routine, args.days, args.time)):
                if store.read_only:
                    print(
                        "loosen: the plan is not remembered: another loosen is using "
                        f"{store.data_dir}",
                        file=sys.stderr,
                    )
                else:
                    store.set_setting(PLAN_SETTING, to_setting(plan))
    except PlanError as error:
        return _fail(str(error))
    except StorageError as error:
        return _fail(str(error))
    routine = catalogue.routine(plan.routine_id)
    if routine is None:
        return _fail(
            f'the planned routine "{plan.routine_id}" is not in the catalogue; '
            "choose one with --routine"
        )
    if not args.ics:
        print(
            f"{printable(routine.name)} ({routine.id}) on {days_words(plan.weekdays)} "
            f"at {time_words(plan.time)}; for your calendar: loosen remind --ics -o loosen.ics"
        )
        return EXIT_OK
    text = calendar(
        plan, Reminder(routine.name, routine_minutes(routine)), system_zone(), datetime.now(UTC)
    )
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    try:
        with args.output.open("x", encoding="utf-8", newline="") as out:
            out.write(text)
    except FileExistsError:
        return _fail(f"{args.output} already exists; choose another file name")
    except OSError as error:
        return _fail(f"{args.output}: cannot write: {error.strerror}")
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK

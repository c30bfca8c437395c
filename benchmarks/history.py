"""History paint as history grows: run `python benchmarks/history.py [--runs N]`.

Seeds data dirs with 365 and 36,500 daily sessions (about twelve sets each, three
routines), a copy of the 36,500 one with 873 exercises imported into its library, and a
routines file of 873 exercises in 50 routines (free-exercise-db's size; issue 12 measured
with such a file). Then, subjects taking turns:

1. `loosen --data-dir D history` in a real 80×24 pseudo-terminal, timed from spawn until
   - first paint: the calendar, the table's titles and the newest session are on screen;
   - complete: the title shows the longest streak (every year of history has been read).
   This includes start-up and loading the catalogue.
2. In-process (Textual's `run_test`): from pushing the history screen until its first
   paint, the catalogue already loaded, so only the history screen is timed.

It prints medians and ranges, and the ratios against the targets, measured in this run:

- 36,500 sessions paint within 1.5 × the time of 365 (issue 16);
- 36,500 sessions with 873 exercises in the catalogue paint within 1.2 × the time of the
  same history with the built-in catalogue (issue 12).

Every run has its own config dir (no user routines file); the data dirs live in a temp
dir and your own history is never touched. `--loosen PATH` times another build.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

# Run as a script from a checkout: make `benchmarks`, `tests` and `tui` importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._pty import script_interpreter, start, versions
from benchmarks.library import full_size_file
from tests.samples import ROUTINES, sample_record
from tests.terminal import COLUMNS, ROWS, ScreenTimeout, loosen_command
from tui.app import LoosenApp
from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.model import Catalogue
from tui.catalogue.sources import builtin_routines_file
from tui.history.stats import forget_time_zone
from tui.library.changes import import_file
from tui.screens.history import HistoryScreen
from tui.storage.store import Store

SMALL, LARGE = 365, 36_500
LIBRARY_EXERCISES, LIBRARY_ROUTINES = 873, 50
TARGET_GROWTH = 1.5
TARGET_CATALOGUE = 1.2
TIMEOUT_S = 60.0
COMPLETE = re.compile(r"longest \d")


@dataclass
class Subject:
    """One way of opening history, and what its runs measured."""

    name: str
    data_dir: Path
    routines: Path | None = None
    first_ms: list[float] = field(default_factory=list)
    complete_ms: list[float] = field(default_factory=list)
    missed: int = 0


def seed(data_dir: Path, count: int, today: date) -> None:
    """`count` sessions, one a day back from today at 07:30, rotating through three routines."""
    from datetime import datetime, timedelta

    routines = list(ROUTINES)
    start_at = datetime.combine(today, datetime.min.time()).astimezone().replace(hour=7, minute=30)
    records = [
        sample_record(
            start_at - timedelta(days=n),
            routines[n % len(routines)],
            status="abandoned" if n % 17 == 0 else "finished",
        )
        for n in range(count)
    ]
    with Store.open(data_dir) as store:
        store.import_sessions(records)


def library_routines_file(path: Path) -> Path:
    """A routines file of 873 exercises (copies of the built-ins) in 50 routines."""
    builtin: dict[str, Any] = json.loads(builtin_routines_file().read_text(encoding="utf-8"))
    originals = builtin["exercises"]
    exercises = []
    for n in range(LIBRARY_EXERCISES):
        copy = dict(originals[n % len(originals)])
        copy["id"] = f"library-{n:04d}"
        copy["name"] = f"{copy['name']} ({n})"
        exercises.append(copy)
    per_routine = LIBRARY_EXERCISES // LIBRARY_ROUTINES
    routines = [
        {
            "id": f"library-routine-{r:02d}",
            "name": f"Library routine {r}",
            "summary": "Exercises from the library",
            "steps": [
                {"exercise": exercises[r * per_routine + s]["id"]} for s in range(per_routine)
            ],
        }
        for r in range(LIBRARY_ROUTINES)
    ]
    document = {"schema_version": 1, "exercises": exercises, "routines": routines}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def run_once(
    subject: Subject, root: Path, today: date, command: list[str], *, record: bool
) -> None:
    """Open history once, time first paint and completion, quit and reap."""
    run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=root))
    argv = [*command, "--data-dir", str(subject.data_dir)]
    if subject.routines is not None:
        argv += ["--routines", str(subject.routines)]
    newest = f"{today.isoformat()} 07:30"
    try:
        terminal = start([*argv, "history"], run_dir)
        first = complete = None
        try:
            terminal.wait_for("Last 12 weeks", "Started", newest, timeout=TIMEOUT_S)
            first = terminal.chunks[-1].time
            terminal.wait_until(
                lambda shown: bool(COMPLETE.search(shown)), "the longest streak", TIMEOUT_S
            )
            complete = terminal.chunks[-1].time if terminal.chunks else first
        except ScreenTimeout:
            pass
        finally:
            terminal.finish("q")
        if not record:
            return
        if first is None or complete is None:
            subject.missed += 1
            return
        subject.first_ms.append((first - terminal.started) * 1000)
        subject.complete_ms.append((max(complete, first) - terminal.started) * 1000)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


async def screen_paint_ms(catalogue: Catalogue, data_dir: Path, today: date) -> float:
    """Push the history screen in a running app and time it to its first paint."""
    forget_time_zone()  # no dates parsed by an earlier run
    with Store.open(data_dir) as store:
        app = LoosenApp(catalogue, store)
        async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
            await pilot.pause()
            painted = asyncio.Event()
            began = time.perf_counter()
            await app.push_screen(HistoryScreen(app.history_years(), today=today))
            app.call_after_refresh(painted.set)
            await painted.wait()
            elapsed = time.perf_counter() - began
            await app.pop_screen()
    return elapsed * 1000


def in_process(
    subjects: list[tuple[str, Catalogue, Path]], today: date, runs: int
) -> dict[str, list[float]]:
    """Each subject's screen paint times, subjects taking turns."""
    times: dict[str, list[float]] = {name: [] for name, _catalogue, _dir in subjects}
    for index in range(runs + 1):
        for name, catalogue, data_dir in subjects:
            elapsed = asyncio.run(screen_paint_ms(catalogue, data_dir, today))
            if index:  # the first round only warms up
                times[name].append(elapsed)
    return times


def row(subject: Subject) -> str:
    """Medians and ranges of one subject, as a table row."""
    if not subject.first_ms:
        return f"{subject.name:<40} {'-':>10} {'-':>15} {'-':>13}"
    first, complete = subject.first_ms, subject.complete_ms
    return (
        f"{subject.name:<40} {statistics.median(first):>10.0f} "
        f"{min(first):>7.0f}-{max(first):<7.0f} {statistics.median(complete):>13.0f}"
    )


def ratio_line(label: str, top: Subject, bottom: Subject, target: float) -> str:
    """'label: 1.08 (target ≤ 1.5: met)' from the two subjects' first-paint medians."""
    if not top.first_ms or not bottom.first_ms:
        return f"{label}: n/a (no successful runs)"
    ratio = statistics.median(top.first_ms) / statistics.median(bottom.first_ms)
    verdict = "met" if ratio <= target else "NOT met"
    return f"{label}: {ratio:.2f}    target ≤ {target} ({verdict})"


def ratio(top: list[float], bottom: list[float], target: float) -> str:
    """'1.08    target ≤ 1.5 (met)' from two lists of times."""
    value = statistics.median(top) / statistics.median(bottom)
    return f"{value:.2f}    target ≤ {target} ({'met' if value <= target else 'NOT met'})"


def main(argv: list[str] | None = None) -> None:
    """Seed, run every subject in turn, print the tables and the ratios."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each (default 9)")
    parser.add_argument(
        "--loosen", metavar="PATH", help="the loosen program to time (default: this install's)"
    )
    args = parser.parse_args(argv)
    today = date.today()
    root = Path(tempfile.mkdtemp(prefix="loosen-history-bench-"))
    try:
        began = time.perf_counter()
        seed(root / "small", SMALL, today)
        seed(root / "large", LARGE, today)
        shutil.copytree(root / "large", root / "large-library")
        import_file(root / "large-library", full_size_file(root / "exercises.json"))
        library = library_routines_file(root / "library-routines.json")
        seeded_s = time.perf_counter() - began
        small = Subject(f"{SMALL:,} sessions", root / "small")
        large = Subject(f"{LARGE:,} sessions", root / "large")
        in_library = Subject(
            f"{LARGE:,}, {LIBRARY_EXERCISES} in the library", root / "large-library"
        )
        in_file = Subject(f"{LARGE:,}, {LIBRARY_EXERCISES} in --routines", root / "large", library)
        subjects = [small, large, in_library, in_file]
        command = [args.loosen] if args.loosen else loosen_command()
        print(f"history paint, {COLUMNS}×{ROWS}")
        print(versions())
        print(f"loosen: {' '.join(command)} (runs under {script_interpreter(command)})")
        print(f"seeded in {seeded_s:.1f} s; {args.runs} timed runs each, taking turns")
        for subject in subjects:  # untimed: write bytecode caches, warm the disk cache
            run_once(subject, root, today, command, record=False)
        for index in range(args.runs):
            shift = index % len(subjects)
            for subject in subjects[shift:] + subjects[:shift]:
                run_once(subject, root, today, command, record=True)

        print("\n1. `loosen history` in a pty, from spawn (ms)")
        print(f"{'':<40} {'first':>10} {'range':>15} {'complete':>13}")
        for subject in subjects:
            print(row(subject))
        print(ratio_line(f"first paint {LARGE:,} / {SMALL:,}", large, small, TARGET_GROWTH))
        for subject in (in_library, in_file):
            label = f"first paint {subject.name} / {large.name}"
            print(ratio_line(label, subject, large, TARGET_CATALOGUE))
        for subject in subjects:
            if subject.missed:
                print(f"{subject.name}: {subject.missed} run(s) never showed history")

        if args.loosen:
            return  # the in-process figures are of this checkout, not of that program
        builtins = load_catalogue_file(builtin_routines_file())
        big = load_catalogue_file(library)
        times = in_process(
            [
                ("small", builtins, root / "small"),
                ("large", builtins, root / "large"),
                ("large, 873", big, root / "large"),
            ],
            today,
            args.runs,
        )
        print("\n2. in-process: push of the history screen to its first paint (ms)")
        names = {
            "small": small.name,
            "large": large.name,
            "large, 873": f"{LARGE:,}, {LIBRARY_EXERCISES} in the catalogue",
        }
        for key, name in names.items():
            found = times[key]
            print(
                f"{name:<40} {statistics.median(found):>10.1f} "
                f"{min(found):>7.1f}-{max(found):<7.1f}"
            )
        print(f"{LARGE:,} / {SMALL:,}: {ratio(times['large'], times['small'], TARGET_GROWTH)}")
        print(
            f"{LIBRARY_EXERCISES} exercises / built-ins: "
            f"{ratio(times['large, 873'], times['large'], TARGET_CATALOGUE)}"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

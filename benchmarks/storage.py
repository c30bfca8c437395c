"""How storage costs grow with history: run `python benchmarks/storage.py [--dir DIR]`.

Seeds 365, 3,650 and 36,500 finished sessions (one a day going back from today, about
twelve sets each, three routines) and prints a table of median timings. Pass --dir to
measure on the disk that will hold real data (fsync costs differ a lot between disks).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

# Run as a script from a checkout: make the `tui` package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from tests.samples import ROUTINES, sample_active, sample_record
from tui.history import stats as history
from tui.storage.store import Store

SIZES = (365, 3_650, 36_500)


def timed_ms(action: Callable[[], Any]) -> float:
    """Wall time of one call of `action`, in milliseconds."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def interleaved_medians(actions: dict[int, Callable[[], Any]], runs: int) -> dict[int, float]:
    """Median time of each action, taking turns so background noise hits every size alike."""
    times: dict[int, list[float]] = {key: [] for key in actions}
    for _ in range(runs):
        for key, action in actions.items():
            times[key].append(timed_ms(action))
    return {key: statistics.median(values) for key, values in times.items()}


def make_records(count: int, today: date) -> list[dict[str, Any]]:
    """`count` sessions, one a day going back from today, rotating through the routines."""
    routines = list(ROUTINES)
    start = datetime.combine(today, datetime.min.time()).astimezone().replace(hour=7, minute=30)
    return [
        sample_record(
            start - timedelta(days=i),
            routines[i % len(routines)],
            status="abandoned" if i % 17 == 0 else "finished",
            note="felt stiff, went slowly" if i % 5 == 0 else None,
        )
        for i in range(count)
    ]


def history_screen_data(data_dir: Path, today: date) -> None:
    """What the history screen needs: open, list summaries, streaks, calendar, weeks."""
    with Store.open(data_dir) as store:
        summaries = store.sessions()
        counts = history.day_counts(summaries)
        days = set(counts)
        history.current_streak(days, today)
        history.longest_streak(days)
        history.calendar(counts, today)
        history.sessions_per_week(summaries, today)


def seed(root: Path, count: int, today: date) -> tuple[Path, str, float]:
    """A data dir holding `count` sessions: its path, the newest id, seconds taken."""
    data_dir = root / f"data-{count}"
    records = make_records(count, today)
    start = time.perf_counter()
    with Store.open(data_dir) as store:
        store.import_sessions(records)  # one write per shard file
    return data_dir, records[0]["id"], time.perf_counter() - start


def measure(root: Path, today: date) -> dict[int, dict[str, float]]:
    """Seed every size, then time the operations that matter, sizes taking turns."""
    seeded = {count: seed(root, count, today) for count in SIZES}
    os.sync()  # or the first fsyncs measured would wait for the seeding's dirty pages
    results: dict[int, dict[str, float]] = {n: {"seed_s": seeded[n][2]} for n in SIZES}

    def record(name: str, figures: dict[int, float]) -> None:
        for count, value in figures.items():
            results[count][name] = value

    record(
        "startup",
        interleaved_medians({n: lambda d=seeded[n][0]: Store.open(d).close() for n in SIZES}, 9),
    )
    stores = {n: Store.open(seeded[n][0]) for n in SIZES}
    try:
        active = sample_active(datetime.now().astimezone())
        record(
            "save",
            interleaved_medians({n: partial(stores[n].save_active, active) for n in SIZES}, 21),
        )
        record(
            "detail",
            interleaved_medians({n: partial(stores[n].session, seeded[n][1]) for n in SIZES}, 5),
        )
        extra = sample_record(datetime.now().astimezone(), "pre-lift")
        record(
            "add", interleaved_medians({n: partial(stores[n].add_session, extra) for n in SIZES}, 5)
        )
    finally:
        for store in stores.values():
            store.close()
    record(
        "history",
        interleaved_medians(
            {n: partial(history_screen_data, seeded[n][0], today) for n in SIZES}, 5
        ),
    )
    return results


def plain_tinydb_insert_ms(root: Path, count: int, today: date) -> float:
    """One insert into TinyDB's own JSONStorage holding `count` full records in one file."""
    path = root / "plain-tinydb.json"
    with TinyDB(path, storage=JSONStorage) as db:
        db.table("sessions").insert_multiple(make_records(count, today))
    extra = make_records(1, today)[0]
    with TinyDB(path, storage=JSONStorage) as db:
        table = db.table("sessions")
        return statistics.median(timed_ms(lambda: table.insert(dict(extra))) for _ in range(5))


def main(argv: list[str] | None = None) -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="where to make the temporary data dirs")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="loosen-bench-", dir=args.dir))
    today = date.today()
    try:
        print(f"data dirs under {root} (median times)")
        header = (
            f"{'sessions':>9} {'seed s':>7} {'start-up ms':>12} {'save set ms':>12} "
            f"{'history ms':>11} {'detail ms':>10} {'add session ms':>15}"
        )
        print(header)
        print("-" * len(header))
        results = measure(root, today)
        for count in SIZES:
            r = results[count]
            print(
                f"{count:>9,} {r['seed_s']:>7.1f} {r['startup']:>12.2f} {r['save']:>12.2f} "
                f"{r['history']:>11.1f} {r['detail']:>10.2f} {r['add']:>15.2f}"
            )
        plain = plain_tinydb_insert_ms(root, 3_650, today)
        print(
            "\nfor comparison: one insert into TinyDB's own JSONStorage holding the same "
            f"3,650 sessions in one file: {plain:.1f} ms"
        )
        small, mid, big = (results[n] for n in SIZES)
        print("\ntargets:")
        for label, value, limit in [
            ("save set at 3,650 <= 5 ms", mid["save"], 5.0),
            ("save set at 3,650 <= 1.5 x the 365 figure", mid["save"], 1.5 * small["save"]),
            ("history data at 3,650 <= 150 ms", mid["history"], 150.0),
            ("history data at 36,500 <= 1000 ms", big["history"], 1000.0),
        ]:
            print(f"  {label:<44} {value:8.2f}  {'met' if value <= limit else 'MISSED'}")
        print(
            f"  start-up: {small['startup']:.2f} / {mid['startup']:.2f} / {big['startup']:.2f} ms"
            " at 365 / 3,650 / 36,500 sessions"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

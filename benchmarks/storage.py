"""How storage costs grow with history: run `python benchmarks/storage.py [--dir DIR]`.

Seeds 365, 3,650 and 36,500 finished sessions (one a day going back from today, about
twelve sets each, three routines) and prints a table of median timings, then the peak
memory of a JSON export at 3,650 and 36,500 sessions and the time of `loosen import` of
that export (read, checked once, written in one batch) into an empty data dir, against
Python's own json.loads of the same file. Pass --dir to measure on the disk that will
hold real data (fsync costs differ a lot between disks). Other work on the machine
slows the import: the load average is printed beside its figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
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
from tui.storage.importing import MAX_FILE_BYTES, read_import
from tui.storage.shards import collector_paused
from tui.storage.store import Store
from tui.storage.types import SessionRecord

SIZES = (365, 3_650, 36_500)
EXPORT_SIZES = (3_650, 36_500)

# Run in a child, so its peak resident size is the export's alone. tracemalloc counts
# what Python allocates from the moment the export starts; the high-water mark of the
# resident size (VmHWM: a fresh one after exec, unlike ru_maxrss) adds the interpreter
# and its modules.
EXPORT_CHILD = """
import json, resource, sys, tracemalloc
sys.path.insert(0, sys.argv[3])
from tui.cli_data import export_sessions
from tui.storage.store import Store
from pathlib import Path
with Store.open(Path(sys.argv[1])) as store:
    tracemalloc.start()
    status = export_sessions(store, "json", Path(sys.argv[2]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
try:
    with open("/proc/self/status") as status_file:
        hwm = next(int(line.split()[1]) for line in status_file if line.startswith("VmHWM:"))
except OSError:
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"status": status, "traced_peak": peak, "max_rss_kib": hwm}))
"""


def open_and_close(data_dir: Path) -> None:
    """Open the store on `data_dir` and close it again."""
    Store.open(data_dir).close()


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


def make_records(count: int, today: date) -> list[SessionRecord]:
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
        interleaved_medians({n: partial(open_and_close, seeded[n][0]) for n in SIZES}, 9),
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


def export_peak(data_dir: Path, output: Path) -> dict[str, int]:
    """Peak memory of `loosen export --format json -o OUTPUT` on `data_dir`, in a child."""
    repo = str(Path(__file__).resolve().parents[1])
    result = subprocess.run(
        [sys.executable, "-c", EXPORT_CHILD, str(data_dir), str(output), repo],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, int] = json.loads(result.stdout.splitlines()[-1])
    if figures["status"] != 0:
        raise SystemExit(f"export failed: {result.stderr}")
    return figures


def import_seconds(export_file: Path, target: Path) -> tuple[float, float, float]:
    """Seconds to read and check an export, and to merge it into the empty data dir `target`,
    and the CPU seconds of both together.

    CPU time is what other work on the machine disturbs least: on a quiet machine the
    import takes about that, plus the wait for its flush to disk.
    """
    shutil.rmtree(target, ignore_errors=True)
    os.sync()  # or the import's flush would wait for the previous run's pages
    cpu = time.process_time()
    start = time.perf_counter()
    checked = read_import(export_file)
    read = time.perf_counter() - start
    start = time.perf_counter()
    with Store.open(target) as store:
        store.import_sessions(checked)
    return read, time.perf_counter() - start, time.process_time() - cpu


def json_loads_seconds(export_file: Path) -> tuple[float, float]:
    """The reference: Python's own json.loads of the same file, nothing checked or written
    (seconds, CPU seconds).

    With the collector paused, as the import pauses it: the bare cost of reading the file.
    """
    cpu = time.process_time()
    start = time.perf_counter()
    with collector_paused():
        document = json.loads(export_file.read_bytes())
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    del document  # freed after the clock stops, as the import's records are
    return elapsed


def measure_export_import(root: Path, today: date, runs: int) -> dict[int, dict[str, float]]:
    """Export peak memory at each of EXPORT_SIZES, then import times, the sizes taking turns."""
    results: dict[int, dict[str, float]] = {}
    files: dict[int, Path] = {}
    for count in EXPORT_SIZES:
        data_dir = root / f"data-{count}"
        if not data_dir.exists():
            seed(root, count, today)
        files[count] = root / f"export-{count}.json"
        files[count].unlink(missing_ok=True)
        peak = export_peak(data_dir, files[count])
        results[count] = {
            "traced_mib": peak["traced_peak"] / 2**20,
            "rss_mib": peak["max_rss_kib"] / 2**10,
            "file_mb": files[count].stat().st_size / 1e6,
        }
    reads: dict[int, list[float]] = {n: [] for n in EXPORT_SIZES}
    writes: dict[int, list[float]] = {n: [] for n in EXPORT_SIZES}
    cpus: dict[int, list[float]] = {n: [] for n in EXPORT_SIZES}
    loads: dict[int, list[float]] = {n: [] for n in EXPORT_SIZES}
    loads_cpu: dict[int, list[float]] = {n: [] for n in EXPORT_SIZES}
    load_before = os.getloadavg()[0]
    for _ in range(runs):  # sizes take turns, so background noise hits both alike
        for count in EXPORT_SIZES:
            read, write, cpu = import_seconds(files[count], root / "import")
            reads[count].append(read)
            writes[count].append(write)
            cpus[count].append(cpu)
            wall, cpu = json_loads_seconds(files[count])
            loads[count].append(wall)
            loads_cpu[count].append(cpu)
    shutil.rmtree(root / "import", ignore_errors=True)
    for count in EXPORT_SIZES:
        totals = [read + write for read, write in zip(reads[count], writes[count], strict=True)]
        results[count].update(
            read_s=statistics.median(reads[count]),
            write_s=statistics.median(writes[count]),
            import_s=statistics.median(totals),
            json_loads_s=statistics.median(loads[count]),
            import_cpu_s=statistics.median(cpus[count]),
            json_loads_cpu_s=statistics.median(loads_cpu[count]),
        )
    results[0] = {"runs": runs, "load_before": load_before, "load_after": os.getloadavg()[0]}
    return results


def print_export_import(results: dict[int, dict[str, float]]) -> None:
    """The export and import tables, and their targets."""
    header = f"{'sessions':>9} {'export file MB':>15} {'export peak MiB':>16} {'(max RSS MiB)':>14}"
    print(f"\nexport --format json -o FILE\n{header}")
    print("-" * len(header))
    for count in EXPORT_SIZES:
        r = results[count]
        print(f"{count:>9,} {r['file_mb']:>15.1f} {r['traced_mib']:>16.2f} {r['rss_mib']:>14.1f}")
    runs, before, after = (results[0][key] for key in ("runs", "load_before", "load_after"))
    print(
        f"\nimport of that file into an empty data dir (median of {runs:.0f}, sizes taking turns; "
        f"load average {before:.2f} before, {after:.2f} after)"
    )
    header = (
        f"{'sessions':>9} {'read+check s':>13} {'write s':>8} {'import s':>9} "
        f"{'json.loads s':>13} {'import / json.loads':>20}"
    )
    print(header)
    print("-" * len(header))
    for count in EXPORT_SIZES:
        r = results[count]
        print(
            f"{count:>9,} {r['read_s']:>13.2f} {r['write_s']:>8.2f} {r['import_s']:>9.2f} "
            f"{r['json_loads_s']:>13.2f} {r['import_s'] / r['json_loads_s']:>20.1f}"
        )
    print("the same in CPU seconds (the least disturbed by other work on the machine):")
    for count in EXPORT_SIZES:
        r = results[count]
        cpu, reference = r["import_cpu_s"], r["json_loads_cpu_s"]
        print(f"{count:>9,} {cpu:>32.2f} {reference:>13.2f} {cpu / reference:>20.1f}")
    mid, big = results[3_650], results[36_500]
    print(f"  import at 36,500 / at 3,650: {big['import_s'] / mid['import_s']:.1f}")
    print("\ntargets:")
    for label, value, limit in [
        ("export peak at 36,500 <= 2 x the 3,650 figure", big["traced_mib"], 2 * mid["traced_mib"]),
        ("import at 36,500 <= 4 s", big["import_s"], 4.0),
        ("import at 36,500 <= 11 x the 3,650 figure", big["import_s"], 11 * mid["import_s"]),
        ("the 36,500 export fits the import cap (MB)", big["file_mb"], MAX_FILE_BYTES / 1e6),
    ]:
        print(f"  {label:<48} {value:8.2f}  {'met' if value <= limit else 'MISSED'}")


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
    parser.add_argument(
        "--only-export-import", action="store_true", help="skip the timings of the app's calls"
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="imports of each size, taking turns (default 5)"
    )
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="loosen-bench-", dir=args.dir))
    today = date.today()
    try:
        if args.only_export_import:
            print_export_import(measure_export_import(root, today, args.runs))
            return
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
        print_export_import(measure_export_import(root, today, args.runs))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

"""What `loosen import` costs at scale: run `python benchmarks/import_file.py [--dir DIR]`.

Writes a JSON export of 3,650 and of 36,500 sessions (as `loosen export --format json`
would), then times importing each into a fresh data dir: reading the file through the
strict reader, checking every record once, and writing the shards. Prints the file sizes
(the import cap must hold the larger one with room to spare), the medians, and, as a
reference taken in the same run, the cost of one more `check_sessions` pass: what the
second check removed by issue 9 used to add.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

# Run as a script from a checkout: make `tui` and the sibling benchmark importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.storage import make_records
from tui.storage.export import export_json
from tui.storage.importing import MAX_FILE_BYTES, read_import
from tui.storage.store import Store
from tui.storage.types import SessionRecord
from tui.storage.validate import check_sessions

SIZES = (3_650, 36_500)
RUNS = 3


def seconds(action: Callable[[], Any]) -> float:
    """Wall time of one call of `action`, in seconds."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def import_once(path: Path, data_dir: Path) -> tuple[float, float]:
    """Seconds to read and check the file, and to write it into a fresh data dir."""
    shutil.rmtree(data_dir, ignore_errors=True)
    start = time.perf_counter()
    batch = read_import(path)
    read = time.perf_counter() - start
    with Store.open(data_dir) as store:
        write = seconds(lambda: store.import_sessions(batch))
    return read, write


def main(argv: list[str] | None = None) -> None:
    """Print the import table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="where to make the temporary files")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="loosen-import-", dir=args.dir))
    try:
        files: dict[int, Path] = {}
        records: dict[int, list[SessionRecord]] = {}
        for count in SIZES:
            records[count] = make_records(count, date.today())
            files[count] = root / f"export-{count}.json"
            with files[count].open("w", encoding="utf-8") as out:
                export_json(records[count], out)
        reads: dict[int, list[float]] = {n: [] for n in SIZES}
        writes: dict[int, list[float]] = {n: [] for n in SIZES}
        checks: dict[int, list[float]] = {n: [] for n in SIZES}
        for _ in range(RUNS):  # sizes take turns, so background noise hits both alike
            for count in SIZES:
                read, write = import_once(files[count], root / "data")
                reads[count].append(read)
                writes[count].append(write)
                checks[count].append(seconds(partial(check_sessions, records[count])))
        print(f"import of a JSON export, median of {RUNS} (cap {MAX_FILE_BYTES / 1e6:.0f} MB)")
        header = (
            f"{'sessions':>9} {'file MB':>8} {'read+check s':>13} {'write s':>8} "
            f"{'total s':>8} {'one more check s':>17}"
        )
        print(header)
        print("-" * len(header))
        totals = {}
        for count in SIZES:
            read, write = statistics.median(reads[count]), statistics.median(writes[count])
            totals[count] = read + write
            print(
                f"{count:>9,} {files[count].stat().st_size / 1e6:>8.1f} {read:>13.2f} "
                f"{write:>8.2f} {totals[count]:>8.2f} {statistics.median(checks[count]):>17.2f}"
            )
        small, big = (totals[n] for n in SIZES)
        size = files[SIZES[-1]].stat().st_size
        print("\ntargets:")
        for label, value, limit in [
            ("import at 36,500 <= 4 s", big, 4.0),
            ("import at 36,500 <= 11 x the 3,650 figure", big, 11 * small),
            ("the 36,500 export fits the cap", size / 1e6, MAX_FILE_BYTES / 1e6),
        ]:
            print(f"  {label:<44} {value:8.2f}  {'met' if value <= limit else 'MISSED'}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

"""`loosen status` wall time against `python -c pass`: run `python benchmarks/status.py`.

Seeds data dirs of 365 and 36,500 sessions (one a day back from today, so the weekly
streak reaches back through every year: the worst case), then runs `loosen status` as a
subprocess, taking turns with `python -c pass` under the same interpreter so background
noise hits both alike, and prints the medians, their ratio and the 50 ms target.

Also timed: the same 36,500 sessions without the habit index (as on the first status
after upgrading, before loosen has saved a session), to show what the index buys.
Every program runs from Python's bytecode cache, as an installed one does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

# Run as a script from a checkout: make `tui` and the storage benchmark importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.storage import make_records
from tui.habit.index import INDEX
from tui.storage.store import Store

TARGET_MS = 50.0
SIZES = (365, 36_500)


def loosen_command() -> list[str]:
    """The `loosen` script beside this interpreter, else on PATH, else `python -m tui`."""
    beside = Path(sys.executable).with_name("loosen")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("loosen")
    return [found] if found else [sys.executable, "-m", "tui"]


def bench_env() -> dict[str, str]:
    """This environment, minus what would change the run: bytecode cached, UTF-8 locale."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("LOOSEN_") and name != "PYTHONDONTWRITEBYTECODE"
    }
    env["LANG"] = "C.UTF-8"
    env.pop("LC_ALL", None)
    return env


def seed(root: Path, count: int, today: date) -> tuple[Path, float]:
    """A data dir holding `count` sessions (and its habit index), and the seconds it took."""
    data_dir = root / f"data-{count}"
    start = time.perf_counter()
    with Store.open(data_dir) as store:
        store.import_sessions(make_records(count, today))
    return data_dir, time.perf_counter() - start


def without_index(root: Path, data_dir: Path) -> Path:
    """A copy of `data_dir` with no habit index."""
    copy = root / f"{data_dir.name}-no-index"
    shutil.copytree(data_dir, copy)
    (copy / INDEX).unlink()
    return copy


def run_ms(
    command: list[str], env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall time of one run of `command`, in milliseconds, and its result."""
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return (time.perf_counter() - start) * 1000, result


def main(argv: list[str] | None = None) -> None:
    """Seed, time, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="timed runs of each (default 31)")
    parser.add_argument("--dir", type=Path, help="where to make the temporary data dirs")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="loosen-status-bench-", dir=args.dir))
    env = bench_env()
    loosen = loosen_command()
    try:
        today = date.today()
        print(f"data dirs under {root}; {' '.join(loosen)} status, {args.runs} runs each")
        subjects: dict[str, list[str]] = {"python -c pass": [sys.executable, "-c", "pass"]}
        for count in SIZES:
            data_dir, seconds = seed(root, count, today)
            print(f"seeded {count:,} sessions in {seconds:.1f} s")
            subjects[f"status, {count:,} sessions"] = [
                *loosen,
                "--data-dir",
                str(data_dir),
                "status",
            ]
        biggest = root / f"data-{SIZES[-1]}"
        subjects[f"status, {SIZES[-1]:,}, no index"] = [
            *loosen,
            "--data-dir",
            str(without_index(root, biggest)),
            "status",
        ]
        os.sync()
        for name, command in subjects.items():  # untimed: writes the bytecode cache
            _ms, result = run_ms(command, env)
            if name != "python -c pass":
                if result.returncode not in (0, 1):
                    sys.exit(f"{name}: exit {result.returncode}: {result.stderr.strip()}")
                print(f"  {name}: {result.stdout.strip()}")
        times: dict[str, list[float]] = {name: [] for name in subjects}
        for _ in range(args.runs):
            for name, command in subjects.items():
                times[name].append(run_ms(command, env)[0])
        reference = statistics.median(times["python -c pass"])
        print(f"\n{'':34} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'x pass':>7}")
        for name, values in times.items():
            median = statistics.median(values)
            print(
                f"{name:34} {median:10.1f} {min(values):8.1f} {max(values):8.1f} "
                f"{median / reference:7.2f}"
            )
        big = statistics.median(times[f"status, {SIZES[-1]:,} sessions"])
        print(
            f"\ntarget: status at {SIZES[-1]:,} sessions <= {TARGET_MS:.0f} ms wall: "
            f"{big:.1f} ms, {'met' if big <= TARGET_MS else 'MISSED'} "
            f"({big - reference:+.1f} ms over starting Python itself)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Import time against the first version's: run `python benchmarks/import_against_v1.py`.

Issue 9 set `loosen import` of 36,500 sessions at 4 s on the reference machine, where
the first version (commit 81f996a) took 7.9 s. This machine is not that one, so the
figure that counts is a ratio taken here, in the same run: the same export file is
imported into a fresh empty data dir by v1 (from a temporary git worktree) and by this
checkout, the two taking turns, each in its own process through the same entry point
(`tui.cli.run(["--data-dir", DIR, "import", FILE])`). The estimate for the reference
machine is then 7.9 s x (this checkout's time / v1's time).

The export is written by v1's own code (its sample records and `export_json`, version 1),
from seeded ids and a fixed date, so both versions read the very same bytes. Nothing
here reaches the network; the worktree is removed at the end.
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
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
V1_COMMIT = "81f996a"
V1_REFERENCE_S = 7.9
"""v1's import of 36,500 sessions on the reference machine, as issue 9 measured it."""
TARGET_S = 4.0
SIZES = (3_650, 36_500)
SCALE_LIMIT = 11.0
"""Issue 9: the import at 36,500 sessions takes at most 11 x the 3,650 figure."""

# Runs with v1 first on the path: v1's sample records, one a day going back from a fixed
# morning, written with v1's own export. Ids come from a seeded generator.
GENERATE_CHILD = """
import random, sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
import tui
from tui.storage.export import export_json
from tui.storage.samples import ROUTINES, sample_record

count, output = int(sys.argv[1]), Path(sys.argv[2])
rng = random.Random(count)
routines = list(ROUTINES)
newest = datetime(2026, 11, 22, 7, 30, tzinfo=timezone(timedelta(hours=1)))
records = [
    sample_record(
        newest - timedelta(days=i),
        routines[i % len(routines)],
        session_id=f"{rng.getrandbits(128):032x}",
        status="abandoned" if i % 17 == 0 else "finished",
        note="felt stiff, went slowly" if i % 5 == 0 else None,
    )
    for i in reversed(range(count))  # oldest first, as an export lists them
]
with output.open("x", encoding="utf-8", newline="") as out:
    export_json(records, out)
print(tui.__file__)
"""

# One import, timed inside the process from before `tui` is imported to after `run`
# returns; the parent times the whole process as well.
IMPORT_CHILD = """
import contextlib, io, json, sys, time
start, cpu = time.perf_counter(), time.process_time()
import tui
from tui.cli import run
loaded = time.perf_counter()
said = io.StringIO()
with contextlib.redirect_stdout(said):
    status = run(["--data-dir", sys.argv[2], "import", sys.argv[1]])
done = time.perf_counter()
print(json.dumps({
    "status": status,
    "said": said.getvalue().strip(),
    "tui": tui.__file__,
    "load_s": loaded - start,
    "run_s": done - loaded,
    "cpu_s": time.process_time() - cpu,
}))
"""


@dataclass(frozen=True)
class Run:
    """One import: the whole process's wall time, and what the child timed of itself."""

    wall_s: float
    run_s: float
    cpu_s: float


def child_env(tree: Path) -> dict[str, str]:
    """The environment of a child that must import `tui` from `tree` (before the venv's)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("LOOSEN_DATA_DIR", None)
    return env


def check_tree(reported: str, tree: Path) -> None:
    """Stop if a child imported `tui` from somewhere other than `tree`."""
    if not Path(reported).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"a child imported tui from {reported}, not from {tree}")


def add_v1_worktree(path: Path) -> None:
    """A detached worktree of v1 at `path` (local: no network)."""
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(path), V1_COMMIT],
        check=True,
        capture_output=True,
    )


def remove_worktree(path: Path) -> None:
    """Remove the temporary worktree and git's note of it."""
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "remove", "--force", str(path)],
        check=False,
        capture_output=True,
    )
    subprocess.run(["git", "-C", str(REPO), "worktree", "prune"], check=False)


def write_export(v1_tree: Path, count: int, output: Path) -> None:
    """An export of `count` sessions written by v1's own code."""
    result = subprocess.run(
        [sys.executable, "-c", GENERATE_CHILD, str(count), str(output)],
        cwd=v1_tree,
        env=child_env(v1_tree),
        capture_output=True,
        text=True,
        check=True,
    )
    check_tree(result.stdout.strip(), v1_tree)


def import_once(tree: Path, export_file: Path, target: Path, count: int) -> Run:
    """Import `export_file` into the empty data dir `target` with the code in `tree`."""
    shutil.rmtree(target, ignore_errors=True)
    os.sync()  # or this import's flush would wait for the previous run's pages
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CHILD, str(export_file), str(target)],
        cwd=tree,
        env=child_env(tree),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"import with {tree} failed:\n{result.stderr}")
    figures = json.loads(result.stdout.splitlines()[-1])
    check_tree(figures["tui"], tree)
    expected = f"imported {count} new session(s); 0 already there"
    if figures["status"] != 0 or figures["said"] != expected:
        raise SystemExit(f"import with {tree} said {figures['said']!r}:\n{result.stderr}")
    return Run(wall_s=wall, run_s=figures["run_s"], cpu_s=figures["cpu_s"])


def median(runs: list[Run], field: str) -> float:
    """The median of one field over runs."""
    return statistics.median(float(getattr(run, field)) for run in runs)


def measure(
    v1_tree: Path, files: dict[int, Path], target: Path, rounds: int
) -> dict[tuple[str, int], list[Run]]:
    """Every size's import with v1 and with this checkout, taking turns, printing each run.

    The order flips each round (v1 first, then this checkout first), so a slow spell or
    a warm page cache does not favour one side.
    """
    trees = {"v1": v1_tree, "current": REPO}
    runs: dict[tuple[str, int], list[Run]] = {(v, n): [] for v in trees for n in files}
    for number in range(rounds):
        order = ["v1", "current"] if number % 2 == 0 else ["current", "v1"]
        for count, export_file in files.items():
            for version in order:
                run = import_once(trees[version], export_file, target, count)
                runs[version, count].append(run)
                print(
                    f"  round {number + 1}  {count:>6,}  {version:<7}  process {run.wall_s:6.2f} s"
                    f"  run() {run.run_s:6.2f} s  cpu {run.cpu_s:6.2f} s",
                    flush=True,
                )
    return runs


def median_ratio(runs: dict[tuple[str, int], list[Run]], count: int, field: str) -> float:
    """This checkout's median over v1's, for one size and field."""
    return median(runs["current", count], field) / median(runs["v1", count], field)


def paired_ratios(runs: dict[tuple[str, int], list[Run]], count: int) -> list[float]:
    """current / v1 within each round (process times): the two ran back to back, so a slow
    spell of the shared machine tends to touch both."""
    return [
        ours.wall_s / theirs.wall_s
        for ours, theirs in zip(runs["current", count], runs["v1", count], strict=True)
    ]


def report(runs: dict[tuple[str, int], list[Run]], rounds: int) -> None:
    """Medians, ratios, and the estimate for the reference machine."""
    print(f"\nmedians of {rounds} (seconds)")
    print(f"{'sessions':>9} {'version':<8} {'process':>8} {'run()':>7} {'cpu':>7}")
    for (version, count), taken in runs.items():
        print(
            f"{count:>9,} {version:<8} {median(taken, 'wall_s'):>8.2f} "
            f"{median(taken, 'run_s'):>7.2f} {median(taken, 'cpu_s'):>7.2f}"
        )
    print("\ncurrent / v1 (ratio of the medians)")
    for count in SIZES:
        ratios = [median_ratio(runs, count, field) for field in ("wall_s", "run_s", "cpu_s")]
        print(
            f"{count:>9,}   process {ratios[0]:.3f}   run() {ratios[1]:.3f}   cpu {ratios[2]:.3f}"
        )
    big = SIZES[-1]
    paired = paired_ratios(runs, big)
    print(
        f"{big:,}, round by round (process): "
        + "  ".join(f"{ratio:.3f}" for ratio in paired)
        + f"   median {statistics.median(paired):.3f}"
    )
    print(f"\nestimate on the reference machine ({V1_REFERENCE_S} s x current / v1 at {big:,}):")
    estimates = [
        ("ratio of process medians", median_ratio(runs, big, "wall_s")),
        ("ratio of run() medians", median_ratio(runs, big, "run_s")),
        ("median of round ratios", statistics.median(paired)),
        ("worst round", max(paired)),
    ]
    for label, ratio in estimates:
        estimate = V1_REFERENCE_S * ratio
        verdict = "met" if estimate <= TARGET_S else "MISSED"
        print(f"  {label:<25} {estimate:5.2f} s   target <= {TARGET_S} s: {verdict}")
    small = SIZES[0]
    print(f"\nimport at {big:,} / at {small:,} (process medians):")
    for version in ("v1", "current"):
        scale = median(runs[version, big], "wall_s") / median(runs[version, small], "wall_s")
        target = f"   target <= {SCALE_LIMIT:.0f} x: " + (
            "met" if scale <= SCALE_LIMIT else "MISSED"
        )
        print(f"  {version:<8} {scale:5.1f} x{target if version == 'current' else ''}")


def main(argv: list[str] | None = None) -> None:
    """Make v1's worktree and the exports, time the imports, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="imports of each (default 5)")
    parser.add_argument("--dir", type=Path, help="where to make the temporary files")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="loosen-v1-", dir=args.dir))
    v1_tree = root / "v1"
    try:
        add_v1_worktree(v1_tree)
        files = {count: root / f"export-{count}.json" for count in SIZES}
        for count, path in files.items():
            write_export(v1_tree, count, path)
            print(
                f"export of {count:,} sessions (v1's format, version 1): "
                f"{path.stat().st_size / 1e6:.1f} MB"
            )
        load_before = os.getloadavg()
        print(
            f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} "
            f"{load_before[2]:.2f} on {os.cpu_count()} cores"
        )
        runs = measure(v1_tree, files, root / "data", args.rounds)
        load_after = os.getloadavg()
        print(f"load average after:  {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
        report(runs, args.rounds)
    finally:
        remove_worktree(v1_tree)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

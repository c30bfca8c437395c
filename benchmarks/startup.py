"""Start-up time against a minimal Textual app: run `python benchmarks/startup.py [--runs N]`.

Launches `loosen --data-dir <fresh temp dir>` in a real 80×24 pseudo-terminal and times
from spawn until the catalogue is on screen (a pyte screen fed with the output shows both
"Routines" and "Exercises"). Does the same, the same way, for a minimal Textual app (one
Static reading "Routines Exercises") run by this interpreter, alternating the two, then
prints both medians, their range and the ratio loosen/minimal beside its target.

Both run from Python's bytecode cache (see `isolated_env`); the untimed warm-up runs
write it where it is missing, as a first start after installing would.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Run as a script from a checkout: make `benchmarks` and `tests` (the pty driver) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._pty import script_interpreter, start, versions
from tests.terminal import COLUMNS, ROWS, ScreenTimeout, loosen_command

TARGET_RATIO = 1.3
NEEDLES = ("Routines", "Exercises")
TIMEOUT_S = 30.0

MINIMAL_APP = '''\
"""The smallest Textual app the start-up benchmark can detect the same way as loosen."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("Routines Exercises")


if __name__ == "__main__":
    Minimal().run()
'''


@dataclass
class Subject:
    """One program under test and what its runs measured."""

    name: str
    argv: list[str]
    times_ms: list[float] = field(default_factory=list)
    missed: int = 0  # runs whose catalogue never showed within TIMEOUT_S
    killed: int = 0  # runs that did not exit on `q` and were killed


def run_once(subject: Subject, root: Path, *, record: bool) -> None:
    """Spawn the subject once in a fresh dir, time it to the catalogue, quit and reap it."""
    run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=root))
    try:
        argv = [
            arg.replace("{data}", str(run_dir / "data")).replace("{kept}", str(root / "kept"))
            for arg in subject.argv
        ]
        terminal = start(argv, run_dir)
        shown_at: float | None = None
        try:
            terminal.wait_for(*NEEDLES, timeout=TIMEOUT_S)
            shown_at = terminal.chunks[-1].time  # the read that completed the catalogue
        except ScreenTimeout:
            pass
        finally:
            exited = terminal.finish("q")
        if not record:
            return
        if shown_at is None:
            subject.missed += 1
        else:
            subject.times_ms.append((shown_at - terminal.started) * 1000)
        if not exited:
            subject.killed += 1
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def summary_row(subject: Subject) -> str:
    """Median, min and max of one subject's runs, as one table row."""
    times = subject.times_ms
    if not times:
        return f"{subject.name:<24} {'-':>10} {'-':>8} {'-':>8} {0:>5}"
    return (
        f"{subject.name:<24} {statistics.median(times):>10.0f} {min(times):>8.0f} "
        f"{max(times):>8.0f} {len(times):>5}"
    )


def main(argv: list[str] | None = None) -> None:
    """Run both programs alternately and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each (default 20)")
    parser.add_argument(
        "--warmup", type=int, default=1, help="untimed runs of each first (default 1)"
    )
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="loosen-startup-"))
    try:
        minimal_script = root / "minimal_app.py"
        minimal_script.write_text(MINIMAL_APP, encoding="utf-8")
        command = loosen_command()
        # The everyday case: the data dir exists from an earlier run (the warm-up makes it).
        loosen = Subject("loosen (data dir exists)", [*command, "--data-dir", "{kept}"])
        # The very first start also creates the data dir and its files, with fsyncs.
        first = Subject("loosen (first start)", [*command, "--data-dir", "{data}"])
        minimal = Subject("minimal Textual app", [sys.executable, str(minimal_script)])

        print(f"start-up to first catalogue on screen, {COLUMNS}×{ROWS} pty")
        print(versions())
        print(f"loosen: {' '.join(command)} (runs under {script_interpreter(command)})")
        print(
            f"{args.runs} timed runs each, alternating, after {args.warmup} warm-up run(s) each; "
            f"done when the screen shows {' and '.join(repr(n) for n in NEEDLES)}"
        )
        print("bytecode cache: on for both (PYTHONDONTWRITEBYTECODE is not passed on)")
        for _ in range(max(args.warmup, 1)):
            run_once(loosen, root, record=False)
            run_once(minimal, root, record=False)
        for index in range(args.runs):
            # Rotate who goes first so no subject always follows the same one.
            subjects = [loosen, first, minimal]
            shift = index % len(subjects)
            for subject in subjects[shift:] + subjects[:shift]:
                run_once(subject, root, record=True)

        print()
        print(f"{'':<24} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'runs':>5}")
        print(summary_row(loosen))
        print(summary_row(first))
        print(summary_row(minimal))
        print()
        if loosen.times_ms and minimal.times_ms:
            ratio = statistics.median(loosen.times_ms) / statistics.median(minimal.times_ms)
            verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
            print(
                f"ratio loosen/minimal (medians): {ratio:.2f}    "
                f"target: ratio ≤ {TARGET_RATIO} ({verdict})"
            )
        else:
            print("ratio loosen/minimal: n/a (no successful runs)")
        if first.times_ms and minimal.times_ms:
            ratio = statistics.median(first.times_ms) / statistics.median(minimal.times_ms)
            print(f"ratio on the very first start (data dir created): {ratio:.2f}")
        for subject in (loosen, first, minimal):
            if subject.missed:
                print(f"{subject.name}: {subject.missed} run(s) never showed the catalogue")
            if subject.killed:
                print(f"{subject.name}: {subject.killed} run(s) ignored q and were killed")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

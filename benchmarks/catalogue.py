"""The catalogue at library size: run `python benchmarks/catalogue.py [--runs N]`.

Builds a library of 873 exercises (free-exercise-db's count) by cloning the bundled
stretching set under new ids, as benchmarks/library.py does, and runs the real `loosen` in
an 80×24 pseudo-terminal (synchronized output, as benchmarks/terminal.py) on two data dirs
taking turns: one with that library, one with none (the 7 built-in exercises). It prints
medians and ratios for:

- first paint: from spawn until the catalogue shows both lists with their first entries
  (with the library: a library exercise too, so the library is in that first picture),
  as on every start (`loosen library` commands make the library's catalogue cache) and,
  for reference, without that cache (deleted, or made by another version: it is made
  again then);
- search, per key typed: from the key until the last frame it causes has arrived (nothing
  more for 300 ms); the same keys are typed in both;
- moving in the exercise list (↓ and k): the bytes each move writes, the detail pane's
  redraw included; the median and the largest against the target, and how many moves
  went over it (with the library, one move in five scrolls the list: those are the
  largest).

Targets: first paint with the library ≤ 1.2× the built-ins'; search per key ≤ 1.3×;
a list move ≤ 2 KB. The whole run is repeated with NO_COLOR=1 for the bytes of a move.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# Run as a script from a checkout: make `benchmarks`, `tests` and `tui` importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._pty import script_interpreter, start, versions
from benchmarks.library import FULL_SIZE, full_size_file
from benchmarks.terminal import QUIET_S, KeySample, Piece, Session
from tests.terminal import COLUMNS, ROWS, ScreenTimeout, loosen_command
from tui.library.cache import cache_file
from tui.library.changes import import_file
from tui.library.layout import library_file

FIRST_PAINT_TARGET = 1.2
SEARCH_TARGET = 1.3
MOVE_TARGET = 2048
QUERIES = ("stretch", "lats", "band", "hamstring", "shoulder")
MOVES = 24
FIRST_PAINT_NEEDLES = ("Routines", "Exercises", "Thoracic Spine Roller Twisters")
LIBRARY_NEEDLE = "90/90 Hamstring"
"""The library's first exercise: on the first screen right after the 7 built-ins."""
DOWN, UP = "\x1b[B", "k"


@dataclass
class Subject:
    """One data dir under test and what was measured on it."""

    name: str
    data: Path
    needles: tuple[str, ...]
    exercises: int
    paint_ms: list[float] = field(default_factory=list)
    key_ms: list[float] = field(default_factory=list)
    move_bytes: dict[str, list[int]] = field(default_factory=dict)


def first_paint_ms(subject: Subject, root: Path) -> float | None:
    """Spawn loosen on the subject's data dir and time it to the catalogue's first picture."""
    run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=root))
    try:
        argv = [*loosen_command(), "--data-dir", str(subject.data)]
        terminal = start(argv, run_dir)
        try:
            terminal.wait_for(*subject.needles, timeout=30)
            return (terminal.chunks[-1].time - terminal.started) * 1000
        except ScreenTimeout:
            return None
        finally:
            terminal.finish("q")
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def press(session: Session, key: str) -> KeySample:
    """Send `key` once nothing is arriving; collect what follows until QUIET_S of silence.

    (The catalogue has no timer, so unlike a session it never draws with no key pressed:
    there is no frame to wait for before sending.)
    """
    while session.step(0.02) or session.splitter.in_frame:
        pass
    sent = session.terminal.send(key)
    window: list[Piece] = []
    last = sent
    while True:
        pieces = session.step(0.02)
        window += pieces
        if pieces:
            last = max(piece.end for piece in pieces)
        elif not session.splitter.in_frame and time.perf_counter() - last >= QUIET_S:
            return KeySample(sent, window)


def running(subject: Subject, root: Path, extra_env: dict[str, str]) -> Session:
    """loosen on a copy of the subject's data dir, its catalogue on screen."""
    run_dir = Path(tempfile.mkdtemp(prefix="session-", dir=root))
    shutil.copytree(subject.data, run_dir / "data")
    session = Session(run_dir, extra_env)
    session.wait_for(*subject.needles)
    session.watch(0.3)
    return session


def measure_search(subject: Subject, root: Path) -> None:
    """Type every query into the search box, timing each key until its last frame."""
    session = running(subject, root, {})
    try:
        for query in QUERIES:
            press(session, "/")
            for key in query:
                sample = press(session, key)
                frames = [piece for piece in sample.window if piece.framed]
                if frames:
                    subject.key_ms.append((max(p.end for p in frames) - sample.sent) * 1000)
            press(session, "\x1b")  # escape: clear the search, back to the routines
    finally:
        session.terminal.finish(quit_keys=None)


def measure_moves(subject: Subject, root: Path, extra_env: dict[str, str], label: str) -> None:
    """Bytes written per move in the exercise list: down through it, then back up with k.

    As many moves as the list has room for (6 in the 7 built-ins), so none is a key
    pressed at the end of the list, which draws nothing.
    """
    session = running(subject, root, extra_env)
    try:
        press(session, "\t")  # to the exercise list
        for key, name in ((DOWN, "↓"), (UP, "k")):
            sizes = subject.move_bytes.setdefault(f"{label} {name}", [])
            for _ in range(min(MOVES, subject.exercises - 1)):
                sample = press(session, key)
                sizes.append(sum(len(piece.data) for piece in sample.window))
    finally:
        session.terminal.finish(quit_keys=None)


def library_data(root: Path) -> Path:
    """A data dir holding a library of 873 exercises cloned from the bundled set."""
    data = root / "library-data"
    import_file(data, full_size_file(root / "exercises.json"))
    return data


def ratio_line(what: str, builtin: list[float], library: list[float], target: float) -> str:
    """Medians of both, their ratio and the verdict against `target`."""
    if not builtin or not library:
        return f"{what}: no samples"
    ratio = statistics.median(library) / statistics.median(builtin)
    verdict = "met" if ratio <= target else "MISSED"
    return (
        f"{what:<24} built-ins {statistics.median(builtin):7.1f} ms   "
        f"library {statistics.median(library):7.1f} ms   "
        f"ratio {ratio:5.2f} (target ≤ {target})  {verdict}"
    )


def main(argv: list[str] | None = None) -> None:
    """Measure both data dirs, taking turns, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="first-paint runs of each")
    parser.add_argument("--search-runs", type=int, default=3, help="search runs of each")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="loosen-bench-catalogue-"))
    try:
        builtin = Subject("built-ins", root / "builtin-data", FIRST_PAINT_NEEDLES, 7)
        library = Subject(
            "library", library_data(root), (*FIRST_PAINT_NEEDLES, LIBRARY_NEEDLE), 7 + FULL_SIZE
        )
        cold = Subject("library, no cache", library.data, library.needles, library.exercises)
        command = loosen_command()
        print(f"the catalogue with 873 library exercises against the 7 built-ins, {COLUMNS}×{ROWS}")
        print(versions())
        print(f"loosen: {' '.join(command)} (runs under {script_interpreter(command)})")

        for subject in (builtin, library):  # warm-up: bytecode cache, the data dir's files
            first_paint_ms(subject, root)
        cache = cache_file(library_file(library.data))
        for index in range(args.runs):
            trio = (builtin, library, cold)
            for subject in trio[index % 3 :] + trio[: index % 3]:
                if subject is cold:
                    cache.unlink(missing_ok=True)
                if (ms := first_paint_ms(subject, root)) is not None:
                    subject.paint_ms.append(ms)
        for _ in range(args.search_runs):
            for subject in (builtin, library):
                measure_search(subject, root)
        for label, extra_env in (("colour", {}), ("NO_COLOR", {"NO_COLOR": "1"})):
            for subject in (builtin, library):
                measure_moves(subject, root, extra_env, label)

        print()
        print(f"medians ({args.runs} first paints each, {len(library.key_ms)} keys typed each)")
        print(ratio_line("first paint", builtin.paint_ms, library.paint_ms, FIRST_PAINT_TARGET))
        if builtin.paint_ms and cold.paint_ms:
            ratio = statistics.median(cold.paint_ms) / statistics.median(builtin.paint_ms)
            print(
                f"  for reference, with no library cache (made on that start): "
                f"{statistics.median(cold.paint_ms):.1f} ms, ratio {ratio:.2f}"
            )
        print(ratio_line("search, per key", builtin.key_ms, library.key_ms, SEARCH_TARGET))
        for name, samples in (("built-ins", builtin.key_ms), ("library", library.key_ms)):
            if samples:
                ordered = sorted(samples)
                p90 = ordered[int(len(ordered) * 0.9)]
                print(f"  search per key, {name:<10} p90 {p90:6.1f} ms  max {ordered[-1]:6.1f} ms")
        print()
        print(f"bytes per move in the exercise list ({MOVES} moves each way; target ≤ 2 KB)")
        for subject in (builtin, library):
            for name, sizes in subject.move_bytes.items():
                verdict = "met" if statistics.median(sizes) <= MOVE_TARGET else "MISSED"
                over = sum(size > MOVE_TARGET for size in sizes)
                print(
                    f"  {subject.name:<10} {name:<11} median {statistics.median(sizes):6.0f} B"
                    f"   max {max(sizes):6d} B   over 2 KB: {over:2d} of {len(sizes)}  {verdict}"
                )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

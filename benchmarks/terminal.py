"""Bytes written to the terminal per key press and per timer tick: `python benchmarks/terminal.py`.

Runs loosen in a real 80×24 pseudo-terminal on a fresh temp data dir, starts the first
routine (Enter on the catalogue) and, during the session, counts the bytes the app writes:

* per key press: next / previous cue (→ / ←), complete a set (space in the WORK phase, which
  starts a switch-sides or rest countdown), skip the countdown (space during it), and the
  last space, which finishes the session and shows the summary;
* per timer tick: every redraw, and all redraws within each second, while a REST countdown
  runs and while a WORK phase waits, with no key pressed.

The pty answers Textual's query for synchronized output (as most modern terminals do), so
each frame arrives between ESC[?2026h and ESC[?2026l and is counted whole. A key press is
sent right after a frame has ended; its figure is every byte that arrives from the key
until its first frame and then nothing but timer redraws for 300 ms (2 s at most). Timer
redraws are recognised by their shape (the screen positions they write to): a frame in a
key's window with the shape of a frame that also turns up with no key pressed (before or
after the key) is the timer's, not the key's, and is left out (a shape counts as the
timer's once it has turned up at least twice with no key pressed, so a one-off late redraw
is never taken for one). The whole run is repeated with NO_COLOR=1.

The reference, in the same run and the same pty: a plain Textual app whose one Static shows
a clock that changes once a second (as a countdown does), with no key pressed; the idle
countdown's bytes per second are printed beside its figure, as a ratio.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Run as a script from a checkout: make `benchmarks` and `tests` (the pty driver) importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._pty import script_interpreter, start, versions
from tests.terminal import COLUMNS, ROWS, SYNC_END, SYNC_START, TERM, Chunk, loosen_command

KEY_TARGET = 1536  # 1.5 KB per key press
TICK_TARGET = 400  # bytes per timer tick
SECOND_TARGET = 200  # bytes per second of an idle countdown (issue 13: one redraw a second)
SUMMARY_TARGET = 6144  # the last set -> summary, in one frame (issue 13)
QUIET_S = 0.3  # a key's redraw is over after this long with nothing but timer redraws
KEY_CAP_S = 2.0  # ... or after this long in any case
IDLE_S = 0.4  # watched with no key pressed before the first space, to learn the timer's frames
AFTER_KEY_IDLE_S = 1.2  # watched after a key that changes phase (timers change with it)
REST_WATCH_S = 8.5  # watched while the REST countdown runs
WORK_WATCH_S = 3.2  # watched while a WORK phase waits
NEXT_CUE, PREVIOUS_CUE, SPACE = "\x1b[C", "\x1b[D", " "
CUE_LINE = re.compile(r"^\s*(?:▶\s*)?(\d+)\.\s", re.MULTILINE)

REFERENCE_WATCH_S = 6.5  # the plain Textual clock is watched this long
REFERENCE_APP = '''\
"""The reference for bytes per second: a plain Textual app with a clock ticking each second."""

import time

from textual.app import App, ComposeResult
from textual.widgets import Static


class Clock(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("0:00", id="clock")

    def on_mount(self) -> None:
        self.started = time.monotonic()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        seconds = int(time.monotonic() - self.started)
        self.query_one(Static).update(f"{seconds // 60}:{seconds % 60:02}")


if __name__ == "__main__":
    Clock().run()
'''

MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")
TIMER_REPEATS = 2  # a shape seen this often with no key pressed is the timer's

Shape = tuple[bool, tuple[bytes, ...]]


@dataclass(frozen=True)
class Piece:
    """A whole synchronized frame, or bytes written outside any frame."""

    start: float
    end: float
    data: bytes
    framed: bool

    @property
    def shape(self) -> Shape:
        """Where it writes: its cursor moves (positions, not text), and whether it is a frame."""
        return self.framed, tuple(match[0] for match in MOVE.finditer(self.data))


def partial_suffix(data: bytes, marker: bytes) -> int:
    """How many trailing bytes of `data` begin `marker` (so may be cut across two reads)."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if marker.startswith(data[-size:]):
            return size
    return 0


class FrameSplitter:
    """Cuts the output stream into frames (SYNC_START ... SYNC_END) and loose bytes."""

    def __init__(self) -> None:
        self.pending = b""
        self.in_frame = False
        self.frame = bytearray()
        self.frame_start = 0.0

    def feed(self, chunk: Chunk) -> list[Piece]:
        """The pieces this chunk completes."""
        buffer, self.pending = self.pending + chunk.data, b""
        pieces: list[Piece] = []
        while buffer:
            marker = SYNC_END if self.in_frame else SYNC_START
            found = buffer.find(marker)
            if found < 0:
                keep = partial_suffix(buffer, marker)
                body, self.pending = buffer[: len(buffer) - keep], buffer[len(buffer) - keep :]
                if self.in_frame:
                    self.frame += body
                elif body:
                    pieces.append(Piece(chunk.time, chunk.time, body, framed=False))
                break
            if self.in_frame:
                self.frame += buffer[: found + len(marker)]
                pieces.append(Piece(self.frame_start, chunk.time, bytes(self.frame), framed=True))
                self.in_frame = False
            else:
                if found:
                    pieces.append(Piece(chunk.time, chunk.time, buffer[:found], framed=False))
                self.in_frame, self.frame_start = True, chunk.time
                self.frame = bytearray(marker)
            buffer = buffer[found + len(marker) :]
        return pieces


def rows_written(pieces: Iterable[Piece]) -> str:
    """The screen rows the pieces write to, as ranges: '1, 6-15, 24'."""
    rows: set[int] = set()
    for piece in pieces:
        row = None
        data = piece.data.replace(SYNC_START, b"").replace(SYNC_END, b"")
        for part in re.split(rb"(\x1b\[\d+;\d+H|\r\n)", data):
            if match := MOVE.fullmatch(part):
                row = int(match[1])
            elif part == b"\r\n":
                row = None if row is None else row + 1
            elif row is not None and part:
                rows.add(row)
    ranges: list[str] = []
    for row in sorted(rows):
        if ranges and ranges[-1].split("-")[-1] == str(row - 1):
            ranges[-1] = f"{ranges[-1].split('-')[0]}-{row}"
        else:
            ranges.append(str(row))
    return ", ".join(ranges) or "-"


ESCAPE = re.compile(rb"\x1b(?:\[[0-9;?<=>$]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-B])")


def explain(pieces: Iterable[Piece]) -> list[str]:
    """What each piece repaints, row by row: columns, bytes and the visible text."""
    lines: list[str] = []
    for number, piece in enumerate(pieces, start=1):
        kind = "frame" if piece.framed else "bytes outside any frame"
        lines.append(f"  {number}. {kind}: {len(piece.data)} B")
        if not piece.framed:
            lines.append(f"    {piece.data!r}")
            continue
        spans: dict[int, list[int]] = {}  # row -> [first col, last col, bytes]
        texts: dict[int, str] = {}
        row, col = 0, 0
        data = piece.data.replace(SYNC_START, b"").replace(SYNC_END, b"")
        for part in re.split(rb"(\x1b\[\d+;\d+H|\r\n)", data):
            if match := MOVE.fullmatch(part):
                row, col = int(match[1]), int(match[2])
            elif part == b"\r\n":
                row, col = row + 1, 1
            elif part:
                visible = ESCAPE.sub(b"", part).decode(errors="replace")
                span = spans.setdefault(row, [col, col, 0])
                span[1] = max(span[1], col + len(visible) - 1)
                span[2] += len(part)
                texts[row] = texts.get(row, "") + visible
                col += len(visible)
        for row_number, (first, last, size) in sorted(spans.items()):
            text = texts[row_number].strip()
            text = text if len(text) <= 44 else text[:41] + "..."
            lines.append(f"    row {row_number:>2} cols {first:>2}-{last:<2} {size:>5} B  {text!r}")
    return lines


@dataclass
class KeySample:
    """What arrived after one key press; which of it is the timer's is settled later."""

    sent: float
    window: list[Piece]

    def counted(self, timer_shapes: set[Shape]) -> list[Piece]:
        """The pieces that are the key's: everything but frames shaped like the timer's."""
        return [piece for piece in self.window if piece.shape not in timer_shapes]


@dataclass
class Row:
    """One line of the table: an action and its samples in bytes."""

    action: str
    target: int
    sizes: list[int] = field(default_factory=list)
    frames: list[int] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)
    samples: list[list[Piece]] = field(default_factory=list)

    def median_index(self) -> int:
        """The index of the median sample (the upper one of an even count)."""
        order = sorted(range(len(self.sizes)), key=lambda index: self.sizes[index])
        return order[len(order) // 2]

    def add(self, pieces: list[Piece]) -> None:
        """Record one sample."""
        self.samples.append(pieces)
        self.sizes.append(sum(len(piece.data) for piece in pieces))
        self.frames.append(sum(piece.framed for piece in pieces))
        self.rows.append(rows_written(pieces))


def per_second(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces in consecutive whole seconds from the first one (a partial last is dropped)."""
    if not pieces:
        return []
    start = pieces[0].start
    whole = int(pieces[-1].start - start)
    return [
        [p for p in pieces if second <= p.start - start < second + 1] for second in range(whole)
    ]


class Session:
    """loosen in a pty, its output cut into frames as it arrives."""

    def __init__(
        self, root: Path, extra_env: dict[str, str], argv: list[str] | None = None
    ) -> None:
        argv = argv or [*loosen_command(), "--data-dir", str(root / "data")]
        self.terminal = start(argv, root, extra_env)
        self.splitter = FrameSplitter()
        self.idle_shapes: Counter[Shape] = Counter()  # shapes of what came with no key pressed

    def timer_shapes(self) -> set[Shape]:
        """The shapes seen often enough with no key pressed to be the timer's."""
        return {shape for shape, seen in self.idle_shapes.items() if seen >= TIMER_REPEATS}

    def step(self, timeout: float) -> list[Piece]:
        """One read: the pieces it completed."""
        chunk = self.terminal.read(timeout)
        return [] if chunk is None else self.splitter.feed(chunk)

    def watch(self, seconds: float) -> list[Piece]:
        """Read for `seconds` with no key pressed; what arrives is the timer's."""
        pieces: list[Piece] = []
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            pieces += self.step(min(left, 0.05))
        self.idle_shapes.update(piece.shape for piece in pieces)
        return pieces

    def cue_count(self) -> int:
        """How many numbered cues the session screen shows (at least 2)."""
        return max([2, *(int(number) for number in CUE_LINE.findall(self.terminal.display()))])

    def wait_for(self, *needles: str, timeout: float = 30.0) -> None:
        """Read until the screen shows all of `needles`."""
        end = time.perf_counter() + timeout
        while not self.terminal.shows(*needles):
            if time.perf_counter() > end or self.terminal.exited:
                raise RuntimeError(f"never saw {needles!r}; screen:\n{self.terminal.display()}")
            self.step(0.05)

    def after_frame(self, timeout: float = 1.0) -> None:
        """Wait (no key pressed) until a frame has just ended and nothing more is arriving."""
        pieces: list[Piece] = []
        end = time.perf_counter() + timeout
        while time.perf_counter() < end and not any(piece.framed for piece in pieces):
            pieces += self.step(0.05)
        while True:  # take the rest of it, and anything right behind it
            more = self.step(0.005)
            pieces += more
            if not more and not self.splitter.in_frame:
                break
        self.idle_shapes.update(piece.shape for piece in pieces)

    def press(self, key: str) -> KeySample:
        """Send `key` right after a frame and collect what follows until the redraw is over."""
        self.after_frame()
        known = self.timer_shapes()
        sent = self.terminal.send(key)
        window: list[Piece] = []
        last = sent
        framed = False  # the key's first frame has come (a key that saves first is slower)
        while True:
            now = time.perf_counter()
            quiet = framed and now - last >= QUIET_S
            if not self.splitter.in_frame and (quiet or now - sent >= KEY_CAP_S):
                break
            for piece in self.step(0.02):
                window.append(piece)
                if piece.shape not in known:
                    last = piece.end
                    framed = framed or piece.framed
        return KeySample(sent, window)


def measure(extra_env: dict[str, str]) -> list[Row]:
    """Drive one session and return the table rows."""
    rows = {
        "next": Row("next cue (→)", KEY_TARGET),
        "previous": Row("previous cue (←)", KEY_TARGET),
        "complete": Row("complete a set (space)", KEY_TARGET),
        "skip": Row("skip switch/rest (space)", KEY_TARGET),
        "finish": Row("last set → summary (space)", SUMMARY_TARGET),
        "rest frame": Row("REST tick: each redraw", TICK_TARGET),
        "rest second": Row("REST tick: all redraws in 1 s", SECOND_TARGET),
        "work frame": Row("WORK idle: each redraw", TICK_TARGET),
        "work second": Row("WORK idle: all redraws in 1 s", SECOND_TARGET),
    }
    samples: list[tuple[str, KeySample]] = []
    root = Path(tempfile.mkdtemp(prefix="loosen-terminal-"))
    session = Session(root, extra_env)
    try:
        session.wait_for("Routines", "Exercises")
        session.watch(0.5)
        session.terminal.send("\r")
        session.wait_for("Set 1 of 2")
        session.watch(1.0)

        # (a) cues, in WORK: no countdown runs, only the clock's redraws. Down to the last
        # cue, back up to the first, and down again until there are 8 "next" samples.
        moves = session.cue_count() - 1
        for key, name, count in (
            (NEXT_CUE, "next", moves),
            (PREVIOUS_CUE, "previous", moves),
            (NEXT_CUE, "next", max(8 - moves, 0)),
        ):
            for _ in range(count):
                samples.append((name, session.press(key)))

        # (b) complete a set / skip the countdown, and (c) the REST countdown's ticks.
        session.watch(IDLE_S)
        samples.append(("complete", session.press(SPACE)))  # set 1 left -> SWITCH
        session.watch(AFTER_KEY_IDLE_S)
        samples.append(("skip", session.press(SPACE)))  # -> set 1 right, WORK
        work = session.watch(WORK_WATCH_S)
        samples.append(("complete", session.press(SPACE)))  # set 1 right -> REST 30 s
        rest = session.watch(REST_WATCH_S)
        samples.append(("skip", session.press(SPACE)))  # -> set 2 left, WORK
        session.watch(AFTER_KEY_IDLE_S)
        samples.append(("complete", session.press(SPACE)))  # set 2 left -> SWITCH
        session.watch(AFTER_KEY_IDLE_S)
        samples.append(("skip", session.press(SPACE)))  # -> set 2 right, WORK
        session.watch(AFTER_KEY_IDLE_S)
        samples.append(("finish", session.press(SPACE)))  # last set -> summary screen
        session.watch(0.5)
    finally:
        session.terminal.finish(quit_keys=None)  # kill and reap; the summary waits for input
        shutil.rmtree(root, ignore_errors=True)

    timer_shapes = session.timer_shapes()
    for name, sample in samples:
        rows[name].add(sample.counted(timer_shapes))
    for watched, frame_row, second_row in (
        (rest, rows["rest frame"], rows["rest second"]),
        (work, rows["work frame"], rows["work second"]),
    ):
        for piece in watched:
            frame_row.add([piece])
        for second in per_second(watched):
            second_row.add(second)
    return list(rows.values())


def reference_seconds(extra_env: dict[str, str]) -> list[int]:
    """Bytes in each whole second of the plain Textual clock (REFERENCE_APP), no key pressed."""
    root = Path(tempfile.mkdtemp(prefix="loosen-terminal-reference-"))
    script = root / "clock.py"
    script.write_text(REFERENCE_APP, encoding="utf-8")
    session = Session(root, extra_env, [sys.executable, str(script)])
    try:
        session.wait_for("0:0")
        session.watch(1.2)  # past the first paint
        watched = session.watch(REFERENCE_WATCH_S)
    finally:
        session.terminal.finish(quit_keys=None)
        shutil.rmtree(root, ignore_errors=True)
    return [sum(len(piece.data) for piece in second) for second in per_second(watched)]


def print_reference(rows: list[Row], reference: list[int]) -> None:
    """The idle countdown's bytes per second beside the plain Textual clock's."""
    idle = next(row for row in rows if row.action == "REST tick: all redraws in 1 s")
    if not reference or not idle.sizes:
        print("reference: no whole second measured\n")
        return
    plain = statistics.median(reference)
    countdown = statistics.median(idle.sizes)
    print(
        f"reference (same run): a plain Textual 1 s clock sends {plain:.0f} B/s "
        f"(median of {len(reference)} s); loosen's idle countdown {countdown:.0f} B/s = "
        f"{countdown / plain:.2f}× the reference"
    )
    print()


def print_table(title: str, rows: list[Row], *, explain_misses: bool) -> None:
    """Print one table of results (and, if asked, what the median samples over target draw)."""
    print(title)
    header = (
        f"{'action':<30} {'samples':>7} {'median B':>9} {'max B':>7} {'frames':>6}  "
        f"{'target':<10} {'':<6} rows written (median sample)"
    )
    print(header)
    print("-" * len(header))
    misses: list[Row] = []
    for row in rows:
        if not row.sizes:
            print(f"{row.action:<30} {0:>7}")
            continue
        median = statistics.median(row.sizes)
        largest = max(row.sizes)
        target = f"≤ {row.target / 1024:.1f} KB" if row.target >= 1024 else f"≤ {row.target} B"
        verdict = "ok" if largest <= row.target else ("OVER" if median > row.target else "over*")
        if median > row.target:
            misses.append(row)
        print(
            f"{row.action:<30} {len(row.sizes):>7} {median:>9.0f} {largest:>7} "
            f"{statistics.median(row.frames):>6.0f}  {target:<10} {verdict:<6} "
            f"{row.rows[row.median_index()]}"
        )
    print()
    if explain_misses:
        for row in misses:
            sample = row.samples[row.median_index()]
            print(f"{title}, {row.action}: median sample, {sum(len(p.data) for p in sample)} B")
            print("\n".join(explain(sample)))
            print()


def main(argv: list[str] | None = None) -> None:
    """Measure with colour, then with NO_COLOR=1, and print a table for each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--explain",
        action="store_true",
        help="for each row over its target, print what its median sample repaints, row by row",
    )
    args = parser.parse_args(argv)
    command = loosen_command()
    print(f"bytes written to an {COLUMNS}×{ROWS} pty (TERM={TERM}, synchronized output)")
    print(versions())
    print(f"loosen: {' '.join(command)} (runs under {script_interpreter(command)})")
    print(
        "1 KB = 1024 B; frames = synchronized frames per sample; "
        "OVER = median over target, over* = only the max is"
    )
    print()
    for title, extra_env in (("colour (256 colours)", {}), ("NO_COLOR=1", {"NO_COLOR": "1"})):
        if extra_env:
            print("(NO_COLOR: loosen sends no colour at all, only bold, underline and reverse)")
        rows = measure(extra_env)
        print_table(title, rows, explain_misses=args.explain)
        print_reference(rows, reference_seconds(extra_env))


if __name__ == "__main__":
    main()

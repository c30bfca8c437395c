"""What one key press in a session runs through: `python benchmarks/space_press.py`.

Starts a session of the Roller Twister warm-up on a fake clock and a throwaway data dir,
then traces three moments from the session screen's own handler down (Textual's key
dispatch before it, and the repaint after it, are left out; both are the same whatever
loosen does):

* space that completes a set (it saves and redraws);
* a timer tick whose countdown runs out (it saves, rings the bell and redraws);
* space on the last set (it saves, keeps the session in history and opens the summary).

For each it prints how many of loosen's functions ran and in how many files, how many
calls went from a screen into the app (the architecture says: none), how many times a
settings or other one-document file was read, and the chain of calls on the stack when
the unfinished session reached the disk.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

# Run as a script from a checkout: make the `tui` package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tui
from tui.app import LoosenApp
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.session.engine import SessionEngine
from tui.session.model import Phase
from tui.storage.store import Store

PACKAGE = Path(tui.__file__).resolve().parent
ROUTINE = "roller-twister-warm-up"
DISK_WRITE = "atomic_write_bytes"
ONE_DOCUMENT_READ = "DataFiles.read_doc"
SKIPPED = ("<genexpr>", "<listcomp>", "<dictcomp>", "<setcomp>", "<lambda>")
"""Comprehensions and lambdas are part of the function they are written in."""


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def where(frame: FrameType) -> str | None:
    """'tui/screens/session.py' for a frame in loosen's code, else None."""
    path = Path(frame.f_code.co_filename)
    if not path.is_relative_to(PACKAGE):
        return None
    return path.relative_to(PACKAGE.parent).as_posix()


@dataclass
class Trace:
    """What one traced call ran."""

    functions: set[tuple[str, str]] = field(default_factory=set)
    screen_to_app: int = 0
    document_reads: int = 0
    write_stack: list[str] = field(default_factory=list)

    def profile(self, frame: FrameType, event: str, _arg: Any) -> None:
        """A sys.setprofile hook: note each call into loosen's code."""
        file = where(frame)
        name = frame.f_code.co_qualname
        if event != "call" or file is None or any(skip in name for skip in SKIPPED):
            return
        self.functions.add((file, name))
        caller = frame.f_back
        while caller is not None and where(caller) is None:
            caller = caller.f_back
        caller_file = where(caller) if caller is not None else None
        if caller_file is not None and caller_file.startswith("tui/screens/"):
            self.screen_to_app += file == "tui/app.py"
        self.document_reads += name == ONE_DOCUMENT_READ
        if name == DISK_WRITE and not self.write_stack:
            self.write_stack = self.stack(frame)

    @staticmethod
    def stack(frame: FrameType | None) -> list[str]:
        """Loosen's functions on the stack, outermost first."""
        names = []
        while frame is not None:
            name = frame.f_code.co_qualname
            if where(frame) is not None and not any(skip in name for skip in SKIPPED):
                names.append(name)
            frame = frame.f_back
        return names[::-1]

    def row(self, title: str) -> str:
        """The figures as lines of the report."""
        files = {file for file, _name in self.functions}
        lines = [
            f"{title}",
            f"    {len(self.functions)} functions in {len(files)} files;"
            f" screen -> app calls: {self.screen_to_app};"
            f" one-document file reads: {self.document_reads}",
        ]
        if self.write_stack:
            chain = " > ".join(self.write_stack)
            lines.append(f"    on the stack at the disk write ({len(self.write_stack)}): {chain}")
        return "\n".join(lines)


def traced(call: Callable[[], object]) -> Trace:
    """Run `call` with every call into loosen's code noted."""
    trace = Trace()
    sys.setprofile(trace.profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return trace


async def measure() -> list[tuple[str, Trace]]:
    """Run a session to its end, tracing the three moments."""
    catalogue = load_catalogue(builtin_routines_file())
    clock = FakeClock()
    results: list[tuple[str, Trace]] = []
    with tempfile.TemporaryDirectory() as data_dir, Store.open(Path(data_dir)) as store:
        app = LoosenApp(catalogue, store, clock=clock, start_routine=ROUTINE)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.bell = lambda: None  # type: ignore[method-assign]
            screen: Any = app.screen
            engine: SessionEngine = screen.engine
            results.append(("space: complete a set", traced(screen.action_main)))
            await pilot.pause()
            remaining = engine.timer_remaining()
            clock.now += remaining or 0.0
            results.append(("tick: a countdown runs out (rings)", traced(screen.tick)))
            await pilot.pause()
            last = len(engine.slots) - 1
            while not (engine.slot_index == last and engine.phase is Phase.WORK):
                screen.action_main()
                await pilot.pause()
            results.append(("space: the last set (finishes)", traced(screen.action_main)))
            await pilot.pause()
            await pilot.pause()
            assert type(app.screen).__name__ == "SummaryScreen", "the session did not finish"
    return results


def main() -> None:
    """Print the figures for the three moments."""
    for title, trace in asyncio.run(measure()):
        print(trace.row(title))


if __name__ == "__main__":
    main()

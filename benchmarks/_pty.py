"""Shared helpers for the pseudo-terminal benchmarks (startup.py and terminal.py).

A `Terminal` runs a program in a real pseudo-terminal of 80×24, records every chunk of
output with the time it was read, and feeds it into a pyte screen so a benchmark can wait
for text to appear. It plays a modern terminal in one respect: it answers Textual's query
for synchronized output (DEC mode 2026), as kitty, WezTerm, foot, iTerm2, Ghostty and
Windows Terminal do, so every frame Textual draws arrives between `SYNC_START` and
`SYNC_END` and can be counted exactly.

Every run gets its own temporary config and data dirs; the user's real data is never read
or written.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pexpect
import pyte

ROWS = 24
COLUMNS = 80
TERM = "xterm-256color"

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "supported, currently off": Textual then brackets each frame
SYNC_START = b"\x1b[?2026h"
SYNC_END = b"\x1b[?2026l"

READ_SIZE = 65536


def loosen_command() -> list[str]:
    """The installed `loosen` script, or `python -m tui` with this interpreter."""
    found = shutil.which("loosen")
    return [found] if found else [sys.executable, "-m", "tui"]


def script_interpreter(command: list[str]) -> str:
    """The interpreter a command runs under: its script's `#!` line, else the command itself."""
    try:
        with open(command[0], "rb") as script:
            first = script.readline(300)
    except OSError:
        return command[0]
    if first.startswith(b"#!"):
        return first[2:].decode(errors="replace").strip()
    return command[0]


def versions() -> str:
    """Python and Textual versions of this interpreter, on one line."""
    python = sys.version.split()[0]
    try:
        textual = metadata.version("textual")
    except metadata.PackageNotFoundError:
        textual = "not installed"
    return f"python {python} ({sys.executable}), textual {textual}"


def isolated_env(root: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment with private XDG dirs under `root` and an 80×24 xterm.

    Settings that would change what is drawn (NO_COLOR, COLORTERM, TEXTUAL_*, LOOSEN_*) are
    removed so runs are comparable; pass them in `extra` to measure them on purpose.
    PYTHONDONTWRITEBYTECODE is removed too: every program then runs from Python's bytecode
    cache, as an installed one does (pip compiles it at install). Left in, a program run
    from a source checkout would be compiled on every start while Textual, installed, never
    is, and the comparison would time Python's compiler.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TEXTUAL", "LOOSEN_"))
        and name not in ("NO_COLOR", "COLORTERM", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE")
    }
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = root / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env.update(TERM=TERM, COLUMNS=str(COLUMNS), LINES=str(ROWS))
    env.update(extra or {})
    return env


@dataclass(frozen=True)
class Chunk:
    """One read from the terminal: when it was read (perf_counter seconds) and its bytes."""

    time: float
    data: bytes


class Terminal:
    """A program running in an 80×24 pseudo-terminal, with a pyte screen of what it shows."""

    def __init__(self, argv: list[str], env: Mapping[str, str], *, reply_sync: bool = True):
        self.reply_sync = reply_sync
        self.chunks: list[Chunk] = []
        self.eof = False
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self._stream = pyte.ByteStream(self.screen)
        self._tail = b""
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            argv[0], argv[1:], env=dict(env), dimensions=(ROWS, COLUMNS), timeout=None
        )
        self.child.delaybeforesend = None  # pexpect sleeps 50 ms before each send by default

    # ------------------------------------------------------------- reading

    def read(self, timeout: float) -> Chunk | None:
        """Read what is there (waiting up to `timeout` s); None on silence or end of output."""
        if self.eof:
            time.sleep(max(timeout, 0))
            return None
        try:
            data = self.child.read_nonblocking(READ_SIZE, timeout=max(timeout, 0))
        except pexpect.TIMEOUT:
            return None
        except pexpect.EOF:
            self.eof = True
            return None
        chunk = Chunk(time.perf_counter(), data)
        self.chunks.append(chunk)
        self._answer_queries(data)
        self._stream.feed(data)
        return chunk

    def _answer_queries(self, data: bytes) -> None:
        window = self._tail + data
        if self.reply_sync and SYNC_QUERY in window:
            self.child.send(SYNC_REPLY * window.count(SYNC_QUERY))
            window = window.replace(SYNC_QUERY, b"")
        self._tail = window[-(len(SYNC_QUERY) - 1) :]

    def text(self) -> str:
        """What the screen shows, as lines of plain text."""
        return "\n".join(self.screen.display)

    def shows(self, *needles: str) -> bool:
        """Whether the screen shows every one of `needles`."""
        text = self.text()
        return all(needle in text for needle in needles)

    def wait_for(self, *needles: str, timeout: float = 30.0) -> float | None:
        """Read until the screen shows every needle; the time of the chunk that did it."""
        if self.shows(*needles):
            return time.perf_counter()
        end = time.perf_counter() + timeout
        while (left := end - time.perf_counter()) > 0 and not self.eof:
            chunk = self.read(min(left, 0.05))
            if chunk is not None and self.shows(*needles):
                return chunk.time
        return None

    # ------------------------------------------------------------- writing and ending

    def send(self, keys: str | bytes) -> float:
        """Type `keys`; returns the time they were sent."""
        self.child.send(keys)
        return time.perf_counter()

    def finish(self, quit_keys: str | bytes | None = "q", grace: float = 5.0) -> bool:
        """Quit with `quit_keys` (or not), kill after `grace` s, and reap the child.

        Returns True when the program ended its output (exited) by itself.
        """
        exited = False
        try:
            if quit_keys is not None and not self.eof and self.child.isalive():
                self.child.send(quit_keys)
                end = time.perf_counter() + grace
                while not self.eof and (left := end - time.perf_counter()) > 0:
                    self.read(min(left, 0.1))
                exited = self.eof
        finally:
            self.child.close(force=True)  # SIGHUP/SIGINT, then SIGKILL; always waits for it
        return exited

"""A pseudo-terminal driver for the real `loosen` program: end-to-end tests and pty benchmarks.

`Terminal` starts a program (the installed `loosen` unless told otherwise) in a pty
(pexpect), keeps every chunk it writes with the time it was read, feeds the output into a
`pyte` screen, and lets a caller wait for text, press keys, read the screen and kill or
finish the process. Use it as a context manager so the child is always reaped.

It can play a modern terminal in one respect: with `reply_sync=True` it answers Textual's
query for synchronized output (DEC mode 2026), as kitty, WezTerm, foot, iTerm2, Ghostty
and Windows Terminal do, so every frame Textual draws arrives between `SYNC_START` and
`SYNC_END` and can be counted exactly (benchmarks/terminal.py does).

The benchmarks run as scripts and import this module with the repository root on sys.path.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pexpect
import pyte

ROWS = 24
COLUMNS = 80
TERM = "xterm-256color"
DEFAULT_TIMEOUT = 10.0
"""Seconds to wait for something to appear; only there so a broken run cannot hang."""

SEND_DELAY_S = 0.05
"""A pause before each send (pexpect's default), about a fast typist's pace. With none,
text sent straight after tab on the summary screen was lost: it reached the app before
the note field had the focus."""

READ_SIZE = 65536
POLL_S = 0.05
"""The longest one read waits, so a caller's deadline is never overshot by much."""

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "supported, currently off": Textual then brackets each frame
SYNC_START = b"\x1b[?2026h"
SYNC_END = b"\x1b[?2026l"

KEYS: Mapping[str, str] = {
    "enter": "\r",
    "space": " ",
    "tab": "\t",
    "escape": "\x1b",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
}
"""What a terminal sends for each named key; any other key is sent as it is."""

# Variables that would change how the child sizes itself, picks colours or finds its data
# behind the caller's back (a CI runner's COLORTERM=truecolor, a shell's COLUMNS, a Textual
# debug hook, a developer's LOOSEN_DATA_DIR).
_DROPPED_VARIABLES = ("COLUMNS", "LINES", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")
_DROPPED_PREFIXES = ("TEXTUAL", "LOOSEN_")

_SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
_EXTENDED_COLOUR = re.compile(r"(?:^|[;:])([34]8)[;:]([25])(?=[;:])")


def loosen_command() -> list[str]:
    """The installed `loosen` (this interpreter's first), else `python -m tui`."""
    beside_python = shutil.which("loosen", path=str(Path(sys.executable).parent))
    found = beside_python or shutil.which("loosen")
    return [found] if found else [sys.executable, "-m", "tui"]


def extended_colour_sequences(data: bytes) -> list[str]:
    """Every SGR sequence in `data` that sets a 256-colour or truecolour foreground/background.

    Returns the parameter strings, e.g. ["38;5;253;48;5;233"]; basic 16-colour
    sequences ("97;40") and attributes ("1;7") are not included.
    """
    found = []
    for match in _SGR.finditer(data):
        params = match.group(1).decode("ascii")
        if _EXTENDED_COLOUR.search(params + ";"):
            found.append(params)
    return found


class ScreenTimeout(AssertionError):
    """What was waited for did not show (in time, or before the program went away)."""


def without_check_ins(args: Sequence[str]) -> None:
    """Turn the check-ins off in the `--data-dir` of `args`, if it has no settings yet.

    Most tests drive sessions, not check-ins; the check-in tests turn them on.
    """
    if "--data-dir" not in args:
        return
    data_dir = Path(args[list(args).index("--data-dir") + 1])
    settings = data_dir / "settings.json"
    if data_dir.exists() and (not data_dir.is_dir() or settings.exists()):
        return
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    settings.write_text('{"settings": {"1": {"check_ins": false}}}')
    settings.chmod(0o600)


@dataclass(frozen=True)
class Chunk:
    """One read from the terminal: when it was read (perf_counter seconds) and its bytes."""

    time: float
    data: bytes


class Terminal:
    """One program in a pseudo-terminal, and the screen it has drawn so far."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        command: Sequence[str] | None = None,
        rows: int = ROWS,
        cols: int = COLUMNS,
        term: str = TERM,
        no_color: bool = False,
        env: Mapping[str, str] | None = None,
        drop_env: Sequence[str] = (),
        reply_sync: bool = False,
        send_delay: float | None = SEND_DELAY_S,
    ) -> None:
        """Start `command` (default: loosen) with `args` in a `rows` x `cols` terminal.

        The child gets this process's environment without the variables that would change
        its size or colours (and without `drop_env`), TERM=`term`, NO_COLOR if asked, then
        `env` on top. Each send waits `send_delay` seconds first (None: no wait).
        """
        self.rows = rows
        self.cols = cols
        self.reply_sync = reply_sync
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.chunks: list[Chunk] = []
        """Every read, in order, with its time."""
        self.raw = bytearray()
        """Every byte the program wrote, in order."""
        self.exited = False
        """True once the terminal reported end of file (the program closed it or died)."""
        self._tail = b""
        dropped = {*_DROPPED_VARIABLES, *drop_env}
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in dropped and not key.startswith(_DROPPED_PREFIXES)
        }
        environment["TERM"] = term
        if no_color:
            environment["NO_COLOR"] = "1"
        environment.update(env or {})
        program = list(command) if command is not None else loosen_command()
        if command is None:
            without_check_ins(args)
        self.command = [*program, *args]
        self.started = time.perf_counter()
        """When the program was started (perf_counter seconds)."""
        self.child: pexpect.spawn[bytes] = pexpect.spawn(
            program[0], [*program[1:], *args], dimensions=(rows, cols), env=environment
        )
        self.child.delaybeforesend = send_delay
        self._closed = False

    # ------------------------------------------------------------------ reading

    def read(self, timeout: float) -> Chunk | None:
        """Read what is there (waiting up to `timeout` s); None on silence or end of output."""
        if self.exited:
            time.sleep(max(timeout, 0.0))
            return None
        try:
            data = self.child.read_nonblocking(READ_SIZE, timeout=max(timeout, 0.0))
        except pexpect.TIMEOUT:
            return None
        except pexpect.EOF:
            self.exited = True
            return None
        chunk = Chunk(time.perf_counter(), data)
        self.chunks.append(chunk)
        self.raw += data
        self._answer_queries(data)
        self._stream.feed(data)
        return chunk

    def _answer_queries(self, data: bytes) -> None:
        window = self._tail + data
        if self.reply_sync and SYNC_QUERY in window:
            self.child.send(SYNC_REPLY * window.count(SYNC_QUERY))
            window = window.replace(SYNC_QUERY, b"")
        self._tail = window[-(len(SYNC_QUERY) - 1) :]

    def pump(self, seconds: float) -> None:
        """Keep reading output for `seconds` (instead of sleeping, so the program never blocks)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and not self.exited:
            self.read(min(left, POLL_S))

    def display(self) -> str:
        """The screen as it is now: its lines joined by newlines."""
        return "\n".join(self.screen.display)

    def shows(self, *texts: str) -> bool:
        """Whether the screen shows every one of `texts`."""
        shown = self.display()
        return all(text in shown for text in texts)

    def dump(self) -> str:
        """The screen framed for an error message."""
        edge = "+" + "-" * self.cols + "+"
        body = "\n".join(f"|{line}|" for line in self.screen.display)
        return f"{edge}\n{body}\n{edge}"

    def wait_until(
        self,
        predicate: Callable[[str], bool],
        what: str,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> str:
        """Read output until `predicate(display)` holds; returns that display.

        The last chunk in `chunks` is then the one that made it hold (unless it held before
        anything was read). Raises ScreenTimeout, with the screen, if it does not hold
        within `timeout` seconds or the program goes away first.
        """
        deadline = time.monotonic() + timeout
        while True:
            shown = self.display()
            if predicate(shown):
                return shown
            left = deadline - time.monotonic()
            if left <= 0 or self.exited:
                reason = "the program went away" if self.exited else f"not within {timeout:g} s"
                raise ScreenTimeout(f"waiting for {what}: {reason}; the screen:\n{self.dump()}")
            self.read(min(left, POLL_S))

    def wait_for(
        self, *texts: str, absent: Sequence[str] = (), timeout: float = DEFAULT_TIMEOUT
    ) -> str:
        """Read output until every one of `texts` is on the screen and none of `absent` is.

        Waiting for the whole picture at once, rather than checking a snapshot afterwards,
        keeps a half-drawn frame from failing a test.
        """
        what = " and ".join(map(repr, texts)) or "the screen"
        if absent:
            what += ", without " + " or ".join(map(repr, absent))
        return self.wait_until(
            lambda shown: (
                all(text in shown for text in texts) and not any(text in shown for text in absent)
            ),
            what,
            timeout,
        )

    # ------------------------------------------------------------------ writing

    def send(self, data: str | bytes) -> float:
        """Send `data` as it is (typed text, raw key sequences); returns when it was sent."""
        self.child.send(data)
        return time.perf_counter()

    def press(self, *keys: str) -> None:
        """Send keys: names from KEYS ("enter", "space", "right", ...) or literal characters."""
        for key in keys:
            self.send(KEYS.get(key, key))

    # ----------------------------------------------------------------- lifetime

    @property
    def pid(self) -> int:
        """The program's process id."""
        pid = self.child.pid
        assert pid is not None, "a spawned child always has a pid"
        return pid

    def kill(self, sig: int = signal.SIGKILL, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Send `sig`, read whatever it drew before dying, and reap it."""
        os.kill(self.pid, sig)
        self.wait_exit(timeout)

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int | None:
        """Read output until the program ends, reap it and return its exit status.

        Returns None if a signal ended it (see `signal_status`). Raises AssertionError
        (after killing it) if it is still running after `timeout` seconds.
        """
        deadline = time.monotonic() + timeout
        while not self.exited and time.monotonic() < deadline:
            self.read(min(deadline - time.monotonic(), POLL_S))
        while self.child.isalive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if self.child.isalive():
            self.close()
            raise AssertionError(f"the program did not exit within {timeout:g} s:\n{self.dump()}")
        self.close()
        status: int | None = self.child.exitstatus
        return status

    @property
    def signal_status(self) -> int | None:
        """The signal that ended the program, once reaped."""
        status: int | None = self.child.signalstatus
        return status

    def finish(self, quit_keys: str | None = "q", grace: float = 5.0) -> bool:
        """Send `quit_keys` (unless None), wait up to `grace` s for the end, and reap.

        Returns True when the program ended its output (exited) by itself.
        """
        try:
            if quit_keys is not None and not self.exited and self.child.isalive():
                self.send(quit_keys)
                deadline = time.monotonic() + grace
                while not self.exited and (left := deadline - time.monotonic()) > 0:
                    self.read(min(left, 0.1))
            return self.exited
        finally:
            self.close()

    def close(self) -> None:
        """Stop the program if it still runs and reap it (safe to call twice)."""
        if self._closed:
            return
        self._closed = True
        self.child.close(force=True)  # SIGHUP/SIGINT, then SIGKILL; always waits for it

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

"""A small pseudo-terminal driver for end-to-end tests of the installed `loosen` program.

`Terminal` starts the real program in a pty (pexpect), feeds everything it writes into a
`pyte` screen and lets a test wait for text, press keys, read the screen and kill the
process. Use it as a context manager so the child is always reaped, whatever happens.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pexpect
import pyte

DEFAULT_TIMEOUT = 10.0
"""Seconds to wait for something to appear; only there so a broken run cannot hang."""

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

# Variables that would change how the child sizes itself or picks colours behind the
# test's back (a CI runner's COLORTERM=truecolor, a shell's COLUMNS, a Textual debug hook).
_DROPPED_VARIABLES = ("COLUMNS", "LINES", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")

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


class Terminal:
    """One `loosen` process in a pseudo-terminal, and the screen it has drawn so far."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        rows: int = 24,
        cols: int = 80,
        term: str = "xterm-256color",
        no_color: bool = False,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """Start loosen with `args` in a `rows` x `cols` terminal of type `term`."""
        self.rows = rows
        self.cols = cols
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        """Every byte the program wrote, in order."""
        self.exited = False
        """True once the terminal reported end of file (the program closed it or died)."""
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in _DROPPED_VARIABLES and not key.startswith("TEXTUAL")
        }
        environment["TERM"] = term
        if no_color:
            environment["NO_COLOR"] = "1"
        environment.update(env or {})
        command = loosen_command()
        self.command = [*command, *args]
        self.child = pexpect.spawn(
            command[0],
            [*command[1:], *args],
            dimensions=(rows, cols),
            env=environment,
        )
        self._closed = False

    # ------------------------------------------------------------------ reading

    def _read(self, timeout: float) -> bool:
        """Read what the program wrote within `timeout` seconds; False if nothing came."""
        if self.exited:
            return False
        try:
            data = self.child.read_nonblocking(65536, timeout=max(timeout, 0.0))
        except pexpect.TIMEOUT:
            return False
        except pexpect.EOF:
            self.exited = True
            return False
        self.raw += data
        self._stream.feed(data)
        return True

    def pump(self, seconds: float) -> None:
        """Keep reading output for `seconds` (instead of sleeping, so the program never blocks)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and not self.exited:
            self._read(min(left, 0.05))

    def display(self) -> str:
        """The screen as it is now: its lines joined by newlines."""
        return "\n".join(self.screen.display)

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

        Raises AssertionError, with the screen, if it does not hold within `timeout`
        seconds or the program goes away first.
        """
        deadline = time.monotonic() + timeout
        while True:
            shown = self.display()
            if predicate(shown):
                return shown
            left = deadline - time.monotonic()
            if left <= 0 or self.exited:
                reason = "loosen went away" if self.exited else f"not within {timeout:g} s"
                raise AssertionError(f"waiting for {what}: {reason}; the screen:\n{self.dump()}")
            self._read(min(left, 0.05))

    def wait_for(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Read output until `text` is on the screen; returns the display."""
        return self.wait_until(lambda shown: text in shown, repr(text), timeout)

    def wait_for_all(
        self, texts: Sequence[str], absent: Sequence[str] = (), timeout: float = DEFAULT_TIMEOUT
    ) -> str:
        """Read output until every one of `texts` is on the screen and none of `absent` is.

        Waiting for the whole picture at once, rather than checking a snapshot afterwards,
        keeps a half-drawn frame from failing a test.
        """
        what = " and ".join(map(repr, texts))
        if absent:
            what += ", without " + " or ".join(map(repr, absent))
        return self.wait_until(
            lambda shown: (
                all(text in shown for text in texts) and not any(text in shown for text in absent)
            ),
            what,
            timeout,
        )

    def wait_gone(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Read output until `text` is no longer on the screen."""
        return self.wait_until(lambda shown: text not in shown, f"{text!r} to go", timeout)

    # ------------------------------------------------------------------ writing

    def press(self, *keys: str) -> None:
        """Send keys: names from KEYS ("enter", "space", "right", ...) or literal characters."""
        for key in keys:
            self.child.send(KEYS.get(key, key))

    def type(self, text: str) -> None:
        """Type literal text."""
        self.child.send(text)

    # ----------------------------------------------------------------- lifetime

    @property
    def pid(self) -> int:
        """The program's process id."""
        return int(self.child.pid)

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
            self._read(min(deadline - time.monotonic(), 0.05))
        while self.child.isalive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if self.child.isalive():
            self.close()
            raise AssertionError(f"loosen did not exit within {timeout:g} s:\n{self.dump()}")
        self.close()
        return self.child.exitstatus

    @property
    def signal_status(self) -> int | None:
        """The signal that ended the program, once reaped."""
        return self.child.signalstatus

    def close(self) -> None:
        """Stop the program if it still runs and reap it (safe to call twice)."""
        if self._closed:
            return
        self._closed = True
        self.child.close(force=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

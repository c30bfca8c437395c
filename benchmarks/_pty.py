"""What the pseudo-terminal benchmarks (startup.py, terminal.py) share besides the driver.

The driver itself is the tests' `tests.terminal.Terminal`; `start` runs a program in it the
way a benchmark needs: an 80×24 xterm that answers Textual's query for synchronized output,
with its own temporary config and data dirs, so the user's real data is never read or
written and every run starts alike.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path

from tests.terminal import COLUMNS, ROWS, Terminal

# PYTHONDONTWRITEBYTECODE is not passed on: every program then runs from Python's bytecode
# cache, as an installed one does (pip compiles it at install). Left in, a program run from
# a source checkout would be compiled on every start while Textual, installed, never is,
# and the comparison would time Python's compiler.
NOT_PASSED_ON = ("PYTHONDONTWRITEBYTECODE",)


def script_interpreter(command: Sequence[str]) -> str:
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
    """Private XDG dirs under `root`, the size in COLUMNS/LINES, then `extra`.

    The driver already leaves out what would change what is drawn (NO_COLOR, COLORTERM,
    TEXTUAL_*, LOOSEN_*); pass such settings in `extra` to measure them on purpose.
    """
    env: dict[str, str] = {}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = root / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env.update(COLUMNS=str(COLUMNS), LINES=str(ROWS))
    env.update(extra or {})
    return env


def start(argv: Sequence[str], root: Path, extra: Mapping[str, str] | None = None) -> Terminal:
    """Run `argv` in an 80×24 pty that answers sync queries, with private dirs under `root`.

    Keys go out at once (no pause before each send), so a key's time is when it is sent.
    """
    return Terminal(
        argv[1:],
        command=argv[:1],
        rows=ROWS,
        cols=COLUMNS,
        env=isolated_env(root, extra),
        drop_env=NOT_PASSED_ON,
        reply_sync=True,
        send_delay=None,
    )

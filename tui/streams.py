"""The standard streams: closed ones made safe, and a failed write to stdout said in one line.

`loosen <&-`, `loosen routines >&-` or `>/dev/full` must end with one line on standard
error and exit status 2, never a traceback; a reader that stops early (`| head`) is
not an error and stays silent.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import sys

TYPE_CHECKING = False  # importing typing costs `loosen status` time on every shell prompt
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn, TextIO

EXIT_OUTPUT_FAILED = 2


class OutputError(OSError):
    """Writing to standard output failed (closed, disk full, I/O error): not a broken pipe."""


class GuardedOutput(io.TextIOBase):
    """Standard output whose failed writes raise OutputError, and are remembered.

    Remembered because some writers swallow the error: argparse ignores OSError when it
    prints --help or --version, and would exit 0 having printed nothing.
    """

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__()
        self._stream = stream
        self.failure: OutputError | None = None
        """The first failed write or flush, if any."""

    def _failed(self, error: OSError) -> OutputError:
        if self.failure is None:
            self.failure = OutputError(error.errno, error.strerror)
        return self.failure

    def _closed_error(self) -> OutputError:
        return self._failed(OSError(errno.EBADF, "it is closed"))

    def write(self, text: str) -> int:
        if self._stream is None:
            raise self._closed_error()
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._failed(error) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._failed(error) from None

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno() if self._stream is not None else 1

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding if self._stream is not None else "utf-8"


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def plug_closed_fds() -> list[int]:
    """Open /dev/null on each of file descriptors 0–2 that is closed; returns those.

    Otherwise the next file loosen opens (a data file, its lock) would get the number,
    and whatever is written to that stream would land in it.
    """
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        opened = os.open(os.devnull, os.O_RDWR)
        if opened != fd:
            os.dup2(opened, fd)
            os.close(opened)
    return closed


def prepare_streams() -> GuardedOutput:
    """Make every standard stream usable (a closed one reads empty or writes nowhere,
    except stdout, which fails) and guard stdout; returns the guarded stdout."""
    plug_closed_fds()
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (for the whole run)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    output = GuardedOutput(sys.stdout)
    sys.stdout = output
    return output


def say(line: str) -> None:
    """Print one line on standard error, if it can take it."""
    with contextlib.suppress(OSError):
        print(line, file=sys.stderr, flush=True)


def _silence_stdout(output: GuardedOutput) -> None:
    """Send what is left of the output to /dev/null, so exiting doesn't fail on it again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, output.fileno())
    finally:
        os.close(devnull)
    with contextlib.suppress(OSError):
        output.flush()


def finish_output(output: GuardedOutput, status: int) -> int:
    """Flush standard output; if any write to it failed, say so and return 2."""
    try:
        output.flush()
    except BrokenPipeError:
        # The reader stopped early (`loosen routines | head -1`): not an error of ours.
        _silence_stdout(output)
        return status
    except OutputError:
        pass
    if output.failure is None:
        return status
    _silence_stdout(output)
    if status != 0:
        return status  # the command has already said what went wrong
    say(f"loosen: cannot write to standard output: {output.failure.strerror}")
    return EXIT_OUTPUT_FAILED


def guard_streams(main: Callable[[], None]) -> Callable[[], NoReturn]:
    """Run `main` (which exits with sys.exit) with usable standard streams, then flush
    standard output and exit with its status, or 2 if writing to it failed."""

    @functools.wraps(main)
    def guarded() -> NoReturn:
        output = prepare_streams()
        status = 0
        try:
            main()
        except SystemExit as exit_:
            if exit_.code is not None and not isinstance(exit_.code, int):
                raise  # a message for Python to print: not ours
            status = exit_.code or 0
        except OutputError:
            status = 0  # reported below, from output.failure
        except BrokenPipeError:
            status = 0  # silent, as below
        sys.exit(finish_output(output, status))

    return guarded

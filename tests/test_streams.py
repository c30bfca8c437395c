"""Standard streams closed or full: one line on standard error and exit 2, no traceback.

Each case runs the installed `loosen` through `sh -c` with real closed descriptors
(`>&-`, `<&-`) or /dev/full, as a user's shell would.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from tests.terminal import loosen_command

ROUTINES_FILE = Path(__file__).resolve().parents[1] / "routines.json"
TIMEOUT = 10


def loosen_in_shell(arguments: str, redirections: str, data_dir: Path) -> tuple[int, str, str]:
    """Run `loosen --data-dir DATA ARGUMENTS REDIRECTIONS` in sh; (status, stdout, stderr)."""
    command = shlex.join([*loosen_command(), "--data-dir", str(data_dir)])
    result = subprocess.run(
        ["sh", "-c", f"{command} {arguments} {redirections}"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def assert_one_line(stderr: str, *words: str) -> None:
    """stderr is exactly one line starting 'loosen: ' and containing every one of `words`."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("loosen: ")
    for word in words:
        assert word in lines[0], stderr


COMMANDS = {
    "routines": "routines",
    "check": f"check {shlex.quote(str(ROUTINES_FILE))}",
    "version": "--version",
    "help": "--help",
    "export": "export --format csv",
}


@pytest.mark.parametrize("arguments", COMMANDS.values(), ids=COMMANDS.keys())
def test_closed_stdout_is_one_line_and_status_2(tmp_path: Path, arguments: str) -> None:
    status, _, stderr = loosen_in_shell(arguments, ">&-", tmp_path / "data")
    assert status == 2
    assert_one_line(stderr)
    if arguments != COMMANDS["export"]:  # export words its own message
        assert "cannot write to standard output: it is closed" in stderr


@pytest.mark.parametrize("arguments", COMMANDS.values(), ids=COMMANDS.keys())
def test_full_disk_on_stdout_is_one_line_and_status_2(tmp_path: Path, arguments: str) -> None:
    status, _, stderr = loosen_in_shell(arguments, ">/dev/full", tmp_path / "data")
    assert status == 2
    assert_one_line(stderr)
    if arguments != COMMANDS["export"]:  # export words its own message
        assert "cannot write to standard output: No space left on device" in stderr


def test_the_app_with_stdin_closed_says_it_needs_a_terminal(tmp_path: Path) -> None:
    status, stdout, stderr = loosen_in_shell("", "<&-", tmp_path / "data")
    assert status == 2
    assert stdout == ""
    assert_one_line(stderr, "needs a terminal")


def test_the_app_with_stdout_closed_says_it_needs_a_terminal(tmp_path: Path) -> None:
    status, _, stderr = loosen_in_shell("history", ">&-", tmp_path / "data")
    assert status == 2
    assert_one_line(stderr, "needs a terminal")


def test_a_closed_stdin_does_not_matter_to_commands_that_print(tmp_path: Path) -> None:
    status, stdout, stderr = loosen_in_shell("routines", "<&-", tmp_path / "data")
    assert (status, stderr) == (0, "")
    assert stdout.splitlines()[0].split() == ["ID", "NAME", "EXERCISES", "MINUTES"]


def test_with_stdout_and_stderr_closed_the_status_still_says_it(tmp_path: Path) -> None:
    status, _, _ = loosen_in_shell("routines", ">&- 2>&-", tmp_path / "data")
    assert status == 2


def test_with_stderr_closed_errors_do_not_go_to_stdout(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    status, stdout, _ = loosen_in_shell(f"check {shlex.quote(str(bad))}", "2>&-", tmp_path)
    assert (status, stdout) == (2, "")


@pytest.mark.parametrize("arguments", ["routines", "--help"])
def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path, arguments: str) -> None:
    process = subprocess.Popen(
        [*loosen_command(), "--data-dir", str(tmp_path / "data"), *arguments.split()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()  # before loosen writes: its write meets a broken pipe
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, stderr) == (0, "")

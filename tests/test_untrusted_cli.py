"""The real command on hostile files: exit 2, one line naming the file, and no hang.

Each run is a subprocess with a timeout, so a read that blocks (a FIFO, /dev/zero) fails
the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_export import tiny_record
from tui.catalogue.loader import MAX_FILE_BYTES as ROUTINES_MAX_BYTES
from tui.locations import user_routines_file
from tui.storage.importing import MAX_FILE_BYTES as IMPORT_MAX_BYTES
from tui.storage.store import Store

TIMEOUT = 10
ROUTINE = {
    "id": "r",
    "name": "R",
    "summary": "One set of the built-in roller twister.",
    "steps": [{"exercise": "t-spine-roller-twister"}],
}

Maker = Callable[[Path], Path]


def write(text: str) -> Maker:
    def make(path: Path) -> Path:
        path.write_text(text, encoding="utf-8")
        return path

    return make


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def directory(path: Path) -> Path:
    path.mkdir()
    return path


def device(name: str) -> Maker:
    def make(path: Path) -> Path:
        path.symlink_to(name)
        return path

    return make


def oversize(size: int) -> Maker:
    def make(path: Path) -> Path:
        with path.open("wb") as file:
            file.truncate(size + 1)  # sparse: takes no disk
        return path

    return make


def routines_text(name: str = "R", extra: str = "") -> str:
    """A routines file; `name` and `extra` go in as raw JSON text (escapes and all)."""
    text = json.dumps({"schema_version": 1, "routines": [{**ROUTINE, "name": "NAME"}]})
    return text.replace('"name": "NAME"', f'{extra}"name": "{name}"')


def export_text(note: str = "fine", extra: str = "") -> str:
    """An export of one session; `note` and `extra` go in as raw JSON text."""
    record = {**tiny_record(), "note": "NOTE"}
    text = json.dumps({"format": "loosen-export", "version": 1, "sessions": [record]})
    return text.replace('"note": "NOTE"', f'{extra}"note": "{note}"')


SPECIAL: dict[str, Maker] = {
    "fifo": fifo,
    "directory": directory,
    "dev-zero": device("/dev/zero"),
    "dev-urandom": device("/dev/urandom"),
    "deep": write("[" * 100_000),
}
ROUTINES_FILES: dict[str, Maker] = {
    **SPECIAL,
    "oversize": oversize(ROUTINES_MAX_BYTES),
    "long-int": write('{"schema_version": ' + "7" * 5000 + "}"),
    "surrogate": write(routines_text(name="R\\ud800")),
    "duplicate-key": write(routines_text(extra='"name": "S", ')),
    "nan": write(
        routines_text().replace('"steps"', '"rest_between_exercises_seconds": NaN, "steps"')
    ),
    "version-1.0": write(routines_text().replace('"schema_version": 1', '"schema_version": 1.0')),
}
IMPORT_FILES: dict[str, Maker] = {
    **SPECIAL,
    "oversize": oversize(IMPORT_MAX_BYTES),
    "long-int": write(
        export_text().replace('"duration_seconds": 535', '"duration_seconds": ' + "5" * 5000)
    ),
    "surrogate": write(export_text(note="R\\ud800")),
    "duplicate-key": write(export_text(extra='"note": "first", ')),
    "nan": write(export_text().replace('"rating": 3', '"rating": NaN')),
    "version-1.0": write(export_text().replace('"version": 1', '"version": 1.0')),
}


def loosen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        errors="surrogateescape",
        stdin=subprocess.DEVNULL,
        timeout=TIMEOUT,
        check=False,
    )


def assert_one_line_about(result: subprocess.CompletedProcess[str], path: Path) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"{path}: "), result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ROUTINES_FILES)
def test_check_refuses_in_one_line(tmp_path: Path, kind: str) -> None:
    path = ROUTINES_FILES[kind](tmp_path / "routines.json")
    assert_one_line_about(loosen("check", str(path)), path)


@pytest.mark.parametrize("kind", ROUTINES_FILES)
def test_the_routines_option_refuses_in_one_line(tmp_path: Path, kind: str) -> None:
    path = ROUTINES_FILES[kind](tmp_path / "routines.json")
    result = loosen("--routines", str(path), "--data-dir", str(tmp_path / "d"), "routines")
    assert_one_line_about(result, path)


@pytest.mark.parametrize("kind", ROUTINES_FILES)
def test_the_user_routines_file_is_set_aside_with_a_warning(tmp_path: Path, kind: str) -> None:
    path = user_routines_file()
    path.parent.mkdir(parents=True)
    ROUTINES_FILES[kind](path)
    result = loosen("routines")
    assert result.returncode == 0, result.stderr  # a broken own file never locks anyone out
    assert "roller-twister-warm-up" in result.stdout
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"loosen: warning: {path} has 1 problem: loosen is not using it")
    assert lines[1].startswith(f"loosen: warning: {path}: ")
    assert (
        lines[2]
        == f"loosen: warning: to see every problem, and to check your fix: loosen check {path}"
    )
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", IMPORT_FILES)
def test_import_refuses_in_one_line_and_changes_nothing(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "d"
    with Store.open(data) as store:
        store.add_session({**tiny_record(), "id": "kept-session"})
    path = IMPORT_FILES[kind](tmp_path / "backup.json")
    assert_one_line_about(loosen("--data-dir", str(data), "import", str(path)), path)
    with Store.open(data) as store:
        assert [s["id"] for s in store.sessions()] == ["kept-session"]


def test_routines_prints_any_accepted_name_safely(tmp_path: Path) -> None:
    hostile = [
        "\x1b]0;owned\x07 title",
        "\x1b[6n reply",
        "\x9b2J 8-bit CSI",
        "[/] [@click=app.quit]quit[/]",
        "line\nbreak\rreturn\u2028separator",
        "\u202eright to left",
        "wide 漢字 and 😀",
        "x" * 5000,
    ]
    routines = [{**ROUTINE, "id": f"r{index}", "name": name} for index, name in enumerate(hostile)]
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"schema_version": 1, "routines": routines}), encoding="utf-8")
    assert loosen("check", str(path)).stdout == "ok\n"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--routines", str(path), "routines"],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == b""
    out = result.stdout
    assert b"\x1b" not in out and b"\x07" not in out and b"\r" not in out
    assert "\x9b" not in out.decode("utf-8")
    lines = out.decode("utf-8").split("\n")
    assert len(lines) == 1 + len(hostile) + 1 and lines[-1] == ""
    assert "[/] [@click=app.quit]quit[/]" in lines[4]  # text, as given

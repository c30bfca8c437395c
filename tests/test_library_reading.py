"""Reading a foreign JSON file: regular files only, size-capped, strict JSON, one-line errors."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tui.library.reading import read_json
from tui.library.record import LibraryError

CAP = 1_000_000


def error_for(path: Path, max_bytes: int = CAP) -> str:
    with pytest.raises(LibraryError) as raised:
        read_json(path, max_bytes)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def test_reads_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"name": "Ä", "n": 1}]', encoding="utf-8")
    assert read_json(path, CAP) == [{"name": "Ä", "n": 1}]


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in error_for(tmp_path / "gone.json")


def test_directory(tmp_path: Path) -> None:
    assert "not a regular file (a directory)" in error_for(tmp_path)


def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(error_for(path)), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "reading a FIFO hung"
    assert "not a regular file (a named pipe)" in result[0]


def test_a_1_gb_file_is_refused_by_its_size_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: takes no disk space
    assert "too large: loosen reads files of at most 1 MB" in error_for(path)


def test_file_just_over_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("[" + " " * 100 + "]")
    assert read_json(path, 102) == []
    assert "too large" in error_for(path, 101)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"a": 1, "a": 2}', 'duplicate key "a"'),
        (b'[{"x": {"b": 1, "c": 2, "b": 3}}]', 'duplicate key "b"'),
        (b"[NaN]", "NaN is not a number JSON allows"),
        (b"[Infinity]", "Infinity is not a number JSON allows"),
        (b"[1" + b"0" * 5000 + b"]", "integer of 5001 digits is too long"),
        (b"[" * 100_000 + b"]" * 100_000, "nested more than 64 levels deep"),
        (b'{"a": ', "line 1, column 7: invalid JSON"),
        (b"\xff\xfe[]", "not UTF-8 text (byte offset 0)"),
        (b"", "line 1, column 1: invalid JSON"),
    ],
)
def test_strict_json(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert expected in error_for(path)


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "secret.json"
    path.write_text("[]")
    path.chmod(0)
    assert "cannot read" in error_for(path)

"""The strict reader for outside JSON files: what it refuses, and the one line it says why."""

from __future__ import annotations

import codecs
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.untrusted import (
    MAX_DEPTH,
    MissingFileError,
    UntrustedFileError,
    key_path,
    parse_json,
    read_json_file,
    read_regular_file,
    shown_size,
)


def refusal(text: str | bytes) -> str:
    with pytest.raises(UntrustedFileError) as caught:
        parse_json(text, label="f.json")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("f.json: ")
    return message.removeprefix("f.json: ")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"a": 1, "a": 2}', 'duplicate key "a"'),
        ('{"x": {"y": [{"k": 1, "k": 1}]}}', 'x.y[0]: duplicate key "k"'),
        ("[NaN]", "[0]: NaN is not a number JSON allows"),
        ('{"a": Infinity}', "a: Infinity is not a number JSON allows"),
        ('{"a": -Infinity}', "a: -Infinity is not a number JSON allows"),
        ('{"a": [1e999]}', "a[0]: number out of range: 1e999"),
        ('{"a": -1e999}', "a: number out of range: -1e999"),
        ("[" + "9" * 5000 + "]", "[0]: integer of 5000 digits is too long (at most 20)"),
        ("-" + "1" * 21, "integer of 21 digits is too long (at most 20)"),
        ('{"a": 0.' + "1" * 200 + "}", "a: number of 202 characters is too long"),
        ('{"name": "R\\ud800"}', "name: text is not valid Unicode (a lone surrogate escape)"),
        ('["\\udfff x"]', "[0]: text is not valid Unicode (a lone surrogate escape)"),
        ('{"\\ud800": 1}', '["\\ud800"]: key is not valid Unicode (a lone surrogate escape)'),
        ('{"a": [1, 2,]}', "line 1, column 13: invalid JSON (Expecting value)"),
        ("[1]\n x", "line 2, column 2: invalid JSON (Extra data)"),
        ("", "line 1, column 1: invalid JSON (Expecting value)"),
        ('{"a": "tab\there"}', "line 1, column 11: invalid JSON (Invalid control character at)"),
        (b'{"a": "caf\xe9"}', "not UTF-8 text (byte offset 10)"),
        (codecs.BOM_UTF8 + b'{"a": "\xff"}', "not UTF-8 text (byte offset 10)"),
        (b'"\xed\xa0\x80"', "not UTF-8 text (byte offset 1)"),  # a surrogate, UTF-8 encoded
        ("[" * 100_000, "line 1, column 65: nested more than 64 levels deep"),
        ('{"a": [[[' + "[1]," * 100, "line 1, column 410: invalid JSON (Expecting value)"),
        ("]" * 70 + "[" * 70, "line 1, column 1: invalid JSON (Expecting value)"),
        ("[" * 70 + "}" * 70, "line 1, column 65: nested more than 64 levels deep"),
        ("[" * 65 + "]" * 65, "line 1, column 65: nested more than 64 levels deep"),
        (
            '{"a":\n' + "[" * 70 + "]" * 70 + "}",
            "line 2, column 64: nested more than 64 levels deep",
        ),
        ('{"a": "[[[", "b":' + "[" * 64 + "]" * 64 + "}", "line 1, column 81: nested more"),
    ],
)
def test_refusals_are_one_line_with_the_path(text: str | bytes, problem: str) -> None:
    assert refusal(text).startswith(problem)


def test_the_first_problem_in_the_file_is_the_one_named() -> None:
    assert refusal('{"a": [1, NaN], "b": {"c": 1, "c": 2}, "d": "\\ud800"}') == (
        "a[1]: NaN is not a number JSON allows"
    )


@pytest.mark.parametrize(
    "text",
    [
        "[" * MAX_DEPTH + "]" * MAX_DEPTH,
        '{"a": "[[[[\\"{{{{\\\\", "b": [' + '"]]]]"' + "]}",
        '"\\ud83d\\ude00 \\u00e9 \\\\ud800"',  # a pair, an escape, and an escaped backslash
        "-" + "9" * 20,
        '{"a": 1.5e300, "b": -0.0, "c": true, "d": null}',
        codecs.BOM_UTF8.decode() + '{"a": 1}',
        '  \n{"a": "\u2028\u0085"}\n\n',
    ],
)
def test_what_is_accepted_parses_as_json_does(text: str) -> None:
    import json

    assert parse_json(text, label="f.json") == json.loads(text.removeprefix("\ufeff"))


def test_a_long_integer_is_refused_before_python_would_raise() -> None:
    assert "integer of 4301 digits" in refusal("1" * 4301)


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    yield path


def read_refusal(path: Path, max_bytes: int = 1000) -> UntrustedFileError:
    with pytest.raises(UntrustedFileError) as caught:
        read_json_file(path, label=str(path), max_bytes=max_bytes)
    return caught.value


def test_only_regular_files_are_read(tmp_path: Path, fifo: Path) -> None:
    assert str(read_refusal(fifo)) == f"{fifo}: not a regular file (a named pipe)"
    assert str(read_refusal(tmp_path)) == f"{tmp_path}: not a regular file (a directory)"
    for device in ("/dev/zero", "/dev/urandom", "/dev/null"):
        message = str(read_refusal(Path(device)))
        assert message == f"{device}: not a regular file (a character device)"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert str(read_refusal(path)) == f"{path}: not a regular file (a socket)"


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("[1]")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    assert read_json_file(tmp_path / "link.json", label="l", max_bytes=10) == [1]
    (tmp_path / "pipe").symlink_to("/dev/zero")
    assert "not a regular file" in str(read_refusal(tmp_path / "pipe"))


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    missing = read_refusal(tmp_path / "nope.json")
    assert isinstance(missing, MissingFileError)
    assert str(missing) == f"{tmp_path / 'nope.json'}: no such file"
    assert isinstance(read_refusal(tmp_path / "nope" / "x.json"), MissingFileError)
    (tmp_path / "file").write_text("x")
    assert isinstance(read_refusal(tmp_path / "file" / "x.json"), MissingFileError)
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.json"
        locked.write_text("[]")
        locked.chmod(0)
        assert str(read_refusal(locked)) == f"{locked}: cannot read: Permission denied"


def test_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"0," * 498 + b" 0]")  # exactly 1,000 bytes
    assert read_regular_file(path, label="b", max_bytes=1000) == path.read_bytes()
    path.write_bytes(path.read_bytes() + b" ")
    assert (
        str(read_refusal(path)) == f"{path}: too large: loosen reads files of at most 1,000 bytes"
    )


def test_a_regular_file_that_claims_no_size_is_still_capped() -> None:
    status = Path("/proc/self/status")  # regular, st_size 0, yet holds text
    if not status.exists():
        pytest.skip("no /proc")
    assert read_regular_file(status, label="s", max_bytes=100_000).startswith(b"Name:")
    assert "too large" in str(read_refusal(status, max_bytes=10))


def test_shown_sizes_and_key_paths() -> None:
    assert shown_size(20_000_000) == "20 MB"
    assert shown_size(1500) == "1,500 bytes"
    assert key_path("", "name") == "name"
    assert key_path("a[0]", "name") == "a[0].name"
    assert key_path("a", "two words") == 'a["two words"]'
    assert key_path("a", "line\nbreak\x1b[31m") == 'a["line\\nbreak\\u001b[31m"]'
    assert key_path("a", "é") == 'a["\\u00e9"]'
    assert key_path("a", "k" * 100) == 'a["' + "k" * 37 + '..."]'

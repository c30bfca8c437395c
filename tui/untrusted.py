"""Read JSON files that come from outside (routines, imports) strictly, refusing what we can't use.

Every refusal is an `UntrustedFileError` whose message is one line:
`FILE: JSON.path: what is wrong`, or `FILE: line L, column C: ...` for bad syntax.
Only regular files are read (a FIFO or a device would hang or never end), up to a size cap.
"""

from __future__ import annotations

import codecs
import errno
import gc
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MAX_DEPTH = 64
"""Containers nested deeper than this are refused (real files nest 5 deep)."""
MAX_INT_DIGITS = 20
"""Integer literals with more digits are refused (any int64 fits; int() gives up at 4300)."""
MAX_FLOAT_CHARS = 100
"""Number literals with a fraction or exponent longer than this are refused."""

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_READ_CHUNK = 1 << 24
_CACHED_INTS = 10_000
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
# Everything but the bytes that give JSON its structure, for the depth count.
_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b'"[]{}')
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_STRUCTURE_OUTSIDE = re.compile(r'[\[\]{}"]')
_STRUCTURE_INSIDE = re.compile(r'["\\]')
_NOT_UNICODE = "is not valid Unicode (a lone surrogate escape)"


class UntrustedFileError(ValueError):
    """A file from outside was refused; the message is one line naming the file and why."""

    def __init__(self, label: str, problem: str) -> None:
        super().__init__(f"{label}: {problem}")
        self.label = label
        self.problem = problem


class MissingFileError(UntrustedFileError):
    """The file does not exist (some callers then do without it)."""


def shown_size(size: int) -> str:
    """A byte count for people: `20 MB` for whole (decimal) megabytes, else `1,500 bytes`."""
    if size and size % 1_000_000 == 0:
        return f"{size // 1_000_000} MB"
    return f"{size:,} bytes"


def key_path(path: str, key: str) -> str:
    """The JSON path of `key` inside the object at `path`, safe to print.

    Plain names read `path.key`; any other key is quoted in ASCII, `path["a b"]`, so a
    key can never break the one-line message or reach the terminal raw.
    """
    if len(key) <= 40 and _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    shown = key if len(key) <= 40 else key[:37] + "..."
    return f"{path}[{json.dumps(shown)}]"


def read_json_file(path: Path, *, label: str, max_bytes: int) -> object:
    """The parsed content of the regular file at `path`, at most `max_bytes` long.

    `label` names the file in messages (the path as the user gave it). Raises
    `UntrustedFileError` (`MissingFileError` if there is no such file).
    """
    return _parse([read_regular_file(path, label=label, max_bytes=max_bytes)], label)


def read_regular_file(path: Path, *, label: str, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`; refuses anything else and anything over the cap."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _open_error(path, label, error) from None
    try:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise UntrustedFileError(label, f"not a regular file ({kind})")
        if info.st_size > max_bytes:
            raise UntrustedFileError(label, _too_large(max_bytes))
        os.set_blocking(fd, True)
        return _read_capped(fd, info.st_size, max_bytes, label)
    except OSError as error:
        raise UntrustedFileError(label, f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def _open_error(path: Path, label: str, error: OSError) -> UntrustedFileError:
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return MissingFileError(label, "no such file")
    try:
        kind = _kind(os.stat(path).st_mode)
    except OSError:
        kind = None
    if kind is not None:  # a socket, say, cannot even be opened
        return UntrustedFileError(label, f"not a regular file ({kind})")
    return UntrustedFileError(label, f"cannot read: {error.strerror or error}")


def _too_large(max_bytes: int) -> str:
    return f"too large: loosen reads files of at most {shown_size(max_bytes)}"


def _read_capped(fd: int, size: int, max_bytes: int, label: str) -> bytes:
    # Reading one byte past the cap (and past the size fstat gave) shows a file that grew.
    limit = max_bytes + 1
    parts: list[bytes] = []
    total = 0
    want = min(size + 1, limit)
    while total < limit:
        chunk = os.read(fd, want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        want = min(limit - total, _READ_CHUNK)
    if total > max_bytes:
        raise UntrustedFileError(label, _too_large(max_bytes))
    return parts[0] if len(parts) == 1 else b"".join(parts)


def parse_json(data: bytes | str, *, label: str) -> object:
    """Parse JSON text strictly; raises `UntrustedFileError` for anything loosen can't use.

    Refused: bytes that are not UTF-8 (a BOM is allowed), bad syntax, duplicate keys,
    NaN and Infinity, numbers out of range, integers over `MAX_INT_DIGITS` digits,
    nesting over `MAX_DEPTH`, and lone surrogates (`"\\ud800"`) in strings or keys.
    """
    return _parse([data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data], label)


def _parse(box: list[bytes], label: str) -> object:
    """As `parse_json`; takes the bytes out of `box` so they can be freed before the parse."""
    raw = box.pop()
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        text = str(memoryview(raw)[start:], "utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        raise UntrustedFileError(label, f"not UTF-8 text (byte offset {offset})") from None
    deep = _depth_bound(raw[start:] if start else raw) > MAX_DEPTH
    surrogates = _SURROGATE_ESCAPE.search(raw) is not None
    del raw  # a file's bytes need not stay in memory beside its text and its values
    too_deep = _too_deep_where(text) if deep else None
    if too_deep:
        raise UntrustedFileError(label, too_deep)
    rejected: list[_Rejected] = []
    decoder = json.JSONDecoder(
        object_pairs_hook=_object_maker(rejected),
        parse_int=_int_maker(rejected),
        parse_float=_float_maker(rejected),
        parse_constant=_constant_maker(rejected),
    )
    try:
        with _collector_paused():
            value = decoder.decode(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise UntrustedFileError(label, f"{where}: invalid JSON ({error.msg})") from None
    except RecursionError:  # not expected after the depth check; never a traceback though
        too_deep = _too_deep_where(text) or f"nested more than {MAX_DEPTH} levels deep"
        raise UntrustedFileError(label, too_deep) from None
    if rejected or surrogates:
        problem = _first_problem(value, surrogates=surrogates)
        if problem is None and rejected:
            problem = rejected[0].problem
        if problem is not None:
            raise UntrustedFileError(label, problem)
    return value


class _Rejected:
    """Stands in for a value a parse hook refused, until its JSON path is known."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


def _object_maker(rejected: list[_Rejected]) -> Callable[[list[tuple[str, Any]]], Any]:
    def make_object(pairs: list[tuple[str, Any]]) -> Any:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        refusal = _Rejected(f"duplicate key {_quoted(_first_duplicate(pairs))}")
        rejected.append(refusal)
        return refusal

    return make_object


def _first_duplicate(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    raise AssertionError("no duplicate key")


class _IntLiterals(dict[str, int]):
    """The ints of the literals met so far, for `parse_int`: a repeat costs one lookup in C.

    A file holds a million small integers (reps, set numbers) and few distinct ones, and a
    Python call for each was a fifth of the parse. Only a literal not seen yet reaches
    `__missing__`, which refuses one too long.
    """

    def __init__(self, rejected: list[_Rejected]) -> None:
        super().__init__()
        self.rejected = rejected

    def __missing__(self, literal: str) -> Any:
        digits = len(literal) - literal.startswith("-")
        if digits > MAX_INT_DIGITS:
            too_long = f"integer of {digits} digits is too long (at most {MAX_INT_DIGITS})"
            refusal = _Rejected(too_long)
            self.rejected.append(refusal)
            return refusal
        value = int(literal)
        if len(self) < _CACHED_INTS:
            self[literal] = value
        return value


def _int_maker(rejected: list[_Rejected]) -> Callable[[str], Any]:
    return _IntLiterals(rejected).__getitem__


def _float_maker(rejected: list[_Rejected]) -> Callable[[str], Any]:
    def make_float(literal: str) -> Any:
        if len(literal) <= MAX_FLOAT_CHARS:
            number = float(literal)
            if number not in (float("inf"), float("-inf")):
                return number
            refusal = _Rejected(f"number out of range: {literal}")
        else:
            refusal = _Rejected(f"number of {len(literal)} characters is too long")
        rejected.append(refusal)
        return refusal

    return make_float


def _constant_maker(rejected: list[_Rejected]) -> Callable[[str], Any]:
    def make_constant(name: str) -> Any:
        refusal = _Rejected(f"{name} is not a number JSON allows")
        rejected.append(refusal)
        return refusal

    return make_constant


def _quoted(text: str) -> str:
    return json.dumps(text if len(text) <= 40 else text[:37] + "...")


@contextmanager
def _collector_paused() -> Iterator[None]:
    # A parse makes millions of objects and no cycles: the collector would only slow it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Counted as young, they would all be walked by the next collection (a quarter of a
        # second at 36,500 sessions): freezing and thawing moves them to the oldest
        # generation unwalked. Freed ones still go as soon as nothing refers to them.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def _line_column(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"line {line}, column {index - text.rfind(chr(10), 0, index)}"


def _depth_bound(raw: bytes) -> int:
    """How deep JSON `raw` nests, at C speed with no recursion: exact for valid JSON.

    For invalid JSON, never less than the depth a parser reaches before its first error.
    """
    # Drop escapes (an escaped quote ends no string), then everything but quotes and brackets;
    # adjacent quotes hold nothing between them, so dropping them keeps the rest paired.
    unescaped = _ESCAPE.sub(b"", raw) if b"\\" in raw else raw
    compact = unescaped.translate(None, _NOT_STRUCTURE)
    compact = _STRING.sub(b"", compact.replace(b'""', b""))
    passes = 0
    while compact and passes <= MAX_DEPTH:
        # Each pass removes one level of pairs: marked first, so `{[]}` loses only `[]`.
        shorter = compact.replace(b"[]", b".").replace(b"{}", b".").replace(b".", b"")
        if len(shorter) == len(compact):
            break  # unmatched brackets are left: each may enclose what the passes removed
        compact = shorter
        passes += 1
    return passes + compact.count(b"[") + compact.count(b"{")


def _too_deep_where(text: str) -> str | None:
    """Where `text` first nests deeper than MAX_DEPTH, or None if it does not (before an error)."""
    depth, index, inside = 0, 0, False
    while True:
        found = (_STRUCTURE_INSIDE if inside else _STRUCTURE_OUTSIDE).search(text, index)
        if found is None:
            return None
        char, index = found.group(), found.end()
        if char == "\\":
            index += 1
        elif char == '"':
            inside = not inside
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                where = _line_column(text, found.start())
                return f"{where}: nested more than {MAX_DEPTH} levels deep"
        else:
            depth -= 1
            if depth <= 0:
                return None  # the first value ended (or never began): the rest is bad JSON


def _first_problem(root: object, *, surrogates: bool) -> str | None:
    """The first refused value in document order, as `JSON.path: what is wrong`."""
    stack: list[tuple[str, object]] = [("", root)]
    while stack:
        path, value = stack.pop()
        problem = _problem(value, surrogates=surrogates)
        if problem is not None:
            return f"{path}: {problem}" if path else problem
        if isinstance(value, dict):
            for key in value:
                if surrogates and _SURROGATE.search(key):
                    return f"{key_path(path, key)}: key {_NOT_UNICODE}"
            stack.extend(reversed([(key_path(path, key), item) for key, item in value.items()]))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", value[i]) for i in range(len(value) - 1, -1, -1))
    return None


def _problem(value: object, *, surrogates: bool) -> str | None:
    if isinstance(value, _Rejected):
        return value.problem
    if surrogates and isinstance(value, str) and _SURROGATE.search(value):
        return f"text {_NOT_UNICODE}"
    return None

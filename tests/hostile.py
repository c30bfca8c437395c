"""Hypothesis strategies that turn a real JSON document into hostile file bytes.

`hostile_files(document)` gives files with one to three mutations at paths taken from the real
document (new text for a string, any value in place of
another, delete it, add or duplicate a key, nest it deep, put a raw
literal such as a 5000-digit integer or NaN in its place, swap in another node), then
serialises it in one of several ways and may damage the bytes (a BOM, a cut, junk).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

JsonPath = tuple[str | int, ...]

MARKUP = [
    "[/]",
    "[@click=app.quit]",
    "[@click=app.screenshot('/tmp/x')]",
    "[bold red]",
    "[link=file:///etc/passwd]x[/link]",
    "[",
    "]",
    "\\[",
]
ESCAPES = [
    "\x1b]0;owned\x07",  # window title
    "\x1b]52;c;aGk=\x07",  # clipboard
    "\x1b]8;;http://x\x1b\\",  # link
    "\x1b[6n",  # asks the terminal to type a reply
    "\x9b2J",  # 8-bit CSI
    "\x1bP+q\x1b\\",
]
CONTROLS = [chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))]
ODD_UNICODE = [
    "\ud800",
    "\udfff",
    "\ud83d",
    "\ude00",
    "\u2028",
    "\u2029",
    "\u202e",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "\u0301",
    "漢",
    "😀",
]
TEXTS = [
    "",
    " ",
    "\t\n",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-05:00",
    "2026-11-22T07:31:05",
    "not a date",
    "finished",
    "left",
    "done",
]
RAW_LITERALS = [
    "9" * 5000,
    "-" + "9" * 25,
    "1" + "0" * 21,
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e400",
    "1.0",
    "1E0",
    "0.5",
    "-0",
    "2.0e1",
    "1" + "0" * 200 + ".0",
    "0." + "1" * 200,
    "[" * 100_000,
    "[" * 65 + "]" * 65,
    "{" * 70,
    '"\\ud800"',
    '"\\udc00x"',
    '"\\ud83d\\ude00"',
    '"\\u0000"',
    '"a\\\\"',
    '{"a": 1, "a": 2}',
    "01",
    "+1",
    ".5",
    "1.",
    "0x10",
    "tru",
    "nul",
    "'single'",
    '"unterminated',
    "[1,]",
    "{,}",
    "",
]
PIECES = [*MARKUP, *ESCAPES, *CONTROLS, *ODD_UNICODE, *TEXTS]


def _long(length: int) -> str:
    return "x" * length


hostile_texts: st.SearchStrategy[str] = st.one_of(
    st.lists(
        st.one_of(
            st.sampled_from(PIECES), st.text(max_size=8), st.sampled_from([300, 100_000]).map(_long)
        ),
        min_size=1,
        max_size=4,
    ).map("".join),
    st.text(
        alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()),
        max_size=12,
    ),
)
hostile_numbers: st.SearchStrategy[object] = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1, -1, 2, 49, 50, 51, 500, 501, 3600, 3601, 2**63, -(2**63)]),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1.0, 0.0, -0.0, 2.5, 1e308]),
)
hostile_scalars: st.SearchStrategy[object] = st.one_of(st.none(), hostile_numbers, hostile_texts)
hostile_values: st.SearchStrategy[object] = st.recursive(
    hostile_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(hostile_texts, children, max_size=3),
    ),
    max_leaves=6,
)


def all_paths(document: object) -> list[JsonPath]:
    """Every node's path in `document`, the root first."""
    paths: list[JsonPath] = []
    stack: list[tuple[JsonPath, object]] = [((), document)]
    while stack:
        path, value = stack.pop()
        paths.append(path)
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
    return paths


def _parent(document: object, path: JsonPath) -> tuple[Any, str | int] | None:
    """The container holding `path`'s node and its key there, if the path still exists."""
    node: Any = document
    for step in path[:-1]:
        if not _holds(node, step):
            return None
        node = node[step]
    return (node, path[-1]) if _holds(node, path[-1]) else None


def _holds(node: object, step: str | int) -> bool:
    if isinstance(node, dict):
        return isinstance(step, str) and step in node
    return isinstance(node, list) and isinstance(step, int) and step < len(node)


def _as_number(value: object, how: int) -> object:
    """Another spelling of a number: a float, a bool, a string, far too big, negative."""
    if not isinstance(value, int) or isinstance(value, bool):
        return value
    return [float(value), bool(value), str(value), value * 10**40, -value - 1][how]


OPERATIONS = [
    "text",
    "text",
    "replace",
    "raw",
    "delete",
    "add_key",
    "duplicate_key",
    "nest",
    "swap",
    "number",
]


def hostile_files(document: object) -> st.SearchStrategy[bytes]:
    """Files made from `document` by `mutated_file`."""
    paths = all_paths(document)
    objects = [path for path in paths if isinstance(_node(document, path), dict)]
    return mutated_file(document, paths, objects)


def _node(document: object, path: JsonPath) -> Any:
    node: Any = document
    for step in path:
        node = node[step]
    return node


@st.composite
def mutated_file(
    draw: st.DrawFn, document: object, paths: list[JsonPath], objects: list[JsonPath]
) -> bytes:
    """The document with one to three hostile mutations, serialised and maybe damaged.

    `paths` are the document's nodes to mutate; `objects`, those that are objects (whose
    keys the key mutations change).
    """
    root = {"": copy.deepcopy(document)}  # a holder, so the root can be replaced too
    raw: dict[str, str] = {}  # marker string -> raw JSON text put in its place
    for number in range(draw(st.integers(1, 3))):
        operation = draw(st.sampled_from(OPERATIONS))
        targets = objects if operation in ("add_key", "duplicate_key") else paths
        found = _parent(root, ("", *draw(st.sampled_from(targets))))
        if found is None:
            continue
        container, key = found
        marker = f"@@{number}@@"
        value = container[key]
        if operation == "text" and isinstance(value, str):
            container[key] = draw(hostile_texts)
        elif operation == "replace":
            container[key] = draw(hostile_values)
        elif operation == "raw":
            container[key] = marker
            raw[json.dumps(marker)] = draw(st.sampled_from(RAW_LITERALS))
        elif operation == "delete" and container is not root:
            del container[key]
        elif operation == "add_key" and isinstance(value, dict):
            value[draw(hostile_texts)] = draw(hostile_values)
        elif operation == "duplicate_key" and isinstance(value, dict) and value:
            twin = draw(st.sampled_from(list(value)))
            value[marker] = draw(hostile_values)
            raw[json.dumps(marker)] = json.dumps(twin)
        elif operation == "nest":
            for _ in range(draw(st.integers(1, 80))):
                value = [value] if draw(st.booleans()) else {"x": value}
            container[key] = value
        elif operation == "swap":
            other = _parent(root, ("", *draw(st.sampled_from(paths))))
            if other is not None:
                container[key] = copy.deepcopy(other[0][other[1]])
        elif operation == "number":
            container[key] = _as_number(value, draw(st.integers(0, 4)))
    text = json.dumps(
        root[""],
        ensure_ascii=draw(st.booleans()),
        indent=draw(st.sampled_from([None, 2])),
    )
    for marker, literal in raw.items():
        text = text.replace(marker, literal, 1)
    data = text.encode("utf-8", "surrogatepass")  # a raw surrogate is not UTF-8: also hostile
    damage = draw(st.sampled_from(["none"] * 6 + ["bom", "cut", "junk", "byte"]))
    if damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "junk":
        data += draw(st.binary(min_size=1, max_size=8))
    elif damage == "byte" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=2)) + data[at + 1 :]
    return data

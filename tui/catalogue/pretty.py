"""JSON laid out for people to read and hand-edit, the way the built-in routines.json is.

Two-space indents; each cue and each step on a line of its own, and small objects such as a
dosage or the tags on one line. The layout depends only on the value, so the same content
always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from typing import Any

LONG = 160
"""An object of plain values longer than this (a source with a long note) is broken up."""
_INDENT = "  "
# Characters JSON may leave raw but a terminal or an editor would act on or hide: DEL, C1
# controls, invisible marks, line separators and bidi controls (json escapes C0 itself);
# and lone surrogates, which UTF-8 can't hold: escaped, the loader names where they are.
_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _one_line(value: Any, *, in_list: bool) -> bool:
    depth = _depth(value)
    if depth <= 1:
        # A cue or a pair of tags reads best on its own line however long; a dosage too.
        return len(value) <= 2 or len(_compact(value)) <= LONG
    return depth == 2 and in_list  # a step, with its dosage


def _lines(value: Any, indent: str, prefix: str, suffix: str, out: list[str]) -> None:
    one_line = not isinstance(value, dict | list) or not value
    if one_line or _one_line(value, in_list=not prefix):
        out.append(f"{indent}{prefix}{_compact(value)}{suffix}")
        return
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    out.append(f"{indent}{prefix}{opening}")
    items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
    for index, (key, item) in enumerate(items):
        label = "" if key is None else f"{json.dumps(key, ensure_ascii=False)}: "
        comma = "," if index < len(items) - 1 else ""
        _lines(item, indent + _INDENT, label, comma, out)
    out.append(f"{indent}{closing}{suffix}")


def pretty_json(value: Any) -> str:
    """`value` as indented JSON text ending in a newline, unsafe characters escaped."""
    out: list[str] = []
    _lines(value, "", "", "", out)
    return _UNSAFE.sub(_escape, "\n".join(out) + "\n")

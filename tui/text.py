"""Make text from files safe to show: control characters become visible symbols."""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0, DEL and C1 (U+009B is a one-character CSI)
    "\u061c\u200b\u200e\u200f\u2028\u2029"  # invisible marks and line separators
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"  # bidi embeddings, overrides, isolates
    "\ud800-\udfff]"  # lone surrogates: they can't even be written to the terminal
)
REPLACEMENT = "\ufffd"
"""What a character with no control picture of its own becomes."""


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ESC shows as ␛.
    if code == 0x7F:
        return "\u2421"
    return REPLACEMENT


def printable(text: str) -> str:
    """`text` with every control character (ESC, BEL, CR, newline, C1, bidi…) made visible.

    Nothing a routines file or a note says can then reach the terminal as a control
    sequence, reorder the text around it, or hide in it. Markup is a separate matter:
    callers show the result as plain text (Content or Text, never parsed).
    """
    return _CONTROL.sub(_picture, text)

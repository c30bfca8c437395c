"""Make text from files safe to show: control characters become visible symbols."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ESC shows as ␛.
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def printable(text: str) -> str:
    """`text` with every C0/C1 control character (ESC, BEL, CR, newline…) made visible.

    Nothing a routines file or a note says can then reach the terminal as a control
    sequence. Markup is a separate matter: callers show the result as plain text.
    """
    return _CONTROL.sub(_picture, text)

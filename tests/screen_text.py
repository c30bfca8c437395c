"""Read what a running app shows, as plain text lines, for Pilot tests.

The text comes from `App.export_screenshot()`, Textual's public way to capture the screen
(the same picture the snapshot tests compare), read back from its SVG: each run of text is
a `<text>` element placed at `x` = column × cell width on the line its clip path names.
"""

from __future__ import annotations

import html
import re
from typing import Any

from rich.cells import cell_len
from textual.app import App

_TEXT = re.compile(
    r'<text [^>]*?x="(?P<x>[0-9.]+)"[^>]*?textLength="(?P<length>[0-9.]+)"'
    r'[^>]*?clip-path="url\(#[^)]*-line-(?P<line>\d+)\)"[^>]*>(?P<text>.*?)</text>',
    re.DOTALL,
)


def _unescape(svg_text: str) -> str:
    """The text an SVG `<text>` element holds: spaces are written as &#160; there."""
    return html.unescape(svg_text.replace("&#160;", " "))


def screen_text(app: App[Any]) -> str:
    """Every line of the current screen (including modals and toasts), as plain text."""
    svg = app.export_screenshot(simplify=True)
    matches = list(_TEXT.finditer(svg))
    if len(matches) != svg.count(' textLength="'):
        # Rich wrote its SVG differently: fail, rather than let "not in" checks pass on "".
        raise AssertionError("screen_text cannot read this screenshot's <text> elements")
    lines = [""] * app.size.height
    for match in matches:
        text = _unescape(match["text"])
        # textLength is the cell width times the number of characters, whatever their width.
        cell_width = float(match["length"]) / len(text)
        column = round(float(match["x"]) / cell_width)
        line = int(match["line"])
        lines[line] += " " * (column - cell_len(lines[line])) + text
    return "\n".join(line.rstrip() for line in lines)


def bottom_line(app: App[Any]) -> str:
    """The screen's last line: its key bar."""
    return screen_text(app).splitlines()[-1]

"""Hanging indents: a name, a cue or a field whose later lines start further in than its first.

Wrapped back to the first column, a long name's second line reads as another entry and a
cue's as another cue; indented under the text, they read as what they are.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size
from textual.content import Content

ELLIPSIS = "…"


def _head(text: str, width: int) -> int:
    """How many characters of `text` fit in `width` cells."""
    cells = 0
    for index, character in enumerate(text):
        cells += get_character_cell_size(character)
        if cells > width:
            return index
    return len(text)


def wrap_name(name: str, first: int, rest: int, max_lines: int = 2) -> list[str]:
    """`name` in lines of at most `first` cells, then `rest`; cut with "…" past `max_lines`.

    Lines break at spaces where they can, inside a word only when it is longer than a line.
    """
    if cell_len(name) <= first:
        return [name]
    lines: list[str] = []
    text = name
    while text:
        width = max(first if not lines else rest, 1)
        if len(lines) == max_lines - 1 and cell_len(text) > width:
            cut = _head(text, width - 1)
            lines.append(text[:cut].rstrip(" ") + ELLIPSIS)
            break
        cut = _head(text, width)
        if cut < len(text):
            space = text.rfind(" ", 0, cut + 1)
            if space > 0:
                cut = space
        lines.append(text[:cut].rstrip(" "))
        text = text[cut:].lstrip(" ")
    return lines


class Paragraph(NamedTuple):
    """A run of text with what starts its first line and how far its other lines start in."""

    body: Content
    lead: Content = Content("")
    hang: int = 0


def hanging_lines(paragraph: Paragraph, width: int) -> list[Content]:
    """The paragraph in lines of at most `width` cells, its later lines indented by `hang`."""
    lead, body, hang = paragraph.lead, paragraph.body, paragraph.hang
    # At least 2: a double-width character needs two cells, or it would be dropped.
    first_width = max(width - lead.cell_length, 2)
    rest_width = max(width - hang, 2)
    if body.cell_length <= first_width:
        return [lead + body]
    first, *_ = body.wrap(first_width)
    start = body.plain.find(first.plain) + len(first.plain)
    while start < len(body.plain) and body.plain[start] == " ":
        start += 1
    rest = body[start:].wrap(rest_width) if start < len(body.plain) else []
    indent = Content(" " * hang)
    return [lead + first, *(indent + line for line in rest)]

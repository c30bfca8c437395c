"""Which cells of a line changed: a widget redraws only those, not the whole line.

Textual sends every cell of a region it is asked to redraw, blanks included. Two entries of
a list, or two exercises in the detail pane, often share a start (a label, an indent) and
nearly always a run of blanks at the end: the cells between the first and the last that
differ are all a terminal over SSH needs to be sent.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.style import Style
from textual.strip import Strip

Cell = tuple[str, Style | None] | None
"""A character and its style; None for the right half of a double-width character."""


def cells(strip: Strip) -> list[Cell]:
    """The strip cell by cell."""
    found: list[Cell] = []
    for segment in strip:
        if segment.control:
            continue
        for character in segment.text:
            found.append((character, segment.style))
            if get_character_cell_size(character) == 2:
                found.append(None)
    return found


def changed_span(old: Strip, new: Strip) -> tuple[int, int] | None:
    """The cells [start, end) that differ between two lines (None: they are the same).

    The span never splits a double-width character, which a terminal can't draw in halves.
    """
    before, after = cells(old), cells(new)
    length = max(len(before), len(after))
    before += [("", None)] * (length - len(before))
    after += [("", None)] * (length - len(after))
    start = next((x for x in range(length) if before[x] != after[x]), None)
    if start is None:
        return None
    end = next(x for x in range(length, 0, -1) if before[x - 1] != after[x - 1])
    while start > 0 and (before[start] is None or after[start] is None):
        start -= 1  # the left half of the character too
    while end < length and (before[end] is None or after[end] is None):
        end += 1  # and the right half
    return start, end

"""Per-exercise figures on the history screen: last done and times in 30 days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.text import printable

HEADER_FIGURES = "last done · 30 d"
"""Over the figures: the day last done, and times done in the last 30 days."""
ELLIPSIS = "…"


class ExerciseFigure(NamedTuple):
    """One exercise's line: its name, when it was last done (if ever), how often lately."""

    name: str
    last_done: date | None
    times_last_30_days: int


def shortened(name: str, width: int) -> str:
    """`name` cut to `width` cells with an ellipsis, or as it is when it fits."""
    if len(name) <= width:
        return name
    return name[: max(width - 1, 0)] + ELLIPSIS


def figures_lines(figures: Sequence[ExerciseFigure], width: int) -> Content:
    """A header and a line per exercise; names as wide as the longest, or as `width` allows."""
    names = [printable(figure.name) for figure in figures]
    longest = max((len(name) for name in names), default=0)
    name_width = max(min(width - len(HEADER_FIGURES) - 1, longest), len("Exercise"))
    lines = [Content.styled(f"{'Exercise':<{name_width}} {HEADER_FIGURES}", "bold")]
    for figure, full_name in zip(figures, names, strict=True):
        last = figure.last_done.isoformat() if figure.last_done else "never"
        name = shortened(full_name, name_width)
        lines.append(Content(f"{name:<{name_width}} {last:>10} · {figure.times_last_30_days:>3}"))
    return Content("\n").join(lines)


class ExerciseFigures(Widget):
    """The figures, fitted to the widget's width whenever it changes."""

    DEFAULT_CSS = """
    ExerciseFigures {
        height: auto;
        text-wrap: nowrap;
    }
    """

    figures: reactive[tuple[ExerciseFigure, ...]] = reactive((), layout=True)
    """One per exercise, in catalogue order; drawn again only when they change."""

    def render(self) -> Content:
        return figures_lines(self.figures, self.content_size.width)

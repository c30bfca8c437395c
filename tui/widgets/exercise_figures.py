"""Per-exercise figures on the history screen: when each was last done, how often lately.

Only exercises done in history are listed, most recent first, in the rows the panel has:
tab gives it the focus and the arrows scroll it, so a long list never pushes the calendar
or the table away.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.history.paging import Window
from tui.history.tally import ExerciseFigure
from tui.history.words import count
from tui.text import printable

LAST_DONE = "last done"
IN_30_DAYS = "in 30 days"
"""Column titles: the day last done, and the times done in the last 30 days."""
GAP = "   "
FIGURES_WIDTH = 1 + 10 + len(GAP) + len(IN_30_DAYS)
ELLIPSIS = "…"


def shortened(name: str, width: int) -> str:
    """`name` cut to `width` cells with an ellipsis, or as it is when it fits."""
    if len(name) <= width:
        return name
    return name[: max(width - 1, 0)] + ELLIPSIS


def title_words(window: Window, *, focused: bool = False) -> str:
    """'Exercise' when every row shows, else which rows show and how to see more.

    'Exercise 1–6 of 40 · tab' (tab brings the focus here), then '… · ↑ ↓' once it is here.
    """
    if window.total <= len(window.rows):
        return "Exercise"
    first, last = window.rows.start + 1, window.rows.stop
    return f"Exercise {first}–{last} of {window.total} · {'↑ ↓' if focused else 'tab'}"


def figures_lines(
    figures: Sequence[ExerciseFigure], width: int, window: Window, *, focused: bool = False
) -> list[str]:
    """A title line and the lines of the rows in `window`, each `width` wide."""
    name_width = max(width - FIGURES_WIDTH, 8)
    title = shortened(title_words(window, focused=focused), name_width)
    lines = [f"{title:<{name_width}} {LAST_DONE:>10}{GAP}{IN_30_DAYS:>{len(IN_30_DAYS)}}"]
    for index in window.rows:
        figure = figures[index]
        name = shortened(printable(figure.name), name_width)
        times = count(figure.times_last_30_days, "time")
        last = figure.last_done.isoformat()
        lines.append(f"{name:<{name_width}} {last:>10}{GAP}{times:>{len(IN_30_DAYS)}}")
    return lines


class ExerciseFigures(Widget, can_focus=True):
    """The figures, fitted to the widget's size; ↑ ↓ scroll them when it has the focus."""

    DEFAULT_CSS = """
    ExerciseFigures {
        height: 1fr;
        text-wrap: nowrap;
        & > .exercise-figures--title {
            text-style: bold;
        }
        &:focus > .exercise-figures--title {
            text-style: bold reverse;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"exercise-figures--title"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_rows(-1)", "Up", show=False),
        Binding("down,j", "scroll_rows(1)", "Down", show=False),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False),
        Binding("pagedown", "scroll_page(1)", "Page down", show=False),
        Binding("home", "scroll_rows(-1000000)", "Top", show=False),
        Binding("end", "scroll_rows(1000000)", "Bottom", show=False),
    ]

    window: reactive[Window] = reactive(Window(total=0, height=0))
    """Which figures are on screen; a change repaints."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._figures: tuple[ExerciseFigure, ...] = ()

    def show(self, figures: Sequence[ExerciseFigure]) -> None:
        """Show these figures, most recently done first, from the top."""
        if tuple(figures) != self._figures:
            self._figures = tuple(figures)
            self.window = Window(total=len(self._figures), height=self._rows_height())
            self.refresh()

    def _rows_height(self) -> int:
        return max(self.size.height - 1, 0)

    def on_resize(self) -> None:
        self.window = self.window.resized(self._rows_height())

    def render(self) -> Content:
        lines = figures_lines(
            self._figures, self.content_size.width, self.window, focused=self.has_focus
        )
        title = Content.styled(lines[0], ".exercise-figures--title")
        return Content("\n").join([title, *(Content(line) for line in lines[1:])])

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_scroll_rows(self, rows: int) -> None:
        self.window = self.window.scrolled(rows)

    def action_scroll_page(self, direction: int) -> None:
        self.window = self.window.scrolled(direction * max(self.window.height, 1))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.window = self.window.scrolled(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.window = self.window.scrolled(-1)

"""A vertical scroll bar that redraws only the rows its thumb left or reached.

Textual's scroll bar redraws every row whenever its position or length changes: in the
catalogue, ten rows of colour codes (about 450 bytes) at each scroll of a list and at each
new entry of a different length in the detail pane. Most of its rows look the same before
and after, so only the others are sent.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from rich.console import RenderableType
from rich.segment import Segment
from textual.geometry import Region
from textual.reactive import Reactive
from textual.scrollbar import ScrollBar, ScrollBarRender

from tui.wording import LINUX_CONSOLE


class ConsoleScrollBarRender(ScrollBarRender):
    """Whole cells for the thumb's ends: the Linux console has no ▁–▇ glyphs."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


class SparingScrollBar(ScrollBar):
    """A scroll bar whose changes redraw only the rows that look different."""

    if LINUX_CONSOLE:
        renderer = ConsoleScrollBarRender

    # Not repainted by Textual: `_redraw_changed` repaints the rows that differ.
    window_virtual_size: Reactive[int] = Reactive(100, repaint=False)
    window_size: Reactive[int] = Reactive(0, repaint=False)
    position: Reactive[float] = Reactive(0, repaint=False)

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1):
        super().__init__(vertical, name, thickness=thickness)
        self._drawn: list[Segment] | None = None
        """Each row as last drawn, to tell which rows a change makes look different."""

    def _rows(self) -> list[Segment]:
        """Each row's glyphs and style, as the bar would draw them now."""
        window_size = self.window_size if self.window_size < self.window_virtual_size else 0
        bar = self.renderer.render_bar(
            size=self.size.height,
            virtual_size=ceil(self.window_virtual_size),
            window_size=ceil(window_size),
            position=self.position,
            thickness=self.thickness,
            vertical=True,
        )
        return [segment for segment in bar.segments if segment.text]

    def _redraw_changed(self) -> None:
        rows = self._rows()
        before = self._drawn
        if before is None or len(before) != len(rows):
            self.refresh()
            return
        for y, (old, new) in enumerate(zip(before, rows, strict=True)):
            if old != new:
                self.refresh(Region(0, y, self.size.width, 1))
        self._drawn = rows

    def watch_window_virtual_size(self) -> None:
        self._redraw_changed()

    def watch_window_size(self) -> None:
        self._redraw_changed()

    def watch_position(self) -> None:
        self._redraw_changed()

    def render(self) -> RenderableType:
        self._drawn = self._rows() if self.vertical else None
        return super().render()


class SparingScrollBars:
    """Mixed into a scrolling widget: its vertical scroll bar is a `SparingScrollBar`."""

    _vertical_scrollbar: ScrollBar | None
    scrollbar_size_vertical: int
    app: Any

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical scroll bar (made the first time it is asked for, as Textual does)."""
        # Textual's own property, with the class of the bar changed: Textual 8 has no hook.
        if self._vertical_scrollbar is None:
            bar = SparingScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

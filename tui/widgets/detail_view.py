"""The catalogue's detail pane: paragraphs with hanging indents that redraw only what changed.

Moving through a long list shows one entry after another; most of their lines (a blank,
a heading, a field two exercises share) are the same, and a terminal over SSH should not
be sent them again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.line_diff import changed_span
from tui.widgets.sparing_scrollbar import SparingScrollBars
from tui.wrapping import Paragraph, hanging_lines

HEIGHT_STEP = 4
"""The pane scrolls over a multiple of this many lines (the last few may be blank)."""


class DetailView(SparingScrollBars, ScrollView, can_focus=True):
    """Paragraphs with hanging indents, scrolled with the keys when focused.

    `show` redraws only the cells that differ from what is on screen (a blank line, a
    heading or a field two exercises share is left alone, and so are the blanks after the
    longer of two lines), and nothing at all when asked to show what it shows already. It
    draws its own lines (Textual's Line API), so new text never makes the screen lay itself
    out again: that cost a second full redraw of the pane.
    """

    DEFAULT_CSS = """
    DetailView {
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.shown: Hashable = None
        """What the pane describes now: a key such as ("exercise", id)."""
        self._paragraphs: Sequence[Paragraph] = ()
        self._lines: list[Content] = []
        self._lines_width = -1

    def show(self, key: Hashable, paragraphs: Callable[[], Sequence[Paragraph]]) -> bool:
        """Describe `key` with the paragraphs made by `paragraphs`, unless it is shown already.

        Returns whether anything changed.
        """
        if key == self.shown:
            return False
        self.shown = key
        self._paragraphs = paragraphs()
        width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: drawn when it is
            self._lines_width = -1
            self.refresh()
            return True
        before = self._lines if width == self._lines_width else []
        self._lines_width = -1
        after = self.lines(width)
        if round(self.scroll_offset.y) != 0:
            self.scroll_to(y=0, animate=False, force=True)  # redraws it all
        else:
            for y in range(self.scrollable_content_region.height):
                old = before[y] if y < len(before) else None
                new = after[y] if y < len(after) else None
                if old is None and new is None:
                    break
                if old is not None and new is not None and old.is_same(new):
                    continue
                span = changed_span(self._strip(old, width), self._strip(new, width))
                if span is not None:
                    start, end = span
                    self.refresh(Region(start, y, end - start, 1))
        self._set_virtual_size(width)
        return True

    def lines(self, width: int) -> list[Content]:
        """The text as it is drawn `width` cells wide."""
        if width != self._lines_width:
            self._lines = [
                line for paragraph in self._paragraphs for line in hanging_lines(paragraph, width)
            ]
            self._lines_width = width
        return self._lines

    def _set_virtual_size(self, width: int) -> None:
        # Rounded up to a few lines, so the scroll bar (and its column of terminal output)
        # stays as it is from one entry to the next unless the length really differs.
        lines = len(self.lines(width))
        size = Size(width, -(-lines // HEIGHT_STEP) * HEIGHT_STEP)
        if size == self.virtual_size:
            return
        # Set quietly: the reactive would lay the whole screen out again and redraw the pane
        # and every scroll bar. Only the scroll bar needs to follow (and the layout, when the
        # bar comes or goes: that changes the width of the text).
        self.set_reactive(DetailView.virtual_size, size)
        had_bar = self.show_vertical_scrollbar
        self._refresh_scrollbars()
        if self.show_vertical_scrollbar != had_bar:
            self._scroll_update(size)
            self.refresh(layout=True)
        elif had_bar:
            # Told its new length without Textual's _scroll_update, which would redraw all
            # of it: the bar redraws the rows that change (tui.widgets.sparing_scrollbar).
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = self.container_size.height - self.scrollbar_size_horizontal

    def _on_resize(self, event: events.Resize) -> None:
        self._set_virtual_size(self.scrollable_content_region.width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self.lines(width)
        line = round(self.scroll_offset.y) + y
        return self._strip(lines[line] if 0 <= line < len(lines) else None, width)

    def _strip(self, line: Content | None, width: int) -> Strip:
        """A line as drawn (None: a blank one), its runs of one style in one segment each."""
        base = self.get_visual_style()
        if line is None:
            return Strip.blank(width, base.rich_style)
        strip = Strip(line.render_segments(base)).adjust_cell_length(width, base.rich_style)
        return strip.simplify()

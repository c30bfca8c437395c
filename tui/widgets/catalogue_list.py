"""A keyboard list of catalogue entries (routines or exercises) that stays quick at thousands.

Only the lines on screen are drawn, and a move redraws just the entry the marker leaves and
the one it reaches: Textual's OptionList measures every option again whenever one changes,
which at 873 exercises cost about 100 ms and 7 KB of terminal output per key.

A name too long for one line wraps with a hanging indent, so its second line can't be taken
for another entry; past `max_lines` lines it is cut with "…" (the detail shows it whole).
An entry may have a short aside ("2d"), shown in a column on the right of its first line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.text import printable
from tui.widgets.line_diff import changed_span
from tui.widgets.sparing_scrollbar import SparingScrollBars
from tui.wording import glyphs
from tui.wrapping import wrap_name

MARKER = glyphs("▶ ")
UNFOCUSED_MARKER = glyphs("▷ ")
"""The highlight of the list without focus: hollow, so focus shows without colour.

On the Linux console, which lacks both triangles, the marker is ">" either way and focus
shows by the reversed highlight (and the focused list's brighter title)."""
BLANK = "  "
HANG = "  "
"""How much further than the name's first line its other lines start."""
NAME_ROOM = 24
"""Cells a name keeps beside the asides: in a narrower list the asides are left out."""
WHOLE = 1_000
"""`max_lines` for a list that shows every name whole."""


class CatalogueList(SparingScrollBars, ScrollView, can_focus=True):
    """Entries shown by name, moved through with the arrows or j and k, chosen with enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "catalogue-list--highlight",
        "catalogue-list--empty",
    }
    # OptionList's look (it was one), with the marked entry bold and, in the focused
    # list, reversed: focus shows without colour too. The title is the border title: a
    # widget fewer per list to style at start-up.
    DEFAULT_CSS = """
    CatalogueList {
        height: auto;
        max-height: 100%;
        border: none;
        border-top: blank;
        border-title-align: left;
        border-title-color: $foreground;
        border-title-style: bold underline;
        padding: 0 1;
        color: $foreground;
        background: $surface;
        overflow-x: hidden;
        & > .catalogue-list--highlight {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: bold;
        }
        &:focus {
            border: none;
            border-top: blank;
            background-tint: $foreground 5%;
            & > .catalogue-list--highlight {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: bold reverse;
            }
        }
        & > .catalogue-list--empty {
            color: $text-disabled;
            text-style: italic;
        }
    }
    """

    class Highlighted(Message):
        """The marker moved to another entry (or the entries changed under it)."""

        def __init__(
            self, catalogue_list: CatalogueList, entry_id: str | None, *, moved: bool
        ) -> None:
            super().__init__()
            self.catalogue_list = catalogue_list
            self.entry_id = entry_id
            self.moved = moved
            """True for a move (a key, a click); False when new entries moved the marker."""

        @property
        def control(self) -> CatalogueList:
            """The list the marker moved in."""
            return self.catalogue_list

    class Selected(Message):
        """Enter was pressed on an entry (or it was clicked)."""

        def __init__(self, catalogue_list: CatalogueList, entry_id: str) -> None:
            super().__init__()
            self.catalogue_list = catalogue_list
            self.entry_id = entry_id

        @property
        def control(self) -> CatalogueList:
            """The list the entry was chosen in."""
            return self.catalogue_list

    def __init__(
        self,
        title: str,
        *,
        max_lines: int = WHOLE,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`max_lines`: how many lines a name may take; past them it is cut with "…"."""
        super().__init__(id=id, classes=classes)
        self.border_title = title
        self.max_lines = max_lines
        self._ids: list[str] = []
        self._names: list[str] = []
        self._shown: dict[str, str] = {}
        """Each name as shown (made printable once; names repeat from search to search)."""
        self._cells: dict[str, int] = {}
        """Each shown name's width in cells."""
        self._empty_message = ""
        self.highlighted: int | None = None
        self._drawn_width = -1
        self._wrapped: dict[int, dict[str, list[str]]] = {}
        """Each name's lines, by the width of the list."""
        self._starts: list[int] = [0]
        """The first line of each entry, and after them the line count."""
        self._heights_by_width: dict[int, int] = {}
        """The line count of these entries at each width asked about."""
        self._asides: dict[str, str] = {}
        """Each entry's aside by id (made printable), shown right of its first line."""
        self._aside_width = 0
        """The asides' column, with the space before it (0: no column)."""

    # ------------------------------------------------------------------ entries

    def show_entries(
        self,
        entries: Sequence[tuple[str, str]],
        empty_message: str,
        *,
        keep_highlight: bool = True,
        highlight: str | None = None,
    ) -> None:
        """Replace the entries with (id, name) pairs, keeping the highlight where it can.

        Without `keep_highlight` the first entry is highlighted (a search's best match);
        `highlight` names the entry to highlight instead, if it is there.
        """
        previous = self.highlighted_id
        shown = self._shown
        for _entry_id, name in entries:
            if name not in shown:
                printed = printable(name)
                shown[name] = printed
                self._cells[printed] = cell_len(printed)
        self._ids = [entry_id for entry_id, _ in entries]
        self._names = [shown[name] for _, name in entries]
        self._empty_message = empty_message
        lines_before = self.line_count
        self._measure()
        if not self._ids:
            self.highlighted = None
        elif highlight in self._ids:
            self.highlighted = self._ids.index(highlight)
        elif keep_highlight and previous in self._ids:
            self.highlighted = self._ids.index(previous)
        else:
            self.highlighted = 0
        # The list is laid out again only when its height can change: while it fills its
        # room before and after, that would only redraw the rest of the screen for nothing.
        room = self.scrollable_content_region.height
        self.refresh(layout=min(self.line_count, room) != min(lines_before, room) or not room)
        self._scroll_to_highlight()
        if self.highlighted_id != previous:
            self.post_message(self.Highlighted(self, self.highlighted_id, moved=False))

    def set_asides(self, asides: Mapping[str, str]) -> None:
        """Show these short texts by entry id in a column on the right (none: no column)."""
        shown = {entry_id: printable(text) for entry_id, text in asides.items() if text}
        if shown == self._asides:
            return
        width = max(map(cell_len, shown.values()), default=-1) + 1
        if width != self._aside_width:
            self._wrapped.clear()  # the names have less (or more) room
            self._heights_by_width.clear()
        self._asides, self._aside_width = shown, width
        lines_before = self.line_count
        self._measure()
        room = self.scrollable_content_region.height
        self.refresh(layout=min(self.line_count, room) != min(lines_before, room) or not room)

    @property
    def entry_count(self) -> int:
        """How many entries the list shows."""
        return len(self._ids)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted entry, if any."""
        return None if self.highlighted is None else self._ids[self.highlighted]

    # ------------------------------------------------------------------ layout

    @property
    def line_count(self) -> int:
        """How many lines the entries take at the current width (the empty message: 1)."""
        return max(self._starts[-1], 1)

    def _lines_of(self, name: str, width: int) -> list[str]:
        """A name's lines in a list `width` cells wide."""
        wrapped = self._wrapped.get(width)
        if wrapped is None:
            if len(self._wrapped) > 3:  # widths of earlier sizes of the terminal
                self._wrapped.clear()
            wrapped = self._wrapped[width] = {}
        lines = wrapped.get(name)
        if lines is None:
            first = self._name_width(width)
            lines = wrapped[name] = wrap_name(name, first, first - len(HANG), self.max_lines)
        return lines

    def _aside_cells(self, width: int) -> int:
        """The asides' column in a list `width` cells wide (0 where names need the room)."""
        room = width - len(MARKER) - self._aside_width
        return self._aside_width if room >= NAME_ROOM else 0

    def _name_width(self, width: int) -> int:
        """How many cells a name's first line may take in a list `width` cells wide."""
        return width - len(MARKER) - self._aside_cells(width)

    def _line_starts(self, width: int) -> list[int]:
        """The first line of each entry at `width`, and after them the line count."""
        first = self._name_width(width)
        if first <= 0:  # not laid out yet: no width to wrap in
            return list(range(len(self._names) + 1))
        cells = self._cells
        # Most names fit on one line: only the others are wrapped (and their lines kept).
        heights = [
            1 if cells[name] <= first else len(self._lines_of(name, width)) for name in self._names
        ]
        return list(accumulate(heights, initial=0))

    def _measure(self) -> None:
        """Work out which lines each entry takes at the width it is drawn at."""
        width = self.scrollable_content_region.width
        self._drawn_width = width
        self._starts = self._line_starts(width)
        self._heights_by_width = {width: self.line_count}
        size = Size(width, self.line_count)
        if size != self.virtual_size:
            # Set quietly: the reactive would lay the screen out again (show_entries asks
            # for that when the height can change); the scroll bar must follow.
            self.set_reactive(CatalogueList.virtual_size, size)
            self._scroll_update(size)

    def _entry_at_line(self, line: int) -> int | None:
        """The entry shown on a line of the whole list, if any."""
        if not 0 <= line < self._starts[-1]:
            return None
        low, high = 0, len(self._ids) - 1
        while low < high:  # the last entry starting at or before the line
            middle = (low + high + 1) // 2
            if self._starts[middle] <= line:
                low = middle
            else:
                high = middle - 1
        return low

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Also asked at the width without a scroll bar: answered without changing what is
        # drawn, which the scroll bar's coming and going would otherwise flip for ever.
        height = self._heights_by_width.get(width)
        if height is None:
            height = self._heights_by_width[width] = max(self._line_starts(width)[-1], 1)
        return height

    def _on_resize(self, event: events.Resize) -> None:
        self._measure()
        self._scroll_to_highlight()

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._drawn_width:
            self._measure()
        return self._line_strip(round(self.scroll_offset.y) + y, width, self.highlighted)

    def _line_strip(self, line: int, width: int, highlighted: int | None) -> Strip:
        """Line `line` of the whole list as drawn `width` cells wide with this highlight."""
        base = self.get_visual_style().rich_style
        if not self._ids:
            if line != 0:
                return Strip.blank(width, base)
            style = self.get_visual_style("catalogue-list--empty").rich_style
            return self._strip(self._empty_message, width, style)
        index = self._entry_at_line(line)
        if index is None:
            return Strip.blank(width, base)
        offset = line - self._starts[index]
        name = self._names[index]
        fits = self._starts[index + 1] - self._starts[index] == 1
        text = name if fits else self._lines_of(name, width)[offset]
        if index == highlighted:
            style = self.get_visual_style("catalogue-list--highlight").rich_style
            marker = MARKER if self.has_focus else UNFOCUSED_MARKER
        else:
            style, marker = base, BLANK
        prefix = (marker if offset == 0 else BLANK + HANG) if width > len(MARKER) else ""
        aside = self._asides.get(self._ids[index], "") if offset == 0 else ""
        if aside and (column := self._aside_cells(width)):
            name_part = self._strip(prefix + text, width - column, style)
            aside_part = self._strip(aside.rjust(column), -1, style)
            return Strip.join([name_part, aside_part]).simplify()
        return self._strip(prefix + text, width, style)

    @staticmethod
    def _strip(text: str, width: int, style: Style) -> Strip:
        """`text` in one segment, cut or padded to `width` cells (-1: as it is)."""
        strip = Strip([Segment(text, style)])
        return strip if width < 0 else strip.adjust_cell_length(width, style).simplify()

    def _refresh_entry(self, index: int | None) -> None:
        # Only the entry's own cells: not the scroll bar beside it, which has not changed.
        if index is not None and index < len(self._ids):
            start = self._starts[index]
            top = start - round(self.scroll_offset.y)
            width = self.scrollable_content_region.width
            self.refresh(Region(0, top, width, self._starts[index + 1] - start))

    def on_focus(self) -> None:
        self._refresh_entry(self.highlighted)  # the marker fills

    def on_blur(self) -> None:
        self._refresh_entry(self.highlighted)  # the marker goes hollow

    # ------------------------------------------------------------------ moving

    def move_to(self, index: int) -> None:
        """Highlight the entry at `index` (clamped to the list), redrawing only what changes."""
        if not self._ids:
            return
        index = max(0, min(index, len(self._ids) - 1))
        if index == self.highlighted:
            return
        previous = self.highlighted
        target = self._scroll_target(index)
        if target is None:
            self.highlighted = index
            self._refresh_entry(previous)
            self._refresh_entry(index)
        else:
            self._scroll_redrawing_changes(target, previous, index)
        self.post_message(self.Highlighted(self, self.highlighted_id, moved=True))

    def _scroll_target(self, index: int | None) -> int | None:
        """Where to scroll to show entry `index`: its middle if it is out of view, else None.

        Scrolled one line at a time, every move past the edge would redraw the list; from
        the middle, the next half a screenful of moves redraws two entries each.
        """
        height = self.scrollable_content_region.height
        if index is None or height <= 0 or index + 1 >= len(self._starts):
            return None
        top, bottom = self._starts[index], self._starts[index + 1]
        scroll_y = round(self.scroll_offset.y)
        if scroll_y <= top and bottom <= scroll_y + height:
            return None
        middle = top - (height - (bottom - top)) // 2
        return max(0, min(middle, self.line_count - height))

    def _scroll_to_highlight(self) -> None:
        """Bring the highlighted entry into view (the whole list is drawn again)."""
        if (target := self._scroll_target(self.highlighted)) is not None:
            self._set_scroll_quietly(target)
            self.refresh()

    def _set_scroll_quietly(self, y: int) -> None:
        """Scroll to line `y` now, leaving what to redraw to the caller (and the scroll bar)."""
        # Textual's scroll_to waits for the next frame and then redraws every line.
        self.set_scroll(None, y)
        self.set_reactive(CatalogueList.scroll_target_y, y)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = y

    def _scroll_redrawing_changes(self, y: int, previous: int | None, index: int) -> None:
        """Scroll to line `y` and highlight `index`, sending only the cells that change.

        A scroll shifts every line, but two names often share their start and always
        the blanks after the longer one: those cells are not sent again.
        """
        width = self.scrollable_content_region.width
        height = self.scrollable_content_region.height
        top = round(self.scroll_offset.y)
        before = [self._line_strip(top + row, width, previous) for row in range(height)]
        self.highlighted = index
        self._set_scroll_quietly(y)
        for row, old in enumerate(before):
            span = changed_span(old, self._line_strip(y + row, width, index))
            if span is not None:
                start, end = span
                self.refresh(Region(start, row, end - start, 1))

    def _page(self) -> int:
        """About a screenful of entries."""
        return max(self.scrollable_content_region.height - 1, 1)

    def action_cursor_down(self) -> None:
        """Move to the next entry."""
        self.move_to(0 if self.highlighted is None else self.highlighted + 1)

    def action_cursor_up(self) -> None:
        """Move to the previous entry."""
        self.move_to(0 if self.highlighted is None else self.highlighted - 1)

    def action_first(self) -> None:
        """Move to the first entry."""
        self.move_to(0)

    def action_last(self) -> None:
        """Move to the last entry."""
        self.move_to(len(self._ids) - 1)

    def action_page_down(self) -> None:
        """Move down by about a screenful."""
        line = self._starts[self.highlighted or 0] + self._page()
        self.move_to(self._entry_at_line(min(line, self.line_count - 1)) or 0)

    def action_page_up(self) -> None:
        """Move up by about a screenful."""
        line = self._starts[self.highlighted or 0] - self._page()
        self.move_to(self._entry_at_line(max(line, 0)) or 0)

    def action_select(self) -> None:
        """Choose the highlighted entry."""
        if (entry_id := self.highlighted_id) is not None:
            self.post_message(self.Selected(self, entry_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self._entry_at_line(offset.y + round(self.scroll_offset.y))
        if index is not None:
            self.move_to(index)
            self.action_select()

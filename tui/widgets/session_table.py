"""The history table: one row per session, drawing only the rows on screen.

A DataTable makes a row of cells for every session it is given, so ten thousand sessions
meant ten thousand rows built before `end` could reach the oldest. This table keeps the
sessions as they are and draws the window of rows it shows (`tui.history.paging`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.history.paging import Window
from tui.history.rows import SessionRow, session_row
from tui.storage.types import Session
from tui.text import printable

COLUMNS = (("Started", 16), ("Routine", 0), ("Time", 7), ("Sets", 5), ("Feel", 5), ("Status", 11))
"""Titles and widths; the routine takes what the others leave (0)."""
DROPPED_FIRST = "Time"
"""The column left out when the routine's name would get fewer than ROUTINE_WIDTH[1] cells."""
MARKER = "▶"
ELLIPSIS = "…"
ROUTINE_WIDTH = (8, 12, 36)
"""The routine column's narrowest, the least before a column is dropped, and its widest."""
SCROLL_ROWS = 3
"""Rows a turn of the mouse wheel moves."""

Column = tuple[str, int]


def fitted(text: str, width: int) -> str:
    """`text` padded or cut (with an ellipsis) to exactly `width` cells."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(width - 1, 0)) + ELLIPSIS if width else ""


def _routine_width(columns: Sequence[Column], width: int) -> int:
    """What the routine's name gets of `width` once the other columns and spaces have theirs."""
    return width - sum(size for _title, size in columns) - (len(columns) - 1)


def columns_for(width: int) -> list[Column]:
    """The columns for rows `width` cells wide (marker excluded), the routine's width filled in."""
    narrowest, enough, widest = ROUTINE_WIDTH
    columns = list(COLUMNS)
    if _routine_width(columns, width) < enough:
        columns = [column for column in columns if column[0] != DROPPED_FIRST]
    routine = min(max(_routine_width(columns, width), narrowest), widest)
    return [(title, size or routine) for title, size in columns]


def line_for(cells: dict[str, str], width: int) -> str:
    """One row (or the titles) laid out in the columns for `width`, cut to fit it."""
    parts = [fitted(printable(cells[title]), size) for title, size in columns_for(width)]
    return fitted(" ".join(parts).rstrip(), width)


class SessionTable(Widget, can_focus=True):
    """Sessions newest first, an unfinished one pinned on top; enter opens the highlighted one."""

    DEFAULT_CSS = """
    SessionTable {
        height: 1fr;
        text-wrap: nowrap;
        & > .session-table--header {
            text-style: bold;
        }
        & > .session-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .session-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .session-table--pinned {
            text-style: italic;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "session-table--header",
        "session-table--cursor",
        "session-table--pinned",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,n", "first", "Newest", show=False),
        Binding("end,o", "last", "Oldest", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    window: reactive[Window] = reactive(Window(total=0, height=0))
    """Which rows are on screen and which has the cursor; a change repaints."""

    class Chosen(Message):
        """Enter (or a click) on a row."""

        def __init__(self, row: SessionRow) -> None:
            super().__init__()
            self.row = row

    class WantsEnd(Message):
        """`end` was pressed: the owner may add the sessions not read yet, then jump again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sessions: Sequence[Session] = ()
        self._pinned: SessionRow | None = None

    def show(
        self,
        sessions: Sequence[Session],
        pinned: SessionRow | None = None,
        *,
        keep_cursor: bool = False,
    ) -> None:
        """List these sessions (newest first) under `pinned`, the cursor at the top.

        `keep_cursor` leaves it on the same row number: for the same list, grown longer.
        """
        self._sessions = sessions
        self._pinned = pinned
        if keep_cursor:
            self.window = self.window.with_total(self.row_count)
        else:
            self.window = Window(total=self.row_count, height=self._rows_height())
        self.refresh()

    @property
    def row_count(self) -> int:
        """Rows in the table, the pinned one included."""
        return len(self._sessions) + (self._pinned is not None)

    def row(self, index: int) -> SessionRow:
        """The words of row `index` (0 is the top)."""
        if self._pinned is not None:
            if index == 0:
                return self._pinned
            index -= 1
        return session_row(self._sessions[index])

    @property
    def highlighted(self) -> SessionRow | None:
        """The row with the cursor, if there are any rows."""
        return self.row(self.window.cursor) if self.row_count else None

    def _rows_height(self) -> int:
        return max(self.content_size.height - 1, 0)  # the first line holds the titles

    def on_resize(self) -> None:
        self.window = self.window.resized(self._rows_height())

    def render(self) -> Content:
        width = self.content_size.width
        titles = {title: title for title, _width in COLUMNS}
        lines = [Content.styled(f"  {line_for(titles, width - 2)}", ".session-table--header")]
        window = self.window
        # The style itself, not ".session-table--cursor": Content drops a component
        # class's background (Textual 8.2 blends it at zero strength).
        cursor_style = self.get_visual_style("session-table--cursor")
        for index in window.rows:
            row = self.row(index)
            cells = {
                "Started": row.started,
                "Routine": row.routine,
                "Time": row.time,
                "Sets": row.sets,
                "Feel": row.feel,
                "Status": row.status,
            }
            marker = MARKER if index == window.cursor else " "
            line = Content(f"{marker} {line_for(cells, width - 2)}")
            if row.in_progress:
                line = line.stylize(".session-table--pinned")
            if index == window.cursor:
                line = line.stylize(cursor_style)
            lines.append(line)
        return Content("\n").join(lines)

    # ------------------------------------------------------------------ keys

    def action_move(self, rows: int) -> None:
        self.window = self.window.down(rows)

    def action_page(self, direction: int) -> None:
        self.window = self.window.page_down() if direction > 0 else self.window.page_up()

    def action_first(self) -> None:
        self.window = self.window.first()

    def action_last(self) -> None:
        self.jump_to_last()
        self.post_message(self.WantsEnd())

    def jump_to_last(self) -> None:
        """The cursor on the last (oldest) row."""
        self.window = self.window.last()

    def action_choose(self) -> None:
        if (row := self.highlighted) is not None:
            self.post_message(self.Chosen(row))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.window = self.window.scrolled(SCROLL_ROWS)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.window = self.window.scrolled(-SCROLL_ROWS)

    def on_click(self, event: events.Click) -> None:
        index = self.window.top + event.y - 1
        if event.y >= 1 and index < self.row_count:
            self.window = self.window.moved_to(index)
            if event.chain == 2:
                self.action_choose()

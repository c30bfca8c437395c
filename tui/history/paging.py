"""A window onto a long list: which rows are on screen and which one has the cursor.

The history table keeps every session in memory but draws only the rows in its window,
so `end` reaches the oldest of 36,500 sessions at once and nothing grows with history.
"""

from __future__ import annotations

from typing import NamedTuple


class Window(NamedTuple):
    """`height` rows from `top` of a list of `total`; the cursor always inside the window."""

    total: int
    height: int
    cursor: int = 0
    top: int = 0

    @property
    def rows(self) -> range:
        """The indexes of the rows on screen, top to bottom."""
        return range(self.top, min(self.top + self.height, self.total))

    def moved_to(self, cursor: int) -> Window:
        """The cursor at `cursor` (kept in the list), scrolling as little as needed to show it."""
        last = max(self.total - 1, 0)
        cursor = min(max(cursor, 0), last)
        height = max(self.height, 1)
        top = self.top
        if cursor < top:
            top = cursor
        elif cursor >= top + height:
            top = cursor - height + 1
        top = min(max(top, 0), max(self.total - height, 0))
        return self._replace(cursor=cursor, top=top)

    def down(self, rows: int = 1) -> Window:
        """The cursor `rows` further down (towards older sessions)."""
        return self.moved_to(self.cursor + rows)

    def up(self, rows: int = 1) -> Window:
        """The cursor `rows` further up (towards newer sessions)."""
        return self.moved_to(self.cursor - rows)

    def page_down(self) -> Window:
        """A screen further down: the window and the cursor move by its height."""
        step = max(self.height, 1)
        return self._replace(top=self.top + step).moved_to(self.cursor + step)

    def page_up(self) -> Window:
        """A screen further up."""
        step = max(self.height, 1)
        return self._replace(top=max(self.top - step, 0)).moved_to(self.cursor - step)

    def scrolled(self, rows: int) -> Window:
        """The window `rows` further down (up if negative), taking the cursor along if it must."""
        height = max(self.height, 1)
        top = min(max(self.top + rows, 0), max(self.total - height, 0))
        cursor = min(max(self.cursor, top), top + height - 1)
        return self._replace(top=top).moved_to(cursor)

    def first(self) -> Window:
        """The cursor on the first row."""
        return self.moved_to(0)

    def last(self) -> Window:
        """The cursor on the last row."""
        return self.moved_to(self.total - 1)

    def resized(self, height: int) -> Window:
        """The same cursor in a window of another height."""
        return self._replace(height=max(height, 0)).moved_to(self.cursor)

    def with_total(self, total: int) -> Window:
        """The same cursor (as far as it still fits) over a list of another length."""
        return self._replace(total=max(total, 0)).moved_to(self.cursor)

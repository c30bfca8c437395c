"""A Static that repaints only when what it shows changes: every repaint costs bytes over SSH."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class QuietStatic(Static):
    """Static text whose `show` is a no-op when the content is unchanged."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: Content | None = None

    def show(self, content: Content) -> None:
        """Show `content`, unless it is what is already shown."""
        if content != self._shown:
            self._shown = content
            self.update(content)

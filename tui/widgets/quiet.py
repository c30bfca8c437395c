"""A Static that repaints only when what it shows changes: every repaint costs bytes over SSH."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


class QuietStatic(Static):
    """Static text, set through `shown`: setting what is already shown does nothing."""

    shown: reactive[Content] = reactive(Content(""), init=False, repaint=False)
    """What the widget shows; a new value (only) is drawn, with a layout if its size changed."""

    def watch_shown(self, content: Content) -> None:
        self.update(content)

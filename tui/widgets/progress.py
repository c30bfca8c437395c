"""A progress bar drawn in text: full and empty blocks differ in shape, not only colour."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

FULL = "█"
EMPTY = "░"
MIN_BAR = 5
"""The bar keeps at least this many cells, however long the words beside it."""


def bar(fraction: float, width: int) -> str:
    """`width` cells, the first `fraction` of them full."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return FULL * filled + EMPTY * (width - filled)


class TextProgress(Widget):
    """A one-line bar followed by words, fitted to the width; repainted only on a change."""

    DEFAULT_CSS = """
    TextProgress {
        height: 1;
    }
    """

    fraction: reactive[float] = reactive(0.0)
    """How much is done, from 0 to 1 (kept to three places: finer changes show nothing)."""
    words: reactive[str] = reactive("")
    """What follows the bar: '3 of 8 sets · ~6 min left'."""

    def validate_fraction(self, fraction: float) -> float:
        return round(fraction, 3)

    def render(self) -> Content:
        width = max(self.size.width - len(self.words) - 2, MIN_BAR)
        return Content(f"{bar(self.fraction, width)}  {self.words}")

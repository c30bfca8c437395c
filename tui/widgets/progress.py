"""A progress bar drawn in text: full and empty blocks differ in shape, not only colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

FULL = "█"
EMPTY = "░"


def bar(fraction: float, width: int) -> str:
    """`width` cells, the first `fraction` of them full."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return FULL * filled + EMPTY * (width - filled)


class TextProgress(Static):
    """A one-line bar followed by words; redrawn only when what it shows changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[int, float, str] | None = None

    def show(self, fraction: float, words: str) -> None:
        """Show `fraction` done, followed by `words`."""
        width = max(self.size.width - len(words) - 2, 5)
        shown = (width, round(fraction, 3), words)
        if shown != self._shown:
            self._shown = shown
            self.update(Content(f"{bar(fraction, width)}  {words}"))

    def on_resize(self) -> None:
        if self._shown is not None:
            _, fraction, words = self._shown
            self._shown = None
            self.show(fraction, words)

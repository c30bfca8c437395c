"""A countdown for holds, rests and side switches: large digits and what it is counting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from tui.catalogue.wording import clock
from tui.text import printable


class Countdown(Horizontal):
    """Big digits beside a label; redrawn only when the shown second changes."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: tuple[str, str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Digits("", id="countdown-digits")
        with Vertical(id="countdown-text"):
            yield Static(id="countdown-label")
            yield Static(id="countdown-next")

    def show(self, remaining: float | None, label: str, next_up: str) -> None:
        """Show `remaining` seconds (or nothing) with a label and what comes next."""
        digits = "" if remaining is None else clock(remaining, round_up=True)
        shown = (digits, label, next_up)
        if shown == self._shown:
            return
        self._shown = shown
        self.set_class(remaining is None, "-idle")
        self.query_one(Digits).update(digits)
        self.query_one("#countdown-label", Static).update(Content.styled(label, "bold"))
        self.query_one("#countdown-next", Static).update(Content(printable(next_up)))

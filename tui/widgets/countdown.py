"""A countdown for holds, rests and side switches: large digits and what it is counting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits

from tui.text import printable
from tui.widgets.quiet import QuietStatic
from tui.wording import clock


class Countdown(Horizontal):
    """Big digits beside a label; each part is redrawn only when it changes.

    Its size never changes with the phase, so a change of phase repaints only this
    widget, not the cue list above it (that matters on slow links).
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._digits: str | None = None

    def compose(self) -> ComposeResult:
        yield Digits("", id="countdown-digits")
        with Vertical(id="countdown-text"):
            yield QuietStatic(id="countdown-label")
            yield QuietStatic(id="countdown-next")

    def show(self, remaining: float | None, label: str, next_up: str) -> None:
        """Show `remaining` seconds (or nothing) with a label and what comes next."""
        digits = "" if remaining is None else clock(remaining, round_up=True)
        if digits and (self.screen.has_class("-compact") or self.screen.has_class("-short")):
            label = f"{label}  {digits}"  # no room for the large digits
        if digits != self._digits:
            self._digits = digits
            self.query_one(Digits).update(digits)
        self.query_one("#countdown-label", QuietStatic).show(Content.styled(label, "bold"))
        self.query_one("#countdown-next", QuietStatic).show(Content(printable(next_up)))

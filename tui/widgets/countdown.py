"""A countdown for holds, rests and side switches: large digits and what it is counting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Digits

from tui.text import printable
from tui.widgets.quiet import QuietStatic
from tui.wording import clock

DIGIT_PLACES = 7
"""Enough large digits for h:mm:ss."""


class Countdown(Horizontal):
    """Big digits beside a label; each part is redrawn only when it changes.

    Its size never changes with the phase, so a change of phase repaints only this
    widget, not the cue list above it (that matters on slow links). On a small screen
    (the screen's -compact or -short class) there is no room for the digits: the time
    goes at the end of the label instead.
    """

    # Not scoped: the rules for small screens name the screen's classes, above this widget.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    Countdown {
        height: 3;
        padding: 0 1;
    }
    Countdown > #countdown-digits {
        width: 16;
        margin-right: 1;
    }
    Countdown > #countdown-digits > Digits {
        width: 3;
        min-width: 3;
    }
    Countdown > #countdown-text {
        width: 1fr;
    }
    .-compact Countdown, .-short Countdown {
        height: 2;
    }
    .-compact Countdown > #countdown-digits, .-short Countdown > #countdown-digits {
        display: none;
    }
    """

    digits: reactive[str] = reactive("", init=False, repaint=False)
    """The time left as m:ss for the large digits; empty when nothing counts down."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="countdown-digits"):
            for _ in range(DIGIT_PLACES):
                yield Digits("", classes="countdown-digit")
        with Vertical(id="countdown-text"):
            yield QuietStatic(id="countdown-label")
            yield QuietStatic(id="countdown-next")

    def watch_digits(self, digits: str) -> None:
        # One Digits per character: a new second then repaints the one or two that changed
        # (about a third of the bytes of repainting all of them, every second of a rest).
        places = list(self.query_one("#countdown-digits").query_children(Digits))
        for place, widget in enumerate(places):
            char = digits[place] if place < len(digits) else ""
            if widget.value != char:
                widget.update(char)
            widget.display = place < len(digits)

    def show(self, remaining: float | None, label: str, next_up: str) -> None:
        """Show `remaining` seconds (or nothing) with a label and what comes next."""
        digits = "" if remaining is None else clock(remaining, round_up=True)
        if digits and (self.screen.has_class("-compact") or self.screen.has_class("-short")):
            label = f"{label}  {digits}"  # no room for the large digits
        self.digits = digits
        self.query_one("#countdown-label", QuietStatic).shown = Content.styled(label, "bold")
        self.query_one("#countdown-next", QuietStatic).shown = Content(printable(next_up))

"""A countdown for holds, rests and side switches: big digits and what it is counting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content

from tui.text import printable
from tui.widgets.big_text import BigBanner, BigClock
from tui.widgets.quiet import QuietStatic
from tui.wording import clock


class Countdown(Vertical):
    """Big digits beside a label; each part is redrawn only when it changes.

    Its size never changes with the phase, so a change of phase repaints only this
    widget, not the cue list above it (that matters on slow links). The screen's size
    classes set its shape:

    * -far (a big screen, to be read from across the room): a banner in big letters says
      the side and the phase, and the digits grow to fill the space under it;
    * none: three rows, the digits at the left;
    * -compact or -short (a small screen): no room for the digits, the time goes at the
      end of the label instead.
    """

    # Not scoped: the rules for screen sizes name the screen's classes, above this widget.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    Countdown {
        height: 3;
        padding: 0 1;
    }
    Countdown > #countdown-banner {
        display: none;
    }
    Countdown > #countdown-main {
        height: 3;
    }
    Countdown #countdown-digits {
        width: 16;
        height: 3;
        margin-right: 1;
    }
    Countdown #countdown-text {
        width: 1fr;
    }
    .-far Countdown {
        height: 1fr;
        padding: 0;
    }
    .-far Countdown > #countdown-banner {
        display: block;
        color: $text-accent;
    }
    .-far Countdown > #countdown-main {
        height: 1fr;
        layout: vertical;
    }
    .-far Countdown #countdown-digits {
        width: 1fr;
        height: 1fr;
        margin-right: 0;
        align: center middle;
    }
    .-far Countdown #countdown-text {
        height: 2;
        width: 1fr;
    }
    .-far Countdown #countdown-text > QuietStatic {
        width: 1fr;
        text-align: center;
    }
    .-compact Countdown, .-short Countdown,
    .-compact Countdown > #countdown-main, .-short Countdown > #countdown-main {
        height: 2;
    }
    .-compact Countdown #countdown-digits, .-short Countdown #countdown-digits {
        display: none;
    }
    """

    def compose(self) -> ComposeResult:
        yield BigBanner(id="countdown-banner")
        with Horizontal(id="countdown-main"):
            yield BigClock(id="countdown-digits")
            with Vertical(id="countdown-text"):
                yield QuietStatic(id="countdown-label")
                yield QuietStatic(id="countdown-next")

    def show(
        self,
        remaining: float | None,
        label: str,
        next_up: str,
        banner: tuple[str, ...] = (),
    ) -> None:
        """Show `remaining` seconds (or nothing) with a label, what comes next, and a banner.

        `banner`: what the big letters say on a big screen, from the fullest to the shortest.
        """
        screen = self.screen
        digits = "" if remaining is None else clock(remaining, round_up=True)
        if digits and (screen.has_class("-compact") or screen.has_class("-short")):
            label = f"{label}  {digits}"  # no room for the large digits
        far = screen.has_class("-far")
        big_clock = self.query_one(BigClock)
        big_clock.fit = far
        big_clock.text = digits
        if far:
            self.query_one(BigBanner).choices = banner
        self.query_one("#countdown-label", QuietStatic).shown = Content.styled(label, "bold")
        self.query_one("#countdown-next", QuietStatic).shown = Content(printable(next_up))

"""Big block letters: a clock whose places repaint one by one, and a one-line banner."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.widget import Widget

from tui import big_letters

CLOCK_PLACES = 7
"""Enough places for h:mm:ss."""
PLACES_AT_START = "0:00"
"""How the places are laid out before the first time shows (blank)."""
MOST_CLOCK_SCALE = 8
"""The clock grows no larger than this (about 20 rows high), however big the screen."""


class BigGlyph(Widget):
    """One character of a big clock, with a gap of blank columns after it.

    A new character repaints only the rows of the glyph that differ, and not the gap: the
    terminal is then sent those rows and nothing else (a repaint reaching the next widget's
    first column costs a cursor move to it on every row). From 5 to 4 that is one row of
    three at the smallest size.
    """

    DEFAULT_CSS = """
    BigGlyph {
        width: auto;
        height: auto;
    }
    """

    char: reactive[str] = reactive("", repaint=False)
    """The character drawn ('' draws nothing)."""
    inked: reactive[bool] = reactive(True)
    """False draws blanks where the character would be (its size stays)."""
    scale: reactive[int] = reactive(1, layout=True)
    """Columns (and half-rows) per pixel."""

    def watch_char(self, old: str, new: str) -> None:
        if not old or not new:
            self.refresh()  # shown or hidden by the clock, which lays itself out
            return
        if big_letters.pixel_width(old) != big_letters.pixel_width(new):
            self.refresh(layout=True)
            return
        width = big_letters.columns(new, self.scale)
        before, after = big_letters.draw(old, self.scale), big_letters.draw(new, self.scale)
        pairs = enumerate(zip(before, after, strict=True))
        changed = [row for row, (was, now) in pairs if was != now]
        if changed:
            self.refresh(*(Region(0, row, width, 1) for row in changed))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # A hidden place keeps a digit's width: showing it again then moves nothing.
        return big_letters.columns(self.char or "0", self.scale) + self.scale

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return big_letters.rows(self.scale)

    def render(self) -> Content:
        if not self.char or not self.inked:
            return Content("")
        gap = " " * self.scale
        return Content("\n".join(row + gap for row in big_letters.draw(self.char, self.scale)))


class BigClock(Horizontal):
    """A time (m:ss, h:mm:ss) in big digits, one widget per place.

    With `fit` on it takes the largest scale its own size allows; else it stays at scale 1.
    With no time its places draw blanks but keep their characters and sizes: showing the
    next time then repaints it without a new layout, in one frame.
    """

    DEFAULT_CSS = """
    BigClock {
        height: auto;
        width: auto;
    }
    """

    text: reactive[str] = reactive("", init=False, repaint=False)
    """The time shown; '' for none."""
    fit: reactive[bool] = reactive(False, init=False, repaint=False)
    """Whether the digits grow to fill the clock's size."""

    def compose(self) -> ComposeResult:
        for place in range(CLOCK_PLACES):
            glyph = BigGlyph()
            glyph.set_reactive(BigGlyph.char, PLACES_AT_START[place : place + 1])
            glyph.set_reactive(BigGlyph.inked, False)
            glyph.display = place < len(PLACES_AT_START)
            yield glyph

    def watch_text(self, old: str, new: str) -> None:
        places = list(self.query_children(BigGlyph))
        for place, glyph in enumerate(places):
            if new:
                glyph.char = new[place] if place < len(new) else ""
                glyph.display = place < len(new)
            glyph.inked = bool(new)
        if len(old) != len(new):
            self.rescale()

    def watch_fit(self) -> None:
        self.rescale()

    def on_resize(self, event: events.Resize) -> None:
        self.rescale()

    def rescale(self) -> None:
        """Take the largest scale that fits (or 1, when not fitting)."""
        scale = 1
        if self.fit:
            # Room for the widest of m:ss, so the digits keep their size as seconds go by.
            shape = self.text if len(self.text) > len("0:00") else "0:00"
            size = self.size
            fitted = big_letters.largest_scale(
                shape, size.width, size.height, MOST_CLOCK_SCALE, after=1
            )
            scale = max(fitted, 1)
        for glyph in self.query_children(BigGlyph):
            glyph.scale = scale


class BigBanner(Widget):
    """One line in big letters: the first of `choices` that fits, at the largest scale that
    fits (at most `most`); plain bold text when none does."""

    DEFAULT_CSS = """
    BigBanner {
        height: 5;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    choices: reactive[tuple[str, ...]] = reactive((), init=False)
    """What to say, from the fullest to the shortest."""

    def __init__(self, *, most: int = 2, id: str | None = None) -> None:
        super().__init__(id=id)
        self.most = most

    def render(self) -> Content:
        width, height = self.size
        for choice in self.choices:
            scale = big_letters.largest_scale(choice, width, height, self.most)
            if scale:
                return Content("\n".join(big_letters.draw(choice, scale)))
        return Content.styled(self.choices[0] if self.choices else "", "bold")

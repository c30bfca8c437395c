"""The cues of the current exercise; the current one is marked by ▶ and reverse, not colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.catalogue.model import Cue
from tui.text import printable
from tui.wording import CUE_LABELS, glyphs

MARKER = "▶"

Shown = tuple[tuple[Cue, ...], int]
"""Cues and the index of the current one."""


class CueRow(Horizontal):
    """One numbered cue; wrapped lines hang under the text, not under the number."""

    DEFAULT_CSS = """
    CueRow {
        height: auto;
        & > .cue-number {
            width: 5;
        }
        & > .cue-text {
            width: 1fr;
        }
        &.-current > .cue-number {
            text-style: bold;
        }
        &.-current > .cue-text {
            text-style: bold reverse;
        }
    }
    """

    def __init__(self, number: int, cue: Cue, *, current: bool) -> None:
        super().__init__(classes="cue-row -current" if current else "cue-row")
        self.number = number
        self.cue = cue

    def compose(self) -> ComposeResult:
        yield Static(self._number(self.has_class("-current")), classes="cue-number")
        yield Static(
            Content.assemble((f"{CUE_LABELS[self.cue.kind]}: ", "bold"), printable(self.cue.text)),
            classes="cue-text",
        )

    def mark(self, current: bool) -> None:
        """Mark this row as the current cue (or not)."""
        if current != self.has_class("-current"):
            self.set_class(current, "-current")
            self.query_one(".cue-number", Static).update(self._number(current))

    def _number(self, current: bool) -> Content:
        return Content(f"{glyphs(MARKER) if current else ' '} {self.number}.")


class CueList(Vertical):
    """Numbered cues of one exercise; a new `shown` moves the marker or swaps the exercise."""

    DEFAULT_CSS = """
    CueList {
        height: auto;
    }
    """

    shown: reactive[Shown | None] = reactive(None, init=False, repaint=False)
    """The cues on show and the index of the current one; the same again changes nothing."""

    def show(self, cues: tuple[Cue, ...], current: int) -> None:
        """Show these cues with the one at `current` marked."""
        self.shown = (cues, current)

    def watch_shown(self, old: Shown | None, new: Shown | None) -> None:
        if new is None:
            return
        cues, current = new
        if old is None or old[0] != cues:
            self.remove_children()
            self.mount_all(
                CueRow(number, cue, current=number - 1 == current)
                for number, cue in enumerate(cues, start=1)
            )
            self.call_after_refresh(self._show_current)
            return
        for index, row in enumerate(self.query(CueRow)):
            row.mark(index == current)
        self._show_current()

    def _show_current(self) -> None:
        """Scroll the current cue into view: on a small screen it may be below the fold."""
        for row in self.query(".cue-row.-current"):
            row.scroll_visible(animate=False)

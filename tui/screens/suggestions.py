"""Progression suggestions: each with its reason, one key to accept, u to undo the last."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.ledger.progression import Suggestion
from tui.screens.base import LoosenModal
from tui.text import printable
from tui.widgets.key_bar import KeyBar

SHOWN = 5
WIDTH = 70
"""The box's inner width at 80 columns, less a scroll bar."""
"""How many fit at 80x24 (two lines each); the rest follow once these are answered."""
NONE_YET = (
    "Nothing to suggest now. After 3 easy sessions in a row of a routine (every set done,"
    " felt loose or less stiff, no pain of 7+) its next step shows here; after a pain of"
    " 7+, a step back. The rules are in the README, under Progression."
)


@dataclass(frozen=True)
class SuggestionsView:
    """What the screen shows: the suggestions, and the change undo would take back."""

    suggestions: Sequence[Suggestion]
    last_change: str | None
    """'+2 reps for Bench Stretch, 3 Dec' or None."""


def suggestion_lines(view: SuggestionsView, width: int = WIDTH) -> list[str]:
    """The screen's text: numbered suggestions with what changes and why, and the undo line."""
    lines: list[str] = []
    for number, suggestion in enumerate(view.suggestions[:SHOWN], start=1):
        what = f"{suggestion.change_words()} for {suggestion.exercise_name}"
        where = f"{suggestion.routine_name}, step {suggestion.step + 1}"
        lines += textwrap.wrap(printable(f"{number}  {what}"), width, subsequent_indent="   ")
        lines += textwrap.wrap(
            printable(f"{where}: {suggestion.from_to()}; {suggestion.reason}"),
            width,
            initial_indent="   ",
            subsequent_indent="   ",
        )
    if not view.suggestions:
        lines += textwrap.wrap(NONE_YET, width)
    elif len(view.suggestions) > SHOWN:
        lines.append(f"   and {len(view.suggestions) - SHOWN} more once these are answered")
    if view.last_change is not None:
        last = f"Last accepted: {printable(view.last_change)} (u undoes it)"
        lines += ["", *textwrap.wrap(last, width)]
    return lines


class SuggestionsScreen(LoosenModal[None]):
    """The suggestions; 1-5 accepts one, u undoes the last accepted, escape closes."""

    CSS_PATH = "suggestions.tcss"
    HELP_TITLE = "Suggestions"
    HELP_KEYS = (("1 … 5", "accept that suggestion (writes your routine)"),)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "accept(1)", "Accept", key_display=f"1-{SHOWN}"),
        *(Binding(str(n), f"accept({n})", f"Accept {n}", show=False) for n in range(2, SHOWN + 1)),
        Binding("u", "undo", "Undo last"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(
        self,
        load: Callable[[], SuggestionsView],
        accept: Callable[[Suggestion], bool],
        undo: Callable[[], bool],
    ) -> None:
        super().__init__()
        self.load = load
        self.accept = accept
        self.undo = undo
        self.view = load()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="ledger-box"):
            yield Static(self.text(), id="suggestions")
        yield KeyBar()

    def text(self) -> Content:
        title = Content.styled("Suggestions", "bold underline")
        return Content("\n").join([title, Content(""), *map(Content, suggestion_lines(self.view))])

    def show(self) -> None:
        self.view = self.load()
        self.query_one("#suggestions", Static).update(self.text())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept":
            return bool(self.view.suggestions)
        if action == "undo":
            return self.view.last_change is not None
        return True

    def action_accept(self, number: int) -> None:
        if number <= min(len(self.view.suggestions), SHOWN):
            self.accept(self.view.suggestions[number - 1])
            self.show()

    def action_undo(self) -> None:
        if self.view.last_change is not None:
            self.undo()
            self.show()

    def action_close(self) -> None:
        self.dismiss(None)

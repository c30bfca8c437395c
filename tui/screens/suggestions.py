"""Progression suggestions: each with its reason, one key to accept, u to undo the last."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.ledger.progression import Suggestion
from tui.screens.base import LoosenModal
from tui.text import printable
from tui.widgets.key_bar import KeyBar

SHOWN = 5
"""How many fit at 80x24 (two lines each); the rest follow once these are answered."""
NONE_YET = (
    "Nothing to suggest now. After 3 easy sessions in a row of a routine (every set done,"
    " felt loose or less stiff, no pain of 7+) its next step shows here; after a pain of"
    " 7+, a step back. The rules are in the README, under Progression."
)
RowKind = Literal["head", "detail", "text", "last"]
"""A suggestion's first line, its indented detail, a paragraph, the undo line."""


@dataclass(frozen=True)
class SuggestionsView:
    """What the screen shows: the suggestions, and the change undo would take back."""

    suggestions: Sequence[Suggestion]
    last_change: str | None
    """'+2 reps for Bench Stretch, 3 Dec' or None."""


def suggestion_rows(view: SuggestionsView) -> list[tuple[RowKind, str]]:
    """The screen's text, a row at a time (each wraps on screen, keeping its indent)."""
    rows: list[tuple[RowKind, str]] = []
    for number, suggestion in enumerate(view.suggestions[:SHOWN], start=1):
        what = f"{suggestion.change_words()} for {suggestion.exercise_name}"
        where = f"{suggestion.routine_name}, step {suggestion.step + 1}"
        rows.append(("head", printable(f"{number}  {what}")))
        rows.append(("detail", printable(f"{where}: {suggestion.from_to()}; {suggestion.reason}")))
    if not view.suggestions:
        rows.append(("text", NONE_YET))
    elif len(view.suggestions) > SHOWN:
        rows.append(("detail", f"and {len(view.suggestions) - SHOWN} more once these are answered"))
    if view.last_change is not None:
        rows.append(("last", f"Last accepted: {printable(view.last_change)} (u undoes it)"))
    return rows


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
            yield Static(Content.styled("Suggestions", "bold underline"), classes="ledger-title")
            with Vertical(id="suggestion-rows"):
                yield from self.rows()
        yield KeyBar()

    def rows(self) -> list[Static]:
        """A Static per row, classed by its kind (the indent is in the stylesheet)."""
        return [Static(Content(text), classes=kind) for kind, text in suggestion_rows(self.view)]

    async def show(self) -> None:
        self.view = self.load()
        rows = self.query_one("#suggestion-rows", Vertical)
        await rows.remove_children()
        await rows.mount_all(self.rows())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept":
            return bool(self.view.suggestions)
        if action == "undo":
            return self.view.last_change is not None
        return True

    async def action_accept(self, number: int) -> None:
        if number <= min(len(self.view.suggestions), SHOWN):
            self.accept(self.view.suggestions[number - 1])
            await self.show()

    async def action_undo(self) -> None:
        if self.view.last_change is not None:
            self.undo()
            await self.show()

    def action_close(self) -> None:
        self.dismiss(None)

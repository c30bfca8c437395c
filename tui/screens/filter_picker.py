"""Pick which routine history shows: all of them, or one, each with its number of sessions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.history.filters import RoutineChoice
from tui.history.words import count
from tui.screens.base import LoosenModal
from tui.widgets.catalogue_list import CatalogueList
from tui.widgets.key_bar import KeyBar


def choice_label(choice: RoutineChoice) -> str:
    """'Daily Twist  (12 sessions)'; the list shows it literally."""
    return f"{choice.name}  ({count(choice.sessions, 'session')})"


class ChoiceList(CatalogueList):
    """The routines to pick from; enter picks (shown on the key bar)."""

    # Enter belongs to the list, not to a priority binding of the screen: a priority binding
    # runs ahead of keys still queued for the list, so "↓ enter" typed fast picked the wrong one.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Show it")]


class FilterPickerScreen(LoosenModal[RoutineChoice | None]):
    """A list of the routines in history; enter picks one, f or escape keeps the filter."""

    CSS_PATH = "filter_picker.tcss"
    HELP_TITLE = "Filter history"
    HELP_KEYS = (
        ("↑ ↓  j k", "move in the list"),
        ("enter", "show that routine's history"),
        ("f / escape", "keep the filter"),
    )
    AUTO_FOCUS = "#choices"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "cancel", "Keep the filter"),
        Binding("escape", "cancel", "Keep the filter", show=False),
    ]

    def __init__(self, choices: Sequence[RoutineChoice], current: str | None) -> None:
        super().__init__()
        self.choices = list(choices)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(Content.styled("Show the history of", "bold underline"))
            yield ChoiceList("Routines", id="choices")
            yield Static(Content("↑ ↓ choose · enter shows it · f or escape keeps the filter"))
        yield KeyBar()

    def on_mount(self) -> None:
        choices = self.query_one(ChoiceList)
        entries = [(str(index), choice_label(choice)) for index, choice in enumerate(self.choices)]
        choices.show_entries(entries, "No sessions yet")
        choices.move_to(
            next((index for index, c in enumerate(self.choices) if c.routine_id == self.current), 0)
        )

    @on(CatalogueList.Selected)
    def picked(self, event: CatalogueList.Selected) -> None:
        self.dismiss(self.choices[int(event.entry_id)])

    def action_cancel(self) -> None:
        self.dismiss(None)

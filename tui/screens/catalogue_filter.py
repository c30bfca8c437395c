"""A small list of every category, muscle, equipment and level to narrow the catalogue by."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.catalogue.filters import Choice, Facet, Filters
from tui.screens.base import LoosenModal
from tui.text import printable
from tui.widgets.catalogue_list import CatalogueList
from tui.widgets.key_bar import KeyBar

CLEAR_ID = "clear"
FACET_WIDTH = max(len(facet.value) for facet in Facet) + 2


def choice_id(choice: Choice) -> str:
    """The list entry's id for a choice: 'muscle:lats'."""
    return f"{choice.facet.value}:{choice.value}"


VALUE_WIDTH = 30
"""Values are padded to this (a longer one wraps), so the counts line up after them."""


def choice_label(choice: Choice) -> str:
    """'muscle     lats        16' (with '· on' after the value chosen now)."""
    value = printable(choice.value) + (" · on" if choice.chosen else "")
    return f"{choice.facet.value:<{FACET_WIDTH}}{value:<{VALUE_WIDTH}} {choice.matching:>4}"


class CatalogueFilterScreen(LoosenModal[Filters | None]):
    """Pick a value to filter by (again: unset it); dismissed with the filters to use."""

    HELP_TITLE = "Filter exercises"
    HELP_KEYS = (
        ("↑ ↓  j k", "move in the list (home, end, page up/down too)"),
        ("enter", "filter by that value; on a value already chosen: stop filtering by it"),
    )

    DEFAULT_CSS = """
    CatalogueFilterScreen {
        align: center middle;
    }
    #filter-box {
        width: 60;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: solid $primary;
        padding: 0 1;
        background: $surface;
    }
    #filter-help {
        height: auto;
        color: $text-muted;
    }
    #filter-choices {
        height: auto;
        max-height: 18;
        border-top: blank;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "dismiss_picker", "Close", tooltip="close, keeping the filters"),
        Binding("x", "clear", "Clear filters", tooltip="show every exercise again"),
    ]

    def __init__(self, choices: Sequence[Choice], filters: Filters) -> None:
        super().__init__()
        self.choices = {choice_id(choice): choice for choice in choices}
        self.filters = filters

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box") as box:
            box.border_title = self.HELP_TITLE
            yield Static(
                Content("enter: filter, again: stop · numbers: exercises left"),
                id="filter-help",
            )
            yield CatalogueList("", id="filter-choices")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        entries = [(CLEAR_ID, "all exercises: clear the filters")] if self.filters.active else []
        entries += [(entry_id, choice_label(c)) for entry_id, c in self.choices.items()]
        choices = self.query_one(CatalogueList)
        choices.show_entries(entries, "No exercise has a category, muscle or level")
        chosen = next((i for i, c in enumerate(self.choices.values()) if c.chosen), None)
        if chosen is not None:
            choices.move_to(chosen + (1 if self.filters.active else 0))
        choices.focus()

    @on(CatalogueList.Selected)
    def picked(self, event: CatalogueList.Selected) -> None:
        if event.entry_id == CLEAR_ID:
            self.dismiss(Filters())
            return
        choice = self.choices[event.entry_id]
        self.dismiss(self.filters.toggled(choice.facet, choice.value))

    def action_clear(self) -> None:
        """Drop every filter."""
        self.dismiss(Filters())

    def action_dismiss_picker(self) -> None:
        """Close without changing the filters."""
        self.dismiss(None)

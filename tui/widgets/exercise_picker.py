"""Find an exercise to add as a step: type to search names, tags and equipment; enter adds it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from tui.catalogue.model import Exercise
from tui.catalogue.search import exercise_matches
from tui.widgets.catalogue_list import CatalogueList
from tui.widgets.literal_input import LiteralInput

PROMPT = "↓ to the list · enter adds · escape closes"


class PickerSearch(LiteralInput):
    """The search box; ↓ goes down to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "to_list", "To the list", show=False),
    ]

    def action_to_list(self) -> None:
        picker = self.parent
        if isinstance(picker, ExercisePicker):
            picker.results.focus()


class ExercisePicker(Vertical):
    """A search box over the exercises that match it."""

    DEFAULT_CSS = """
    ExercisePicker {
        height: 1fr;
        & > PickerSearch {
            border: none;
            height: 1;
            padding: 0 1;
            background: $boost;
            text-style: underline;
        }
        & > PickerSearch:focus {
            border: none;
            text-style: bold underline;
        }
        & > .picker-hint {
            height: 1;
            padding: 0 1;
            color: $text-muted;
        }
        & > CatalogueList {
            height: 1fr;
            max-height: 100%;
        }
    }
    """

    class Picked(Message):
        """The person chose this exercise."""

        def __init__(self, exercise_id: str) -> None:
            super().__init__()
            self.exercise_id = exercise_id

    def __init__(self, exercises: Sequence[Exercise], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exercises = list(exercises)

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Add a step", "bold"))
        yield PickerSearch(placeholder="/ search names, tags, equipment", id="picker-search")
        yield Static(Content(PROMPT), classes="picker-hint")
        yield CatalogueList("Exercises", id="picker-results")

    def on_mount(self) -> None:
        self.refilter("")

    @property
    def search(self) -> PickerSearch:
        return self.query_one(PickerSearch)

    @property
    def results(self) -> CatalogueList:
        return self.query_one(CatalogueList)

    def open(self) -> None:
        """Start a new search: the box empty and focused."""
        self.search.value = ""
        self.search.focus()

    def refilter(self, query: str) -> None:
        """Show the exercises matching `query`."""
        found = [(e.id, e.name) for e in self.exercises if exercise_matches(e, query)]
        self.results.show_entries(found, "No exercise matches", keep_highlight=False)

    @on(Input.Changed, "#picker-search")
    def search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter(event.value)

    @on(Input.Submitted, "#picker-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.pick()

    @on(CatalogueList.Selected, "#picker-results")
    def result_selected(self, event: CatalogueList.Selected) -> None:
        event.stop()
        self.pick()

    def pick(self) -> None:
        """Add the highlighted exercise (nothing when nothing matches)."""
        if (exercise_id := self.results.highlighted_id) is not None:
            self.post_message(self.Picked(exercise_id))

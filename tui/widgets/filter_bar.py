"""The line under the search box that says which filters narrow the catalogue."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.catalogue.filters import Filters
from tui.text import printable


class FilterBar(Static):
    """'Filter: muscle lats · level beginner', with its keys; hidden while nothing filters."""

    DEFAULT_CSS = """
    FilterBar {
        height: auto;
        padding: 0 1;
        text-style: bold;
        display: none;
    }
    """

    def show(self, filters: Filters) -> None:
        """Say what these filters are (and show the bar only if there are any)."""
        if filters.active:
            self.update(
                Content.assemble(
                    ("Filter: ", "bold"), printable(filters.describe()), "   f change · x clear"
                )
            )
        self.display = filters.active

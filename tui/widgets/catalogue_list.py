"""A keyboard list of catalogue entries (routines or exercises)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.text import printable


class CatalogueList(OptionList):
    """An option list that also moves with j and k, showing names literally."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def show_entries(self, entries: Sequence[tuple[str, str]], empty_message: str) -> None:
        """Replace the options with (id, name) entries, keeping the highlight where it can."""
        previous = self.highlighted_option.id if self.highlighted_option is not None else None
        if entries:
            options = [Option(Content(printable(name)), id=entry_id) for entry_id, name in entries]
        else:
            options = [Option(Content.styled(empty_message, "italic"), disabled=True)]
        self.set_options(options)
        ids = [entry_id for entry_id, _ in entries]
        if entries:
            self.highlighted = ids.index(previous) if previous in ids else 0

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted entry, if any."""
        option = self.highlighted_option
        return None if option is None or option.disabled else option.id

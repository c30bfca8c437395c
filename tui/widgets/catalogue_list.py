"""A keyboard list of catalogue entries (routines or exercises)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.text import printable

MARKER = "▶ "
UNFOCUSED_MARKER = "▷ "
"""The highlight of the list without focus: hollow, so focus shows without colour."""
BLANK = "  "


class CatalogueList(OptionList):
    """An option list that also moves with j and k, showing names literally."""

    # The title is the border title: a widget fewer per list to style at start-up. The
    # highlight is bold, and reversed with focus, so it shows without colour too.
    DEFAULT_CSS = """
    CatalogueList {
        height: auto;
        max-height: 100%;
        border: none;
        border-top: blank;
        border-title-align: left;
        border-title-color: $foreground;
        border-title-style: bold underline;
        padding: 0 1;
        & > .option-list--option-highlighted {
            text-style: bold;
        }
        &:focus {
            border: none;
            border-top: blank;
            & > .option-list--option-highlighted {
                text-style: bold reverse;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = title
        self._names: dict[str, str] = {}
        self._marked: int | None = None
        self._focused = False

    def show_entries(self, entries: Sequence[tuple[str, str]], empty_message: str) -> None:
        """Replace the options with (id, name) entries, keeping the highlight where it can."""
        previous = self.highlighted_option.id if self.highlighted_option is not None else None
        self._names = {entry_id: printable(name) for entry_id, name in entries}
        self._marked = None
        if entries:
            options = [
                Option(self._prompt(entry_id, False), id=entry_id) for entry_id, _ in entries
            ]
        else:
            options = [Option(Content.styled(empty_message, "italic"), disabled=True)]
        self.set_options(options)
        ids = [entry_id for entry_id, _ in entries]
        if entries:
            self.highlighted = ids.index(previous) if previous in ids else 0
            self.mark_highlight()

    def _prompt(self, entry_id: str, marked: bool) -> Content:
        marker = (MARKER if self._focused else UNFOCUSED_MARKER) if marked else BLANK
        return Content(marker + self._names[entry_id])

    def on_focus(self) -> None:
        self._focused = True
        self._marked = None  # redraw the marker filled
        self.mark_highlight()

    def on_blur(self) -> None:
        # Tracked here: during the blur event has_focus is still true.
        self._focused = False
        self._marked = None  # redraw the marker hollow
        self.mark_highlight()

    def mark_highlight(self) -> None:
        """Put the ▶ marker on the highlighted entry only (it must show without colour)."""
        index = self.highlighted
        if index == self._marked:
            return
        for position, marked in ((self._marked, False), (index, True)):
            if position is not None and position < self.option_count:
                option = self.get_option_at_index(position)
                if option.id is not None:
                    self.replace_option_prompt_at_index(position, self._prompt(option.id, marked))
        self._marked = index

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.mark_highlight()

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted entry, if any."""
        option = self.highlighted_option
        return None if option is None or option.disabled else option.id

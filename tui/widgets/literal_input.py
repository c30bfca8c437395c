"""A text box that never holds a control character, whatever is pasted into it."""

from __future__ import annotations

from textual.widgets import Input

from tui.text import printable


class LiteralInput(Input):
    """An Input whose value is always printable: a pasted ESC shows as ␛ and is kept so.

    Textual draws an Input's value as it is, so a pasted escape sequence would otherwise
    reach the terminal (and, in a note, history).
    """

    def validate_value(self, value: str) -> str:
        """The value with its control characters made visible (one for one: the cursor
        stays where it was)."""
        return printable(value)

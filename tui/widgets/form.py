"""The pieces of loosen's editors: a labelled one-line box per field, and a line for problems.

A box knows which field it edits (`field`); the screen checks what is typed, with the
loader's rules, and marks a box whose text can't be saved. Focus and problems show
without colour, in the label's text: '▶' before the focused row's, '!' before a bad one.
(Text, not only a style: with NO_COLOR, a style that changes alone is not always redrawn.)
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from tui.text import printable
from tui.widgets.literal_input import LiteralInput
from tui.wording import glyphs

BAD_MARK = "!"
"""Before the label of a field whose text can't be saved."""
FOCUS_MARK = glyphs("▶")
"""Before the label of the field being typed in."""


class FieldBox(LiteralInput):
    """A one-line box for one field of an editor."""

    DEFAULT_CSS = """
    FieldBox {
        border: none;
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $boost;
        text-style: underline;
        &:focus {
            border: none;
            background: $boost;
            text-style: underline;
        }
    }
    """

    def __init__(self, field: str, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value=printable(value), id=id, select_on_focus=False)
        self.field = field
        """Which field this box edits: 'name', 'sets', a cue's 'text'..."""

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)  # ready to change what is there
        # Said by the row, not :focus-within, which does not restyle the label when focus moves.
        if isinstance(self.parent, FieldRow):
            self.parent.set_focused(True)

    def on_blur(self) -> None:
        if isinstance(self.parent, FieldRow):
            self.parent.set_focused(False)

    def show(self, text: str) -> None:
        """Put text in the box without it counting as typed."""
        with self.prevent(Input.Changed):
            self.value = printable(text)
            self.cursor_position = len(self.value)


class FieldRow(Horizontal):
    """A label, its box and a note beside it (the exercise's own value, a default...)."""

    DEFAULT_CSS = """
    FieldRow {
        height: 1;
        & > .field-label {
            width: auto;
            padding: 0 1 0 0;
        }
        &.-focused > .field-label {
            text-style: bold;
        }
        & > .field-note {
            width: auto;
            padding: 0 0 0 1;
            color: $text-muted;
        }
    }
    """

    def __init__(
        self, label: str, box: FieldBox, note: str = "", *, label_width: int | None = None
    ) -> None:
        super().__init__()
        self.label = label
        self.box = box
        self.note = note
        self.label_width = label_width
        self.bad = False
        self.focused = False

    def label_text(self) -> str:
        """The label with its marks: '▶' while focused, '!' while the text can't be saved."""
        focus = FOCUS_MARK if self.focused else " "
        return f"{focus}{BAD_MARK if self.bad else ''}{self.label}"

    def compose(self) -> ComposeResult:
        label = Static(Content(self.label_text()), classes="field-label")
        if self.label_width is not None:
            label.styles.width = self.label_width
        yield label
        yield self.box
        if self.note:
            yield Static(Content(printable(self.note)), classes="field-note")

    def mark(self, bad: bool) -> None:
        """Start the label with '!' while the box holds text that can't be saved."""
        if bad != self.bad:
            self.bad = bad
            self.query_one(".field-label", Static).update(Content(self.label_text()))

    def set_focused(self, focused: bool) -> None:
        """Start the label with '▶' while its box has focus."""
        self.set_class(focused, "-focused")
        if focused != self.focused:
            self.focused = focused
            self.query_one(".field-label", Static).update(Content(self.label_text()))

    def set_note(self, note: str) -> None:
        """Change the note beside the box (it must have been given one)."""
        for note_widget in self.query(".field-note").results(Static):
            note_widget.update(Content(printable(note)))


class ProblemLine(Static):
    """One line under an editor: the problem of the focused field, or what just happened."""

    DEFAULT_CSS = """
    ProblemLine {
        height: auto;
        max-height: 2;
        padding: 0 1;
    }
    ProblemLine.-problem {
        text-style: bold;
    }
    """

    def say(self, text: str, *, problem: bool = False) -> None:
        """Show `text` literally; a problem is bold (and starts with '!')."""
        self.set_class(problem, "-problem")
        shown = f"{BAD_MARK} {text}" if problem and text else text
        self.update(Content(printable(shown)))

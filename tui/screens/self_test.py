"""The self-test's result: one value per side, typed; a value out of range can't be typed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.ledger.self_test import LEVELS, complete, full, typed, value_range
from tui.screens.base import LoosenModal
from tui.storage.types import Side
from tui.widgets.key_bar import KeyBar

SIDES: tuple[Side, Side] = ("left", "right")
INTRO = (
    "Where your breastbone pointed on the third turn, with 12 o'clock straight ahead;"
    " turning left, or turning right in brackets:"
)


class SelfTestScreen(LoosenModal[dict[Side, int] | None]):
    """Left then right: digits type the value, tab goes to the other side, enter keeps both."""

    CSS_PATH = "suggestions.tcss"
    HELP_TITLE = "Self-test"
    HELP_KEYS = (("1 … 5", "the level of the side marked >"),)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "type('1')", "Level", key_display="1-5"),
        *(Binding(str(n), f"type('{n}')", str(n), show=False) for n in (0, 2, 3, 4, 5, 6, 7, 8, 9)),
        Binding("backspace", "delete", "Delete"),
        Binding("tab", "other_side", "Other side"),
        Binding("enter", "save", "Save"),
        Binding("escape", "skip", "Skip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[Side, str] = {"left": "", "right": ""}
        self.side: Side = "left"
        self.problem = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="ledger-box"):
            yield Static(
                Content.styled("Self-test: how far did you turn?", "bold underline"),
                classes="ledger-title",
            )
            yield Static(Content(INTRO))
            yield Static(Content("\n").join(Content(f"  {level}") for level in LEVELS))
            yield Static(self.entries_text(), id="self-test-entries")
        yield KeyBar()

    def entries_text(self) -> Content:
        """Each side's value so far (> marks the side being typed), and a hint or a problem."""
        low, high = value_range()
        lines = [Content("")]
        for side in SIDES:
            marker = ">" if side == self.side else " "
            value = self.entries[side] or "_"
            lines.append(Content(f"{marker} {side.capitalize():<6} {value}"))
        lines += [Content(""), Content(self.problem or f"Type {low} to {high} for each side.")]
        return Content("\n").join(lines)

    def show(self) -> None:
        self.query_one("#self-test-entries", Static).update(self.entries_text())

    def action_type(self, digit: str) -> None:
        entry = typed(self.entries[self.side], digit)
        if entry is None:
            low, high = value_range()
            self.problem = f"{self.entries[self.side]}{digit} is not a level: {low} to {high}."
            self.app.bell()
        else:
            self.entries[self.side], self.problem = entry, ""
            other = SIDES[1 - SIDES.index(self.side)]
            if full(entry) and not self.entries[other]:
                self.side = other
        self.show()

    def action_delete(self) -> None:
        self.entries[self.side] = self.entries[self.side][:-1]
        self.problem = ""
        self.show()

    def action_other_side(self) -> None:
        self.side = SIDES[1 - SIDES.index(self.side)]
        self.show()

    def action_save(self) -> None:
        if all(complete(self.entries[side]) for side in SIDES):
            self.dismiss({side: int(self.entries[side]) for side in SIDES})
            return
        self.problem = "Give both sides a level, or escape to skip the result."
        self.show()

    def action_skip(self) -> None:
        self.dismiss(None)

"""Check-in questions: one key per answer, one key to skip, one to turn check-ins off.

`ScaleQuestion` asks for 0 to 10 (digits, and x for 10); `ChoiceQuestion` offers a few
answers, each on its own letter. Both dismiss with the answer, `SKIPPED` (None) or
`TURN_OFF`; the app keeps the answer with the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.screens.base import LoosenModal
from tui.widgets.key_bar import KeyBar

TURN_OFF: Final = "off"
"""The answer that turns check-ins off (the setting; the palette turns them on again)."""
SKIPPED: Final = None
Off = Literal["off"]
TEN_KEY = "x"


class ScaleQuestion(LoosenModal[int | Off | None]):
    """0 to 10 by one key: 0-9, and x for 10; s or escape skips, o turns check-ins off."""

    CSS_PATH = "check_in.tcss"
    HELP_TITLE = "Check-in"
    HELP_KEYS = (("0 … 9, x", "answer 0 to 10 (x is 10)"),)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "answer(0)", "Answer", key_display="0-9 x=10"),
        *(Binding(str(n), f"answer({n})", str(n), show=False) for n in range(1, 10)),
        Binding(TEN_KEY, "answer(10)", "10", show=False),
        Binding("s", "skip", "Skip"),
        Binding("escape", "skip", "Skip", show=False),
        Binding("o", "turn_off", "Check-ins off"),
    ]

    def __init__(self, title: str, question: str, low: str, high: str) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.low = low
        self.high = high

    def compose(self) -> ComposeResult:
        lines = [
            Content.styled(self.title_text, "bold underline"),
            Content(""),
            Content(self.question),
            Content(""),
            Content(f"0 = {self.low}  …  10 = {self.high}"),
            Content(f"Press 0 to 9, or {TEN_KEY} for 10.  s skips."),
        ]
        with Vertical(classes="check-in-box"):
            yield Static(Content("\n").join(lines))
        yield KeyBar()

    def action_answer(self, value: int) -> None:
        self.dismiss(value)

    def action_skip(self) -> None:
        self.dismiss(SKIPPED)

    def action_turn_off(self) -> None:
        self.dismiss(TURN_OFF)


Choice = tuple[str, str, str, str]
"""(key, answer, its name in the key bar, what the key means in full)."""


class ChoiceQuestion(LoosenModal[str | None]):
    """A few answers, each on its own key; s or escape skips, o turns check-ins off."""

    CSS_PATH = "check_in.tcss"
    HELP_TITLE = "Check-in"

    def __init__(
        self,
        title: str,
        lines: Sequence[str],
        choices: Sequence[Choice],
        *,
        calm: bool = False,
        skip: bool = True,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.labels = choices
        self.calm = calm
        self.skip = skip
        for key, answer, short, _long in choices:
            self._bindings.bind(key, f"choose('{answer}')", short)
        if skip:
            self._bindings.bind("s", "skip", "Skip")
        self._bindings.bind("escape", "skip", "Skip" if skip else "Cancel", show=False)
        if not calm:
            self._bindings.bind("o", "turn_off", "Check-ins off")

    def compose(self) -> ComposeResult:
        lines = [Content.styled(self.title_text, "bold underline"), Content("")]
        lines += [Content(line) for line in self.lines]
        lines.append(Content(""))
        lines += [Content(f"  {key}  {label}") for key, _answer, _short, label in self.labels]
        if self.skip:
            lines.append(Content("  s  skip"))
        with Vertical(classes="check-in-box calm" if self.calm else "check-in-box"):
            yield Static(Content("\n").join(lines))
        yield KeyBar()

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer)

    def action_skip(self) -> None:
        self.dismiss(SKIPPED)

    def action_turn_off(self) -> None:
        self.dismiss(TURN_OFF)

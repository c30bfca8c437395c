"""The help screen: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.widgets.key_bar import KeyBar

EXTRA_KEYS: dict[str, list[tuple[str, str]]] = {
    "CatalogueScreen": [
        ("↑ ↓  j k", "move in a list (home, end, page up/down too)"),
        ("tab", "next list, then the detail pane (↑ ↓ scroll it)"),
        ("shift+tab", "the other way"),
        ("enter", "start the routine (on an exercise: do it alone)"),
        ("escape", "clear the search"),
    ],
    "SessionScreen": [("← →", "previous / next cue")],
    "SummaryScreen": [("1 … 5", "rate how your upper back feels")],
    "HistoryScreen": [
        ("↑ ↓  j k", "move in the table"),
        ("pageup pagedown", "a screen up / down"),
        ("home n  end o", "newest / oldest session"),
        ("enter", "the session's detail (in progress: back to it)"),
        ("tab", "to the exercise figures; ↑ ↓ scroll them"),
        ("c / escape", "back"),
    ],
}
IGNORED_KEYS = {"ctrl+c", "shift+tab", "tab"}
"""Generic keys that only add noise here (copying text; moving focus backwards)."""
KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "space": "space",
    "escape": "escape",
    "right": "→",
    "left": "←",
    "ctrl+p": "ctrl+p",
}


def key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, what it does) for every binding active on `screen`, plus its documented extras."""
    rows: list[tuple[str, str]] = list(EXTRA_KEYS.get(type(screen).__name__, []))
    # Keys the extras already explain (j, k, home, end…) are not listed again.
    seen = {token for key, _ in rows for token in key.replace("/", " ").split()}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        # Widget-level keys (home, page up, copy…) are generic; the extras above cover them.
        if not active.enabled or binding.system or not isinstance(active.node, (Screen, App)):
            continue
        if key in IGNORED_KEYS or key.startswith("super+"):
            continue
        label = KEY_NAMES.get(key, binding.key_display or key)
        description = binding.tooltip or binding.description or binding.action.replace("_", " ")
        if label in seen:
            continue
        seen.add(label)
        rows.append((label, description))
    palette = ("ctrl+p", "command palette: routines, screens, bell, theme")
    return [row for row in rows if row[0] != "ctrl+p"] + [palette]


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of escape, ? or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, title: str, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in self.rows) + 2
        lines = [Content.styled(f"Keys: {self.title_text}", "bold underline"), Content("")]
        lines += [
            Content.assemble((key.ljust(width), "bold"), description)
            for key, description in self.rows
        ]
        lines += [Content(""), Content("escape, ? or q closes this help.")]
        with VerticalScroll(id="help-box"):
            yield Static(Content("\n").join(lines))
        yield KeyBar()

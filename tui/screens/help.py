"""The help screen: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.screens.base import Helpful, LoosenModal
from tui.widgets.key_bar import KeyBar

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


def help_title(screen: Screen[object]) -> str:
    """What the help screen calls `screen`: its human title, never a class name."""
    return screen.HELP_TITLE if isinstance(screen, Helpful) else Helpful.HELP_TITLE


def key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, what it does) for every binding active on `screen`, plus its documented extras."""
    rows = list(screen.HELP_KEYS) if isinstance(screen, Helpful) else []
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


class HelpScreen(LoosenModal[None]):
    """A list of keys; any of escape, ? or q closes it."""

    CSS_PATH = "help.tcss"
    HELP_TITLE = "Help"
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

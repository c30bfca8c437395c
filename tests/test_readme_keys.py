"""README's table of keys against the app: every key it names is bound on the screen it names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import AppFactory
from tui.app import LoosenApp

README = Path(__file__).resolve().parents[1] / "README.md"
KEY_NAMES = {
    "↑": "up",
    "↓": "down",
    "→": "right",
    "←": "left",
    "?": "question_mark",
    "/": "slash",
    "+": "plus",
}
"""README's spelling of a key -> Textual's name for it."""
ROUTINE = "roller-twister-warm-up"
SCREENS: dict[str, tuple[str, list[str]]] = {
    # where: (screen class, keys that lead there from a session of ROUTINE just started)
    # With an unfinished session, so r (resume) is there too.
    "catalogue": ("CatalogueScreen", ["space", "c"]),
    # After one side: the switch countdown, where + (more time) and p (pause) apply too.
    "session": ("SessionScreen", ["space"]),
    "summary": ("SummaryScreen", ["space"] * 7),
    # Opened from the session, so b (back to it) is there too.
    "history": ("HistoryScreen", ["space", "h"]),
}

NOT_ON_ITSELF = {"history": {"h"}}
"""README: h goes to history "from any other screen"; on history it is hidden."""
ONLY_WITH_A_NUDGE = {"catalogue": {"w"}}
"""README: w starts the usual routine shown with the weekly-goal nudge; without one it is hidden."""
ONLY_WITH_A_SUGGESTION = {"summary": {"p"}}
"""README: p accepts the step suggested on the summary; without one it is hidden."""


def key_table() -> dict[str, set[str]]:
    """Where -> the keys README's table names there (both columns), in Textual's names."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| Where | Key | What it does |") :].split("\n\n", 1)[0]
    keys: dict[str, set[str]] = {}
    where = ""
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        where = cells[0] or where
        found = keys.setdefault(where, set())
        for cell in cells[1:]:
            for first, last in re.findall(r"`(\d)`–`(\d)`", cell):
                found.update(str(n) for n in range(int(first), int(last) + 1))
            found.update(KEY_NAMES.get(span, span) for span in re.findall(r"`([^`]+)`", cell))
    return keys


def test_the_table_is_read() -> None:
    table = key_table()
    assert set(table) == {"everywhere", *SCREENS}
    assert {"question_mark", "h", "q", "ctrl+p", "t"} <= table["everywhere"]
    assert {"1", "2", "3", "4", "5", "tab", "enter", "escape"} <= table["summary"]
    assert {"home", "end", "n", "o", "pageup", "pagedown", "f", "b"} <= table["history"]


async def bound_keys(app: LoosenApp, where: str) -> set[str]:
    """The keys bound on the screen `where` names: its own, its focused widget's, the app's."""
    screen_class, keys = SCREENS[where]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert type(app.screen).__name__ == screen_class
        return set(app.screen.active_bindings)


@pytest.mark.parametrize("where", sorted(SCREENS))
async def test_every_key_readme_names_is_bound_there(make_app: AppFactory, where: str) -> None:
    bound = await bound_keys(make_app(start_routine=ROUTINE), where)
    table = key_table()
    named = table[where] - ONLY_WITH_A_NUDGE.get(where, set())
    named -= ONLY_WITH_A_SUGGESTION.get(where, set())
    assert named - bound == set(), f"README names keys not bound on {where}"
    everywhere = table["everywhere"] - NOT_ON_ITSELF.get(where, set())
    assert everywhere - bound == set(), f"keys for everywhere not bound on {where}"

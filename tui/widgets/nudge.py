"""The catalogue's one-line nudge when this week's goal is at risk."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from tui.catalogue.model import Catalogue, Routine
from tui.habit.nudge import week_nudge
from tui.text import printable


class NudgeLine(Static):
    """'Goal at risk: ... · w starts <routine>', hidden when there is nothing to say."""

    DEFAULT_CSS = """
    NudgeLine {
        height: 1;
        padding: 0 1;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        display: none;
    }
    """

    routine: Routine | None = None
    """The routine w starts while the line is shown."""

    def look(self, data_dir: str, today: date, catalogue: Catalogue) -> None:
        """Read the week (a few small files) and show the nudge, or hide the line."""
        nudge = week_nudge(data_dir, today, catalogue)
        self.routine = nudge.routine if nudge is not None else None
        self.display = nudge is not None
        if nudge is not None:
            self.update(Content(f"{nudge.text} · w starts {printable(nudge.routine.name)}"))

"""The catalogue's one-line nudge when this week's goal is at risk."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.catalogue.model import Routine
from tui.habit.nudge import Nudge
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

    def show(self, nudge: Nudge | None) -> None:
        """Show the nudge, or hide the line when there is none."""
        self.routine = nudge.routine if nudge is not None else None
        self.display = nudge is not None
        if nudge is not None:
            self.update(Content(f"{nudge.text} · w starts {printable(nudge.routine.name)}"))

"""Asks for the weekly goal: a digit from 1 to 7, nothing else."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.habit.goal import MAX_GOAL, MIN_GOAL
from tui.widgets.key_bar import KeyBar


class GoalScreen(ModalScreen[int | None]):
    """Keys 1 to 7 choose the goal; escape or c keeps the one there is."""

    CSS_PATH = "goal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose(1)", "Days a week", key_display="1-7"),
        *(
            Binding(str(days), f"choose({days})", f"{days} days a week", show=False)
            for days in range(MIN_GOAL + 1, MAX_GOAL + 1)
        ),
        Binding("escape", "dismiss", "Cancel"),
        Binding("c", "dismiss", "Cancel", show=False),
    ]

    def __init__(self, goal: int) -> None:
        super().__init__()
        self.goal = goal

    def compose(self) -> ComposeResult:
        lines = [
            Content.styled("Weekly goal", "bold underline"),
            Content(""),
            Content(f"On how many days a week do you want to warm up? Now: {self.goal}."),
            Content(""),
            Content("Press a digit from 1 to 7. Rest days the goal leaves (7 minus the"),
            Content("goal) don't break your streak."),
            Content(""),
            Content("escape or c: keep it as it is"),
        ]
        with Vertical(id="goal-box"):
            yield Static(Content("\n").join(lines))
        yield KeyBar()

    def action_choose(self, days: int) -> None:
        self.dismiss(days)

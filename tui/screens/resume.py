"""Asks what to do with an unfinished session: resume it where it stopped, or discard it."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.screens.base import LoosenModal
from tui.session.engine import SessionEngine
from tui.session.model import Phase
from tui.text import printable
from tui.widgets.key_bar import KeyBar
from tui.wording import recorded_minute, side_words

ResumeChoice = Literal["resume", "discard", "replace", "later"]
"""'replace': discard the unfinished session and start the routine just picked."""


class ResumeScreen(LoosenModal[ResumeChoice]):
    """r resumes, d discards (kept in history as abandoned), escape decides later.

    Opened by picking another routine (`picked`), it says that routine waits, and s
    discards the old session and starts it.
    """

    CSS_PATH = "resume.tcss"
    HELP_TITLE = "Unfinished session"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('resume')", "Resume"),
        Binding("enter", "choose('resume')", "Resume", show=False),
        Binding("s", "choose('replace')", "Discard, start new"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("l", "choose('later')", "Later"),
        Binding("escape", "choose('later')", "Later", show=False),
    ]

    def __init__(self, engine: SessionEngine, *, picked: str | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.picked = picked

    def compose(self) -> ComposeResult:
        engine = self.engine
        where = ""
        # During a rest or a switch the position is the set just done; say what comes next.
        resting = engine.phase in (Phase.REST, Phase.SWITCH)
        slot = engine.next_slot() if resting else engine.current_slot
        if slot is not None:
            where = (
                f"{'Next: e' if resting else 'E'}xercise {slot.step_index + 1} of "
                f"{engine.step_count}: {printable(slot.exercise.name)}, "
                f"set {slot.set_number} of {slot.set_count}"
            )
            if slot.side:
                where += f", {side_words(slot.side).lower()}"
        started = printable(recorded_minute(engine.started_at))
        lines = [
            Content.styled("You have an unfinished session", "bold underline"),
            Content(""),
            Content(f"{printable(engine.routine.name)}, started {started}"),
            Content(where),
            Content(f"{engine.done_count} of {engine.planned_count} sets done"),
            Content(""),
            *self.choice_lines(),
        ]
        with Vertical(id="resume-box"):
            yield Static(Content("\n").join(lines))
        yield KeyBar()

    def choice_lines(self) -> list[Content]:
        """What each key does; with a routine picked, what becomes of it too."""
        if self.picked is None:
            return [
                Content("r  resume exactly where it stopped"),
                Content("d  discard it (it stays in history as abandoned)"),
                Content("l  decide later"),
            ]
        picked = printable(self.picked)
        return [
            Content(f"{picked} can't start while this one is unfinished:"),
            Content(f"r  resume this one ({picked} does not start)"),
            Content(f"s  start {picked}; this one stays in history as abandoned"),
            Content("d  discard this one only (it stays in history as abandoned)"),
            Content("l  decide later (nothing starts)"),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if parameters == ("replace",):  # only when a routine was picked
            return self.picked is not None
        return True

    def action_choose(self, choice: ResumeChoice) -> None:
        self.dismiss(choice)

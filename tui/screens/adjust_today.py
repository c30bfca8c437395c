"""Today only: change a routine's sets, reps or holds for this session, then start it.

The routine itself, in the catalogue or in your file, stays as it is: the session runs
and records the adjusted copy (`tui.catalogue.today.adjust_today`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from tui.catalogue.field_text import DOSAGE_LABELS
from tui.catalogue.model import Routine
from tui.catalogue.today import AdjustError, adjust_today
from tui.messages import StartSession
from tui.screens.base import LoosenScreen
from tui.text import printable
from tui.widgets.form import FieldBox, FieldRow, ProblemLine
from tui.widgets.key_bar import KeyBar
from tui.wording import dosage_in_words

LABEL_WIDTH = 12


def typed_number(text: str) -> int | str:
    """Digits as a number; anything else as typed, for the loader to name."""
    stripped = text.strip()
    digits = stripped[1:] if stripped.startswith("-") else stripped
    return int(stripped) if digits.isdigit() and len(digits) <= 20 else text


class AdjustTodayScreen(LoosenScreen[None]):
    """Each step's sets and reps (or hold) for today; enter starts the session."""

    CSS_PATH = "adjust_today.tcss"
    HELP_TITLE = "Adjust today"
    HELP_KEYS = (
        ("tab shift+tab", "next / previous box (↑ ↓ too)"),
        ("enter", "start the session with today's numbers"),
        ("F5", "back to the usual numbers"),
        ("escape", "back, nothing started"),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", key_display="enter", priority=True),
        Binding("f5", "reset", "Usual numbers", key_display="F5"),
        Binding("escape", "back", "Back"),
        Binding("up", "app.focus_previous", "Previous box", show=False),
        Binding("down", "app.focus_next", "Next box", show=False),
    ]

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine
        self.today = routine
        self.problems: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        title = Content.styled(printable(f"Today only: {self.routine.name}"), "bold")
        yield Static(title, id="today-title")
        yield Static(
            Content("Change today's sets, reps or holds; the routine itself stays as it is."),
            id="today-hint",
        )
        with VerticalScroll(id="today-steps"):
            for index, step in enumerate(self.routine.steps):
                name = printable(f"{index + 1}. {step.exercise.name}")
                yield Static(Content.styled(name, "bold"), classes="today-step")
                work = "hold_seconds" if step.dosage.is_hold else "reps"
                for field in ("sets", work):
                    value = str(getattr(step.dosage, field))
                    box = FieldBox(field, value, id=f"today-{index}-{field}")
                    note = f"usual {dosage_in_words(step.dosage)}" if field == "sets" else ""
                    yield FieldRow(DOSAGE_LABELS[field], box, note, label_width=LABEL_WIDTH)
        yield ProblemLine(id="problem")
        yield KeyBar()

    def on_mount(self) -> None:
        boxes = list(self.query(FieldBox))
        if boxes:
            boxes[0].focus()

    def say(self, text: str, *, problem: bool = False) -> None:
        self.query_one(ProblemLine).say(text, problem=problem)

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        box = event.input
        if not isinstance(box, FieldBox) or box.id is None:
            return
        event.stop()
        if not box.has_focus:
            return  # filled in, not typed
        index = int(box.id.split("-")[1])
        row = box.parent
        label = f"Step {index + 1}, {DOSAGE_LABELS[box.field].lower()}"
        try:
            # Text that is no number goes to the loader as it is, which names it.
            changes: dict[str, Any] = {box.field: typed_number(box.value)}
            self.today = adjust_today(self.today, changes, step=index)
        except AdjustError as error:
            message = error.problems[0].split(": ", 1)[-1]
            self.problems[box.id] = f"{label}: {message}"
            if isinstance(row, FieldRow):
                row.mark(True)
            self.say(self.problems[box.id], problem=True)
            return
        self.problems.pop(box.id, None)
        if isinstance(row, FieldRow):
            row.mark(False)
        today = dosage_in_words(self.today.steps[index].dosage)
        self.say(next(iter(self.problems.values()), f"Step {index + 1} today: {today}"))

    def action_start(self) -> None:
        if self.problems:
            self.say(f"Not started: {next(iter(self.problems.values()))}", problem=True)
            return
        self.post_message(StartSession(self.today))

    def action_reset(self) -> None:
        self.today = self.routine
        self.problems.clear()
        for index, step in enumerate(self.routine.steps):
            for box in self.query(FieldBox):
                if box.id and box.id.startswith(f"today-{index}-"):
                    box.show(str(getattr(step.dosage, box.field)))
                    if isinstance(box.parent, FieldRow):
                        box.parent.mark(False)
        self.say("Back to the usual numbers.")

    def action_back(self) -> None:
        self.dismiss(None)

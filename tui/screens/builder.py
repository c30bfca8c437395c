"""The routine builder: name, summary, rest, and steps with their own dosage, saved to your file.

Everything typed is checked as it is typed, with the loader's rules and words; a save
goes through `UserRoutinesFile` (locked, re-read, checked, atomic), so nothing invalid is
ever written. The screen gets the file and what to do after a write from the app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from tui.catalogue.drafts import ALTERNATIVES, DosageValue, RoutineDraft, UserRoutines
from tui.catalogue.editing import OwnCatalogue, fresh_id, put_routine, set_field
from tui.catalogue.field_text import EDITED_DOSAGE, dosage_problem, dosage_value, shown
from tui.catalogue.fields import field_problem, field_value, routine_problems
from tui.catalogue.model import Dosage
from tui.catalogue.routine_edits import (
    add_step,
    move_step,
    preview_routine,
    remove_step,
    set_step_dosage,
)
from tui.catalogue.timing import routine_minutes
from tui.catalogue.user_file import Saved, UserRoutinesFile
from tui.screens.builder_base import BuilderBase, Draft
from tui.text import printable
from tui.widgets.catalogue_list import CatalogueList
from tui.widgets.dosage_form import DosageForm
from tui.widgets.exercise_picker import ExercisePicker
from tui.widgets.form import FieldBox, FieldRow, ProblemLine
from tui.widgets.key_bar import KeyBar
from tui.wording import dosage_in_words

OVERRIDE_NOTE = (
    "This id is a built-in routine's: saved, yours replaces it. Built-ins can't be"
    " deleted; delete yours to get the built-in back."
)


def effective_dosage(own: Dosage, given: Mapping[str, DosageValue]) -> Dosage:
    """The exercise's own dosage with a step's changes (reps and a hold exclude each other)."""
    changes: dict[str, Any] = dict(given)
    for name, other in ALTERNATIVES.items():
        if name in given:
            changes[other] = None
    return own._replace(**changes)


class RoutineBuilderScreen(BuilderBase):
    """Build a new routine, or change one of yours, step by step."""

    CSS_PATH = "builder.tcss"
    AUTO_FOCUS = None
    KIND = "routine"
    HELP_TITLE = "Routine builder"
    HELP_KEYS = (
        ("tab shift+tab", "next / previous field (↑ ↓ too, in a box)"),
        ("↑ ↓  j k", "move in the steps"),
        ("enter", "on a step: its dosage (an empty box keeps the exercise's own)"),
        ("a", "add a step: type to search, ↓ to the list, enter adds it"),
        ("x", "remove the step"),
        ("K J", "move the step up / down"),
        ("shift+up shift+down", "the same"),
        ("^s f2", "save to your routines file"),
        ("D", "delete this routine of yours (y deletes, n keeps; u puts it back)"),
        ("escape q", "back (asks once if there are unsaved changes)"),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_step", "Add step"),
        Binding("x", "remove_step", "Remove"),
        Binding("K", "move(-1)", "Move up"),
        Binding("J", "move(1)", "Move down", show=False),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("shift+down", "move(1)", "Move down", show=False),
        *BuilderBase.LAST_BINDINGS,
    ]

    def __init__(
        self,
        draft: RoutineDraft,
        own: OwnCatalogue,
        user_file: UserRoutinesFile,
        *,
        replacing: str | None = None,
        heading: str = "New routine",
        on_saved: Callable[[Saved], None] = lambda saved: None,
    ) -> None:
        """`replacing`: the id of the routine of yours being changed (None: a new one)."""
        super().__init__(
            own, user_file, draft=draft, heading=heading, replacing=replacing, on_saved=on_saved
        )
        self.routine = draft

    @property
    def draft(self) -> Draft:
        return self.routine

    def put(self, own: UserRoutines) -> UserRoutines:
        return put_routine(own, self.routine, replacing=self.replacing)

    def whole_problems(self) -> list[tuple[str, str]]:
        return routine_problems(self.own, self.routine, replacing=self.replacing)

    def restored(self, saved: Saved) -> None:
        if (routine := saved.own.routine(self.routine.id)) is not None:
            self.routine = self.last_saved = routine
            self.show_steps(0)

    def compose(self) -> ComposeResult:
        yield Static(
            Content.styled(printable(self.heading), "bold"),
            id="builder-title",
            classes="editor-heading",
        )
        with Horizontal(id="builder-head"):
            yield FieldRow("Name", FieldBox("name", self.routine.name, id="name"), label_width=10)
            yield FieldRow("Id", FieldBox("id", self.routine.id, id="id"))
        rest = self.routine.rest_between_exercises_seconds
        yield FieldRow("Summary", FieldBox("summary", self.routine.summary), label_width=10)
        yield FieldRow(
            "Rest between exercises, s",
            FieldBox("rest_between_exercises_seconds", shown(rest), id="rest"),
            "empty: 20",
        )
        with Horizontal(id="builder-body"):
            yield CatalogueList("Steps", id="steps")
            with Vertical(id="builder-side"):
                yield DosageForm(id="dosage")
                yield ExercisePicker(self.exercises.exercises, id="picker")
        yield Static(id="builder-note")
        yield ProblemLine(id="problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#picker").display = False
        self.show_steps(0)
        self.show_note()
        if self.routine.steps:
            self.steps.focus()
        else:
            self.query_one("#name", FieldBox).focus()

    # ------------------------------------------------------------ showing

    @property
    def steps(self) -> CatalogueList:
        return self.query_one("#steps", CatalogueList)

    @property
    def step_index(self) -> int | None:
        index = self.steps.highlighted
        return index if index is not None and index < len(self.routine.steps) else None

    def show_steps(self, highlight: int | None = None, keep: FieldBox | None = None) -> None:
        """The steps as a list, with the routine's time; a * marks a step's own dosage."""
        entries = []
        for index, step in enumerate(self.routine.steps):
            exercise = self.exercises.exercise(step.exercise)
            name = exercise.name if exercise else step.exercise
            changed = " *" if step.dosage.given() else ""
            entries.append((str(index), f"{index + 1}. {name}{changed}"))
        chosen = None if highlight is None else str(max(0, min(highlight, len(entries) - 1)))
        self.steps.show_entries(entries, "No steps yet: a adds one", highlight=chosen)
        routine = preview_routine(self.own, self.routine, replacing=self.replacing)
        minutes = f" · about {routine_minutes(routine)} min" if routine else ""
        self.steps.border_title = f"Steps{minutes}"
        self.show_dosage(keep)

    def show_dosage(self, keep: FieldBox | None = None) -> None:
        """The highlighted step's dosage: its own changes in the boxes, the exercise's beside."""
        form = self.query_one(DosageForm)
        index = self.step_index
        form.display = index is not None and not self.query_one("#picker").display
        if index is None:
            return
        step = self.routine.steps[index]
        exercise = self.exercises.exercise(step.exercise)
        given = step.dosage.given()
        values = {name: shown(given.get(name)) for name in EDITED_DOSAGE}
        if exercise is None:
            notes = dict.fromkeys(EDITED_DOSAGE, "")
            words = "exercise not found"
        else:
            own = exercise.dosage
            notes = {name: f"own {shown(getattr(own, name)) or '–'}" for name in EDITED_DOSAGE}
            words = dosage_in_words(effective_dosage(own, given))
        name = printable(exercise.name if exercise else step.exercise)
        form.fill(f"Step {index + 1}: {name}\n{words}", values, notes, keep=keep)
        if keep is None:
            self.forget_problems("dose-")

    def show_note(self) -> None:
        """What saving does: replace a built-in (which can't be deleted) or write your file."""
        if self.own.is_builtin("routine", self.routine.id):
            note = OVERRIDE_NOTE
        else:
            note = f"Saves to {self.user_file.path}"
        self.query_one("#builder-note", Static).update(Content(printable(note)))

    # ------------------------------------------------------------ typing

    @property
    def typing(self) -> FieldBox | None:
        """The box being typed in, which a refill must leave alone."""
        return self.focused if isinstance(self.focused, FieldBox) else None

    def problem_of(self, box: FieldBox) -> str | None:
        text = box.value
        if box.id and box.id.startswith("dose-"):
            return dosage_problem(box.field, text)
        if box.field == "id":
            taken = self.own.own_ids("routine")
            taken.pop(self.replacing or "", None)
            return field_problem("id", text, taken=taken)
        required = box.field != "rest_between_exercises_seconds"
        return field_problem(box.field, text, required=required)

    def apply(self, box: FieldBox) -> None:
        text = box.value
        if box.id and box.id.startswith("dose-"):
            if (index := self.step_index) is not None:
                value = dosage_value(box.field, text)
                self.routine = set_step_dosage(self.routine, index, box.field, value)
                if value is not None and box.field in ALTERNATIVES:
                    self.problems.pop(f"dose-{ALTERNATIVES[box.field]}", None)
                self.show_steps(keep=box)
            return
        if box.field == "id":
            self.follow_name = False
        self.routine = set_field(self.routine, box.field, field_value(box.field, text))
        if box.field == "name" and self.follow_name:
            taken = self.own.taken_ids("routine")
            self.routine = replace(self.routine, id=fresh_id(text, taken, "routine"))
            self.query_one("#id", FieldBox).show(self.routine.id)
        if box.field in ("id", "name"):
            self.show_note()
        if box.field == "rest_between_exercises_seconds":
            self.show_steps()

    @on(CatalogueList.Highlighted, "#steps")
    def step_highlighted(self) -> None:
        self.show_dosage(keep=self.typing)

    @on(CatalogueList.Selected, "#steps")
    def step_selected(self) -> None:
        if self.step_index is not None:
            self.query_one("#dose-sets", FieldBox).focus()

    # ------------------------------------------------------------ steps

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("remove_step", "move"):
            return bool(self.routine.steps)
        return super().check_action(action, parameters)

    def action_add_step(self) -> None:
        self.query_one(DosageForm).display = False
        picker = self.query_one(ExercisePicker)
        picker.display = True
        picker.open()

    def leave_first(self) -> bool:
        picker = self.query_one(ExercisePicker)
        if not picker.display:
            if isinstance(self.focused, FieldBox) and (self.focused.id or "").startswith("dose-"):
                self.steps.focus()  # from a step's dosage back to the steps
                return True
            return False
        picker.display = False
        self.show_dosage()
        self.steps.focus()
        return True

    @on(ExercisePicker.Picked)
    def step_picked(self, event: ExercisePicker.Picked) -> None:
        index = self.step_index
        at = len(self.routine.steps) if index is None else index + 1
        self.routine = add_step(self.routine, event.exercise_id, at)
        self.query_one(ExercisePicker).display = False
        self.show_steps(at)
        self.steps.focus()
        self.say("Added. a adds another; enter changes its dosage.")
        self.refresh_bindings()

    def action_remove_step(self) -> None:
        if (index := self.step_index) is not None:
            self.routine = remove_step(self.routine, index)
            self.show_steps(index)
            self.refresh_bindings()

    def action_move(self, offset: int) -> None:
        if (index := self.step_index) is not None:
            self.routine, target = move_step(self.routine, index, offset)
            self.show_steps(target)

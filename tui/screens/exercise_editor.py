"""The exercise editor: every field of an exercise of your own, its dosage and its cues.

Checked as typed with the loader's rules and words, saved through `UserRoutinesFile`.
The cue list is edited in place: the boxes under it hold the highlighted cue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.catalogue.drafts import ExerciseDraft, UserRoutines
from tui.catalogue.editing import OwnCatalogue, fresh_id, put_exercise, set_field
from tui.catalogue.exercise_edits import (
    add_cue,
    delete_cue,
    edit_cue,
    move_cue,
    parse_list,
    set_exercise_dosage,
)
from tui.catalogue.field_text import (
    EDITED_DOSAGE,
    cue_kind_problem,
    dosage_problem,
    dosage_value,
    exercise_kind_problem,
    shown,
)
from tui.catalogue.fields import exercise_problems, field_problem
from tui.catalogue.model import CueKind, ExerciseKind
from tui.catalogue.user_file import Saved, UserRoutinesFile
from tui.screens.builder_base import BuilderBase, Draft
from tui.text import printable
from tui.widgets.catalogue_list import CatalogueList
from tui.widgets.dosage_form import DosageForm
from tui.widgets.form import FieldBox, FieldRow, ProblemLine
from tui.widgets.key_bar import KeyBar
from tui.wording import CUE_LABELS

LABEL_WIDTH = 13
TEXT_FIELDS = (
    ("name", "Name"),
    ("id", "Id"),
    ("summary", "Summary"),
    ("who", "Who"),
    ("why", "Why"),
    ("frequency", "How often"),
    ("region", "Region"),
    ("kind", "Kind"),
    ("equipment", "Equipment"),
    ("title", "Source"),
    ("author", "Author"),
    ("note", "Note"),
    ("side_meaning", "Left side"),
)
"""Each plain field: the box's id, and its label."""
NOTES = {
    "kind": ", ".join(kind.value for kind in ExerciseKind),
    "equipment": "comma-separated",
    "title": "article, book, video...",
    "side_meaning": "per side: what 'left' means",
}
DOSAGE_NOTES = {
    "sets": "1-50",
    "reps": "or a hold",
    "hold_seconds": "or reps",
    "per_side": "yes or no",
    "rest_seconds": "empty: 30",
    "switch_seconds": "empty: 5",
}
CUE_KINDS = ", ".join(kind.value for kind in CueKind)


def field_text(draft: ExerciseDraft, name: str) -> str:
    """What the box of field `name` shows for this draft."""
    if name == "kind":
        return draft.kind.value
    if name == "equipment":
        return ", ".join(draft.equipment)
    if name in ("title", "author", "note"):
        return getattr(draft.source, name) or ""
    value = getattr(draft, name)
    return value if isinstance(value, str) else ""


class ExerciseEditorScreen(BuilderBase):
    """Write an exercise of your own, or your version of one from the catalogue."""

    CSS_PATH = "exercise_editor.tcss"
    AUTO_FOCUS = None
    KIND = "exercise"
    HELP_TITLE = "Exercise editor"
    HELP_KEYS = (
        ("tab shift+tab", "next / previous field (↑ ↓ too, in a box)"),
        ("↑ ↓  j k", "move in the cues"),
        ("enter", "on a cue: its kind and text, in the boxes under the list"),
        ("a", "add a cue after the highlighted one"),
        ("x", "delete the cue"),
        ("K J", "move the cue up / down"),
        ("shift+up shift+down", "the same"),
        ("^s f2", "save to your routines file"),
        ("D", "delete this exercise of yours (y deletes, n keeps; u puts it back)"),
        ("escape q", "back (asks once if there are unsaved changes)"),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_cue", "Add cue"),
        Binding("x", "delete_cue", "Delete cue"),
        Binding("K", "move(-1)", "Move up"),
        Binding("J", "move(1)", "Move down", show=False),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("shift+down", "move(1)", "Move down", show=False),
        *BuilderBase.LAST_BINDINGS,
    ]

    def __init__(
        self,
        draft: ExerciseDraft,
        own: OwnCatalogue,
        user_file: UserRoutinesFile,
        *,
        replacing: str | None = None,
        heading: str = "New exercise",
        on_saved: Callable[[Saved], None] = lambda saved: None,
    ) -> None:
        """`replacing`: the id of the exercise of yours being changed (None: a new one)."""
        super().__init__(
            own, user_file, draft=draft, heading=heading, replacing=replacing, on_saved=on_saved
        )
        self.exercise = draft

    @property
    def draft(self) -> Draft:
        return self.exercise

    def put(self, own: UserRoutines) -> UserRoutines:
        return put_exercise(own, self.exercise, replacing=self.replacing)

    def whole_problems(self) -> list[tuple[str, str]]:
        return exercise_problems(self.own, self.exercise, replacing=self.replacing)

    def restored(self, saved: Saved) -> None:
        if (exercise := saved.own.exercise(self.exercise.id)) is not None:
            self.exercise = self.last_saved = exercise
            self.show_cues(0)

    def compose(self) -> ComposeResult:
        yield Static(
            Content.styled(printable(self.heading), "bold"),
            id="editor-title",
            classes="editor-heading",
        )
        with VerticalScroll(id="editor-form"):
            for name, label in TEXT_FIELDS:
                box = FieldBox(name, field_text(self.exercise, name), id=f"ex-{name}")
                yield FieldRow(label, box, NOTES.get(name, ""), label_width=LABEL_WIDTH)
            yield DosageForm(id="dosage")
            yield CatalogueList("Cues", id="cues")
            yield FieldRow(
                "Cue kind", FieldBox("cue_kind", id="cue-kind"), CUE_KINDS, label_width=LABEL_WIDTH
            )
            yield FieldRow("Cue text", FieldBox("text", id="cue-text"), label_width=LABEL_WIDTH)
        yield Static(Content(printable(f"Saves to {self.user_file.path}")), id="editor-note")
        yield ProblemLine(id="problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_dosage()
        self.show_cues(0)
        self.query_one("#ex-name", FieldBox).focus()

    # ------------------------------------------------------------ showing

    @property
    def cues(self) -> CatalogueList:
        return self.query_one("#cues", CatalogueList)

    @property
    def cue_index(self) -> int | None:
        index = self.cues.highlighted
        return index if index is not None and index < len(self.exercise.cues) else None

    def show_dosage(self, keep: FieldBox | None = None) -> None:
        given = self.exercise.dosage.given()
        values = {name: shown(given.get(name)) for name in EDITED_DOSAGE}
        self.query_one(DosageForm).fill("Dosage", values, DOSAGE_NOTES, keep=keep)

    def show_cues(self, highlight: int | None = None, keep: FieldBox | None = None) -> None:
        """The cues in order, each with its kind."""
        entries = [
            (str(index), f"{index + 1}. {CUE_LABELS[cue.kind]}: {cue.text}")
            for index, cue in enumerate(self.exercise.cues)
        ]
        chosen = None if highlight is None else str(max(0, min(highlight, len(entries) - 1)))
        self.cues.show_entries(entries, "No cues yet: a adds one", highlight=chosen)
        self.show_cue(keep)

    def show_cue(self, keep: FieldBox | None = None) -> None:
        """The highlighted cue's kind and text in the boxes under the list."""
        index = self.cue_index
        for box_id in ("cue-kind", "cue-text"):
            box = self.query_one(f"#{box_id}", FieldBox)
            box.disabled = index is None
            if box is keep:
                continue
            if isinstance(box.parent, FieldRow):
                box.parent.mark(False)
            if index is None:
                box.show("")
            else:
                cue = self.exercise.cues[index]
                box.show(cue.kind.value if box_id == "cue-kind" else cue.text)
        if keep is None:
            self.forget_problems("cue-")

    # ------------------------------------------------------------ typing

    def problem_of(self, box: FieldBox) -> str | None:
        text = box.value
        if box.id and box.id.startswith("dose-"):
            return dosage_problem(box.field, text, required=box.field == "sets")
        if box.field == "kind":
            return exercise_kind_problem(text)
        if box.field == "cue_kind":
            return cue_kind_problem(text)
        if box.field == "id":
            taken = self.own.own_ids("exercise")
            taken.pop(self.replacing or "", None)
            return field_problem("id", text, taken=taken)
        if box.field == "side_meaning":
            return field_problem("note", text)
        return field_problem(box.field, text)

    def apply(self, box: FieldBox) -> None:
        text, name, draft = box.value, box.field, self.exercise
        if box.id and box.id.startswith("dose-"):
            self.exercise = set_exercise_dosage(draft, name, dosage_value(name, text))
            self.show_dosage(keep=box)
            self.forget_problems("dose-")
            return
        if name in ("cue_kind", "text"):
            if (index := self.cue_index) is not None:
                if name == "text":
                    self.exercise = edit_cue(draft, index, text=text)
                else:
                    self.exercise = edit_cue(draft, index, kind=CueKind(text))
                self.show_cues(keep=box)
            return
        if name == "kind":
            self.exercise = replace(draft, kind=ExerciseKind(text))
        elif name == "equipment":
            self.exercise = replace(draft, equipment=parse_list(text))
        elif name in ("title", "author", "note"):
            value = text if name == "title" else text or None
            self.exercise = replace(draft, source=set_field(draft.source, name, value))
        elif name == "side_meaning":
            self.exercise = replace(draft, side_meaning=text or None)
        else:
            self.exercise = set_field(draft, name, text)
        if name == "id":
            self.follow_name = False
        if name == "name" and self.follow_name:
            new_id = fresh_id(text, self.own.taken_ids("exercise"), "exercise")
            self.exercise = replace(self.exercise, id=new_id)
            self.query_one("#ex-id", FieldBox).show(new_id)

    @on(CatalogueList.Highlighted, "#cues")
    def cue_highlighted(self) -> None:
        self.show_cue(self.focused if isinstance(self.focused, FieldBox) else None)

    @on(CatalogueList.Selected, "#cues")
    def cue_selected(self) -> None:
        if self.cue_index is not None:
            self.query_one("#cue-text", FieldBox).focus()

    # ------------------------------------------------------------ cues

    def leave_first(self) -> bool:
        focused = self.focused
        if isinstance(focused, FieldBox) and focused.id in ("cue-kind", "cue-text"):
            self.cues.focus()  # from a cue's boxes back to the cue list
            return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("delete_cue", "move"):
            return bool(self.exercise.cues)
        return super().check_action(action, parameters)

    def action_add_cue(self) -> None:
        index = self.cue_index
        at = len(self.exercise.cues) if index is None else index + 1
        self.exercise = add_cue(self.exercise, CueKind.MOVEMENT, "", at)
        self.show_cues(at)
        box = self.query_one("#cue-text", FieldBox)
        box.focus()
        self.say("Type the cue; its kind is in the box above.")
        self.refresh_bindings()

    def action_delete_cue(self) -> None:
        if (index := self.cue_index) is not None:
            self.exercise = delete_cue(self.exercise, index)
            self.show_cues(index)
            self.refresh_bindings()

    def action_move(self, offset: int) -> None:
        if (index := self.cue_index) is not None:
            self.exercise, target = move_cue(self.exercise, index, offset)
            self.show_cues(target)

"""What the routine builder and the exercise editor share: checking as typed, save, delete, undo.

A box's text is checked on every keystroke with the loader's rules and words; a value that
passes goes into the draft, one that doesn't is marked and named on the problem line, and
a save is refused while any is left. Saves and deletes go through `UserRoutinesFile`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Static

from tui.catalogue.drafts import ExerciseDraft, RoutineDraft, UserRoutines
from tui.catalogue.editing import EditError, Kind, OwnCatalogue
from tui.catalogue.routine_edits import preview_catalogue
from tui.catalogue.user_file import Saved, UserFileError, UserRoutinesFile, trash_file
from tui.screens.base import LoosenScreen
from tui.text import printable
from tui.widgets.form import FieldBox, FieldRow, ProblemLine

WRITE_ERRORS = (UserFileError, EditError, OSError)
"""What a save, delete or undo can fail with; each is one line for the person."""
Draft = RoutineDraft | ExerciseDraft


class BuilderBase(LoosenScreen[None]):
    """An editor of one routine or exercise of the person's own file."""

    KIND: ClassVar[Kind] = "routine"
    HELP_TITLE = "Editor"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm_delete", "Yes, delete"),
        Binding("n", "keep", "No, keep it"),
        Binding("u", "undo", "Undo delete"),
        Binding("ctrl+s", "save", "Save", key_display="^s"),
        Binding("f2", "save", "Save", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("tab", "app.focus_next", "Next field"),
    ]
    LAST_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back"),
        Binding("q", "leave", "Back", show=False),
        Binding("D", "delete", "Delete"),
    ]
    """Bindings each editor lists after its own: last on the key bar."""

    def __init__(
        self,
        own: OwnCatalogue,
        user_file: UserRoutinesFile,
        *,
        draft: Draft,
        heading: str,
        replacing: str | None,
        on_saved: Callable[[Saved], None],
    ) -> None:
        super().__init__()
        self.own = own
        self.user_file = user_file
        self.replacing = replacing
        """The id of the entry of the person's file being changed (None: a new one)."""
        self.heading = heading
        self.last_saved: Draft | None = draft if replacing is not None else None
        """The draft as the file holds it (None: not in the file)."""
        self.follow_name = replacing is None and not own.is_builtin(self.KIND, draft.id)
        """A new entry's id follows its name until the id is typed in."""
        self.on_saved = on_saved
        self.exercises = preview_catalogue(own)
        self.problems: dict[str, str] = {}
        """Boxes whose text can't be saved: box id -> 'Label: the loader's words'."""
        self.confirming = False
        self.deleted = False
        self.leave_asked = False

    # What each editor supplies ------------------------------------------------------

    @property
    def draft(self) -> Draft:
        raise NotImplementedError

    @property
    def saved_draft(self) -> Draft | None:
        return self.last_saved

    def problem_of(self, box: FieldBox) -> str | None:
        """The loader's words for what is in `box`, or None."""
        raise NotImplementedError

    def apply(self, box: FieldBox) -> None:
        """Put the checked text of `box` into the draft."""
        raise NotImplementedError

    def whole_problems(self) -> list[tuple[str, str]]:
        """What the loader finds in the whole draft, as (path, message)."""
        raise NotImplementedError

    def put(self, own: UserRoutines) -> UserRoutines:
        """The file with the draft saved in it."""
        raise NotImplementedError

    def now_saved(self, draft: Draft | None) -> None:
        """Remember what the file holds now (None: nothing of this draft)."""
        self.last_saved = draft
        self.follow_name = False

    def restored(self, saved: Saved) -> None:
        """After an undo: show what was put back."""

    # Typing --------------------------------------------------------------------------

    def say(self, text: str, *, problem: bool = False) -> None:
        """One line under the editor."""
        self.query_one(ProblemLine).say(text, problem=problem)

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        box = event.input
        if not isinstance(box, FieldBox):
            return
        event.stop()
        if not box.has_focus:
            return  # filled in by the editor (on mount, say), not typed
        self.leave_asked = False
        problem = self.problem_of(box)
        row = box.parent
        label = row.label if isinstance(row, FieldRow) else box.field
        if isinstance(row, FieldRow):
            row.mark(problem is not None)
        key = box.id or box.field
        if problem is not None:
            self.problems[key] = f"{label}: {problem}"
            self.say(self.problems[key], problem=True)
            return
        self.problems.pop(key, None)
        self.apply(box)
        self.say(next(iter(self.problems.values()), ""), problem=bool(self.problems))

    def forget_problems(self, prefix: str) -> None:
        """Boxes refilled from the draft no longer hold what was typed."""
        self.problems = {k: v for k, v in self.problems.items() if not k.startswith(prefix)}

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        if isinstance(event.input, FieldBox):
            event.stop()
            self.focus_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("confirm_delete", "keep"):
            return self.confirming
        if action == "undo":
            return self.deleted
        if action == "delete":
            return self.replacing is not None and self.own.is_own(self.KIND, self.replacing)
        return True

    # The file ------------------------------------------------------------------------

    def wrote(self, saved: Saved) -> None:
        """After a write: the editor and the app see the file as it is now."""
        self.own = OwnCatalogue(self.own.base, saved.own)
        self.exercises = preview_catalogue(self.own)
        self.on_saved(saved)
        self.refresh_bindings()

    def action_save(self) -> None:
        if self.problems:
            self.say(f"Not saved: {next(iter(self.problems.values()))}", problem=True)
            return
        if found := self.whole_problems():
            path, message = found[0]
            self.say(f"Not saved: {path or self.KIND}: {message}", problem=True)
            return
        draft = self.draft
        try:
            saved = self.user_file.save(self.put)
        except WRITE_ERRORS as error:
            self.say(f"Not saved: {error}", problem=True)
            return
        self.replacing = draft.id
        self.deleted = False
        self.now_saved(draft)
        self.wrote(saved)
        self.retitle(f"Your {self.KIND} {draft.name}")
        self.say(f"Saved {printable(draft.name)} to {self.user_file.path}.")

    def retitle(self, heading: str) -> None:
        """Show `heading` as the screen's title: after a first save, the draft is yours."""
        self.heading = heading
        self.query_one(".editor-heading", Static).update(Content.styled(printable(heading), "bold"))

    def action_delete(self) -> None:
        self.confirming = True
        self.refresh_bindings()
        self.say(
            f"Delete {printable(self.draft.name)}? It is kept in"
            f" {trash_file(self.user_file.path).name}. y deletes it, n keeps it.",
            problem=True,
        )

    def action_keep(self) -> None:
        self.confirming = False
        self.refresh_bindings()
        self.say("Kept.")

    def action_confirm_delete(self) -> None:
        self.confirming = False
        try:
            saved = self.user_file.delete(self.KIND, self.replacing or self.draft.id)
        except WRITE_ERRORS as error:
            self.say(f"Not deleted: {error}", problem=True)
            self.refresh_bindings()
            return
        self.deleted = True
        self.replacing = None
        self.now_saved(self.draft)  # kept in the trash: leaving loses nothing
        self.wrote(saved)
        builtin = self.own.is_builtin(self.KIND, self.draft.id)
        back = f" The built-in {self.KIND} is back." if builtin else ""
        self.say(f"Deleted {printable(self.draft.name)}.{back} u puts it back.")

    def action_undo(self) -> None:
        try:
            saved = self.user_file.undo_delete()
        except WRITE_ERRORS as error:
            self.say(f"Not put back: {error}", problem=True)
            return
        self.deleted = False
        self.wrote(saved)
        if self.own.is_own(self.KIND, self.draft.id):
            self.replacing = self.draft.id
        self.restored(saved)
        self.refresh_bindings()
        self.say(f"Put back {printable(self.draft.name)}.")

    def leave_first(self) -> bool:
        """Close what is open inside the editor (a picker); True if there was something."""
        return False

    def action_leave(self) -> None:
        if self.leave_first():
            return
        if self.confirming:
            self.action_keep()
            return
        if self.draft != self.saved_draft and not self.leave_asked:
            self.leave_asked = True
            self.say(
                "Not saved yet: ctrl+s saves; escape again leaves without saving.", problem=True
            )
            return
        self.dismiss(None)

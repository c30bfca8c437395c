"""Messages screens send up to the app, which decides what happens next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from tui.catalogue.model import Exercise, Routine

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tui.catalogue.filters import Choice, Filters
    from tui.history.filters import RoutineChoice
    from tui.session.keeper import ActiveSession


class StartSession(Message):
    """The person asked to start this routine."""

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine


class ResumeAsked(Message):
    """The person asked what to do with the unfinished session (resume or discard it)."""


class SessionFinished(Message):
    """The session reached its end and is kept in history; time for the summary."""

    def __init__(self, session: ActiveSession) -> None:
        super().__init__()
        self.session = session


class SessionLeft(Message):
    """The person left the session for later; it stays saved and resumable."""


class OpenPastSession(Message):
    """The person asked to see one past session in full."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class RoutineFilterAsked(Message):
    """History asked which routine to show; `picked` gets the choice (None: keep the filter)."""

    def __init__(
        self,
        choices: Sequence[RoutineChoice],
        current: str | None,
        picked: Callable[[RoutineChoice | None], None],
    ) -> None:
        super().__init__()
        self.choices = choices
        self.current = current
        self.picked = picked


class CatalogueFilterAsked(Message):
    """The catalogue asked for a filter to narrow it by; `picked` gets the new filters.

    `choices` are the values offered (with what each would leave); `picked` is given None
    when the person closes the list without changing anything.
    """

    def __init__(
        self,
        choices: Sequence[Choice],
        filters: Filters,
        picked: Callable[[Filters | None], None],
    ) -> None:
        super().__init__()
        self.choices = choices
        self.filters = filters
        self.picked = picked


class BuildRoutineAsked(Message):
    """The person asked to build a routine: a new one (`routine` None) or from this one.

    `copy` True starts a new routine from a copy; False edits it in place (an own routine,
    or an own routine of the same id that overrides a built-in).
    """

    def __init__(self, routine: Routine | None = None, *, copy: bool = True) -> None:
        super().__init__()
        self.routine = routine
        self.copy = copy


class EditExerciseAsked(Message):
    """The person asked to write an exercise: a new one (`exercise` None) or from this one."""

    def __init__(self, exercise: Exercise | None = None, *, copy: bool = True) -> None:
        super().__init__()
        self.exercise = exercise
        self.copy = copy


class AdjustTodayAsked(Message):
    """The person asked to change today's sets, reps or holds of this routine, then start."""

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine


class DeleteSessionAsked(Message):
    """The person asked to delete a past session (the app asks to confirm; it goes to trash)."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class RestoreSessionAsked(Message):
    """The person asked to put back the session deleted last."""

"""Opening an editor: which draft a request starts from, and what the screen's title says.

A new entry, a copy (of a built-in or an own one), one of the person's own changed in
place, or a built-in taken over as the person's own under the same id (which then
replaces it, as the routines file format allows).
"""

from __future__ import annotations

from collections.abc import Callable

from tui.catalogue.editing import OwnCatalogue
from tui.catalogue.exercise_edits import duplicate_exercise, new_exercise, override_exercise
from tui.catalogue.routine_edits import duplicate_routine, new_routine, override_routine
from tui.catalogue.user_file import Saved, UserRoutinesFile
from tui.messages import BuildRoutineAsked, EditExerciseAsked
from tui.screens.builder import RoutineBuilderScreen
from tui.screens.exercise_editor import ExerciseEditorScreen


def routine_builder(
    asked: BuildRoutineAsked,
    user_file: UserRoutinesFile,
    own: OwnCatalogue,
    *,
    on_saved: Callable[[Saved], None],
) -> RoutineBuilderScreen:
    """The builder for what was asked: new, a copy, yours, or your version of a built-in."""
    routine = asked.routine
    replacing = None
    if routine is None:
        draft, heading = new_routine(own), "New routine"
    elif asked.copy:
        draft, heading = duplicate_routine(own, routine), f"New routine, a copy of {routine.name}"
    elif (mine := own.own.routine(routine.id)) is not None:
        draft, heading, replacing = mine, f"Your routine {routine.name}", routine.id
        if own.is_builtin("routine", routine.id):
            heading += " (in place of the built-in one)"
    else:
        draft, heading = override_routine(routine), f"Your version of the built-in {routine.name}"
    return RoutineBuilderScreen(
        draft, own, user_file, replacing=replacing, heading=heading, on_saved=on_saved
    )


def exercise_editor(
    asked: EditExerciseAsked,
    user_file: UserRoutinesFile,
    own: OwnCatalogue,
    *,
    on_saved: Callable[[Saved], None],
) -> ExerciseEditorScreen:
    """The editor for what was asked: new, a copy, yours, or your version of a built-in."""
    exercise = asked.exercise
    replacing = None
    if exercise is None:
        draft, heading = new_exercise(own), "New exercise"
    elif asked.copy:
        draft = duplicate_exercise(own, exercise)
        heading = f"New exercise, a copy of {exercise.name}"
    elif (mine := own.own.exercise(exercise.id)) is not None:
        draft, heading, replacing = mine, f"Your exercise {exercise.name}", exercise.id
        if own.is_builtin("exercise", exercise.id):
            heading += " (in place of the built-in one)"
    else:
        draft = override_exercise(exercise)
        heading = f"Your version of the built-in {exercise.name}"
    return ExerciseEditorScreen(
        draft, own, user_file, replacing=replacing, heading=heading, on_saved=on_saved
    )

"""Catalogue exercises and routines for the catalogue tests: built in code, or the library."""

from __future__ import annotations

from pathlib import Path

from tui.catalogue.model import (
    Catalogue,
    Cue,
    CueKind,
    Dosage,
    Exercise,
    ExerciseKind,
    Routine,
    RoutineStep,
    Source,
)
from tui.catalogue.sources import load_catalogue
from tui.library.bundled import BUILTIN_STRETCHES
from tui.library.changes import add_bundled, import_file


def make_exercise(
    exercise_id: str,
    name: str,
    *,
    muscles: tuple[str, ...] = (),
    secondary: tuple[str, ...] = (),
    equipment: tuple[str, ...] = (),
    category: str | None = None,
    level: str | None = None,
    region: str = "upper back",
    kind: ExerciseKind = ExerciseKind.MOBILITY,
    source: Source | None = None,
    cues: tuple[str, ...] = ("Stand tall.",),
) -> Exercise:
    """An exercise with the given searchable and filterable fields (the rest plain)."""
    return Exercise(
        id=exercise_id,
        name=name,
        summary=f"About {name}",
        cues=tuple(Cue(CueKind.MOVEMENT, text) for text in cues),
        dosage=Dosage(sets=2, reps=10),
        equipment=equipment,
        who="Anyone",
        why="Because",
        frequency="Daily",
        region=region,
        kind=kind,
        source=source or Source(title="Tests"),
        category=category,
        primary_muscles=muscles,
        secondary_muscles=secondary,
        level=level,
    )


def make_routine(routine_id: str, name: str, *exercises: Exercise) -> Routine:
    """A routine of these exercises at their own dosage."""
    return Routine(
        id=routine_id,
        name=name,
        summary=f"About {name}",
        steps=tuple(RoutineStep(exercise=e, dosage=e.dosage) for e in exercises),
    )


FIXTURES = Path(__file__).parent / "fixtures"


def library_catalogue(data_dir: Path) -> Catalogue:
    """The built-ins with the bundled stretching set and the wger sample in the library."""
    add_bundled(data_dir, BUILTIN_STRETCHES)
    import_file(data_dir, FIXTURES / "wger-exerciseinfo-sample.json")
    return load_catalogue(data=data_dir)


def with_exercises(catalogue: Catalogue, *exercises: Exercise) -> Catalogue:
    """The catalogue with these exercises after its own."""
    return catalogue._replace(exercises=catalogue.exercises + exercises)

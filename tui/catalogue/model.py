"""Typed objects for the catalogue: exercises, their dosage, and routines built from them.

They are named tuples rather than frozen dataclasses only because they are defined on
every start: a frozen dataclass costs about a millisecond to create, a named tuple a tenth
of that. Both are immutable and compare by value. (For the same reason annotations here
are evaluated, not postponed: a named tuple compiles each postponed one.)
"""

from enum import StrEnum
from typing import Any, NamedTuple


class CueKind(StrEnum):
    """What part of the movement a cue is about."""

    SETUP = "setup"
    MOVEMENT = "movement"
    BREATHING = "breathing"
    TEMPO = "tempo"
    AVOID = "avoid"


class ExerciseKind(StrEnum):
    """The broad family an exercise belongs to."""

    SOFT_TISSUE = "soft tissue"
    MOBILITY = "mobility"
    STRENGTH = "strength"


class DosageOrigin(StrEnum):
    """Whether a dosage was given by the source article or chosen by loosen."""

    SOURCE = "source"
    LOOSEN = "loosen"


class Cue(NamedTuple):
    """One instruction, shown in order while the exercise is done."""

    kind: CueKind
    text: str


class Dosage(NamedTuple):
    """How much of an exercise: sets of reps or of timed holds, and the rests between."""

    sets: int
    reps: int | None = None
    hold_seconds: int | None = None
    per_side: bool = False
    rest_seconds: int = 30
    switch_seconds: int = 5
    origin: DosageOrigin = DosageOrigin.LOOSEN
    tempo_seconds: int | None = None
    """Seconds per rep when a hands-free session paces the reps; None means the default."""

    @property
    def is_hold(self) -> bool:
        """True when each set (or side) is a timed hold rather than a count of reps."""
        return self.hold_seconds is not None

    @property
    def sides(self) -> tuple[str | None, ...]:
        """The sides each set is done on: left then right, or a single unsided pass."""
        return ("left", "right") if self.per_side else (None,)


class Source(NamedTuple):
    """The article a fact came from, credited wherever the fact is shown."""

    title: str
    author: str | None = None
    note: str | None = None
    license: str | None = None
    """The licence the text is shared under, for imported exercises ("CC-BY-SA 4")."""
    license_url: str | None = None
    url: str | None = None
    """Where the source can be found."""

    def credit(self) -> str:
        """A one-line credit such as 'Title — Author'."""
        parts = [self.title]
        if self.author and self.author not in self.title:
            parts.append(self.author)
        return " — ".join(parts)


class Exercise(NamedTuple):
    """A single drill with its cues, dosage and background."""

    id: str
    name: str
    summary: str
    cues: tuple[Cue, ...]
    dosage: Dosage
    equipment: tuple[str, ...]
    who: str
    why: str
    frequency: str
    region: str
    kind: ExerciseKind
    source: Source
    category: str | None = None
    """The source's own category ("stretching"), for exercises from an exercise database."""
    primary_muscles: tuple[str, ...] = ()
    secondary_muscles: tuple[str, ...] = ()
    level: str | None = None
    """The source's difficulty rating ("beginner"), when it gives one."""
    side_meaning: str | None = None
    """What "left" means for a per-side exercise ("lying on your left side…"); right mirrors it."""


class RoutineStep(NamedTuple):
    """One exercise inside a routine, with the dosage used there."""

    exercise: Exercise
    dosage: Dosage
    note: str | None = None
    overrides: tuple[tuple[str, Any], ...] = ()
    """The dosage fields this routine changes from the exercise's own."""

    @classmethod
    def with_overrides(
        cls, exercise: Exercise, overrides: dict[str, Any], note: str | None = None
    ) -> "RoutineStep":
        """A step using the exercise's dosage with some fields changed."""
        return cls(
            exercise=exercise,
            dosage=exercise.dosage._replace(**overrides),
            note=note,
            overrides=tuple(overrides.items()),
        )


class Routine(NamedTuple):
    """An ordered list of exercises done as one session."""

    id: str
    name: str
    summary: str
    steps: tuple[RoutineStep, ...]
    rest_between_exercises_seconds: int = 20
    source: Source | None = None

    @classmethod
    def single(cls, exercise: Exercise) -> "Routine":
        """A one-exercise routine, for starting any exercise on its own."""
        return cls(
            id=f"just-{exercise.id}",
            name=exercise.name,
            summary=exercise.summary,
            steps=(RoutineStep(exercise=exercise, dosage=exercise.dosage),),
            source=exercise.source,
        )


class FileProblems(NamedTuple):
    """A routines file loosen used only in part, or not at all, and why."""

    path: str
    errors: tuple[str, ...]
    """Every problem, one line each, naming the file and the JSON path."""
    left_out: tuple[str, ...] = ()
    """What was not used, such as 'routine "mine"' or 'exercises[2]'."""
    whole_file: bool = False
    """True when none of the file could be used (not JSON, not a routines file...)."""


class Catalogue(NamedTuple):
    """Every exercise and routine available, in the order they were defined."""

    exercises: tuple[Exercise, ...] = ()
    routines: tuple[Routine, ...] = ()
    origins: tuple[str, ...] = ()
    problems: tuple[FileProblems, ...] = ()
    """Files that were used only in part: the user's own routines file, when it has errors."""

    def exercise(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id, if there is one."""
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def routine(self, routine_id: str) -> Routine | None:
        """The routine with this id, if there is one."""
        return next((r for r in self.routines if r.id == routine_id), None)

    def with_origins(self, *origins: str) -> "Catalogue":
        """The same catalogue, recording which files it was read from."""
        return self._replace(origins=origins)

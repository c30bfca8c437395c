"""The user's routines file as the builder edits it: plain values, field for field as written.

A draft keeps what the file says and nothing more: a dosage field not given stays not
given (None), so a hand-written file comes back with the same content, in a stable key
order. Drafts may hold invalid values while a person is typing; the loader checks them
before anything is written (see `tui.catalogue.user_file`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from tui.catalogue.loader import DOSAGE_FIELDS, SCHEMA_VERSION
from tui.catalogue.model import (
    CueKind,
    Dosage,
    DosageOrigin,
    Exercise,
    ExerciseKind,
    Routine,
    Source,
)

DosageValue = int | bool | DosageOrigin
ALTERNATIVES = {"reps": "hold_seconds", "hold_seconds": "reps"}
"""Dosage fields of which a dosage gives one: setting one clears the other."""


@dataclass(frozen=True)
class DosageDraft:
    """Dosage fields as a file gives them; None means not given (a default, or inherited)."""

    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    per_side: bool | None = None
    rest_seconds: int | None = None
    switch_seconds: int | None = None
    origin: DosageOrigin | None = None
    tempo_seconds: int | None = None

    def given(self) -> dict[str, DosageValue]:
        """The fields given, in the format's order."""
        values = {name: getattr(self, name) for name in DOSAGE_FIELDS}
        return {name: value for name, value in values.items() if value is not None}

    def with_field(self, name: str, value: DosageValue | None) -> DosageDraft:
        """This dosage with one field set (None: not given); reps and a hold exclude each other."""
        if name not in DOSAGE_FIELDS:
            raise KeyError(name)
        changes: dict[str, Any] = {name: value}
        if value is not None and name in ALTERNATIVES:
            changes[ALTERNATIVES[name]] = None
        return replace(self, **changes)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DosageDraft:
        """From a dosage object the loader accepted."""
        values = {name: data[name] for name in DOSAGE_FIELDS if name in data}
        if "origin" in values:
            values["origin"] = DosageOrigin(values["origin"])
        return cls(**values)

    @classmethod
    def from_dosage(cls, dosage: Dosage) -> DosageDraft:
        """Every field of a loaded dosage, given."""
        return cls(**dosage._asdict())

    def to_data(self) -> dict[str, Any]:
        """The dosage object, only the fields given."""
        return {
            name: value.value if isinstance(value, DosageOrigin) else value
            for name, value in self.given().items()
        }


@dataclass(frozen=True)
class SourceDraft:
    """Where an exercise or routine comes from: free text."""

    title: str
    author: str | None = None
    note: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SourceDraft:
        """From a source object the loader accepted."""
        return cls(title=data["title"], author=data.get("author"), note=data.get("note"))

    @classmethod
    def from_source(cls, source: Source) -> SourceDraft:
        """A loaded source; a licence (of an imported exercise) is kept in the note."""
        note = source.note
        if source.license:
            licence = f"Licence: {source.license}"
            if source.license_url:
                licence += f" ({source.license_url})"
            note = f"{note} {licence}" if note else licence
        return cls(title=source.title, author=source.author, note=note)

    def to_data(self) -> dict[str, Any]:
        """The source object."""
        data: dict[str, Any] = {"title": self.title, "author": self.author}
        if self.note is not None:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class CueDraft:
    """One instruction of an exercise."""

    kind: CueKind
    text: str

    def to_data(self) -> dict[str, Any]:
        """The cue object."""
        return {"kind": self.kind.value, "text": self.text}


@dataclass(frozen=True)
class ExerciseDraft:
    """An exercise of the user's own."""

    id: str
    name: str
    summary: str
    cues: tuple[CueDraft, ...]
    dosage: DosageDraft
    equipment: tuple[str, ...]
    who: str
    why: str
    frequency: str
    region: str
    kind: ExerciseKind
    source: SourceDraft
    side_meaning: str | None = None
    """What "left" means for a per-side exercise; kept so an edit never drops it."""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ExerciseDraft:
        """From an exercise object the loader accepted."""
        return cls(
            id=data["id"],
            name=data["name"],
            summary=data["summary"],
            cues=tuple(CueDraft(CueKind(cue["kind"]), cue["text"]) for cue in data["cues"]),
            dosage=DosageDraft.from_data(data["dosage"]),
            equipment=tuple(data["equipment"]),
            who=data["who"],
            why=data["why"],
            frequency=data["frequency"],
            region=data["tags"]["region"],
            kind=ExerciseKind(data["tags"]["kind"]),
            source=SourceDraft.from_data(data["source"]),
            side_meaning=data.get("side_meaning"),
        )

    @classmethod
    def from_exercise(cls, exercise: Exercise) -> ExerciseDraft:
        """A loaded exercise (built-in, from the library or the user's own) as a draft."""
        return cls(
            id=exercise.id,
            name=exercise.name,
            summary=exercise.summary,
            cues=tuple(CueDraft(cue.kind, cue.text) for cue in exercise.cues),
            dosage=DosageDraft.from_dosage(exercise.dosage),
            equipment=exercise.equipment,
            who=exercise.who,
            why=exercise.why,
            frequency=exercise.frequency,
            region=exercise.region,
            kind=exercise.kind,
            source=SourceDraft.from_source(exercise.source),
            side_meaning=exercise.side_meaning,
        )

    def to_data(self) -> dict[str, Any]:
        """The exercise object, in the format's key order."""
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "summary": self.summary,
            "cues": [cue.to_data() for cue in self.cues],
            "dosage": self.dosage.to_data(),
            "equipment": list(self.equipment),
            "who": self.who,
            "why": self.why,
            "frequency": self.frequency,
            "tags": {"region": self.region, "kind": self.kind.value},
            "source": self.source.to_data(),
        }
        if self.side_meaning is not None:
            data["side_meaning"] = self.side_meaning
        return data


@dataclass(frozen=True)
class StepDraft:
    """One step of a routine: an exercise by id, and the dosage fields changed for it."""

    exercise: str
    dosage: DosageDraft = field(default_factory=DosageDraft)
    note: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> StepDraft:
        """From a step object the loader accepted."""
        dosage = DosageDraft.from_data(data["dosage"]) if "dosage" in data else DosageDraft()
        return cls(exercise=data["exercise"], dosage=dosage, note=data.get("note"))

    def to_data(self) -> dict[str, Any]:
        """The step object; no dosage when nothing is changed."""
        data: dict[str, Any] = {"exercise": self.exercise}
        if self.dosage.given():
            data["dosage"] = self.dosage.to_data()
        if self.note is not None:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class RoutineDraft:
    """A routine of the user's own."""

    id: str
    name: str
    summary: str
    steps: tuple[StepDraft, ...] = ()
    rest_between_exercises_seconds: int | None = None
    source: SourceDraft | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RoutineDraft:
        """From a routine object the loader accepted."""
        return cls(
            id=data["id"],
            name=data["name"],
            summary=data["summary"],
            steps=tuple(StepDraft.from_data(step) for step in data["steps"]),
            rest_between_exercises_seconds=data.get("rest_between_exercises_seconds"),
            source=SourceDraft.from_data(data["source"]) if "source" in data else None,
        )

    @classmethod
    def from_routine(cls, routine: Routine) -> RoutineDraft:
        """A loaded routine as a draft; its steps keep only the dosage fields they change."""
        steps = tuple(
            StepDraft(
                exercise=step.exercise.id,
                dosage=DosageDraft(
                    **{name: value for name, value in step.overrides if value is not None}
                ),
                note=step.note,
            )
            for step in routine.steps
        )
        return cls(
            id=routine.id,
            name=routine.name,
            summary=routine.summary,
            steps=steps,
            rest_between_exercises_seconds=routine.rest_between_exercises_seconds,
            source=SourceDraft.from_source(routine.source) if routine.source else None,
        )

    def to_data(self) -> dict[str, Any]:
        """The routine object, in the format's key order."""
        data: dict[str, Any] = {"id": self.id, "name": self.name, "summary": self.summary}
        if self.rest_between_exercises_seconds is not None:
            data["rest_between_exercises_seconds"] = self.rest_between_exercises_seconds
        if self.source is not None:
            data["source"] = self.source.to_data()
        data["steps"] = [step.to_data() for step in self.steps]
        return data


@dataclass(frozen=True)
class UserRoutines:
    """The whole user routines file: its exercises and routines, in the file's order."""

    exercises: tuple[ExerciseDraft, ...] = ()
    routines: tuple[RoutineDraft, ...] = ()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> UserRoutines:
        """From a file the loader accepted (call only after `catalogue_from_data` passed)."""
        return cls(
            exercises=tuple(ExerciseDraft.from_data(e) for e in data.get("exercises", [])),
            routines=tuple(RoutineDraft.from_data(r) for r in data.get("routines", [])),
        )

    def to_data(self) -> dict[str, Any]:
        """The file's JSON object."""
        return {
            "schema_version": SCHEMA_VERSION,
            "exercises": [exercise.to_data() for exercise in self.exercises],
            "routines": [routine.to_data() for routine in self.routines],
        }

    def exercise(self, exercise_id: str) -> ExerciseDraft | None:
        """The user's exercise with this id, if any."""
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def routine(self, routine_id: str) -> RoutineDraft | None:
        """The user's routine with this id, if any."""
        return next((r for r in self.routines if r.id == routine_id), None)

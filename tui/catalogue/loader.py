"""Read and validate routines files into a `Catalogue`, reporting every problem at once.

Each problem is one line naming the file, the JSON path and what is wrong, e.g.
`my.json: routines[1].steps[0].exercise: unknown exercise "t-spin-roll"`. Files are read
through `tui.untrusted`: regular files only, at most `MAX_FILE_BYTES`, strict JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from tui.catalogue.model import (
    Catalogue,
    Cue,
    CueKind,
    Dosage,
    DosageOrigin,
    Exercise,
    ExerciseKind,
    Routine,
    RoutineStep,
    Source,
)
from tui.untrusted import (
    MissingFileError,
    UntrustedFileError,
    key_path,
    parse_json,
    read_json_file,
)

E = TypeVar("E", CueKind, ExerciseKind, DosageOrigin)

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 20_000_000
"""The largest routines file loosen reads (the built-in one is about 15 kB)."""
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOSAGE_FIELDS = (
    "sets",
    "reps",
    "hold_seconds",
    "per_side",
    "rest_seconds",
    "switch_seconds",
    "origin",
    "tempo_seconds",
)


class CatalogueError(Exception):
    """A routines file could not be used; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class MissingRoutinesFileError(CatalogueError):
    """The routines file does not exist (the user's own file may well not)."""


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 30 else value[:27] + "...")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return json.dumps(value)


class _Reader:
    """Walks one parsed file, collecting problems with their JSON paths."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(
            f"{self.label}: {path}: {message}" if path else f"{self.label}: {message}"
        )

    def field(self, obj: dict[str, Any], path: str, name: str, *, required: bool = True) -> Any:
        if name not in obj:
            if required:
                self.problem(path, f'missing field "{name}"')
            return None
        return obj[name]

    def string(
        self, obj: dict[str, Any], path: str, name: str, *, required: bool = True
    ) -> str | None:
        value = self.field(obj, path, name, required=required)
        if name not in obj or (value is None and not required):
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{path}.{name}", f"expected a non-empty string, got {_describe(value)}")
            return None
        return value

    def integer(
        self,
        obj: dict[str, Any],
        path: str,
        name: str,
        *,
        minimum: int,
        maximum: int = 3600,
        required: bool = True,
    ) -> int | None:
        value = self.field(obj, path, name, required=required)
        if name not in obj:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"{path}.{name}", f"expected a whole number, got {_describe(value)}")
            return None
        if value < minimum:
            self.problem(f"{path}.{name}", f"must be at least {minimum}, got {value}")
            return None
        if value > maximum:
            self.problem(f"{path}.{name}", f"must be at most {maximum}, got {value}")
            return None
        return value

    def boolean(self, obj: dict[str, Any], path: str, name: str) -> bool | None:
        if name not in obj:
            return None
        value = obj[name]
        if not isinstance(value, bool):
            self.problem(f"{path}.{name}", f"expected true or false, got {_describe(value)}")
            return None
        return value

    def choice(
        self, obj: dict[str, Any], path: str, name: str, enum: type[E], *, required: bool = True
    ) -> E | None:
        value = self.field(obj, path, name, required=required)
        if name not in obj:
            return None
        allowed = [member.value for member in enum]
        if value not in allowed:
            options = ", ".join(f'"{option}"' for option in allowed)
            self.problem(f"{path}.{name}", f"expected one of {options}, got {_describe(value)}")
            return None
        return enum(value)

    def obj(self, value: object, path: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, f"expected an object, got {_describe(value)}")
            return None
        return value

    def items(
        self, obj: dict[str, Any], path: str, name: str, *, required: bool = True
    ) -> list[Any]:
        value = self.field(obj, path, name, required=required)
        if name not in obj:
            return []
        if not isinstance(value, list):
            self.problem(f"{path}.{name}", f"expected a list, got {_describe(value)}")
            return []
        return value

    def strings(self, obj: dict[str, Any], path: str, name: str) -> tuple[str, ...]:
        result: list[str] = []
        for index, value in enumerate(self.items(obj, path, name)):
            if isinstance(value, str) and value.strip():
                result.append(value)
            else:
                self.problem(
                    f"{path}.{name}[{index}]",
                    f"expected a non-empty string, got {_describe(value)}",
                )
        return tuple(result)

    def unknown_fields(self, obj: dict[str, Any], path: str, known: Iterable[str]) -> None:
        for name in obj:
            if name not in known:
                self.problem(key_path(path, name), "unknown field")

    # --- the format ---------------------------------------------------------

    def source(self, value: object, path: str) -> Source | None:
        obj = self.obj(value, path)
        if obj is None:
            return None
        self.unknown_fields(obj, path, ("title", "author", "note"))
        title = self.string(obj, path, "title")
        author = self.string(obj, path, "author", required=False)
        note = self.string(obj, path, "note", required=False)
        return Source(title=title, author=author, note=note) if title else None

    def dosage_changes(self, value: object, path: str, *, partial: bool) -> dict[str, Any] | None:
        """The dosage fields a file gives, checked; None if any is wrong."""
        obj = self.obj(value, path)
        if obj is None:
            return None
        self.unknown_fields(obj, path, DOSAGE_FIELDS)
        before = len(self.problems)
        changes: dict[str, Any] = {
            "sets": self.integer(obj, path, "sets", minimum=1, maximum=50, required=not partial),
            "reps": self.integer(obj, path, "reps", minimum=1, maximum=500, required=False),
            "hold_seconds": self.integer(obj, path, "hold_seconds", minimum=1, required=False),
            "per_side": self.boolean(obj, path, "per_side"),
            "rest_seconds": self.integer(obj, path, "rest_seconds", minimum=0, required=False),
            "switch_seconds": self.integer(obj, path, "switch_seconds", minimum=0, required=False),
            "origin": self.choice(obj, path, "origin", DosageOrigin, required=False),
            "tempo_seconds": self.integer(
                obj, path, "tempo_seconds", minimum=1, maximum=60, required=False
            ),
        }
        if "reps" in obj and "hold_seconds" in obj:
            self.problem(path, 'give either "reps" or "hold_seconds", not both')
        elif not partial and "reps" not in obj and "hold_seconds" not in obj:
            self.problem(path, 'missing field "reps" or "hold_seconds"')
        if len(self.problems) > before:
            return None
        changes = {name: value for name, value in changes.items() if value is not None}
        # Reps and a hold are alternatives: giving one clears the other.
        if "reps" in obj:
            changes["hold_seconds"] = None
        elif "hold_seconds" in obj:
            changes["reps"] = None
        return changes

    def cue(self, value: object, path: str) -> Cue | None:
        obj = self.obj(value, path)
        if obj is None:
            return None
        self.unknown_fields(obj, path, ("kind", "text"))
        kind = self.choice(obj, path, "kind", CueKind)
        text = self.string(obj, path, "text")
        return Cue(kind=kind, text=text) if kind and text else None

    def identifier(self, obj: dict[str, Any], path: str, seen: dict[str, str]) -> str | None:
        value = self.string(obj, path, "id")
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            rule = "may hold only a-z, 0-9 and '-', and must not start with '-'"
            self.problem(f"{path}.id", f"{_describe(value)} {rule}")
            return None
        if value in seen:
            self.problem(f"{path}.id", f'duplicate id "{value}" (first used at {seen[value]})')
            return None
        seen[value] = path
        return value

    def exercise(self, value: object, path: str, seen: dict[str, str]) -> Exercise | None:
        obj = self.obj(value, path)
        if obj is None:
            return None
        known = ("id", "name", "summary", "cues", "dosage", "equipment", "who", "why")
        self.unknown_fields(obj, path, (*known, "frequency", "tags", "source", "side_meaning"))
        before = len(self.problems)
        exercise_id = self.identifier(obj, path, seen)
        name = self.string(obj, path, "name")
        summary = self.string(obj, path, "summary")
        cue_values = self.items(obj, path, "cues")
        if "cues" in obj and isinstance(obj["cues"], list) and not cue_values:
            self.problem(f"{path}.cues", "must list at least one cue")
        cues = [self.cue(cue, f"{path}.cues[{i}]") for i, cue in enumerate(cue_values)]
        dosage_fields = None
        if "dosage" in obj:
            dosage_fields = self.dosage_changes(obj["dosage"], f"{path}.dosage", partial=False)
        else:
            self.problem(path, 'missing field "dosage"')
        equipment = self.strings(obj, path, "equipment")
        who = self.string(obj, path, "who")
        why = self.string(obj, path, "why")
        frequency = self.string(obj, path, "frequency")
        region, kind = self.tags(obj, path)
        source = self.source(obj["source"], f"{path}.source") if "source" in obj else None
        if "source" not in obj:
            self.problem(path, 'missing field "source"')
        side_meaning = self.string(obj, path, "side_meaning", required=False)
        if len(self.problems) > before:
            return None
        assert exercise_id and name and summary and dosage_fields and who and why and frequency
        assert region and kind and source
        return Exercise(
            id=exercise_id,
            name=name,
            summary=summary,
            cues=tuple(cue for cue in cues if cue),
            dosage=Dosage(**dosage_fields),
            equipment=equipment,
            who=who,
            why=why,
            frequency=frequency,
            region=region,
            kind=kind,
            source=source,
            side_meaning=side_meaning,
        )

    def tags(self, obj: dict[str, Any], path: str) -> tuple[str | None, ExerciseKind | None]:
        if "tags" not in obj:
            self.problem(path, 'missing field "tags"')
            return None, None
        tags = self.obj(obj["tags"], f"{path}.tags")
        if tags is None:
            return None, None
        self.unknown_fields(tags, f"{path}.tags", ("region", "kind"))
        region = self.string(tags, f"{path}.tags", "region")
        kind = self.choice(tags, f"{path}.tags", "kind", ExerciseKind)
        return region, kind

    def routine(
        self,
        value: object,
        path: str,
        seen: dict[str, str],
        find_exercise: Callable[[str], Exercise | bool | None],
    ) -> Routine | None:
        obj = self.obj(value, path)
        if obj is None:
            return None
        known = ("id", "name", "summary", "steps", "rest_between_exercises_seconds", "source")
        self.unknown_fields(obj, path, known)
        before = len(self.problems)
        routine_id = self.identifier(obj, path, seen)
        name = self.string(obj, path, "name")
        summary = self.string(obj, path, "summary")
        rest = self.integer(obj, path, "rest_between_exercises_seconds", minimum=0, required=False)
        source = self.source(obj["source"], f"{path}.source") if "source" in obj else None
        step_values = self.items(obj, path, "steps")
        if "steps" in obj and isinstance(obj["steps"], list) and not step_values:
            self.problem(f"{path}.steps", "a routine needs at least one step")
        steps = [
            self.step(step, f"{path}.steps[{i}]", find_exercise)
            for i, step in enumerate(step_values)
        ]
        if len(self.problems) > before:
            return None
        assert routine_id and name and summary
        return Routine(
            id=routine_id,
            name=name,
            summary=summary,
            steps=tuple(step for step in steps if step),
            rest_between_exercises_seconds=20 if rest is None else rest,
            source=source,
        )

    def step(
        self, value: object, path: str, find_exercise: Callable[[str], Exercise | bool | None]
    ) -> RoutineStep | None:
        obj = self.obj(value, path)
        if obj is None:
            return None
        self.unknown_fields(obj, path, ("exercise", "dosage", "note"))
        exercise_id = self.string(obj, path, "exercise")
        note = self.string(obj, path, "note", required=False)
        exercise = find_exercise(exercise_id) if exercise_id else None
        if exercise_id and exercise is None:
            self.problem(f"{path}.exercise", f"unknown exercise {_describe(exercise_id)}")
            return None
        if not isinstance(exercise, Exercise):
            return None
        overrides: dict[str, Any] = {}
        if "dosage" in obj:
            overrides = self.dosage_changes(obj["dosage"], f"{path}.dosage", partial=True) or {}
        return RoutineStep.with_overrides(exercise, overrides, note=note)


def parse_catalogue(
    text: str | bytes, label: str, *, base: Catalogue | None = None
) -> tuple[Catalogue, set[str]]:
    """Parse one file's text; with `base`, routines may use the base's exercises.

    Returns the file's own catalogue and the ids it defines; raises `CatalogueError`.
    """
    try:
        data = parse_json(text, label=label)
    except UntrustedFileError as error:
        raise CatalogueError([str(error)]) from None
    return catalogue_from_data(data, label, base=base)


def catalogue_from_data(
    data: object, label: str, *, base: Catalogue | None = None
) -> tuple[Catalogue, set[str]]:
    """Check parsed JSON as a routines file; as `parse_catalogue`, once the JSON is parsed."""
    reader = _Reader(label)
    if not isinstance(data, dict):
        raise CatalogueError([f"{label}: expected a JSON object at the top, got {_describe(data)}"])
    version = data.get("schema_version")
    if "schema_version" not in data:
        reader.problem("", 'missing field "schema_version"')
    elif isinstance(version, bool) or not isinstance(version, int):
        # 1.0 == True == 1 in Python, but a file saying 1.0 or true is not saying version 1.
        raise CatalogueError(
            [f"{label}: schema_version: expected the whole number 1, got {_describe(version)}"]
        )
    elif version != SCHEMA_VERSION:
        raise CatalogueError(
            [
                f"{label}: schema_version: unknown schema version {_describe(version)}"
                f" (this loosen reads version {SCHEMA_VERSION})"
            ]
        )
    reader.unknown_fields(data, "", ("schema_version", "exercises", "routines"))
    exercise_ids: dict[str, str] = {}
    exercises = [
        reader.exercise(value, f"exercises[{i}]", exercise_ids)
        for i, value in enumerate(reader.items(data, "", "exercises", required=False))
    ]
    own = {e.id: e for e in exercises if e}

    def find_exercise(exercise_id: str) -> Exercise | bool | None:
        """The exercise; False when the file defines it but wrongly (already reported)."""
        if exercise_id in exercise_ids and exercise_id not in own:
            return False
        return own.get(exercise_id) or (base.exercise(exercise_id) if base else None)

    routine_ids: dict[str, str] = {}
    routines = [
        reader.routine(value, f"routines[{i}]", routine_ids, find_exercise)
        for i, value in enumerate(reader.items(data, "", "routines", required=False))
    ]
    if "exercises" not in data and "routines" not in data:
        reader.problem("", 'expected "exercises" or "routines"')
    if reader.problems:
        raise CatalogueError(reader.problems)
    catalogue = Catalogue(
        exercises=tuple(e for e in exercises if e),
        routines=tuple(r for r in routines if r),
    )
    return catalogue, set(exercise_ids) | set(routine_ids)


def read_routines_data(path: Path) -> object:
    """A routines file's parsed JSON: a regular file of at most MAX_FILE_BYTES, strict JSON.

    Raises a one-line `CatalogueError` (`MissingRoutinesFileError` if there is no file).
    """
    try:
        return read_json_file(path, label=str(path), max_bytes=MAX_FILE_BYTES)
    except MissingFileError as error:
        raise MissingRoutinesFileError([str(error)]) from None
    except UntrustedFileError as error:
        raise CatalogueError([str(error)]) from None


def load_catalogue_file(path: Path, *, base: Catalogue | None = None) -> Catalogue:
    """Load one routines file; with `base`, its routines may use the base's exercises."""
    catalogue, _ = catalogue_from_data(read_routines_data(path), str(path), base=base)
    return catalogue.with_origins(str(path))


def merge(base: Catalogue, overlay: Catalogue) -> Catalogue:
    """Add the overlay's entries to the base; an overlay entry replaces a base one of equal id.

    Replaced entries keep their place in the base's order; new ones follow. A base routine
    that uses a replaced exercise is rebuilt to use the replacement, keeping its own overrides.
    """
    overlay_exercises = {e.id: e for e in overlay.exercises}
    exercises = [overlay_exercises.pop(e.id, e) for e in base.exercises]
    exercises += overlay_exercises.values()
    by_id = {e.id: e for e in exercises}

    def refreshed(routine: Routine) -> Routine:
        steps = []
        for step in routine.steps:
            exercise = by_id[step.exercise.id]
            steps.append(RoutineStep.with_overrides(exercise, dict(step.overrides), note=step.note))
        return Routine(
            id=routine.id,
            name=routine.name,
            summary=routine.summary,
            steps=tuple(steps),
            rest_between_exercises_seconds=routine.rest_between_exercises_seconds,
            source=routine.source,
        )

    overlay_routines = {r.id: r for r in overlay.routines}
    routines = [
        overlay_routines.pop(r.id) if r.id in overlay_routines else refreshed(r)
        for r in base.routines
    ]
    routines += overlay_routines.values()
    return Catalogue(
        exercises=tuple(exercises),
        routines=tuple(routines),
        origins=(*base.origins, *overlay.origins),
    )

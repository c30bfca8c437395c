"""Read and validate routines files into a `Catalogue`, reporting every problem at once.

Each problem is one line naming the file, the JSON path and what is wrong, e.g.
`my.json: routines[1].steps[0].exercise: unknown exercise "t-spin-roll"`. Files are read
through `tui.untrusted`: regular files only, at most `MAX_FILE_BYTES`, strict JSON.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

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
from tui.json_problems import TOP, expected, shown
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
DOSAGE_BOUNDS = {
    "sets": (1, 50),
    "reps": (1, 500),
    "hold_seconds": (1, 3600),
    "rest_seconds": (0, 3600),
    "switch_seconds": (0, 3600),
    "tempo_seconds": (1, 60),
}
"""The whole-number dosage fields and their (minimum, maximum)."""
REST_BETWEEN_BOUNDS = (0, 3600)
"""The bounds of a routine's `rest_between_exercises_seconds`."""
DEFAULT_REST_BETWEEN = 20
EXERCISE_FIELDS = (
    "id",
    "name",
    "summary",
    "cues",
    "dosage",
    "equipment",
    "who",
    "why",
    "frequency",
    "tags",
    "source",
    "side_meaning",
)
ROUTINE_FIELDS = ("id", "name", "summary", "steps", "rest_between_exercises_seconds", "source")
STEP_FIELDS = ("exercise", "dosage", "note")
SOURCE_FIELDS = ("title", "author", "note")
CUE_FIELDS = ("kind", "text")
TAG_FIELDS = ("region", "kind")
TOP_FIELDS = ("schema_version", "exercises", "routines")
ID_RULE = "may hold only a-z, 0-9 and '-', and must not start with '-'"


class CatalogueError(Exception):
    """A routines file could not be used; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class MissingRoutinesFileError(CatalogueError):
    """The routines file does not exist (the user's own file may well not)."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "rest_seconds"?)' for a close match among `choices`, else ''."""
    if len(word) > 100:  # a close match is then unlikely, and difflib is quadratic
        return ""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {json.dumps(found[0])}?)" if found else ""


def describe(value: object) -> str:
    """A value as the loader's messages show it: `"text"`, `5`, `null`, `a list`."""
    return _describe(value)


# Worded as every JSON check in loosen words a value (history, imports, the unfinished session).
_describe = shown


class Reader:
    """Walks one parsed file, collecting problems with their JSON paths."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[str] = []
        self.messages: list[tuple[str, str]] = []
        """Each problem as (JSON path, message), for callers that show them field by field."""

    def problem(self, path: str, message: str) -> None:
        self.messages.append((path, message))
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

    def unknown_fields(self, obj: dict[str, Any], path: str, known: tuple[str, ...]) -> None:
        for name in obj:
            if name not in known:
                self.problem(key_path(path, name), f"unknown field{did_you_mean(name, known)}")

    # --- the format ---------------------------------------------------------

    def source(self, value: object, path: str) -> Source | None:
        obj = self.obj(value, path)
        if obj is None:
            return None
        self.unknown_fields(obj, path, SOURCE_FIELDS)
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
        changes: dict[str, Any] = {}
        for name in DOSAGE_FIELDS:
            if name == "per_side":
                changes[name] = self.boolean(obj, path, name)
            elif name == "origin":
                changes[name] = self.choice(obj, path, name, DosageOrigin, required=False)
            else:
                low, high = DOSAGE_BOUNDS[name]
                required = name == "sets" and not partial
                changes[name] = self.integer(
                    obj, path, name, minimum=low, maximum=high, required=required
                )
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
        self.unknown_fields(obj, path, CUE_FIELDS)
        kind = self.choice(obj, path, "kind", CueKind)
        text = self.string(obj, path, "text")
        return Cue(kind=kind, text=text) if kind and text else None

    def identifier(self, obj: dict[str, Any], path: str, seen: dict[str, str]) -> str | None:
        value = self.string(obj, path, "id")
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            self.problem(f"{path}.id", f"{_describe(value)} {ID_RULE}")
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
        before = len(self.problems)
        self.unknown_fields(obj, path, EXERCISE_FIELDS)
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
        self.unknown_fields(tags, f"{path}.tags", TAG_FIELDS)
        region = self.string(tags, f"{path}.tags", "region")
        kind = self.choice(tags, f"{path}.tags", "kind", ExerciseKind)
        return region, kind

    def routine(
        self,
        value: object,
        path: str,
        seen: dict[str, str],
        exercises: _Exercises,
    ) -> Routine | None:
        obj = self.obj(value, path)
        if obj is None:
            return None
        before = len(self.problems)
        self.unknown_fields(obj, path, ROUTINE_FIELDS)
        routine_id = self.identifier(obj, path, seen)
        name = self.string(obj, path, "name")
        summary = self.string(obj, path, "summary")
        low, high = REST_BETWEEN_BOUNDS
        rest = self.integer(
            obj, path, "rest_between_exercises_seconds", minimum=low, maximum=high, required=False
        )
        source = self.source(obj["source"], f"{path}.source") if "source" in obj else None
        step_values = self.items(obj, path, "steps")
        if "steps" in obj and isinstance(obj["steps"], list) and not step_values:
            self.problem(f"{path}.steps", "a routine needs at least one step")
        steps = [
            self.step(step, f"{path}.steps[{i}]", exercises) for i, step in enumerate(step_values)
        ]
        # A step left out without a problem of its own uses an exercise that had problems:
        # the routine is left out too rather than used without that step.
        if len(self.problems) > before or None in steps:
            return None
        assert routine_id and name and summary
        return Routine(
            id=routine_id,
            name=name,
            summary=summary,
            steps=tuple(step for step in steps if step),
            rest_between_exercises_seconds=DEFAULT_REST_BETWEEN if rest is None else rest,
            source=source,
        )

    def step(self, value: object, path: str, exercises: _Exercises) -> RoutineStep | None:
        obj = self.obj(value, path)
        if obj is None:
            return None
        self.unknown_fields(obj, path, STEP_FIELDS)
        exercise_id = self.string(obj, path, "exercise")
        note = self.string(obj, path, "note", required=False)
        exercise = exercises.find(exercise_id) if exercise_id else None
        if exercise_id and exercise is None:
            hint = exercises.suggest(exercise_id)
            self.problem(f"{path}.exercise", f"unknown exercise {_describe(exercise_id)}{hint}")
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


class _Exercises:
    """The exercises a file's routines may use: the file's own, then the base's."""

    def __init__(self, own: dict[str, Exercise], defined: dict[str, str], base: Catalogue | None):
        self.own = own
        self.defined = defined
        self.base = base

    def find(self, exercise_id: str) -> Exercise | bool | None:
        """The exercise; False when the file defines it but wrongly (already reported)."""
        if exercise_id in self.defined and exercise_id not in self.own:
            return False
        return self.own.get(exercise_id) or (self.base.exercise(exercise_id) if self.base else None)

    def suggest(self, exercise_id: str) -> str:
        """A did-you-mean hint for an unknown exercise id, or ''."""
        base_ids = [exercise.id for exercise in self.base.exercises] if self.base else []
        return did_you_mean(exercise_id, [*self.defined, *base_ids])


class UsablePart(NamedTuple):
    """What of a file with problems can still be used."""

    catalogue: Catalogue
    problems: list[str]
    left_out: list[str]
    """The entries not used: 'routine "mine"', or their path when they have no usable id."""


def _left_out(kind: str, values: list[Any], kept: list[Any]) -> list[str]:
    found = []
    for index, (value, entry) in enumerate(zip(values, kept, strict=True)):
        if entry is None:
            entry_id = value.get("id") if isinstance(value, dict) else None
            usable = isinstance(entry_id, str) and ID_PATTERN.match(entry_id)
            found.append(f"{kind} {json.dumps(entry_id)}" if usable else f"{kind}s[{index}]")
    return found


def _read(data: object, label: str, base: Catalogue | None) -> tuple[Reader, UsablePart, set[str]]:
    """Every entry of a parsed file that has no problem of its own, and the reader's problems.

    Raises `CatalogueError` when the file as a whole can't be read as a routines file.
    """
    reader = Reader(label)
    if not isinstance(data, dict):
        raise CatalogueError([f"{label}: {expected(TOP, data)}"])
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
    reader.unknown_fields(data, "", TOP_FIELDS)
    exercise_ids: dict[str, str] = {}
    exercise_values = reader.items(data, "", "exercises", required=False)
    exercises = [
        reader.exercise(value, f"exercises[{i}]", exercise_ids)
        for i, value in enumerate(exercise_values)
    ]
    usable = _Exercises({e.id: e for e in exercises if e}, exercise_ids, base)
    routine_ids: dict[str, str] = {}
    routine_values = reader.items(data, "", "routines", required=False)
    routines = [
        reader.routine(value, f"routines[{i}]", routine_ids, usable)
        for i, value in enumerate(routine_values)
    ]
    if "exercises" not in data and "routines" not in data:
        reader.problem("", 'expected "exercises" or "routines"')
    catalogue = Catalogue(
        exercises=tuple(e for e in exercises if e),
        routines=tuple(r for r in routines if r),
    )
    left_out: list[str] = []
    if reader.problems:
        left_out = _left_out("exercise", exercise_values, exercises)
        left_out += _left_out("routine", routine_values, routines)
    part = UsablePart(catalogue, reader.problems, left_out)
    return reader, part, set(exercise_ids) | set(routine_ids)


def catalogue_from_data(
    data: object, label: str, *, base: Catalogue | None = None
) -> tuple[Catalogue, set[str]]:
    """Check parsed JSON as a routines file; as `parse_catalogue`, once the JSON is parsed."""
    reader, part, ids = _read(data, label, base)
    if reader.problems:
        raise CatalogueError(reader.problems)
    return part.catalogue, ids


def usable_part(data: object, label: str, *, base: Catalogue | None = None) -> UsablePart:
    """The entries of a parsed file that have no problems of their own, and every problem.

    An exercise or routine is kept when nothing inside it is wrong and, for a routine, when
    every exercise it uses is usable. Raises `CatalogueError` when the file as a whole is not
    a routines file (not an object, or another schema version).
    """
    return _read(data, label, base)[1]


def problems_by_path(
    data: object, label: str, *, base: Catalogue | None = None
) -> list[tuple[str, str]]:
    """Every problem of a parsed file as (JSON path, message), for editors that show them by field.

    A file that is not a routines file at all gives one problem with the path "".
    """
    try:
        reader, _, _ = _read(data, label, base)
    except CatalogueError as error:
        return [("", line) for line in error.problems]
    return reader.messages


def check_value(check: Callable[[Reader], object]) -> str | None:
    """The loader's message for one value, checked by one of its rules, or None if it is fine.

    `check` calls a rule of the reader (such as `reader.integer(...)`) with the path "".
    """
    reader = Reader("")
    check(reader)
    return reader.messages[0][1] if reader.messages else None


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

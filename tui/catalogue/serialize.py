"""Write catalogue objects back in the routines.json format, so a session can keep its plan."""

from __future__ import annotations

import json
from typing import Any

from tui.catalogue.loader import SCHEMA_VERSION, CatalogueError, parse_catalogue
from tui.catalogue.model import Dosage, Exercise, Routine, Source


def _source(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"title": source.title, "author": source.author}
    if source.note:
        data["note"] = source.note
    return data


def _dosage(dosage: Dosage) -> dict[str, Any]:
    data: dict[str, Any] = {"sets": dosage.sets}
    if dosage.hold_seconds is not None:
        data["hold_seconds"] = dosage.hold_seconds
    else:
        data["reps"] = dosage.reps
    data |= {
        "per_side": dosage.per_side,
        "rest_seconds": dosage.rest_seconds,
        "switch_seconds": dosage.switch_seconds,
        "origin": dosage.origin.value,
    }
    if dosage.tempo_seconds is not None:
        data["tempo_seconds"] = dosage.tempo_seconds
    return data


def _exercise(exercise: Exercise) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": exercise.id,
        "name": exercise.name,
        "summary": exercise.summary,
        "cues": [{"kind": cue.kind.value, "text": cue.text} for cue in exercise.cues],
        "dosage": _dosage(exercise.dosage),
        "equipment": list(exercise.equipment),
        "who": exercise.who,
        "why": exercise.why,
        "frequency": exercise.frequency,
        "tags": {"region": exercise.region, "kind": exercise.kind.value},
        "source": _source(exercise.source),
    }
    if exercise.side_meaning:
        data["side_meaning"] = exercise.side_meaning
    return data


def routine_to_data(routine: Routine) -> dict[str, Any]:
    """A self-contained routines document holding this routine and its exercises."""
    exercises: dict[str, dict[str, Any]] = {}
    steps = []
    for step in routine.steps:
        exercises.setdefault(step.exercise.id, _exercise(step.exercise))
        entry: dict[str, Any] = {"exercise": step.exercise.id, "dosage": _dosage(step.dosage)}
        if step.note:
            entry["note"] = step.note
        steps.append(entry)
    data: dict[str, Any] = {
        "id": routine.id,
        "name": routine.name,
        "summary": routine.summary,
        "rest_between_exercises_seconds": routine.rest_between_exercises_seconds,
        "steps": steps,
    }
    if routine.source:
        data["source"] = _source(routine.source)
    return {
        "schema_version": SCHEMA_VERSION,
        "exercises": list(exercises.values()),
        "routines": [data],
    }


def routine_from_data(data: dict[str, Any], label: str) -> Routine:
    """The routine in a document written by `routine_to_data`; raises `CatalogueError`."""
    catalogue, _ = parse_catalogue(json.dumps(data), label)
    if len(catalogue.routines) != 1:
        raise CatalogueError([f"{label}: routines: expected exactly one routine"])
    return catalogue.routines[0]

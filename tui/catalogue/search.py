"""Filtering the catalogue by what a person types: names, tags and equipment."""

from __future__ import annotations

from tui.catalogue.model import Exercise, Routine


def _exercise_words(exercise: Exercise) -> list[str]:
    return [exercise.id, exercise.name, exercise.region, exercise.kind.value, *exercise.equipment]


def _matches(words: list[str], query: str) -> bool:
    """True when every term of the query appears in some word (case-insensitive)."""
    haystack = " ".join(words).casefold()
    return all(term in haystack for term in query.casefold().split())


def exercise_matches(exercise: Exercise, query: str) -> bool:
    """Whether an exercise's name, tags or equipment match the query."""
    return _matches(_exercise_words(exercise), query)


def routine_matches(routine: Routine, query: str) -> bool:
    """Whether a routine's name, or the name, tags or equipment of one of its exercises, match."""
    words = [routine.id, routine.name]
    for step in routine.steps:
        words += _exercise_words(step.exercise)
    return _matches(words, query)

"""Narrowing the catalogue by category, muscle, equipment and level.

An exercise from an exercise database carries its source's category, muscles and level;
loosen's own drills have none of these, so they count by what they do have: their kind
("mobility") as their category and their region ("upper back") as their muscle. An
exercise with no equipment counts as equipment "none"; one with no level matches no level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from tui.catalogue.model import Exercise, Routine

NO_EQUIPMENT = "none"
LEVELS = ("beginner", "intermediate", "expert")
"""free-exercise-db's levels, easiest first: the order they are offered in."""


class Facet(StrEnum):
    """What the catalogue can be narrowed by."""

    CATEGORY = "category"
    MUSCLE = "muscle"
    EQUIPMENT = "equipment"
    LEVEL = "level"


def facet_values(exercise: Exercise, facet: Facet) -> tuple[str, ...]:
    """The values an exercise has for a facet (it matches a filter on any of them)."""
    if facet is Facet.CATEGORY:
        return (exercise.category or exercise.kind.value,)
    if facet is Facet.MUSCLE:
        muscles = (*exercise.primary_muscles, *exercise.secondary_muscles)
        return muscles or (exercise.region,)
    if facet is Facet.EQUIPMENT:
        return exercise.equipment or (NO_EQUIPMENT,)
    return (exercise.level,) if exercise.level else ()


class Filters(NamedTuple):
    """At most one chosen value per facet; an exercise must match all of them."""

    chosen: tuple[tuple[Facet, str], ...] = ()
    """(facet, value) pairs in the order of `Facet`."""

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.chosen)

    def value(self, facet: Facet) -> str | None:
        """The value chosen for `facet`, if any."""
        return next((value for f, value in self.chosen if f is facet), None)

    def with_value(self, facet: Facet, value: str) -> Filters:
        """These filters with `facet` set to `value` (replacing its earlier value)."""
        chosen = dict(self.chosen)
        chosen[facet] = value
        return Filters(tuple((f, chosen[f]) for f in Facet if f in chosen))

    def without(self, facet: Facet) -> Filters:
        """These filters with nothing chosen for `facet`."""
        return Filters(tuple((f, value) for f, value in self.chosen if f is not facet))

    def toggled(self, facet: Facet, value: str) -> Filters:
        """`value` set for `facet`, or unset when it was the value already chosen."""
        if self.value(facet) == value:
            return self.without(facet)
        return self.with_value(facet, value)

    def keeps(self, exercise: Exercise) -> bool:
        """Whether the exercise matches every chosen filter."""
        return all(value in facet_values(exercise, facet) for facet, value in self.chosen)

    def keeps_routine(self, routine: Routine) -> bool:
        """Whether one of the routine's exercises matches every chosen filter."""
        return not self.chosen or any(self.keeps(step.exercise) for step in routine.steps)

    def describe(self) -> str:
        """The chosen filters in words: 'muscle lats · level beginner'."""
        return " · ".join(f"{facet.value} {value}" for facet, value in self.chosen)


class Choice(NamedTuple):
    """A value a facet can be set to, and how many exercises it would leave."""

    facet: Facet
    value: str
    matching: int
    """How many exercises choosing it would show."""
    chosen: bool


def _order(facet: Facet, value: str) -> tuple[int, str]:
    if facet is Facet.LEVEL and value in LEVELS:
        return (LEVELS.index(value), value)
    return (len(LEVELS), value)


def choices(exercises: Iterable[Exercise], filters: Filters) -> list[Choice]:
    """Every value of every facet found among the exercises, with the number each would leave.

    A value's count is the exercises that have it and match the filters chosen for the other
    facets, so it says what choosing it would show. Values are listed facet by facet, levels
    from easiest, everything else alphabetically.
    """
    exercises = list(exercises)
    result: list[Choice] = []
    for facet in Facet:
        others = filters.without(facet)
        counts: Counter[str] = Counter()
        for exercise in exercises:
            values = facet_values(exercise, facet)
            if values and others.keeps(exercise):
                counts.update(set(values))
        for exercise in exercises:  # values the other filters hide still get offered
            counts.update({value: 0 for value in facet_values(exercise, facet)})
        chosen = filters.value(facet)
        for value in sorted(counts, key=lambda v: _order(facet, v)):
            result.append(Choice(facet, value, counts[value], value == chosen))
    return result


def narrowed(exercises: Sequence[Exercise], filters: Filters) -> list[Exercise]:
    """The exercises that match the filters, in their order."""
    return [exercise for exercise in exercises if filters.keeps(exercise)]

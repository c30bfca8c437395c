"""The catalogue as a person narrows it: a search and filters over routines and exercises."""

from __future__ import annotations

from tui.catalogue.filters import Filters
from tui.catalogue.model import Catalogue, Exercise, Routine
from tui.catalogue.search import SearchIndex, exercise_index, routine_index


class Browser:
    """What the catalogue's lists show: everything, or what the search and filters leave."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.search_text = ""
        self.filters = Filters()
        # By id, the first of an id winning as in Catalogue.exercise (reversed: the last
        # written wins in a dict).
        self.exercises = {e.id: e for e in reversed(catalogue.exercises)}
        self.routines = {r.id: r for r in reversed(catalogue.routines)}
        self._exercise_index: SearchIndex[Exercise] | None = None
        self._routine_index: SearchIndex[Routine] | None = None

    @property
    def narrowed(self) -> bool:
        """Whether a search or a filter hides anything."""
        return bool(self.search_text.strip()) or self.filters.active

    def matching(self) -> tuple[list[Routine], list[Exercise]]:
        """The routines and exercises the search and filters leave, best matches first."""
        if not self.narrowed:
            return list(self.catalogue.routines), list(self.catalogue.exercises)
        routines, exercises = self.prepare_search()
        filters = self.filters
        return (
            routines.search(self.search_text, filters.keeps_routine),
            exercises.search(self.search_text, filters.keeps if filters.active else None),
        )

    def prepare_search(self) -> tuple[SearchIndex[Routine], SearchIndex[Exercise]]:
        """The search indexes, made the first time they are needed (not at start-up)."""
        if self._routine_index is None or self._exercise_index is None:
            self._routine_index = routine_index(self.catalogue.routines)
            self._exercise_index = exercise_index(self.catalogue.exercises)
        return self._routine_index, self._exercise_index

    def title(self, name: str, shown: int, total: int) -> str:
        """A list's title with its count: 'Exercises 873', or 'Exercises 16 of 873'."""
        return f"{name} {shown} of {total}" if self.narrowed else f"{name} {total}"

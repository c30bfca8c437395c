"""Finding exercises and routines by what a person types, best matches first.

Every term of the query must appear somewhere: in the name, the muscles, the equipment, the
tags (region, kind, category, level) or the id. Matches are ranked by where they were found:
the name starting with the query, then every term starting a word of the name, then terms
starting a muscle's word, then anywhere else. Words are compared without punctuation and
case ("t spine" starts "T-Spine Rotation"). Within a rank the catalogue's own order
is kept. The words of each entry are prepared once (`SearchIndex`), so a search per key
typed only compares strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from typing import Generic, NamedTuple, TypeVar

from tui.catalogue.model import Exercise, Routine

T = TypeVar("T")

_SEPARATORS = re.compile(r"[\W_]+")


class Rank(IntEnum):
    """Where a query matched an entry: lower is better."""

    NAME_PREFIX = 0
    NAME_WORD = 1
    MUSCLE = 2
    OTHER = 3


def words(text: str) -> str:
    """The words of `text`, casefolded, each after a space: 'T-Spine 90/90' -> ' t spine 90 90'."""
    return "".join(" " + word for word in _SEPARATORS.split(text.casefold()) if word)


class SearchEntry(NamedTuple):
    """An entry's text, prepared for searching."""

    name_words: str
    """The name as `words` gives it, to find terms at the start of a word."""
    muscle_words: str
    everything: str
    """Every searchable field, casefolded and joined, to find a term anywhere."""


class Query(NamedTuple):
    """What was typed, split into terms, ready to compare."""

    terms: tuple[str, ...]
    term_words: tuple[str, ...]
    """Each term as `words` gives it ('' for a term of punctuation only)."""
    whole_words: str

    @classmethod
    def parse(cls, text: str) -> Query:
        """The query for `text` (terms separated by white space; case is ignored)."""
        terms = tuple(text.casefold().split())
        return cls(terms, tuple(words(term) for term in terms), words(text))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def rank(self, entry: SearchEntry) -> Rank | None:
        """How well `entry` matches, or None when some term is found nowhere in it."""
        everything = entry.everything
        for term in self.terms:
            if term not in everything:
                return None
        if self.whole_words and entry.name_words.startswith(self.whole_words):
            return Rank.NAME_PREFIX
        rank = Rank.NAME_WORD
        for term_words in self.term_words:
            if term_words and term_words in entry.name_words:
                continue
            if term_words and term_words in entry.muscle_words:
                rank = max(rank, Rank.MUSCLE)
            else:
                rank = Rank.OTHER
        return rank


def _fields(exercise: Exercise) -> list[str]:
    return [
        exercise.id,
        exercise.name,
        exercise.region,
        exercise.kind.value,
        exercise.category or "",
        exercise.level or "",
        *exercise.equipment,
        *exercise.primary_muscles,
        *exercise.secondary_muscles,
    ]


def _muscles(exercise: Exercise) -> Iterable[str]:
    return (*exercise.primary_muscles, *exercise.secondary_muscles)


def exercise_entry(exercise: Exercise) -> SearchEntry:
    """An exercise's name, muscles and every other searchable field."""
    return SearchEntry(
        name_words=words(exercise.name),
        muscle_words=words(" ".join(_muscles(exercise))),
        everything="\n".join(_fields(exercise)).casefold(),
    )


def routine_entry(routine: Routine) -> SearchEntry:
    """A routine's name, and the muscles and other fields of its exercises."""
    exercises = [step.exercise for step in routine.steps]
    fields = [routine.id, routine.name]
    for exercise in exercises:
        fields += _fields(exercise)
    return SearchEntry(
        name_words=words(routine.name),
        muscle_words=words(" ".join(m for e in exercises for m in _muscles(e))),
        everything="\n".join(fields).casefold(),
    )


class SearchIndex(Generic[T]):
    """Entries with their text prepared once, searched for each key typed."""

    def __init__(self, items: Sequence[T], entry: Callable[[T], SearchEntry]) -> None:
        self.items = tuple(items)
        self.entries = tuple(entry(item) for item in self.items)
        self._last: tuple[Query, Callable[[T], bool] | None, list[int]] | None = None
        """The last search: its query, its `keep` and the positions it matched."""

    def _candidates(self, query: Query, keep: Callable[[T], bool] | None) -> Iterable[int]:
        """Where matches can be: a query that only adds to the last one matches a subset."""
        if self._last is not None:
            last_query, last_keep, matched = self._last
            if keep == last_keep and all(
                any(old in new for new in query.terms) for old in last_query.terms
            ):
                return matched
        return range(len(self.items))

    def search(self, text: str, keep: Callable[[T], bool] | None = None) -> list[T]:
        """The items that match `text` (all when it is blank) and `keep`, best first."""
        query = Query.parse(text)
        items, entries = self.items, self.entries
        ranked: list[tuple[Rank, int]] = []
        for position in self._candidates(query, keep):
            if keep is not None and not keep(items[position]):
                continue
            rank = query.rank(entries[position]) if query else Rank.NAME_PREFIX
            if rank is not None:
                ranked.append((rank, position))
        ranked.sort()
        self._last = (query, keep, sorted(position for _rank, position in ranked))
        return [items[position] for _rank, position in ranked]


def exercise_index(exercises: Sequence[Exercise]) -> SearchIndex[Exercise]:
    """A search index over exercises."""
    return SearchIndex(exercises, exercise_entry)


def routine_index(routines: Sequence[Routine]) -> SearchIndex[Routine]:
    """A search index over routines."""
    return SearchIndex(routines, routine_entry)


def exercise_matches(exercise: Exercise, query: str) -> bool:
    """Whether an exercise's name, muscles, tags or equipment match the query."""
    return Query.parse(query).rank(exercise_entry(exercise)) is not None or not query.split()


def routine_matches(routine: Routine, query: str) -> bool:
    """Whether a routine's name, or the fields of one of its exercises, match the query."""
    return Query.parse(query).rank(routine_entry(routine)) is not None or not query.split()

"""The library's exercises in the catalogue, so routines can use them like any other."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tui.catalogue.loader import CatalogueError
from tui.catalogue.model import Catalogue, Exercise
from tui.library.layout import library_file
from tui.locations import data_dir as default_data_dir

if TYPE_CHECKING:
    from tui.library.shelf import Library

RESET_HINT = "`loosen library reset` sets it aside"


def library_exercises(library: Library) -> tuple[Exercise, ...]:
    """Every exercise in the library, once each: a later section's copy of an id wins."""
    from tui.library.exercises import to_exercise

    by_id: dict[str, Exercise] = {}
    for section in library.sections:
        for record in section.records:
            by_id[record.id] = to_exercise(record, section.format)
    return tuple(by_id.values())


def add_exercises(catalogue: Catalogue, exercises: tuple[Exercise, ...]) -> Catalogue:
    """The catalogue with these exercises after its own (never replacing one of its ids)."""
    known = {exercise.id for exercise in catalogue.exercises}
    extra = tuple(exercise for exercise in exercises if exercise.id not in known)
    return catalogue._replace(exercises=catalogue.exercises + extra)


def with_library(catalogue: Catalogue, data_dir: Path | None = None) -> Catalogue:
    """The catalogue plus the library kept in the data dir (the usual one if not given).

    Without a library file this costs one stat (the library's modules are not even
    imported); with one, the exercises come from the cache made from it
    (tui.library.cache) unless the file changed since. A damaged library raises
    `CatalogueError` with one line that names the file and says how to set it aside.
    """
    directory = default_data_dir(data_dir)
    path = library_file(directory)
    if not path.exists():
        return catalogue
    from tui.library.cache import cached

    extended = add_exercises(catalogue, cached(path, partial(_read_exercises, directory)))
    return extended.with_origins(*catalogue.origins, str(path))


def _read_exercises(directory: Path) -> tuple[Exercise, ...]:
    """The library's exercises read from its file, every field checked."""
    from tui.library.record import LibraryError
    from tui.library.shelf import read_library

    try:
        library = read_library(directory)
    except LibraryError as error:
        raise CatalogueError([f"{error} ({RESET_HINT})"]) from None
    return library_exercises(library)

"""Where the catalogue comes from: the built-in file, the user's own file, or one given."""

from __future__ import annotations

from pathlib import Path

from tui.catalogue.loader import MissingRoutinesFileError, load_catalogue_file, merge
from tui.catalogue.model import Catalogue
from tui.library.catalogue import with_library
from tui.locations import user_routines_file


def builtin_routines_file() -> Path:
    """The built-in routines.json, wherever and however loosen is installed.

    A wheel carries a copy inside the package; a source checkout (and an editable
    install) reads the top-level file, which is the one source of truth. (Paths rather
    than importlib.resources, which costs 3 ms to import: loosen is never run from a zip.)
    """
    package_dir = Path(__file__).resolve().parents[1]
    packaged = package_dir / "routines.json"
    if packaged.is_file():
        return packaged
    return package_dir.parent / "routines.json"


def load_catalogue(routines_file: Path | None = None, *, data: Path | None = None) -> Catalogue:
    """The catalogue to use: `routines_file` alone if given, else built-in plus user file.

    A given file's routines may still use built-in exercises; those then appear too. The
    exercise library in the data dir `data` (default: the usual one) counts as built-in.

    Raises `CatalogueError` with one line per problem in whichever file is wrong.
    """
    builtin = with_library(load_catalogue_file(builtin_routines_file()), data)
    if routines_file is not None:
        return with_used_exercises(load_catalogue_file(routines_file, base=builtin))
    try:
        user = load_catalogue_file(user_routines_file(), base=builtin)
    except MissingRoutinesFileError:
        return builtin
    return merge(builtin, user)


def check_routines_file(path: Path, *, data: Path | None = None) -> Catalogue:
    """Validate a file as loosen would use it: its routines may use built-in and library ones."""
    base = with_library(load_catalogue_file(builtin_routines_file()), data)
    return load_catalogue_file(path, base=base)


def with_used_exercises(catalogue: Catalogue) -> Catalogue:
    """The catalogue plus any exercise its routines use that it does not define itself."""
    exercises = list(catalogue.exercises)
    known = {exercise.id for exercise in exercises}
    for routine in catalogue.routines:
        for step in routine.steps:
            if step.exercise.id not in known:
                known.add(step.exercise.id)
                exercises.append(step.exercise)
    return catalogue._replace(exercises=tuple(exercises))

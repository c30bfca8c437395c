"""Where the catalogue comes from: the built-in file, the user's own file, or one given."""

from __future__ import annotations

from pathlib import Path

from tui.catalogue.loader import (
    CatalogueError,
    MissingRoutinesFileError,
    load_catalogue_file,
    merge,
    read_routines_data,
    usable_part,
)
from tui.catalogue.model import Catalogue, FileProblems
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


def builtin_catalogue(data: Path | None = None) -> Catalogue:
    """The built-in routines plus the exercise library in the data dir `data`.

    This is the base the user's own file is read against. Raises `CatalogueError` (a
    damaged library) with one line naming the file.
    """
    return with_library(load_catalogue_file(builtin_routines_file()), data)


def load_catalogue(routines_file: Path | None = None, *, data: Path | None = None) -> Catalogue:
    """The catalogue to use: `routines_file` alone if given, else built-in plus user file.

    A given file's routines may still use built-in exercises; those then appear too. The
    exercise library in the data dir `data` (default: the usual one) counts as built-in.

    A given file is strict: any problem raises `CatalogueError`, one line per problem. The
    user's own file never locks anyone out: what of it is wrong is left out and described
    in the catalogue's `problems`, and the rest is used.
    """
    builtin = builtin_catalogue(data)
    if routines_file is not None:
        return with_used_exercises(load_catalogue_file(routines_file, base=builtin))
    return with_user_file(builtin, user_routines_file())


def with_user_file(builtin: Catalogue, path: Path) -> Catalogue:
    """The built-in catalogue with the usable part of the user's file at `path` merged over."""
    try:
        part = usable_part(read_routines_data(path), str(path), base=builtin)
    except MissingRoutinesFileError:
        return builtin
    except CatalogueError as error:
        problem = FileProblems(str(path), tuple(error.problems), whole_file=True)
        return builtin._replace(problems=(problem,))
    merged = merge(builtin, part.catalogue.with_origins(str(path)))
    if not part.problems:
        return merged
    problem = FileProblems(str(path), tuple(part.problems), tuple(part.left_out))
    return merged._replace(problems=(problem,))


def check_routines_file(path: Path, *, data: Path | None = None) -> Catalogue:
    """Validate a file as loosen would use it: its routines may use built-in and library ones."""
    return load_catalogue_file(path, base=builtin_catalogue(data))


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

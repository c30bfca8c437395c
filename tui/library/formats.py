"""Which exercise database a file comes from, and converting it with the right reader."""

from __future__ import annotations

from tui.library import free_exercise_db, wger
from tui.library.record import Conversion, LibraryError

FORMATS = (free_exercise_db.NAME, wger.NAME)


def sniff(data: object) -> str | None:
    """The format of parsed JSON: free-exercise-db, wger, or None when it is neither."""
    if free_exercise_db.is_free_exercise_db(data):
        return free_exercise_db.NAME
    if wger.is_wger(data):
        return wger.NAME
    return None


def _not_recognised(data: object, label: str) -> LibraryError:
    if isinstance(data, dict) and "schema_version" in data:
        return LibraryError(
            f"{label}: a loosen routines file, not an exercise database;"
            " check it with `loosen check` and put it in your config dir"
        )
    expected = "a free-exercise-db list of exercises or wger exerciseinfo JSON"
    return LibraryError(f"{label}: not an exercise database loosen knows: expected {expected}")


def convert(
    data: object, label: str, file_format: str | None = None, language: int = wger.ENGLISH
) -> tuple[str, Conversion]:
    """The format and the records of parsed JSON; sniffs the format when not given.

    Raises `LibraryError` (one line naming the file and record) at the first problem.
    """
    chosen = file_format or sniff(data)
    if chosen == free_exercise_db.NAME:
        return chosen, free_exercise_db.convert(data, label)
    if chosen == wger.NAME:
        return chosen, wger.convert(data, label, language)
    if chosen is None:
        raise _not_recognised(data, label)
    raise LibraryError(f"{label}: unknown format {chosen!r}; known: {', '.join(FORMATS)}")

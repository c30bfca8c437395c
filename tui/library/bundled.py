"""The stretching and mobility set that ships with loosen, off until the user adds it.

`data/free-exercise-db-stretches.json` holds free-exercise-db's 123 exercises of category
"stretching" and four upper-body mobility drills (band pull-aparts, external and internal
rotation with a band, scapular pull-ups), taken from yuhonas/free-exercise-db at commit
acd61f7 with only the fields loosen uses. The data is in the public domain (Unlicense).
"""

from __future__ import annotations

from pathlib import Path

from tui.library import free_exercise_db
from tui.library.reading import read_json
from tui.library.record import Conversion

BUILTIN_STRETCHES = "builtin-stretches"
BUNDLED_SETS = (BUILTIN_STRETCHES,)
ORIGIN = "bundled with loosen (free-exercise-db)"


def stretches_file() -> Path:
    """The bundled set's file inside the package."""
    return Path(__file__).resolve().parent / "data" / "free-exercise-db-stretches.json"


def bundled_stretches() -> Conversion:
    """The bundled set as records, read through the same checks as an imported file."""
    path = stretches_file()
    return free_exercise_db.convert(read_json(path, 1_000_000), str(path))

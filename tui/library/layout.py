"""Where the library lives inside the data dir.

    data_dir/library/
      library.json     the imported exercises, one section per source (see tui.library.shelf)
      catalogue-cache.json  those exercises ready for the catalogue (tui.library.cache)
      lock             held with flock while a `loosen library` command changes the file

The library is data the user imported, possibly thousands of exercises, and not meant to be
edited by hand, so it lives with history in the data dir rather than in the config dir
beside the user's own routines.json.
"""

from __future__ import annotations

from pathlib import Path

LIBRARY_DIR = "library"
LIBRARY_FILE = "library.json"
LOCK = "lock"


def library_dir(data_dir: Path) -> Path:
    """The library's own directory inside the data dir."""
    return data_dir / LIBRARY_DIR


def library_file(data_dir: Path) -> Path:
    """The file holding the library's exercises."""
    return data_dir / LIBRARY_DIR / LIBRARY_FILE

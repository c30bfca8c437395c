"""Where loosen keeps its configuration and data on this machine."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "loosen"
DATA_DIR_VARIABLE = "LOOSEN_DATA_DIR"


def config_dir() -> Path:
    """The user's config dir for loosen (XDG_CONFIG_HOME/loosen on Linux)."""
    return user_config_path(APP_NAME, appauthor=False)


def user_routines_file() -> Path:
    """The user's own routines file, merged over the built-in catalogue."""
    return config_dir() / "routines.json"


def data_dir(explicit: Path | None = None) -> Path:
    """The data dir: the one given, else $LOOSEN_DATA_DIR, else the user data dir."""
    if explicit is not None:
        return explicit
    from_environment = os.environ.get(DATA_DIR_VARIABLE)
    if from_environment:
        return Path(from_environment).expanduser()
    return user_data_path(APP_NAME, appauthor=False)

"""Preparing the data dir: creating it privately, checking it is writable, tidying it."""

from __future__ import annotations

import os
from pathlib import Path

from tui.storage.atomic import is_temp_name, temp_name
from tui.storage.errors import StoreError

DIR_MODE = 0o700


def make_private_dir(path: Path) -> None:
    """Create `path` and any missing parents, each with mode 0700 whatever the umask.

    An existing dir keeps its mode: the user may have chosen it.
    """
    missing: list[Path] = []
    ancestor = path
    try:
        while not ancestor.is_dir():
            if ancestor.exists() or ancestor.is_symlink():
                where = "it" if ancestor == path else str(ancestor)
                raise StoreError(f"cannot use {path}: {where} is not a directory")
            missing.append(ancestor)
            if ancestor.parent == ancestor:
                break
            ancestor = ancestor.parent
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreError(f"cannot use {path}: {ancestor}: {reason}") from None
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not directory.is_dir():
                raise StoreError(f"cannot use {path}: {directory} is not a directory") from None
            continue  # made by someone else meanwhile: theirs to set
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(f"cannot create the directory {directory}: {reason}") from None
        try:
            os.chmod(directory, DIR_MODE)  # mkdir's mode is filtered by the umask
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(f"cannot make {directory} private: {reason}") from None


def check_can_write(path: Path) -> None:
    """Raise StoreError unless a file can be created in the dir `path`."""
    probe = temp_name(path / "probe")
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        probe.unlink()
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreError(f"cannot write in the data dir {path}: {reason}") from None


def remove_leftover_temps(directory: Path) -> list[Path]:
    """Delete temp files left by writes that were killed; returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(directory.iterdir())
    except FileNotFoundError:
        return removed
    for entry in entries:
        if is_temp_name(entry.name) and entry.is_file():
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed

"""The one-writer lock on a data dir."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from tui.storage.atomic import FILE_MODE
from tui.storage.errors import StoreError


class DirLock:
    """An exclusive flock on `data_dir/lock`, tried once without waiting.

    flock belongs to the open file description, so the kernel drops it when the
    process dies however it dies (a dropped SSH session runs no clean-up), and a
    second open of the file, even in the same process, does not share it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.held = False

    @classmethod
    def try_acquire(cls, path: Path) -> DirLock:
        """Open the lock file and try to take the lock; `held` says whether we got it."""
        lock = cls(path)
        try:
            try:
                lock._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC)
                os.fchmod(lock._fd, FILE_MODE)
            except FileExistsError:
                lock._fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
        except OSError as error:
            raise StoreError(f"cannot use {path.parent}: {error.strerror} ({path})") from None
        try:
            fcntl.flock(lock._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            lock.held = True
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                lock.release()
                raise StoreError(f"cannot lock {path}: {error.strerror}") from None
        return lock

    def release(self) -> None:
        """Drop the lock (if held) and close the file; safe to call twice."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self.held = False

"""The exceptions the storage layer raises."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The data dir cannot be used; the message is one line, fit to show the user."""


# The name the CLI was written against; both spellings are the same class.
StorageError = StoreError


class ReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only because another loosen holds it."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(f"another loosen is using {data_dir}; history is read-only here")
        self.data_dir = data_dir


class DamagedFileError(StoreError):
    """A data file is not valid JSON or not shaped like a TinyDB file (an object of tables)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.path} is damaged: {self.reason}")


class InvalidRecordError(StoreError, ValueError):
    """A record handed to the store does not have the documented shape (see storage.types)."""

    def __init__(self, errors: list[str], what: str = "session record") -> None:
        self.errors = errors
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"invalid {what}: {errors[0]}{more}")


class ImportFileError(Exception):
    """An import file is unusable; each error names the file and the JSON path at fault."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))

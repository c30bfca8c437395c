"""One imported exercise as its source describes it, and reading fields from foreign files."""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from tui.catalogue.model import Dosage

MAX_NAME = 200
MAX_STEP = 2_000
MAX_STEPS = 40
MAX_WORD = 100
"""Longest category, muscle, equipment, level or licence name."""
MAX_WORDS = 30
MAX_SOURCE_ID = 100

# Control characters other than whitespace are dropped on import (ESC, BEL, NUL, C1...);
# whitespace, newlines included, becomes single spaces. Markup is kept as it is: the UI
# shows every text literally.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class LibraryError(Exception):
    """A file or command the library cannot use; the message is one line naming the file."""


class LibraryRecord(NamedTuple):
    """An exercise from an exercise database, with the facts loosen keeps of it."""

    id: str
    """loosen's id, derived from the source and the source's own id ("fedb-arm-circles")."""
    source_id: str
    name: str
    steps: tuple[str, ...]
    """The source's instructions, in order."""
    category: str
    primary_muscles: tuple[str, ...] = ()
    secondary_muscles: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    level: str | None = None
    license: str | None = None
    license_url: str | None = None
    authors: tuple[str, ...] = ()
    dosage: Dosage | None = None
    """loosen's choice of dosage (the sources give none), made once when imported."""
    setup_steps: int | None = None
    """How many of the first steps are set-up rather than movement, decided on import."""


class Conversion(NamedTuple):
    """What a foreign file held: the records, and why some entries were left out."""

    records: tuple[LibraryRecord, ...]
    skipped: tuple[str, ...] = ()


def quoted(value: str, limit: int = 40) -> str:
    """A string for an error message: in quotes, cut short."""
    return json.dumps(value if len(value) <= limit else value[: limit - 3] + "...")


def describe(value: object) -> str:
    """What a JSON value is, for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quoted(value, 30)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, int) and abs(value) >= 10**30:
        return "a huge number"
    return json.dumps(value)


def join(path: str, key: str) -> str:
    """The JSON path of `key` inside the object at `path` ("" is the top)."""
    return f"{path}.{key}" if path else key


def slug(text: str) -> str:
    """Lowercase letters, digits and single hyphens: 'Back_Flyes_-_With' -> 'back-flyes-with'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Fields:
    """Reads typed fields from one foreign file, raising `LibraryError` at the first problem."""

    def __init__(self, label: str) -> None:
        self.label = label

    def fail(self, path: str, message: str) -> LibraryError:
        """The error for a problem at `path` (a JSON path such as `[12].name`)."""
        return LibraryError(
            f"{self.label}: {path}: {message}" if path else f"{self.label}: {message}"
        )

    def obj(self, value: object, path: str) -> dict[str, Any]:
        """`value` as a JSON object."""
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, got {describe(value)}")
        return value

    def items(self, obj: dict[str, Any], path: str, key: str, *, limit: int) -> list[Any]:
        """The list at `key`, empty when missing or null."""
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(join(path, key), f"expected a list, got {describe(value)}")
        if len(value) > limit:
            raise self.fail(join(path, key), f"more than {limit} entries")
        return value

    def clean(self, value: object, path: str, limit: int) -> str:
        """A string with control characters dropped and whitespace collapsed ('' if blank)."""
        if not isinstance(value, str):
            raise self.fail(path, f"expected a string, got {describe(value)}")
        if len(value) > limit * 4 + 1_000:  # bound the work before cleaning
            raise self.fail(path, f"longer than {limit} characters")
        if _SURROGATE.search(value):
            raise self.fail(path, "not valid Unicode (a lone surrogate)")
        text = " ".join(_CONTROL.sub("", value).split())
        if len(text) > limit:
            raise self.fail(path, f"longer than {limit} characters")
        return text

    def text(self, obj: dict[str, Any], path: str, key: str, limit: int = MAX_WORD) -> str:
        """A required non-empty string."""
        if key not in obj:
            raise self.fail(path, f'missing field "{key}"')
        text = self.clean(obj[key], f"{path}.{key}", limit)
        if not text:
            raise self.fail(
                f"{path}.{key}", f"expected a non-empty string, got {describe(obj[key])}"
            )
        return text

    def optional_text(
        self, obj: dict[str, Any], path: str, key: str, limit: int = MAX_WORD
    ) -> str | None:
        """A string that may be missing, null or blank (all read as None)."""
        value = obj.get(key)
        if value is None:
            return None
        return self.clean(value, f"{path}.{key}", limit) or None

    def words(self, values: list[Any], path: str) -> tuple[str, ...]:
        """Short names (muscles, equipment), lowercased, blanks and repeats dropped."""
        result: list[str] = []
        for index, value in enumerate(values):
            word = self.clean(value, f"{path}[{index}]", MAX_WORD).lower()
            if word and word not in result:
                result.append(word)
        return tuple(result)

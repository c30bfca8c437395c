"""wger's exercise data (the `exerciseinfo` API: github.com/wger-project/wger) to records.

A file is one page of the API, `{"count", "next", "previous", "results": [...]}`, or a
list of its results. Each result is an exercise: `id`, `uuid`, `category` `{id, name}`,
`muscles` and `muscles_secondary` (`{id, name, name_en, ...}`), `equipment` (`{id,
name}`), `license` `{id, full_name, short_name, url}`, `license_author`, and
`translations`, one per language: `{id, uuid, name, description (HTML), language (an
id: 2 is English), license_author, author_history, ...}`. wger's texts are shared under
CC-BY-SA; each exercise credits its own authors.
"""

from __future__ import annotations

from typing import Any

from tui.library.html_text import paragraphs
from tui.library.record import (
    MAX_NAME,
    MAX_STEP,
    MAX_STEPS,
    MAX_WORD,
    MAX_WORDS,
    Conversion,
    Fields,
    LibraryRecord,
    describe,
    quoted,
)

NAME = "wger"
ID_PREFIX = "wger-"
ENGLISH = 2
MAX_EXERCISES = 20_000
MAX_TRANSLATIONS = 200
MAX_DESCRIPTION = 50_000
MAX_AUTHORS = 50
_NO_EQUIPMENT = {"none (bodyweight exercise)", "none"}


def is_wger(data: object) -> bool:
    """Whether parsed JSON looks like wger's exerciseinfo: a page with results, or its results."""
    if isinstance(data, dict):
        return "results" in data
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and ("translations" in data[0] or isinstance(data[0].get("category"), dict))
    )


def convert(data: object, label: str, language: int = ENGLISH) -> Conversion:
    """The records in parsed exerciseinfo JSON, in the translation for `language`.

    Raises `LibraryError` at the first problem. Exercises with no translation in that
    language, or whose description is empty, are left out and listed in `skipped`.
    """
    fields = Fields(label)
    if isinstance(data, dict):
        results = fields.items(data, "", "results", limit=MAX_EXERCISES)
        if "results" not in data:
            raise fields.fail("", 'expected wger exerciseinfo: an object with "results"')
        prefix = "results"
    elif isinstance(data, list):
        if len(data) > MAX_EXERCISES:
            raise fields.fail("", f"more than {MAX_EXERCISES} exercises")
        results, prefix = data, ""
    else:
        raise fields.fail("", "expected wger exerciseinfo: an object with results, or a list")
    records: list[LibraryRecord] = []
    skipped: list[str] = []
    first_seen: dict[str, str] = {}
    for index, value in enumerate(results):
        path = f"{prefix}[{index}]"
        record, reason = _record(fields, value, path, language)
        if record.id in first_seen:
            raise fields.fail(
                f"{path}.id", f"duplicate id {record.source_id} (first at {first_seen[record.id]})"
            )
        first_seen[record.id] = path
        if reason:
            skipped.append(f"{path} {quoted(record.name)}: {reason}")
        else:
            records.append(record)
    return Conversion(tuple(records), tuple(skipped))


def _identifier(fields: Fields, obj: dict[str, Any], path: str) -> int:
    value = obj.get("id")
    if "id" not in obj:
        raise fields.fail(path, 'missing field "id"')
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**12:
        raise fields.fail(f"{path}.id", f"expected a whole number from 0, got {describe(value)}")
    return value


def _names(fields: Fields, obj: dict[str, Any], path: str, key: str) -> tuple[str, ...]:
    """Muscle or equipment names; a muscle's everyday English name when it has one."""
    names: list[str] = []
    for index, item in enumerate(fields.items(obj, path, key, limit=MAX_WORDS)):
        where = f"{path}.{key}[{index}]"
        entry = fields.obj(item, where)
        name = fields.optional_text(entry, where, "name_en") or fields.text(entry, where, "name")
        names.append(name)
    return fields.words(names, f"{path}.{key}")


def _translation(
    fields: Fields, obj: dict[str, Any], path: str, language: int
) -> tuple[dict[str, Any], str] | None:
    translations = fields.items(obj, path, "translations", limit=MAX_TRANSLATIONS)
    if "translations" not in obj:
        raise fields.fail(path, 'missing field "translations"')
    chosen = None
    for index, item in enumerate(translations):
        where = f"{path}.translations[{index}]"
        entry = fields.obj(item, where)
        code = entry.get("language")
        if isinstance(code, bool) or not isinstance(code, int):
            raise fields.fail(f"{where}.language", f"expected a language id, got {describe(code)}")
        if code == language and chosen is None:
            chosen = (entry, where)
    return chosen


def _authors(
    fields: Fields, exercise: dict[str, Any], translation: dict[str, Any], path: str, where: str
) -> tuple[str, ...]:
    names: list[str] = []
    for obj, at in ((translation, where), (exercise, path)):
        author = fields.optional_text(obj, at, "license_author", MAX_NAME)
        if author:
            names.append(author)
    history = fields.items(translation, where, "author_history", limit=MAX_AUTHORS)
    names += (
        fields.clean(name, f"{where}.author_history[{i}]", MAX_NAME)
        for i, name in enumerate(history)
    )
    return tuple(dict.fromkeys(name for name in names if name))


def _record(
    fields: Fields, value: object, path: str, language: int
) -> tuple[LibraryRecord, str | None]:
    obj = fields.obj(value, path)
    number = _identifier(fields, obj, path)
    category = fields.obj(obj.get("category"), f"{path}.category")
    license_ = fields.obj(obj.get("license"), f"{path}.license")
    license_name = fields.optional_text(license_, f"{path}.license", "short_name", MAX_WORD)
    license_name = license_name or fields.text(license_, f"{path}.license", "full_name", MAX_WORD)
    chosen = _translation(fields, obj, path, language)
    base = LibraryRecord(
        id=f"{ID_PREFIX}{number}",
        source_id=str(number),
        name=f"exercise {number}",
        steps=(),
        category=fields.text(category, f"{path}.category", "name").lower(),
        primary_muscles=_names(fields, obj, path, "muscles"),
        secondary_muscles=_names(fields, obj, path, "muscles_secondary"),
        equipment=tuple(
            name for name in _names(fields, obj, path, "equipment") if name not in _NO_EQUIPMENT
        ),
        license=license_name,
        license_url=fields.optional_text(license_, f"{path}.license", "url", MAX_STEP),
    )
    if chosen is None:
        return base, f"no translation in language {language}"
    translation, where = chosen
    description = translation.get("description")
    if description is None:
        description = ""
    if not isinstance(description, str):
        raise fields.fail(f"{where}.description", f"expected a string, got {describe(description)}")
    if len(description) > MAX_DESCRIPTION:
        raise fields.fail(f"{where}.description", f"longer than {MAX_DESCRIPTION} characters")
    blocks = paragraphs(description)
    if len(blocks) > MAX_STEPS:
        raise fields.fail(f"{where}.description", f"more than {MAX_STEPS} paragraphs")
    steps = tuple(
        text
        for text in (fields.clean(block, f"{where}.description", MAX_STEP) for block in blocks)
        if text
    )
    record = base._replace(
        name=fields.text(translation, where, "name", MAX_NAME),
        steps=steps,
        authors=_authors(fields, obj, translation, path, where),
    )
    return record, None if steps else "no description"

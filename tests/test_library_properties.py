"""Generated hostile input for both converters and the library file: a clean error or valid data.

Each test starts from real-shaped records (the fixtures) and breaks them: wrong types,
missing fields, huge numbers, strings with markup, terminal escapes, control characters
and lone surrogates. Whatever comes in, the result is either one `LibraryError` line that
names the file, or exercises that loosen can show, store and read back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.catalogue.loader import ID_PATTERN
from tui.catalogue.model import Exercise
from tui.library.exercises import decided, to_exercise
from tui.library.formats import convert
from tui.library.html_text import paragraphs
from tui.library.reading import read_json
from tui.library.record import LibraryError
from tui.library.shelf import (
    DamagedLibraryError,
    Library,
    Section,
    library_bytes,
    parse_library,
)

FIXTURES = Path(__file__).parent / "fixtures"
FEDB: list[dict[str, Any]] = json.loads((FIXTURES / "free-exercise-db-sample.json").read_text())
WGER: dict[str, Any] = json.loads((FIXTURES / "wger-exerciseinfo-sample.json").read_text())
CONTROL = {chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]}
PROPERTY = settings(derandomize=True, max_examples=300, deadline=None)

HOSTILE_TEXT = [
    "",
    "   ",
    "\x1b[31mred\x1b[0m",
    "\x1b]52;c;aGVsbG8=\x07",
    "[bold red]markup[/]",
    "<script>alert(1)</script><p>para</p>",
    "\ud800",
    "ok \udfff",
    "a\nb\rc\td\x00e\x9bf",
    "\u202eevil",
    "x" * 2_500,
    "é" * 150,
]
texts = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=40),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x20), max_size=10),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
DROP = object()


def mutate(target: dict[str, Any], data: st.DataObject, keys: list[str]) -> None:
    """Replace, drop or add one field of `target` with something hostile."""
    key = data.draw(st.one_of(st.sampled_from(keys), st.text(max_size=6)), label="key")
    value = data.draw(st.one_of(st.just(DROP), values), label="value")
    if value is DROP:
        target.pop(key, None)
    else:
        target[key] = value


def check_exercises(records: tuple[Any, ...], file_format: str) -> None:
    """The records make exercises with safe text that store and read back unchanged."""
    chosen = tuple(decided(record) for record in records)
    exercises = [to_exercise(record, file_format) for record in chosen]
    for exercise in exercises:
        assert isinstance(exercise, Exercise)
        assert ID_PATTERN.match(exercise.id)
        assert exercise.cues
        shown = [exercise.name, *(cue.text for cue in exercise.cues), exercise.summary]
        for text in shown:
            assert text.strip() and not CONTROL & set(text)
            text.encode("utf-8")  # no lone surrogates
        assert (exercise.dosage.reps is None) != (exercise.dosage.hold_seconds is None)
    section = Section(file_format, file_format, "2026-12-01T10:00:00+01:00", "in.json", chosen)
    stored = library_bytes(Library((section,)))
    assert parse_library(json.loads(stored), "library.json") == Library((section,))


def outcome(data: object, file_format: str | None = None) -> None:
    try:
        chosen, conversion = convert(data, "in.json", file_format)
    except LibraryError as error:
        message = str(error)
        assert message.startswith("in.json: ")
        assert "\n" not in message and "\r" not in message
        message.encode("utf-8")
        return
    check_exercises(conversion.records, chosen)


FEDB_KEYS = list(FEDB[0])
WGER_KEYS = list(WGER["results"][0])
TRANSLATION_KEYS = list(WGER["results"][0]["translations"][1])


@PROPERTY
@given(st.data())
def test_free_exercise_db_records_broken_anywhere(data: st.DataObject) -> None:
    records = json.loads(json.dumps(FEDB))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        index = data.draw(st.integers(0, len(records) - 1), label="record")
        if data.draw(st.booleans(), label="in a list"):
            field = data.draw(st.sampled_from(["instructions", "primaryMuscles"]))
            if isinstance(records[index].get(field), list) and records[index][field]:
                records[index][field][0] = data.draw(values, label="item")
                continue
        mutate(records[index], data, FEDB_KEYS)
    outcome(records)
    outcome(records, "free-exercise-db")


@PROPERTY
@given(st.data())
def test_wger_exercises_broken_anywhere(data: st.DataObject) -> None:
    page = json.loads(json.dumps(WGER))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        exercise = page["results"][data.draw(st.integers(0, 2), label="exercise")]
        where = data.draw(st.sampled_from(["exercise", "translation", "muscle", "license"]))
        if where == "translation" and exercise.get("translations"):
            mutate(exercise["translations"][-1], data, TRANSLATION_KEYS)
        elif where == "muscle" and exercise.get("muscles"):
            mutate(exercise["muscles"][0], data, ["name", "name_en", "id"])
        elif where == "license" and isinstance(exercise.get("license"), dict):
            mutate(exercise["license"], data, ["short_name", "full_name", "url"])
        else:
            mutate(exercise, data, WGER_KEYS)
    outcome(page)
    outcome(page["results"], "wger")


@PROPERTY
@given(values)
def test_any_json_value_at_all(value: object) -> None:
    outcome(value)
    outcome(value, "free-exercise-db")
    outcome(value, "wger")


@PROPERTY
@given(st.text(max_size=200))
def test_wger_descriptions_of_any_html(description: str) -> None:
    page = json.loads(json.dumps(WGER))
    page["results"][0]["translations"][1]["description"] = description
    outcome(page)
    for paragraph in paragraphs(description):
        assert paragraph == " ".join(paragraph.split()) and paragraph


@PROPERTY
@given(st.data())
def test_library_file_damaged_anywhere(data: st.DataObject) -> None:
    _, conversion = convert(json.loads(json.dumps(FEDB)), "in.json")
    records = tuple(decided(record) for record in conversion.records)
    section = Section("free-exercise-db", "free-exercise-db", "today", "in.json", records)
    stored = json.loads(library_bytes(Library((section,))))
    target = data.draw(st.sampled_from(["top", "section", "record", "dosage"]))
    if target == "top":
        mutate(stored, data, ["schema_version", "sections"])
    elif target == "section":
        mutate(stored["sections"][0], data, ["name", "format", "updated", "origin", "records"])
    else:
        record = stored["sections"][0]["records"][data.draw(st.integers(0, len(records) - 1))]
        if target == "record":
            mutate(record, data, list(record))
        else:
            mutate(record["dosage"], data, list(record["dosage"]))
    try:
        library = parse_library(stored, "library.json")
    except DamagedLibraryError as error:
        assert str(error).startswith("library.json: ") and "\n" not in str(error)
        return
    for read in library.sections:
        for record in read.records:
            exercise = to_exercise(record, read.format)
            assert exercise.cues and ID_PATTERN.match(exercise.id)


@PROPERTY
@given(st.binary(max_size=300))
def test_reading_any_bytes(tmp_path_factory: Any, content: bytes) -> None:
    path = tmp_path_factory.mktemp("read") / "in.json"
    path.write_bytes(content)
    try:
        read_json(path, 10_000)
    except LibraryError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)

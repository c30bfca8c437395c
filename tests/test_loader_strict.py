"""The routines loader refuses what loosen could not use, each problem one line with its path."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.test_loader import document
from tui.catalogue.loader import (
    MAX_FILE_BYTES,
    CatalogueError,
    MissingRoutinesFileError,
    load_catalogue_file,
    parse_catalogue,
)
from tui.catalogue.sources import builtin_routines_file, check_routines_file, load_catalogue
from tui.locations import user_routines_file


def problems_in(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "my.json")
    assert all(line.startswith("my.json: ") and "\n" not in line for line in caught.value.problems)
    return caught.value.problems


def problems_of(data: Any) -> list[str]:
    return problems_in(json.dumps(data))


@pytest.mark.parametrize(("version", "shown"), [("1.0", "1.0"), ("true", "true"), ('"1"', '"1"')])
def test_schema_version_must_be_the_whole_number_1(version: str, shown: str) -> None:
    text = json.dumps(document()).replace('"schema_version": 1', f'"schema_version": {version}')
    assert problems_in(text) == [
        f"my.json: schema_version: expected the whole number 1, got {shown}"
    ]


@pytest.mark.parametrize(
    ("author", "shown"), [({}, "an object"), (False, "false"), (0, "0"), ("", '""'), ([], "a list")]
)
def test_an_author_is_a_name_or_null(author: object, shown: str) -> None:
    data = document()
    data["exercises"][0]["source"]["author"] = author
    assert problems_of(data) == [
        f"my.json: exercises[0].source.author: expected a non-empty string, got {shown}"
    ]


def test_no_author_or_a_null_one_is_fine() -> None:
    data = document()
    data["exercises"][0]["source"]["author"] = None
    catalogue, _ = parse_catalogue(json.dumps(data), "my.json")
    assert catalogue.exercises[0].source.author is None
    del data["exercises"][0]["source"]["author"]
    catalogue, _ = parse_catalogue(json.dumps(data), "my.json")
    assert catalogue.exercises[0].source.author is None


def test_floats_and_booleans_are_not_whole_numbers() -> None:
    data = document()
    data["exercises"][0]["dosage"]["sets"] = 2.0
    data["exercises"][0]["dosage"]["reps"] = True
    data["routines"][0]["rest_between_exercises_seconds"] = 20.0
    assert problems_of(data) == [
        "my.json: exercises[0].dosage.sets: expected a whole number, got 2.0",
        "my.json: exercises[0].dosage.reps: expected a whole number, got true",
        "my.json: routines[0].rest_between_exercises_seconds: expected a whole number, got 20.0",
    ]
    data = document()
    data["routines"][0]["steps"][0]["dosage"]["sets"] = 1.0
    assert problems_of(data) == [
        "my.json: routines[0].steps[0].dosage.sets: expected a whole number, got 1.0",
    ]


def test_a_lone_surrogate_is_refused_where_it_is() -> None:
    text = json.dumps(document()).replace('"name": "Warm-up"', '"name": "R\\ud800"')
    assert problems_in(text) == [
        "my.json: routines[0].name: text is not valid Unicode (a lone surrogate escape)"
    ]


def test_duplicate_keys_are_refused() -> None:
    text = json.dumps(document()).replace('"sets": 1}', '"sets": 1, "sets": 3}')
    assert problems_in(text) == ['my.json: routines[0].steps[0].dosage: duplicate key "sets"']


def test_text_in_messages_cannot_break_the_line() -> None:
    data = document()
    data["routines"][0]["steps"][0]["exercise"] = "roll\nnext line\x1b]0;owned\x07"
    data["exercises"][0]["extra\nfield"] = 1
    assert problems_of(data) == [
        'my.json: exercises[0]["extra\\nfield"]: unknown field',
        "my.json: routines[0].steps[0].exercise: unknown exercise "
        '"roll\\nnext line\\u001b]0;owned\\u0007"',
    ]


def test_markup_and_controls_in_names_are_kept_as_text() -> None:
    data = document()
    name = "[bold]x[/] [@click=app.quit]q[/] \x1b[6n \x9b2J \u202e"
    data["routines"][0]["name"] = name
    catalogue, _ = parse_catalogue(json.dumps(data), "my.json")
    assert catalogue.routines[0].name == name  # shown literally by the screens, not here


def test_a_missing_file_is_its_own_error(tmp_path: Path) -> None:
    with pytest.raises(MissingRoutinesFileError) as caught:
        load_catalogue_file(tmp_path / "none.json")
    assert caught.value.problems == [f"{tmp_path / 'none.json'}: no such file"]


def test_the_user_file_may_be_missing_but_not_a_directory_or_a_pipe() -> None:
    user_file = user_routines_file()
    assert not user_file.exists()
    assert load_catalogue() == load_catalogue(builtin_routines_file())
    user_file.mkdir(parents=True)
    (problems,) = load_catalogue().problems  # used without the file, and said so
    assert problems.errors == (f"{user_file}: not a regular file (a directory)",)
    user_file.rmdir()
    os.mkfifo(user_file)
    # Would wait for a writer forever if the FIFO were opened to block.
    (problems,) = load_catalogue().problems
    assert problems.errors == (f"{user_file}: not a regular file (a named pipe)",)


def test_an_oversize_routines_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(CatalogueError) as caught:
        check_routines_file(path)
    assert caught.value.problems == [f"{path}: too large: loosen reads files of at most 20 MB"]


def test_the_builtin_file_passes_the_strict_reader() -> None:
    assert check_routines_file(builtin_routines_file()).routines

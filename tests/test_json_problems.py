"""A problem of the same kind reads the same in every JSON document loosen reads.

Routines files (the catalogue loader), history records and imports (storage's validator)
and the unfinished session (its document and the engine snapshot in it) are checked by
different code; these tests put the same mistakes in each and compare the words.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.samples import sample_record
from tests.test_loader import document, problems_of
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.json_problems import at, expected, missing_field, shown
from tui.session.engine import SessionEngine
from tui.session.record import ActiveSessionError, active_document, resume
from tui.storage.validate import ACTIVE_DOCUMENT, check_export

START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (7, "7"),
        (1.5, "1.5"),
        (float("nan"), "NaN"),
        ("ten", '"ten"'),
        ("x" * 31, json.dumps("x" * 27 + "...")),
        ("\x1b[31mred", '"\\u001b[31mred"'),  # never a raw control character
        ("Katzenbuckel – gut", '"Katzenbuckel \\u2013 gut"'),  # ASCII, whatever the locale
        ([1], "a list"),
        ((1,), "a list"),
        ({"a": 1}, "an object"),
        (10**50, str(10**50)[:37] + "..."),
        (object(), "a value of type object"),
    ],
)
def test_a_value_is_shown_short_and_in_ascii(value: object, words: str) -> None:
    assert shown(value) == words
    assert shown(value).isascii()


def test_long_text_can_be_shown_wider_where_it_matters() -> None:
    session_id = "2764a5d512c34028acb1854b348b985b"
    assert shown(session_id) != json.dumps(session_id)  # cut at 30 characters
    assert shown(session_id, width=64) == json.dumps(session_id)


def test_the_phrases() -> None:
    assert expected("a list", "x") == 'expected a list, got "x"'
    assert missing_field("name") == 'missing field "name"'
    assert at("a.b[2]", "m") == "a.b[2]: m"
    assert at("", "m") == "m"


# --- the same mistake in each document ------------------------------------------------


def routine_problems(change: str) -> list[str]:
    """The loader's problems with a routines file whose exercise's dosage has `change`."""
    data = document()
    if change == "text":
        data["exercises"][0]["dosage"]["sets"] = "two"
    else:
        del data["exercises"][0]["name"]
    return problems_of(data)


def export_problems(change: str) -> list[str]:
    record: dict[str, object] = copy.deepcopy(dict(sample_record(START)))
    if change == "text":
        sets = record["sets"]
        assert isinstance(sets, list)
        sets[0]["set"] = "two"
    else:
        del record["status"]
    return check_export({"format": "loosen-export", "version": 1, "sessions": [record]})


def snapshot_problem(change: str) -> str:
    catalogue = load_catalogue(builtin_routines_file())
    engine = SessionEngine(catalogue.routines[0], clock=lambda: 0.0)
    engine.main_action()
    engine.main_action()
    saved = active_document("a" * 32, engine)
    records = saved["engine"]["records"]
    if change == "text":
        records[0]["set_number"] = "two"
    else:
        del records[0]["at"]
    with pytest.raises(ActiveSessionError) as caught:
        resume(saved, clock=lambda: 0.0)
    return str(caught.value)


def test_text_where_a_whole_number_belongs_reads_the_same_everywhere() -> None:
    words = 'expected a whole number, got "two"'
    assert routine_problems("text") == [f"my.json: exercises[0].dosage.sets: {words}"]
    assert export_problems("text") == [f"sessions[0].sets[0].set: {words}"]
    assert snapshot_problem("text") == (
        f"the unfinished session can't be resumed: engine.records[0].set_number: {words}"
    )


def test_a_missing_field_reads_the_same_everywhere() -> None:
    assert 'my.json: exercises[0]: missing field "name"' in routine_problems("missing")
    assert export_problems("missing") == ['sessions[0]: missing field "status"']
    assert snapshot_problem("missing") == (
        'the unfinished session can\'t be resumed: engine.records[0]: missing field "at"'
    )


def test_not_an_object_at_the_top_reads_the_same_everywhere() -> None:
    words = "expected a JSON object at the top level, got a list"
    assert problems_of([]) == [f"my.json: {words}"]
    assert check_export([]) == [words]


# --- the unfinished session: one validator on save, on read and on resume --------------


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ([], "expected an object, got a list"),
        ({"routine": {}, "engine": {}}, 'missing field "id"'),
        ({"id": "", "routine": {}, "engine": {}}, 'id: expected a non-empty string, got ""'),
        ({"id": "a", "engine": {}}, 'missing field "routine"'),
        ({"id": "a", "routine": [], "engine": {}}, "routine: expected an object, got a list"),
        ({"id": "a", "routine": {}, "engine": "x"}, 'engine: expected an object, got "x"'),
    ],
)
def test_an_unfinished_session_that_is_not_one_cannot_be_resumed(
    document: object, problem: str
) -> None:
    assert ACTIVE_DOCUMENT.problems(document)[0] == problem
    with pytest.raises(ActiveSessionError) as caught:
        resume(document, clock=lambda: 0.0)
    assert str(caught.value) == f"the unfinished session can't be resumed: {problem}"

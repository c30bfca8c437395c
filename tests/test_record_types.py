"""The record types (tui.storage.types) and their validators cannot drift apart.

Each TypedDict has one validator, a `Document` in tui.storage.validate. These tests read
the TypedDicts' own annotations: every field the type has, the validator checks (and no
other); a value of any shape the type allows passes; a value the type forbids is refused
with a problem naming its JSON path. Values are made from the types alone, so a field
added to or changed in a type fails here until its validator follows.
"""

from __future__ import annotations

import types
import typing
from datetime import datetime, timedelta, timezone
from typing import Any, Literal, get_args, get_origin, get_type_hints

import pytest

from tests.conftest import finished
from tests.samples import sample_active, sample_record
from tui.catalogue.model import Catalogue
from tui.catalogue.sources import builtin_routines_file, load_catalogue
from tui.session.engine import SessionEngine
from tui.session.record import active_document
from tui.storage import types as record_types
from tui.storage import validate
from tui.storage.validate import Document, Rule

PAIRS: dict[str, tuple[object, Document[Any]]] = {
    "ExerciseRef": (record_types.ExerciseRef, validate.EXERCISE_REF),
    "SetEntry": (record_types.SetEntry, validate.SET_ENTRY),
    "SessionRecord": (record_types.SessionRecord, validate.SESSION_RECORD),
    "SessionSummary": (record_types.SessionSummary, validate.SESSION_SUMMARY),
    "SessionSets": (record_types.SessionSets, validate.SESSION_SETS),
    "ExportDocument": (record_types.ExportDocument, validate.EXPORT_DOCUMENT),
    "ActiveDocument": (record_types.ActiveDocument, validate.ACTIVE_DOCUMENT),
    "CheckIn": (record_types.CheckIn, validate.CHECK_IN),
    "SideCheck": (record_types.SideCheck, validate.SIDE_CHECK),
    "SelfTestResult": (record_types.SelfTestResult, validate.SELF_TEST_RESULT),
    "TrashEntry": (record_types.TrashEntry, validate.TRASH_ENTRY),
}
# One value per JSON kind; a value counts as forbidden for a type when it does not fit it.
JSON_KINDS: list[object] = ["text", 1, 1.5, True, None, [], {}]
# The one string that is at once text, a non-empty id and a date-time with its offset, and
# the one integer that is at once a count and a rating: what a type cannot say (a range,
# a date) the rules add, and these meet every such rule.
ANY_TEXT = "2026-11-22T07:31:05+01:00"
ANY_WHOLE_NUMBER = 1


def _is_union(tp: object) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType)


def valid_values(tp: Any) -> list[object]:
    """Values of every shape `tp` allows (each member of a Literal, each arm of a union)."""
    if typing.is_typeddict(tp):
        return [example(tp)]
    if tp is str:
        return [ANY_TEXT]
    if tp is int:
        return [ANY_WHOLE_NUMBER]
    if tp is type(None):
        return [None]
    origin = get_origin(tp)
    if origin is Literal:
        return list(get_args(tp))
    if _is_union(tp):
        return [value for arm in get_args(tp) for value in valid_values(arm)]
    if origin is list:
        return [[], *([item] for item in valid_values(get_args(tp)[0]))]
    if origin is dict:
        return [{}]
    raise AssertionError(f"a field type these tests do not know: {tp!r}")


def fits(value: object, tp: Any) -> bool:
    """Whether `value`, as JSON, has a shape `tp` allows."""
    if typing.is_typeddict(tp):
        return isinstance(value, dict) and all(
            name in value and fits(value[name], hint)
            for name, hint in get_type_hints(tp).items()
            if name in tp.__required_keys__
        )
    if tp is str:
        return isinstance(value, str)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is type(None):
        return value is None
    origin = get_origin(tp)
    if origin is Literal:
        return any(value == choice and type(value) is type(choice) for choice in get_args(tp))
    if _is_union(tp):
        return any(fits(value, arm) for arm in get_args(tp))
    if origin is list:
        return isinstance(value, list) and all(fits(item, get_args(tp)[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict)
    raise AssertionError(f"a field type these tests do not know: {tp!r}")


def forbidden_values(tp: Any) -> list[object]:
    """Values `tp` does not allow: JSON of other kinds, and lists holding a forbidden item."""
    found = [value for value in JSON_KINDS if not fits(value, tp)]
    if get_origin(tp) is list:
        found += [[item] for item in forbidden_values(get_args(tp)[0])[:2]]
    return found


def example(kind: Any) -> dict[str, object]:
    """A value of TypedDict `kind`, every field its first allowed value."""
    return {name: valid_values(hint)[0] for name, hint in get_type_hints(kind).items()}


def field_cases(kind: Any) -> list[tuple[str, Any]]:
    return list(get_type_hints(kind).items())


@pytest.mark.parametrize("name", PAIRS)
def test_each_validator_checks_exactly_the_fields_of_its_type(name: str) -> None:
    kind, document = PAIRS[name]
    assert document.kind is kind
    assert set(document.fields) == set(get_type_hints(kind))
    assert document.optional == kind.__optional_keys__


def test_a_validator_for_other_fields_than_its_type_cannot_be_made() -> None:
    some_rule = validate.EXERCISE_REF.fields["id"]
    with pytest.raises(TypeError, match="ExerciseRef"):
        Document(record_types.ExerciseRef, {"id": some_rule})
    with pytest.raises(TypeError, match="ExerciseRef"):
        Document(record_types.ExerciseRef, {"id": some_rule, "name": some_rule, "x": some_rule})


@pytest.mark.parametrize("name", PAIRS)
def test_a_value_of_every_shape_the_type_allows_passes(name: str) -> None:
    kind, document = PAIRS[name]
    assert document.problems(example(kind)) == []
    tried = 0
    for field, hint in field_cases(kind):
        for value in valid_values(hint):
            record = {**example(kind), field: value}
            assert document.problems(record) == [], (field, value)
            assert document.accepts(record)
            tried += 1
    assert tried >= len(document.fields)


@pytest.mark.parametrize("name", PAIRS)
def test_a_value_the_type_forbids_is_refused_naming_its_path(name: str) -> None:
    kind, document = PAIRS[name]
    tried = 0
    for field, hint in field_cases(kind):
        for value in forbidden_values(hint):
            record = {**example(kind), field: value}
            problems = document.problems(record)
            assert problems, (field, value)
            assert not document.accepts(record)
            assert problems[0].startswith((f"{field}:", f"{field}[", f"{field}.")), problems
            tried += 1
    assert tried >= len(document.fields)


@pytest.mark.parametrize("name", PAIRS)
def test_every_required_field_is_required_and_only_those(name: str) -> None:
    kind, document = PAIRS[name]
    for field in get_type_hints(kind):
        record = example(kind)
        del record[field]
        if field in kind.__required_keys__:  # type: ignore[attr-defined]
            assert document.problems(record, "doc") == [f'doc: missing field "{field}"']
        else:
            assert document.problems(record, "doc") == []


def test_the_record_types_cover_every_rule_kind_the_tests_know() -> None:
    """The walk above knows every field type used: none is skipped unseen."""
    for kind, _document in PAIRS.values():
        for _field, hint in field_cases(kind):
            assert valid_values(hint)
            assert forbidden_values(hint)


# --- what the program builds passes the validators storage uses ---------------------


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(builtin_routines_file())


def test_the_record_a_session_leaves_is_a_valid_session_record(catalogue: Catalogue) -> None:
    record = finished(catalogue, catalogue.routines[0].id, 2, rating=4, note="fine")
    assert validate.SESSION_RECORD.problems(record, "record") == []
    assert set(record) == set(get_type_hints(record_types.SessionRecord))
    for entry in record["sets"]:
        assert set(entry) == set(get_type_hints(record_types.SetEntry))


def test_the_unfinished_session_document_is_a_valid_active_document(
    catalogue: Catalogue,
) -> None:
    engine = SessionEngine(catalogue.routines[0], clock=lambda: 0.0)
    document = active_document("a" * 32, engine)
    assert validate.ACTIVE_DOCUMENT.problems(document) == []
    assert set(document) == record_types.ActiveDocument.__required_keys__


def test_the_test_samples_are_valid_too() -> None:
    start = datetime(2026, 11, 22, 7, 31, 5, tzinfo=timezone(timedelta(hours=1)))
    assert validate.SESSION_RECORD.problems(sample_record(start, status="abandoned")) == []
    assert validate.ACTIVE_DOCUMENT.problems(sample_active(start)) == []


def test_rules_are_the_validators_own_objects() -> None:
    """Storage's fast checks share the validator's rules: a summary's shared lists too."""
    for name, rule in validate.SHARED_LISTS.items():
        assert isinstance(rule, Rule)
        assert rule is validate.SESSION_SUMMARY.fields[name]

"""Reading an export for import: one strict reader, the header, every record checked once."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.samples import sample_record
from tests.test_export import START, tiny_record
from tui.storage.errors import ImportFileError
from tui.storage.importing import read_import


def write_export(path: Path, sessions: list[Any], **top: Any) -> Path:
    document = {"format": "loosen-export", "version": 1, "sessions": sessions, **top}
    path.write_text(json.dumps(document, indent=2), "utf-8")
    return path


def import_errors(path: Path) -> list[str]:
    with pytest.raises(ImportFileError) as caught:
        read_import(path)
    assert str(caught.value) == "\n".join(caught.value.errors)
    return caught.value.errors


def test_read_import_accepts_a_good_file(tmp_path: Path) -> None:
    records = [tiny_record(), sample_record(START)]
    assert list(read_import(write_export(tmp_path / "backup.json", records))) == records


def test_read_import_reports_invalid_json_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_text('{\n  "format": "loosen-export",\n  "version": 1,,\n}')
    assert import_errors(path) == [
        f"{path}: line 3, column 16: invalid JSON (Expecting property name enclosed in "
        "double quotes)"
    ]


def test_read_import_reports_a_missing_or_unreadable_file(tmp_path: Path) -> None:
    assert import_errors(tmp_path / "nope.json") == [f"{tmp_path / 'nope.json'}: no such file"]
    (tmp_path / "latin1.json").write_bytes(b'{"note": "caf\xe9"}')
    assert import_errors(tmp_path / "latin1.json") == [
        f"{tmp_path / 'latin1.json'}: not UTF-8 text (byte offset 13)"
    ]


def test_read_import_reports_the_wrong_format(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_text('{"format": "strong-csv", "version": 1, "sessions": []}')
    assert import_errors(path) == [f'{path}: format: expected "loosen-export", got "strong-csv"']
    path.write_text('{"format": "loosen-export", "version": 3, "sessions": []}')
    assert import_errors(path) == [f"{path}: version: expected one of 1, 2, got 3"]
    path.write_text("[]")
    assert import_errors(path) == [f"{path}: expected a JSON object at the top level, got a list"]
    path.write_text('{"format": "loosen-export", "version": 1}')
    assert import_errors(path) == [f'{path}: missing field "sessions"']


def test_read_import_reports_every_problem_with_its_json_path(tmp_path: Path) -> None:
    good = [sample_record(START - timedelta(days=d)) for d in range(5)]
    broken: list[Any] = copy.deepcopy(good)
    broken[3]["sets"][0]["reps"] = "ten"
    broken[1]["rating"] = 6
    del broken[2]["status"]
    broken[0]["started_at"] = "yesterday"
    broken[0]["exercises"][1] = "open-book"
    broken[4]["sets"][2]["side"] = "middle"
    broken[4]["id"] = broken[1]["id"]
    broken.append(["not", "a", "session"])
    path = write_export(tmp_path / "backup.json", broken)
    assert import_errors(path) == [
        f"{path}: sessions[0].started_at: expected an ISO-8601 date-time with UTC offset, "
        'got "yesterday"',
        f'{path}: sessions[0].exercises[1]: expected an object, got "open-book"',
        f"{path}: sessions[1].rating: must be at most 5, got 6",
        f'{path}: sessions[2]: missing field "status"',
        f'{path}: sessions[3].sets[0].reps: expected a whole number, got "ten"',
        f'{path}: sessions[4].sets[2].side: expected one of "left", "right", null, got "middle"',
        f'{path}: sessions[4].id: duplicate id "{good[1]["id"]}" (also sessions[1])',
        f"{path}: sessions[5]: expected an object, got a list",
    ]


def test_read_import_rejects_text_that_cannot_be_stored(tmp_path: Path) -> None:
    record = tiny_record()
    path = tmp_path / "backup.json"
    text = json.dumps({"format": "loosen-export", "version": 1, "sessions": [record]})
    path.write_text(text.replace("tight,", "\\ud800tight,"), "utf-8")
    assert import_errors(path) == [
        f"{path}: sessions[0].note: text is not valid Unicode (a lone surrogate escape)"
    ]


def test_read_import_rejects_a_naive_time(tmp_path: Path) -> None:
    record = tiny_record()
    record["sets"][1]["at"] = "2026-11-22T07:33:10"
    path = write_export(tmp_path / "b.json", [record])
    assert import_errors(path) == [
        f"{path}: sessions[0].sets[1].at: expected an ISO-8601 date-time with UTC offset, "
        'got "2026-11-22T07:33:10"'
    ]


def test_read_import_wants_a_whole_number_as_version(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    for version, shown in (("1.0", "1.0"), ("true", "true"), ('"1"', '"1"'), ("[1]", "a list")):
        path.write_text(f'{{"format": "loosen-export", "version": {version}, "sessions": []}}')
        assert import_errors(path) == [f"{path}: version: expected one of 1, 2, got {shown}"]
    path.write_text('{"format": "loosen-export", "sessions": []}')
    assert import_errors(path) == [f'{path}: missing field "version"']
    path.write_text('{"version": 1, "sessions": []}')
    assert import_errors(path) == [f'{path}: missing field "format"']


def test_read_import_refuses_duplicate_keys_naming_the_record(tmp_path: Path) -> None:
    record = json.dumps(tiny_record())
    twice = record.replace('"rating": 3', '"rating": 3, "rating": 5')
    path = tmp_path / "backup.json"
    path.write_text(f'{{"format": "loosen-export", "version": 1, "sessions": [{record}, {twice}]}}')
    assert import_errors(path) == [f'{path}: sessions[1]: duplicate key "rating"']


def test_the_store_does_not_check_a_checked_import_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.storage import checked
    from tui.storage.store import Store
    from tui.storage.validate import check_sessions as real

    calls: list[str] = []

    def counted(records: object, path: str = "sessions", *, unicode: bool = True) -> list[str]:
        calls.append(path)
        return real(records, path, unicode=unicode)

    monkeypatch.setattr(checked, "check_sessions", counted)
    path = write_export(tmp_path / "backup.json", [tiny_record(), sample_record(START)])
    with Store.open(tmp_path / "data") as store:
        assert store.import_sessions(read_import(path)) == 2
        assert calls == ["sessions"]  # read_import's check only
        assert store.import_sessions([sample_record(START - timedelta(days=1))]) == 1
        assert calls == ["sessions", "records"]  # a plain list is still checked


def test_checked_sessions_come_only_from_a_check() -> None:
    from tui.storage.checked import CheckedSessions
    from tui.storage.errors import InvalidRecordError

    with pytest.raises(TypeError):
        CheckedSessions((tiny_record(),), object())
    with pytest.raises(InvalidRecordError) as caught:
        CheckedSessions.check([{**tiny_record(), "rating": 1.0}])
    assert caught.value.errors == ["records[0].rating: expected a whole number, got 1.0"]
    assert list(CheckedSessions.check([tiny_record()])) == [tiny_record()]


def test_a_bad_record_anywhere_imports_nothing(tmp_path: Path) -> None:
    from tui.storage.store import Store

    good = [sample_record(START - timedelta(days=d)) for d in range(3)]
    bad = copy.deepcopy(good[2])
    bad["id"] = "other"
    bad["sets"][0]["set"] = 1.0  # type: ignore[typeddict-item]
    path = write_export(tmp_path / "backup.json", [*good, bad])
    with Store.open(tmp_path / "data") as store:
        assert import_errors(path) == [
            f"{path}: sessions[3].sets[0].set: expected a whole number, got 1.0"
        ]
        assert store.sessions() == []

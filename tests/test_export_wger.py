"""`loosen export --format wger-measurements`: the shape wger's measurement API takes."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.samples import sample_record
from tui.cli import run
from tui.ledger.checkin import with_after, with_before, with_self_test
from tui.storage.export_wger import export_wger
from tui.storage.store import Store
from tui.storage.types import SessionRecord

CET = timezone(timedelta(hours=1))


def history() -> list[SessionRecord]:
    start = datetime(2026, 11, 1, 7, 30, tzinfo=CET)
    records = []
    for day in range(4):
        check_in = with_after(with_before(None, stiffness=6 - day, pain=day or None), 3)
        if day == 3:
            check_in = with_self_test(
                check_in, "seated-rotation-test", "level", {"left": 2, "right": 4}
            )
        records.append(sample_record(start + timedelta(days=day), check_in=check_in))
    records.append(sample_record(start + timedelta(days=5)))  # no check-in: nothing to send
    return records


def exported(records: list[SessionRecord]) -> dict[str, Any]:
    out = io.StringIO()
    export_wger(records, out)
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def check_shape(document: dict[str, Any]) -> None:
    """Every field as wger's models hold it: names, units, values, dates and notes."""
    assert set(document) == {"format", "version", "measurements", "categories"}
    assert document["format"] == "loosen-wger-measurements" and document["version"] == 1
    ids = [category["id"] for category in document["categories"]]
    assert ids == list(range(1, len(ids) + 1))
    for category in document["categories"]:
        assert set(category) == {"id", "name", "unit"}
        assert 0 < len(category["name"]) <= 100 and 0 < len(category["unit"]) <= 30
    for entry in document["measurements"]:
        assert set(entry) == {"category", "date", "value", "notes"}
        assert entry["category"] in ids
        assert 0 <= entry["value"] <= 5000
        assert datetime.fromisoformat(entry["date"]).tzinfo is not None
        assert len(entry["notes"]) <= 100


def test_a_category_per_measure_and_an_entry_per_session_value() -> None:
    document = exported(history())
    check_shape(document)
    names = {c["id"]: (c["name"], c["unit"]) for c in document["categories"]}
    assert list(names.values()) == [
        ("loosen stiffness before", "0-10"),
        ("loosen stiffness after", "0-10"),
        ("loosen pain before", "0-10"),
        ("loosen seated-rotation-test left", "level"),
        ("loosen seated-rotation-test right", "level"),
    ]
    by_name: dict[str, list[int]] = {}
    for entry in document["measurements"]:
        by_name.setdefault(names[entry["category"]][0], []).append(entry["value"])
    assert by_name == {
        "loosen stiffness before": [6, 5, 4, 3],
        "loosen stiffness after": [3, 3, 3, 3],
        "loosen pain before": [1, 2, 3],
        "loosen seated-rotation-test left": [2],
        "loosen seated-rotation-test right": [4],
    }
    first = document["measurements"][0]
    assert first["date"] == "2026-11-01T07:30:00+01:00" and first["notes"] == "Desk reset"
    assert exported([]) == {
        "format": "loosen-wger-measurements",
        "version": 1,
        "measurements": [],
        "categories": [],
    }


def test_the_command_writes_the_same(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.import_sessions(history())
    code = run(["--data-dir", str(data_dir), "export", "--format", "wger-measurements"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert json.loads(out) == exported(history())

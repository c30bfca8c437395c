"""Dates at the calendar's edge: refused on import, set aside when found in history."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

import pytest

from tests.conftest import AppFactory
from tests.history_files import history_file, plant_summary, rejected_records, summary_of
from tests.samples import sample_record
from tui.history import stats as history
from tui.storage.errors import ImportFileError, InvalidRecordError
from tui.storage.importing import read_import
from tui.storage.store import Store
from tui.storage.validate import check_sessions

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=CET)

TOO_EARLY = "0001-01-01T00:00:00+05:00"
TOO_LATE = "9999-12-31T23:59:59-05:00"
OUT_OF_RANGE = {
    TOO_EARLY: "a date-time in the years 1900 to 9000 (UTC)",
    TOO_LATE: "a date-time in the years 1900 to 9000 (UTC)",
    "1899-12-31T23:59:59+00:00": "a date-time in the years 1900 to 9000 (UTC)",
    "1900-01-01T05:00:00+05:01": "a date-time in the years 1900 to 9000 (UTC)",
    "9001-01-01T00:00:00+00:00": "a date-time in the years 1900 to 9000 (UTC)",
    "2026-11-22T07:31:05+18:01": "a UTC offset of at most 18 hours",
    "2026-11-22T07:31:05-23:59": "a UTC offset of at most 18 hours",
    "2026-11-22T07:31:05": "an ISO-8601 date-time with UTC offset",
    "not a date": "an ISO-8601 date-time with UTC offset",
}
IN_RANGE = [
    "1900-01-01T00:00:00+00:00",
    "1899-12-31T19:00:00-05:00",  # 1900 in UTC
    "9000-12-31T23:59:59+00:00",
    "9001-01-01T17:59:59+18:00",  # 9000 in UTC
    "2026-11-22T07:31:05+18:00",
    "2026-11-22T07:31:05-18:00",
]


def export_file(tmp_path: Path, records: Sequence[Mapping[str, object]]) -> Path:
    path = tmp_path / "backup.json"
    document = {"format": "loosen-export", "version": 1, "sessions": records}
    path.write_text(json.dumps(document, indent=2), "utf-8")
    return path


@pytest.mark.parametrize("field", ["started_at", "ended_at"])
@pytest.mark.parametrize("value", sorted(OUT_OF_RANGE))
def test_import_refuses_a_time_out_of_range_naming_file_and_field(
    tmp_path: Path, field: Literal["started_at", "ended_at"], value: str
) -> None:
    record = sample_record(START)
    record[field] = value
    path = export_file(tmp_path, [sample_record(START - timedelta(days=1)), record])
    with pytest.raises(ImportFileError) as caught:
        read_import(path)
    assert caught.value.errors == [
        f"{path}: sessions[1].{field}: expected {OUT_OF_RANGE[value]}, got {json.dumps(value)}"
    ]


def test_import_refuses_a_set_time_out_of_range(tmp_path: Path) -> None:
    record = sample_record(START)
    record["sets"][2]["at"] = TOO_LATE
    path = export_file(tmp_path, [record])
    with pytest.raises(ImportFileError) as caught:
        read_import(path)
    assert caught.value.errors == [
        f"{path}: sessions[0].sets[2].at: expected a date-time in the years 1900 to 9000 (UTC), "
        f'got "{TOO_LATE}"'
    ]


@pytest.mark.parametrize("value", IN_RANGE)
def test_times_at_the_edge_of_the_range_are_accepted(value: str) -> None:
    record = sample_record(START)
    record["started_at"] = value
    record["sets"][0]["at"] = value
    assert check_sessions([record]) == []


def test_the_store_refuses_a_record_out_of_range(tmp_path: Path) -> None:
    record = sample_record(START)
    record["started_at"] = TOO_EARLY
    with Store.open(tmp_path / "data") as store:
        with pytest.raises(InvalidRecordError, match="started_at"):
            store.add_session(record)
        with pytest.raises(InvalidRecordError, match="started_at"):
            store.import_sessions([record])
        assert store.sessions() == []


def test_stored_times_out_of_range_are_set_aside_and_history_still_adds_up(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    good = sample_record(START)
    with Store.open(data_dir) as store:
        store.add_session(good)
    early, late = sample_record(START), sample_record(START)
    early["started_at"], late["started_at"] = TOO_EARLY, TOO_LATE
    for bad in (early, late):
        plant_summary(data_dir, 2026, summary_of(bad))
    with Store.open(data_dir) as store:
        summaries = store.sessions()
        assert [s["id"] for s in summaries] == [good["id"]]
        counts = history.day_counts(summaries)
        assert counts == {date(2026, 11, 22): 1}
        assert history.longest_streak(set(counts)) == 1
        history.calendar(counts, date(2026, 11, 22))
        assert store.notices == [
            "history/2026.json: 2 session record(s) were not valid and have been moved to "
            f"{history_file(data_dir, '2026.json')}.rejected (first: sessions.2.started_at: "
            f'expected a date-time in the years 1900 to 9000 (UTC), got "{TOO_EARLY}")'
        ]
        assert [r["id"] for r in store.all_sessions()] == [good["id"]]
    kept = rejected_records(history_file(data_dir, "2026.json"))
    assert [r["started_at"] for r in kept] == [TOO_EARLY, TOO_LATE]


async def test_history_opens_with_a_stored_time_out_of_range(
    make_app: AppFactory, store: Store
) -> None:
    good = sample_record(START, note="the good one")
    store.add_session(good)
    bad = sample_record(START)
    bad["started_at"] = TOO_LATE
    plant_summary(store.data_dir, 2026, summary_of(bad))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"
        assert len(store.sessions()) == 1
        assert len(store.notices) == 1

"""Deleting, undoing and editing sessions: atomic, recoverable, and kept by export/import."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.samples import sample_record
from tui.ledger.checkin import with_after, with_before, with_side
from tui.storage.errors import StoreError
from tui.storage.export import export_csv, export_json
from tui.storage.importing import read_import
from tui.storage.store import Store
from tui.storage.trash import TRASH_DAYS
from tui.storage.types import SessionRecord

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=CET)
CLOCK = datetime(2026, 11, 23, 9, 0, 0, tzinfo=CET)


def exported(store: Store) -> str:
    out = io.StringIO()
    export_json(store.all_sessions(), out)
    return out.getvalue()


def round_trip(text: str, directory: Path) -> str:
    directory.mkdir()
    path = directory / "export.json"
    path.write_text(text, encoding="utf-8")
    with Store.open(directory / "data") as fresh:
        fresh.import_sessions(read_import(path))
        return exported(fresh)


def test_delete_then_undo_gives_back_the_same_history_and_export(tmp_path: Path) -> None:
    records = [sample_record(START - timedelta(days=d), session_id=f"s{d}") for d in range(4)]
    clock = [CLOCK]
    with Store.open(tmp_path / "data", now=lambda: clock[0]) as store:
        store.import_sessions(records)
        before = exported(store)
        entry = store.delete_session("s2")
        assert entry is not None and entry["record"] == records[2]
        assert entry["deleted_at"] == "2026-11-23T09:00:00+01:00"
        assert [s["id"] for s in store.sessions()] == ["s0", "s1", "s3"]
        assert store.session("s2") is None
        assert [e["record"]["id"] for e in store.deleted_sessions()] == ["s2"]
        without = exported(store)
        assert '"s2"' not in without
        assert round_trip(without, tmp_path / "a") == without
        assert store.restore_session("s2") == records[2]
        assert store.deleted_sessions() == []
        assert exported(store) == before
        assert store.restore_session("s2") is None  # once only
    assert round_trip(before, tmp_path / "b") == before


def test_the_trash_keeps_a_session_for_30_days_only(tmp_path: Path) -> None:
    clock = [CLOCK]
    with Store.open(tmp_path / "data", now=lambda: clock[0]) as store:
        store.add_session(sample_record(START, session_id="old"))
        store.delete_session("old")
        clock[0] += timedelta(days=TRASH_DAYS, minutes=1)
        assert store.deleted_sessions() == []
        assert store.restore_session("old") is None
        store.add_session(sample_record(START, session_id="new"))
        store.delete_session("new")
    trash = json.loads((tmp_path / "data" / "trash.json").read_text())
    assert [e["record"]["id"] for e in trash["trash"]["1"]["entries"]] == ["new"]


def test_a_kill_between_trash_and_history_loses_nothing(tmp_path: Path) -> None:
    record = sample_record(START, session_id="s1")
    with Store.open(tmp_path / "data", now=lambda: CLOCK) as store:
        store.add_session(record)
        store.delete_session("s1")
        trash = (tmp_path / "data" / "trash.json").read_bytes()
        store.restore_session("s1")
    # As if killed after the trash was written but before history changed: in both.
    (tmp_path / "data" / "trash.json").write_bytes(trash)
    with Store.open(tmp_path / "data", now=lambda: CLOCK) as store:
        assert store.session("s1") == record
        assert store.deleted_sessions() == []


def test_an_edit_is_kept_stamped_and_round_trips_through_export(tmp_path: Path) -> None:
    record = sample_record(START, session_id="s1", rating=2)
    with Store.open(tmp_path / "data", now=lambda: CLOCK) as store:
        store.add_session(record)
        check_in = with_side(with_after(with_before(None, stiffness=6, pain=2), 3), "x", "left")
        changed: SessionRecord = {**record, "rating": 5, "note": "better", "check_in": check_in}
        kept = store.edit_session(changed)
        assert kept["edited_at"] == "2026-11-23T09:00:00+01:00"
        assert store.session("s1") == kept
        assert [s["rating"] for s in store.sessions()] == [5]
        text = exported(store)
        csv_out = io.StringIO(newline="")
        export_csv(store.all_sessions(), csv_out)
    assert round_trip(text, tmp_path / "copy") == text
    assert json.loads(text)["sessions"][0]["check_in"]["stiffness_after"] == 3
    row = csv_out.getvalue().splitlines()[1]
    assert row.endswith('6,2,"",3,"","","","","","2026-11-23T09:00:00+01:00"')


def test_an_edit_out_of_range_or_of_an_unknown_session_changes_nothing(tmp_path: Path) -> None:
    record = sample_record(START, session_id="s1")
    with Store.open(tmp_path / "data", now=lambda: CLOCK) as store:
        store.add_session(record)
        bad = {**record, "check_in": {**with_before(None, stiffness=1), "stiffness_before": 11}}
        with pytest.raises(ValueError, match=r"record\.check_in\.stiffness_before: must be at"):
            store.edit_session(bad)  # type: ignore[arg-type]
        with pytest.raises(StoreError, match="no session"):
            store.edit_session({**record, "id": "nope"})
        assert store.session("s1") == record
        assert store.delete_session("nope") is None

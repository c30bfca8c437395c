"""Schema 2 to 3: every session gains check_in and edited_at, after a backup, on a copy."""

from __future__ import annotations

import io
import json
import shutil
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from tests.samples import ROUTINES, sample_record
from tui.storage.export import export_json
from tui.storage.importing import read_import
from tui.storage.store import Store
from tui.storage.types import SessionRecord

CET = timezone(timedelta(hours=1))
FIRST = datetime(2016, 1, 1, 7, 30, tzinfo=CET)
CLOCK = datetime(2026, 1, 2, 8, 0, 0)
SESSIONS = 3_650


@cache
def v2_records() -> list[SessionRecord]:
    """Ten years of daily sessions across three routines, some abandoned, rated and noted."""
    routines = list(ROUTINES)
    records = []
    for day in range(SESSIONS):
        record = sample_record(
            FIRST + timedelta(days=day, minutes=day % 50),
            routines[day % 3],
            session_id=f"s{day:05d}",
            status="abandoned" if day % 17 == 0 else "finished",
            rating=None if day % 5 == 0 else 1 + day % 5,
            note=f"day {day}" if day % 11 == 0 else None,
        )
        records.append(record)
    return records


def make_v2(data_dir: Path) -> None:
    """A schema 2 data dir: the same shards, with neither new field, and meta saying 2."""
    with Store.open(data_dir) as store:
        store.import_sessions(v2_records())
        store.set_setting("bell", False)
    for shard in (data_dir / "history").glob("[0-9][0-9][0-9][0-9].json"):
        tables = json.loads(shard.read_bytes())
        for doc in tables["sessions"].values():
            del doc["check_in"], doc["edited_at"]
        shard.write_text(json.dumps(tables))
    (data_dir / "meta.json").write_text('{"meta": {"1": {"schema_version": 2}}}')


def as_v2_export(records: list[SessionRecord]) -> dict[str, object]:
    old = [{k: v for k, v in r.items() if k not in ("check_in", "edited_at")} for r in records]
    return {"format": "loosen-export", "sessions": old, "version": 1}


def test_a_v2_data_dir_of_3650_sessions_is_upgraded_on_a_copy_after_a_backup(
    tmp_path: Path,
) -> None:
    original = tmp_path / "original"
    make_v2(original)
    untouched = {p: p.read_bytes() for p in original.rglob("*") if p.is_file()}
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    before = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert all(b'"check_in"' not in data for data in before.values())

    with Store.open(copy, now=lambda: CLOCK) as store:
        assert store.notices == []
        exported = io.StringIO()
        export_json(store.all_sessions(), exported)
        assert store.get_setting("bell", True) is False

    backup = copy / "backup-v2-20260102-080000"
    kept = {p.relative_to(backup): p.read_bytes() for p in backup.rglob("*") if p.is_file()}
    assert kept == {name: data for name, data in before.items() if name.name != "lock"}
    assert json.loads((copy / "meta.json").read_text()) == {"meta": {"1": {"schema_version": 3}}}
    assert not list(copy.rglob("*.rejected"))
    # Every summary on disk has the new fields now; no session was lost or changed.
    for shard in (copy / "history").glob("[0-9][0-9][0-9][0-9].json"):
        for doc in json.loads(shard.read_bytes())["sessions"].values():
            assert doc["check_in"] is None and doc["edited_at"] is None
    document = json.loads(exported.getvalue())
    assert document["version"] == 2
    assert document["sessions"] == v2_records_with_ids_only(document["sessions"])
    assert len(document["sessions"]) == SESSIONS
    # The original was never touched.
    assert {p: p.read_bytes() for p in original.rglob("*") if p.is_file()} == untouched
    # Opening again migrates nothing more.
    with Store.open(copy, now=lambda: CLOCK + timedelta(hours=1)) as store:
        assert len(store.sessions()) == SESSIONS
    assert [p.name for p in copy.glob("backup-*")] == [backup.name]


def v2_records_with_ids_only(sessions: list[dict[str, object]]) -> list[SessionRecord]:
    """The generated records as schema 3 has them, in the export's order."""
    by_id = {record["id"]: record for record in v2_records()}
    return [by_id[str(session["id"])] for session in sessions]


def test_a_version_1_export_imports_with_the_new_fields_empty(tmp_path: Path) -> None:
    records = v2_records()[:40]
    path = tmp_path / "old-export.json"
    path.write_text(json.dumps(as_v2_export(records)), encoding="utf-8")
    checked = read_import(path)
    assert list(checked) == records
    with Store.open(tmp_path / "data") as store:
        assert store.import_sessions(checked) == 40
        assert store.session(records[3]["id"]) == records[3]

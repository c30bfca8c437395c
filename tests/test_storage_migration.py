"""Schema versions: v1 (one plain TinyDB file) to v2 with a backup; newer is refused."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from tinydb import TinyDB

from tests.samples import sample_active, sample_record
from tui.storage.errors import StoreError
from tui.storage.store import Store

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=CET)
CLOCK = datetime(2026, 11, 23, 9, 15, 0)


def make_v1(
    data_dir: Path, sessions: Sequence[Mapping[str, object]], active: Mapping[str, object] | None
) -> bytes:
    """The layout a plain TinyDB app would use: loosen.json with "sessions" and "active"."""
    data_dir.mkdir(parents=True)
    with TinyDB(data_dir / "loosen.json") as db:
        db.table("sessions").insert_multiple(sessions)
        if active is not None:
            db.table("active").insert(active)
    (data_dir / "settings-notes.txt").write_text("the user's own file")
    return (data_dir / "loosen.json").read_bytes()


def test_v1_is_migrated_with_a_backup(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sessions = [sample_record(START - timedelta(days=d)) for d in (0, 3, 400)]
    active = sample_active(START + timedelta(days=1))
    original = make_v1(data_dir, sessions, active)

    with Store.open(data_dir, now=lambda: CLOCK) as store:
        assert store.notices == []
        assert [s["id"] for s in store.sessions()] == [r["id"] for r in sessions]
        for r in sessions:
            assert store.session(r["id"]) == r
        assert store.active() == active

    backup = data_dir / "backup-v1-20261123-091500"
    assert (backup / "loosen.json").read_bytes() == original
    assert (backup / "settings-notes.txt").read_text() == "the user's own file"
    assert not (data_dir / "loosen.json").exists()
    assert json.loads((data_dir / "meta.json").read_text()) == {
        "meta": {"1": {"schema_version": 3}}
    }
    # Opening again migrates nothing more.
    with Store.open(data_dir, now=lambda: CLOCK + timedelta(hours=1)) as store:
        assert len(store.sessions()) == 3
    assert sorted(p.name for p in data_dir.glob("backup-*")) == [backup.name]


def test_v1_active_that_is_already_in_history_is_dropped(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    finished = sample_record(START)
    make_v1(data_dir, [finished], {"id": finished["id"], "engine": {}})
    with Store.open(data_dir) as store:
        assert store.active() is None
        assert store.session(finished["id"]) == finished


def test_v1_records_that_do_not_fit_are_left_in_the_backup(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    good = sample_record(START)
    bad = sample_record(START - timedelta(days=1))
    bad["status"] = "paused"  # type: ignore[typeddict-item]
    make_v1(data_dir, [good, bad], None)
    with Store.open(data_dir, now=lambda: CLOCK) as store:
        assert [s["id"] for s in store.sessions()] == [good["id"]]
        assert store.notices == [
            "1 session(s) in loosen.json could not be carried over (first: sessions[1].status:"
            ' expected one of "finished", "abandoned", got "paused"); the original file is kept'
            f" in {data_dir / 'backup-v1-20261123-091500'}"
        ]


def test_a_migration_interrupted_before_it_finished_runs_again_cleanly(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sessions = [sample_record(START - timedelta(days=d)) for d in (0, 1)]
    original = make_v1(data_dir, sessions, None)
    with Store.open(data_dir, now=lambda: CLOCK):
        pass
    # As if killed after writing history but before loosen.json moved and meta was written.
    (data_dir / "loosen.json").write_bytes(original)
    (data_dir / "meta.json").unlink()
    with Store.open(data_dir, now=lambda: CLOCK + timedelta(minutes=1)) as store:
        assert sorted(s["id"] for s in store.sessions()) == sorted(r["id"] for r in sessions)
    assert not (data_dir / "loosen.json").exists()
    assert (data_dir / "backup-v1-20261123-091600" / "loosen.json").read_bytes() == original


def test_a_damaged_v1_file_is_moved_aside_and_kept_in_the_backup(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "loosen.json").write_bytes(b'{"sessions": {"1": ')
    with Store.open(data_dir, now=lambda: CLOCK) as store:
        assert store.sessions() == []
        assert len(store.notices) == 1
        assert store.notices[0].startswith("loosen.json was damaged")
    assert (data_dir / "backup-v1-20261123-091500" / "loosen.json").read_bytes() == (
        b'{"sessions": {"1": '
    )


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.add_session(sample_record(START))
    (data_dir / "meta.json").write_text('{"meta": {"1": {"schema_version": 4}}}')
    snapshot = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    with pytest.raises(StoreError) as caught:
        Store.open(data_dir)
    message = str(caught.value)
    assert message == (
        f"{data_dir} holds data schema 4, newer than this loosen knows (3); "
        "upgrade loosen to use it"
    )
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == snapshot
    # The lock was released: after a downgrade of the meta file, the dir opens again.
    (data_dir / "meta.json").write_text('{"meta": {"1": {"schema_version": 3}}}')
    with Store.open(data_dir) as store:
        assert store.read_only is False


def test_an_old_layout_cannot_be_upgraded_while_another_loosen_holds_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_v1(data_dir, [sample_record(START)], None)
    shutil.copy(data_dir / "loosen.json", tmp_path / "copy.json")
    with Store.open(data_dir) as writer:
        assert writer.read_only is False
        (data_dir / "loosen.json").write_bytes((tmp_path / "copy.json").read_bytes())
        (data_dir / "meta.json").unlink()
        with pytest.raises(StoreError, match="needs upgrading, but another loosen is using it"):
            Store.open(data_dir)

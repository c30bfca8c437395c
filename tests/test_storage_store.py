"""Store: layout, permissions, the API over settings, the active session and history."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.samples import sample_active, sample_record, tiny_active
from tui.storage import layout
from tui.storage.errors import InvalidRecordError, StoreError
from tui.storage.files import DataFiles
from tui.storage.store import Store
from tui.storage.types import SessionRecord

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=CET)


def record(days_ago: int, routine_id: str = "desk-reset", **kwargs: Any) -> SessionRecord:
    return sample_record(START - timedelta(days=days_ago), routine_id, **kwargs)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "share" / "loosen"


def test_open_creates_a_private_dir_with_meta_and_lock(data_dir: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        with Store.open(data_dir) as store:
            assert store.read_only is False
            assert store.notices == []
            assert store.data_dir == data_dir
            store.set_setting("bell", False)
            store.save_active(sample_active(START))
            store.add_session(record(0))
            store.add_session(record(400))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "history").stat().st_mode) == 0o700
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert sorted(str(p.relative_to(data_dir)) for p in files) == [
        "active.json",
        "habit-index.json",
        "history/2025-10-sets.json",
        "history/2025.json",
        "history/2026-11-sets.json",
        "history/2026.json",
        "lock",
        "meta.json",
        "settings.json",
    ]
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {oct(0o600)}
    meta = json.loads((data_dir / "meta.json").read_text())
    assert meta == {"meta": {"1": {"schema_version": 3}}}


def test_an_existing_dir_keeps_its_mode(tmp_path: Path) -> None:
    tmp_path.joinpath("mine").mkdir(mode=0o755)
    os.chmod(tmp_path / "mine", 0o755)
    Store.open(tmp_path / "mine").close()
    assert stat.S_IMODE((tmp_path / "mine").stat().st_mode) == 0o755


def test_a_file_in_the_way_is_a_one_line_store_error(tmp_path: Path) -> None:
    (tmp_path / "loosen").write_text("not a dir")
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "loosen")
    assert str(tmp_path / "loosen") in str(caught.value)
    assert "\n" not in str(caught.value)
    with pytest.raises(StoreError, match="loosen"):
        Store.open(tmp_path / "loosen" / "data")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_an_unwritable_dir_is_a_store_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        with pytest.raises(StoreError, match=str(locked)):
            Store.open(locked / "loosen")
        with pytest.raises(StoreError, match=str(locked)):
            Store.open(locked)
    finally:
        locked.chmod(0o700)


def test_settings(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store.get_setting("bell", True) is True
        store.set_setting("bell", False)
        store.set_setting("theme", "textual-light")
        assert store.get_setting("bell", True) is False
        assert store.get_setting("theme", "textual-dark") == "textual-light"
        # A value of the wrong type (say, hand-edited) gives the default back.
        store.set_setting("bell", "yes please")
        assert store.get_setting("bell", True) is True
        store.set_setting("bell", False)
    with Store.open(data_dir) as store:
        assert store.get_setting("bell", True) is False
        assert store.get_setting("theme", None) == "textual-light"


def test_active_session_save_read_clear(data_dir: Path) -> None:
    doc = sample_active(START)
    with Store.open(data_dir) as store:
        assert store.active() is None
        store.save_active(doc)
        assert store.active() == doc
        doc["engine"]["set"] = 2
        store.save_active(doc)
    with Store.open(data_dir) as store:
        active = store.active()
        assert active == doc
        assert active is not None and active["engine"]["set"] == 2
        store.clear_active()
        assert store.active() is None
        assert not (data_dir / "active.json").exists()
        with pytest.raises(InvalidRecordError) as caught:
            store.save_active(["not", "a", "dict"])  # type: ignore[arg-type]
        assert caught.value.errors == ["session: expected an object, got a list"]
        with pytest.raises(InvalidRecordError) as caught:
            store.save_active({"id": "x", "routine": {}})  # type: ignore[typeddict-item]
        assert str(caught.value) == 'invalid unfinished session: session: missing field "engine"'
        assert store.active() is None


def test_save_active_does_not_touch_history(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.add_session(record(1))
        shard = data_dir / "history" / "2026.json"
        before = (shard.stat().st_mtime_ns, shard.stat().st_ino, shard.read_bytes())
        for n in range(5):
            store.save_active(tiny_active("a" * 32, n=n))
        assert (shard.stat().st_mtime_ns, shard.stat().st_ino, shard.read_bytes()) == before


def test_sessions_are_summaries_newest_first_and_filter_by_routine(data_dir: Path) -> None:
    older = record(30, "pre-lift")
    middle = record(2, "morning-loosen", status="abandoned", rating=None, note="phone rang")
    newest = record(0, "pre-lift")
    last_year = record(365, "desk-reset")
    with Store.open(data_dir) as store:
        for r in (middle, last_year, newest, older):
            store.add_session(r)
        listed = store.sessions()
        assert [s["id"] for s in listed] == [
            newest["id"],
            middle["id"],
            older["id"],
            last_year["id"],
        ]
        assert all("sets" not in s for s in listed)
        expected = {k: v for k, v in middle.items() if k != "sets"}
        expected["done_exercise_ids"] = ["cat-cow", "open-book", "band-pull-apart"]
        assert listed[1] == expected  # the abandoned session's skipped exercise is not "done"
        assert [s["id"] for s in store.sessions("pre-lift")] == [newest["id"], older["id"]]
        assert store.sessions("no-such-routine") == []


def test_session_detail_and_replacing_by_id(data_dir: Path) -> None:
    first = record(3)
    with Store.open(data_dir) as store:
        store.add_session(first)
        store.add_session(record(4))
        assert store.session(first["id"]) == first
        assert store.session("0" * 32) is None
        changed: SessionRecord = {**first, "rating": 2, "note": "tight today"}
        store.add_session(changed)
        assert len(store.sessions()) == 2
    with Store.open(data_dir) as store:
        assert store.session(first["id"]) == changed
        assert store.sessions()[0]["note"] == "tight today"


def test_all_sessions_are_full_records_oldest_first(data_dir: Path) -> None:
    records = [record(days) for days in (0, 800, 40, 41, 365)]
    with Store.open(data_dir) as store:
        for r in records:
            store.add_session(r)
        got = list(store.all_sessions())
    assert got == sorted(records, key=lambda r: r["started_at"])


def test_order_follows_the_instant_not_the_wall_clock(data_dir: Path) -> None:
    # 08:00 in New York happens after 10:00 in Berlin on the same day.
    berlin = sample_record(datetime(2026, 6, 1, 10, 0, tzinfo=timezone(timedelta(hours=2))))
    new_york = sample_record(datetime(2026, 6, 1, 8, 0, tzinfo=timezone(timedelta(hours=-4))))
    with Store.open(data_dir) as store:
        store.add_session(new_york)
        store.add_session(berlin)
        assert [s["id"] for s in store.sessions()] == [new_york["id"], berlin["id"]]


def test_add_session_clears_the_matching_active_session_only(data_dir: Path) -> None:
    active = sample_active(START)
    with Store.open(data_dir) as store:
        store.save_active(active)
        store.add_session(record(1))  # a different session: the active one stays
        assert store.active() == active
        store.add_session(sample_record(START, session_id=active["id"]))
        assert store.active() is None
        assert store.session(active["id"]) is not None


def test_an_invalid_record_is_refused_and_nothing_is_written(data_dir: Path) -> None:
    bad = record(0)
    bad["sets"][0]["reps"] = "ten"  # type: ignore[typeddict-item]
    with Store.open(data_dir) as store:
        with pytest.raises(InvalidRecordError) as caught:
            store.add_session(bad)
        assert caught.value.errors == ['record.sets[0].reps: expected a whole number, got "ten"']
        assert store.sessions() == []
    assert not (data_dir / "history").exists()


class Killed(BaseException):
    """Stands in for the process dying at a chosen point."""


def test_kill_between_history_write_and_active_clear_is_cleaned_up_on_open(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    active = sample_active(START)
    finished = sample_record(START, session_id=active["id"])
    with Store.open(data_dir) as store:
        store.save_active(active)

        def die(self: DataFiles, path: Path) -> None:
            raise Killed

        monkeypatch.setattr(DataFiles, "remove", die)
        with pytest.raises(Killed):
            store.add_session(finished)
        monkeypatch.undo()
    assert (data_dir / "active.json").exists()  # the kill left the active session behind
    with Store.open(data_dir) as store:
        assert not (data_dir / "active.json").exists()
        assert store.active() is None
        assert store.session(finished["id"]) == finished


def test_kill_before_history_write_keeps_the_active_session(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    active = sample_active(START)
    with Store.open(data_dir) as store:
        store.save_active(active)

        def die(self: object, records: object) -> None:
            raise Killed

        monkeypatch.setattr("tui.storage.shards.History.put", die)
        with pytest.raises(Killed):
            store.add_session(sample_record(START, session_id=active["id"]))
        monkeypatch.undo()
    with Store.open(data_dir) as store:
        assert store.active() == active
        assert store.sessions() == []


def test_import_merges_by_id_and_twice_changes_nothing(data_dir: Path) -> None:
    mine = record(1, note="mine")
    incoming = [record(days) for days in (5, 6, 700)]
    with Store.open(data_dir) as store:
        store.add_session(mine)
        theirs: SessionRecord = {**mine, "note": "theirs"}
        assert store.import_sessions([*incoming, theirs]) == 3
        files_before = {p: p.read_bytes() for p in (data_dir / "history").iterdir()}
        assert store.import_sessions([*incoming, theirs]) == 0
        assert {p: p.read_bytes() for p in (data_dir / "history").iterdir()} == files_before
        assert len(store.sessions()) == 4
        kept = store.session(mine["id"])
        assert kept is not None and kept["note"] == "mine"  # what is here already stays
        assert store.session(incoming[2]["id"]) == incoming[2]


def test_import_refuses_invalid_records_entirely(data_dir: Path) -> None:
    good, bad = record(1), record(2)
    bad["rating"] = 9
    with Store.open(data_dir) as store:
        with pytest.raises(InvalidRecordError, match=r"records\[1\]\.rating"):
            store.import_sessions([good, bad])
        assert store.sessions() == []


def test_opening_reads_no_history(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.add_session(record(1))
    (data_dir / "history" / "2026.json").write_bytes(b"{broken")
    with Store.open(data_dir) as store:
        assert store.notices == []  # open did not look at history...
        assert store.sessions() == []
        assert len(store.notices) == 1  # ...listing it did


def test_a_closed_store_refuses_writes(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.save_active(tiny_active("x"))


def test_leftover_temp_files_are_removed(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.add_session(record(1))
    top = data_dir / ".active.json.tmp-0123456789ab"
    in_history = data_dir / "history" / ".2026.json.tmp-abcdef012345"
    keep = data_dir / "notes.tmp"
    for path in (top, in_history, keep):
        path.write_bytes(b'{"half": "writ')
    with Store.open(data_dir) as store:
        assert not top.exists()
        assert keep.exists()
        # History's dir is tidied by its first write, so open need not list it.
        assert in_history.exists()
        assert len(store.sessions()) == 1
        store.add_session(record(2))
        assert not in_history.exists()


def test_layout_constants_match_the_files(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.set_setting("bell", True)
        store.save_active(tiny_active("x"))
    for name in (layout.LOCK, layout.META, layout.SETTINGS, layout.ACTIVE):
        assert (data_dir / name).is_file()

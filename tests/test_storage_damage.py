"""Damaged files are moved aside byte for byte, reported, and replaced by fresh ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.samples import sample_active, sample_record, tiny_active
from tui.storage.store import Store
from tui.storage.types import SessionRecord

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=CET)
CLOCK = datetime(2026, 11, 23, 8, 0, 1)
STAMP = "20261123-080001"

BAD_JSON = b'{"sessions": {"1": {"id": "abc", "rou'
NOT_TABLES = b"[1, 2, 3]"


def opened(data_dir: Path) -> Store:
    return Store.open(data_dir, now=lambda: CLOCK)


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, SessionRecord]:
    """A data dir with a setting, an active session and one finished session."""
    data_dir = tmp_path / "data"
    finished = sample_record(START)
    with opened(data_dir) as store:
        store.set_setting("bell", False)
        store.save_active(sample_active(START))
        store.add_session(finished)
    return data_dir, finished


def use_settings(store: Store) -> None:
    assert store.get_setting("bell", True) is True  # the damaged value is gone
    store.set_setting("bell", False)
    assert store.get_setting("bell", True) is False


def use_active(store: Store) -> None:
    assert store.active() is None
    store.save_active(tiny_active("fresh"))
    assert store.active() == tiny_active("fresh")


def use_summaries(store: Store) -> None:
    assert store.sessions() == []
    again = sample_record(START + timedelta(days=1))
    store.add_session(again)
    assert [s["id"] for s in store.sessions()] == [again["id"]]


def use_details(store: Store) -> None:
    only = store.sessions()[0]
    detail = store.session(only["id"])
    assert detail is not None and detail["sets"] == []  # summary kept, its sets were lost
    again = sample_record(START + timedelta(days=1))
    store.add_session(again)
    assert store.session(again["id"]) == again


def use_meta(store: Store) -> None:
    assert (store.data_dir / "meta.json").read_bytes() != b""
    assert len(store.sessions()) == 1  # history untouched


CASES: dict[str, tuple[str, Callable[[Store], None]]] = {
    "settings": ("settings.json", use_settings),
    "active": ("active.json", use_active),
    "summaries": ("history/2026.json", use_summaries),
    "details": ("history/2026-11-sets.json", use_details),
    "meta": ("meta.json", use_meta),
}
# A damaged history shard keeps what still parses; the others start afresh.
SALVAGED = {
    "summaries": "0 session record(s) were saved from it",
    "details": "the sets of 0 session(s) were saved from it",
}
SHAPES = {
    "bad json": BAD_JSON,
    "not tables": NOT_TABLES,
    "table not an object": b'{"settings": [true], "active": 3}',
}


@pytest.mark.parametrize("kind", sorted(CASES))
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_damaged_file_is_moved_aside_and_a_fresh_one_used(
    seeded: tuple[Path, SessionRecord], kind: str, shape: str
) -> None:
    data_dir, _finished = seeded
    name, use = CASES[kind]
    damaged = SHAPES[shape]
    (data_dir / name).write_bytes(damaged)
    with opened(data_dir) as store:
        use(store)
        moved = data_dir / f"{name}.damaged-{STAMP}"
        assert moved.read_bytes() == damaged  # preserved exactly
        assert len(store.notices) == 1
        notice = store.notices[0]
        assert notice.startswith(f"{name} was damaged (")
        tail = SALVAGED.get(kind, "loosen started with a fresh file")
        assert f"has been moved to {moved}; {tail}" in notice
    # The fresh file is a good one: opening again finds nothing wrong.
    with opened(data_dir) as store:
        store.sessions()
        store.active()
        store.get_setting("bell", True)
        assert store.notices == []


def test_an_active_file_without_a_session_object_is_damaged(
    seeded: tuple[Path, SessionRecord],
) -> None:
    data_dir, _ = seeded
    damaged = b'{"active": {"1": {"no_session_here": 1}}}'
    (data_dir / "active.json").write_bytes(damaged)
    with opened(data_dir) as store:
        use_active(store)
        assert (data_dir / f"active.json.damaged-{STAMP}").read_bytes() == damaged
        assert store.notices == [
            f"active.json was damaged (no session object in it) and has been moved to "
            f"{data_dir / f'active.json.damaged-{STAMP}'}; loosen started with a fresh file"
        ]


@pytest.mark.parametrize(
    ("session", "problem"),
    [
        ({"id": "x", "engine": {}}, 'session: missing field "routine"'),
        ({"id": 7, "routine": {}, "engine": {}}, "session.id: expected a non-empty string, got 7"),
    ],
)
def test_an_active_file_whose_session_is_not_valid_is_damaged(
    seeded: tuple[Path, SessionRecord], session: dict[str, object], problem: str
) -> None:
    data_dir, _ = seeded
    damaged = json.dumps({"active": {"1": {"session": session}}}).encode()
    (data_dir / "active.json").write_bytes(damaged)
    with opened(data_dir) as store:
        assert store.active() is None
        assert (data_dir / f"active.json.damaged-{STAMP}").read_bytes() == damaged
        moved = data_dir / f"active.json.damaged-{STAMP}"
        assert store.notices == [
            f"active.json was damaged (the session in it is not valid: {problem}) and has been "
            f"moved to {moved}; loosen started with a fresh file"
        ]
        store.save_active(tiny_active("fresh"))
        assert store.active() == tiny_active("fresh")


def test_a_second_damage_in_the_same_second_gets_its_own_name(
    seeded: tuple[Path, SessionRecord],
) -> None:
    data_dir, _ = seeded
    for content in (b"{one", b"{two", b"{three"):
        (data_dir / "settings.json").write_bytes(content)
        with opened(data_dir) as store:
            store.get_setting("bell", True)
    assert (data_dir / f"settings.json.damaged-{STAMP}").read_bytes() == b"{one"
    assert (data_dir / f"settings.json.damaged-{STAMP}-1").read_bytes() == b"{two"
    assert (data_dir / f"settings.json.damaged-{STAMP}-2").read_bytes() == b"{three"


def test_read_only_store_skips_damaged_files_and_moves_nothing(
    seeded: tuple[Path, SessionRecord],
) -> None:
    data_dir, finished = seeded
    (data_dir / "settings.json").write_bytes(BAD_JSON)
    (data_dir / "history" / "2026.json").write_bytes(NOT_TABLES)
    with opened(data_dir) as writer, opened(data_dir) as reader:
        assert writer.read_only is False
        assert reader.read_only is True
        assert reader.get_setting("bell", True) is True
        assert reader.get_setting("bell", True) is True
        assert reader.sessions() == []
        assert (data_dir / "settings.json").read_bytes() == BAD_JSON
        assert (data_dir / "history" / "2026.json").read_bytes() == NOT_TABLES
        assert not list(data_dir.rglob("*.damaged-*"))
        assert reader.notices == [
            "settings.json is damaged (not valid JSON at line 1, column 34: Unterminated "
            "string starting at); it was skipped and left in place because history is "
            "read-only here",
            "history/2026.json is damaged (expected a JSON object of tables, found list); "
            "0 session record(s) could still be read; the rest was skipped and the file "
            "left in place because history is read-only here",
        ]
        # The writer then moves them aside when it reads them.
        assert writer.sessions() == []
        assert len(writer.notices) == 1
    assert finished  # the fixture's session went with the damaged shard


def test_meta_without_a_version_is_rewritten(seeded: tuple[Path, SessionRecord]) -> None:
    data_dir, _ = seeded
    (data_dir / "meta.json").write_bytes(b'{"other": {}}')
    with opened(data_dir) as store:
        assert store.notices == []
        assert len(store.sessions()) == 1
    assert (data_dir / "meta.json").read_bytes() == b'{"meta":{"1":{"schema_version":3}}}'


def test_a_dangling_list_reference_sets_the_record_aside(
    seeded: tuple[Path, SessionRecord],
) -> None:
    data_dir, _ = seeded
    shard = data_dir / "history" / "2026.json"
    text = shard.read_text("utf-8").replace('"lists":{', '"lists":{"999":{"x":1},', 1)
    text = text.replace('"exercises":1', '"exercises":42', 1)
    shard.write_text(text, "utf-8")
    with opened(data_dir) as store:
        assert store.sessions() == []
        assert store.notices == [
            "history/2026.json: 1 session record(s) were not valid and have been moved to "
            f"{shard}.rejected (first: sessions.1.exercises: refers to list 42, which is missing)"
        ]

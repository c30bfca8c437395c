"""Every history record is checked when read: a bad one is set aside alone, a damaged
shard gives back every record that still parses, and the user is told once."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.history_files import (
    history_file,
    plant_summary,
    read_tables,
    rejected_records,
    summary_of,
)
from tests.samples import sample_record
from tui.storage.export import export_csv, export_json
from tui.storage.store import Store
from tui.storage.types import SessionRecord

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 1, 7, 31, 5, tzinfo=CET)
CLOCK = datetime(2026, 11, 23, 8, 0, 1)
STAMP = "20261123-080001"


def opened(data_dir: Path) -> Store:
    return Store.open(data_dir, now=lambda: CLOCK)


def good_records(count: int = 5) -> list[SessionRecord]:
    return [
        sample_record(START + timedelta(days=day), session_id=f"good-{day}") for day in range(count)
    ]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data dir with five good sessions in November 2026."""
    path = tmp_path / "data"
    with opened(path) as store:
        store.import_sessions(good_records())
    return path


def bad_summary(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    summary = summary_of(sample_record(START + timedelta(days=7), session_id="bad"))
    change(summary)
    return summary


BAD_SUMMARIES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "not a date": (
        lambda s: s.update(started_at="not a date"),
        '.started_at: expected an ISO-8601 date-time with UTC offset, got "not a date"',
    ),
    "naive time": (
        lambda s: s.update(started_at="2026-11-08T07:31:05"),
        '.started_at: expected an ISO-8601 date-time with UTC offset, got "2026-11-08T07:31:05"',
    ),
    "duration text": (
        lambda s: s.update(duration_seconds="x"),
        '.duration_seconds: expected a whole number, got "x"',
    ),
    "rating 99": (
        lambda s: s.update(rating=99),
        ".rating: must be at most 5, got 99",
    ),
    "unknown status": (
        lambda s: s.update(status="paused"),
        '.status: expected one of "finished", "abandoned", got "paused"',
    ),
    "no id": (lambda s: s.pop("id"), ': missing field "id"'),
    "exercise not an object": (
        lambda s: s["exercises"].__setitem__(0, 7),
        ".exercises[0]: expected an object, got 7",
    ),
    "lone surrogate": (
        lambda s: s.update(note="\ud800"),
        ".note: text is not valid Unicode (a lone surrogate escape)",
    ),
    "another year": (
        lambda s: s.update(started_at="2025-11-08T07:31:05+01:00"),
        ".started_at: not in 2026, the year of this file",
    ),
    "a second copy": (lambda s: s.update(id="good-2"), ".id: a second session with this id"),
}


@pytest.mark.parametrize("kind", sorted(BAD_SUMMARIES))
def test_a_bad_summary_is_set_aside_alone_and_reported_once(data_dir: Path, kind: str) -> None:
    change, problem = BAD_SUMMARIES[kind]
    bad = bad_summary(change)
    plant_summary(data_dir, 2026, bad)
    shard = history_file(data_dir, "2026.json")
    with opened(data_dir) as store:
        assert sorted(s["id"] for s in store.sessions()) == [f"good-{d}" for d in range(5)]
        assert store.notices == [
            f"history/2026.json: 1 session record(s) were not valid and have been moved to "
            f"{shard}.rejected (first: sessions.6{problem})"
        ]
        assert len(store.sessions()) == 5
        assert len(store.notices) == 1  # told once
        out = io.StringIO()
        export_json(store.all_sessions(), out)
        assert len(json.loads(out.getvalue())["sessions"]) == 5
    assert rejected_records(shard) == [bad]
    assert len(read_tables(shard)["sessions"]) == 5  # the shard no longer holds it
    with opened(data_dir) as store:
        assert len(store.sessions()) == 5
        assert store.notices == []


def test_rejects_are_only_ever_added(data_dir: Path) -> None:
    shard = history_file(data_dir, "2026.json")
    first = bad_summary(lambda s: s.update(rating=99))
    second = bad_summary(lambda s: s.update(status="paused"))
    for bad in (first, second):
        plant_summary(data_dir, 2026, bad)
        with opened(data_dir) as store:
            assert len(store.sessions()) == 5
    assert rejected_records(shard) == [first, second]
    entry = read_tables(shard.with_name("2026.json.rejected"))["rejected"]["1"]
    assert entry["from"] == "2026.json" and entry["moved_at"] == "2026-11-23T08:00:01"
    assert entry["problems"] == ["sessions.6.rating: must be at most 5, got 99"]


def test_a_damaged_rejected_file_is_kept_aside_too(data_dir: Path) -> None:
    shard = history_file(data_dir, "2026.json")
    rejected = shard.with_name("2026.json.rejected")
    rejected.write_bytes(b'{"rejected": {"1": {"reco')
    bad = bad_summary(lambda s: s.update(rating=0))
    plant_summary(data_dir, 2026, bad)
    with opened(data_dir) as store:
        assert len(store.sessions()) == 5
    assert rejected.with_name(f"2026.json.rejected.damaged-{STAMP}").read_bytes() == (
        b'{"rejected": {"1": {"reco'
    )
    assert rejected_records(shard) == [bad]


BAD_SETS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "reps text": (
        lambda d: d["sets"][1].update(reps="ten"),
        'sets[1].reps: expected a whole number, got "ten"',
    ),
    "set not an object": (
        lambda d: d["sets"].__setitem__(0, None),
        "sets[0]: expected an object, got null",
    ),
    "time out of range": (
        lambda d: d["sets"][3].update(at="0001-01-01T00:00:00+05:00"),
        "sets[3].at: expected a date-time in the years 1900 to 9000 (UTC), "
        'got "0001-01-01T00:00:00+05:00"',
    ),
    "no sets list": (lambda d: d.update(sets={}), "sets: expected a list, got an object"),
}


@pytest.mark.parametrize("kind", sorted(BAD_SETS))
def test_bad_sets_are_set_aside_and_the_session_says_they_are_missing(
    data_dir: Path, kind: str
) -> None:
    change, problem = BAD_SETS[kind]
    shard = history_file(data_dir, "2026-11-sets.json")
    tables = read_tables(shard)
    victim = tables["sets"]["3"]
    bad = copy.deepcopy(victim)
    change(bad)
    tables["sets"]["3"] = bad
    shard.write_text(json.dumps(tables), "utf-8")
    with opened(data_dir) as store:
        assert len(store.sessions()) == 5  # the summary is fine: the session stays listed
        detail = store.session_detail(victim["id"])
        assert detail is not None and detail.sets_missing
        assert detail.record["sets"] == []
        assert store.notices == [
            "history/2026-11-sets.json: the sets of 1 session(s) were not valid and have been "
            f"moved to {shard}.rejected (first: sets.3.{problem})"
        ]
        other = store.session_detail("good-0")
        assert other is not None and not other.sets_missing and len(other.record["sets"]) == 12
        export_csv(store.all_sessions(), io.StringIO(newline=""))
    assert rejected_records(shard) == [bad]
    with opened(data_dir) as store:
        assert store.session("good-1") is not None
        assert store.notices == []


def test_a_truncated_summary_shard_gives_back_every_whole_record(data_dir: Path) -> None:
    shard = history_file(data_dir, "2026.json")
    original = shard.read_bytes()
    cut = original[: original.index(b'"good-3"')]  # inside the fourth session
    shard.write_bytes(cut)
    with opened(data_dir) as store:
        assert sorted(s["id"] for s in store.sessions()) == ["good-0", "good-1", "good-2"]
        moved = shard.with_name(f"2026.json.damaged-{STAMP}")
        assert store.notices == [
            f"history/2026.json was damaged (not valid JSON at line 1, column {len(cut) + 1}: "
            f"Expecting value) and has been moved to {moved}; "
            "3 session record(s) were saved from it and 1 could not be read"
        ]
        assert moved.read_bytes() == cut
        assert store.session("good-1") == good_records()[1]
    with opened(data_dir) as store:
        assert len(store.sessions()) == 3
        assert store.notices == []


def test_bytes_spoiled_in_the_middle_lose_only_their_record(data_dir: Path) -> None:
    shard = history_file(data_dir, "2026.json")
    original = shard.read_bytes()
    at = original.index(b'"good-2"')
    shard.write_bytes(original[:at] + b"\xff\x00{{" + original[at + 8 :])
    with opened(data_dir) as store:
        assert sorted(s["id"] for s in store.sessions()) == ["good-0", "good-1", "good-3", "good-4"]
        assert store.notices[0].endswith(
            "4 session record(s) were saved from it and 1 could not be read"
        )


def test_a_truncated_sets_shard_keeps_the_sets_that_parse(data_dir: Path) -> None:
    shard = history_file(data_dir, "2026-11-sets.json")
    original = shard.read_bytes()
    shard.write_bytes(original[: original.index(b'"good-4"') + 20])
    with opened(data_dir) as store:
        detail = store.session_detail("good-3")
        assert detail is not None and not detail.sets_missing
        assert detail.record == good_records()[3]
        assert store.notices[0].endswith(
            "the sets of 4 session(s) were saved from it and 1 could not be read"
        )
        lost = store.session_detail("good-4")
        assert lost is not None and lost.sets_missing
        assert len(store.notices) == 1


def test_a_read_only_store_lists_the_good_records_and_changes_nothing(data_dir: Path) -> None:
    plant_summary(data_dir, 2026, bad_summary(lambda s: s.update(rating=99)))
    shard = history_file(data_dir, "2026.json")
    before = shard.read_bytes()
    with opened(data_dir) as writer, opened(data_dir) as reader:
        assert reader.read_only and not writer.read_only
        assert len(reader.sessions()) == 5
        assert len(reader.sessions()) == 5
        assert reader.notices == [
            "history/2026.json has 1 session record(s) that are not valid (first: "
            "sessions.6.rating: must be at most 5, got 99); they were skipped "
            "and the file left in place because history is read-only here"
        ]
        assert shard.read_bytes() == before
        assert not shard.with_name("2026.json.rejected").exists()


def test_adding_a_session_to_a_shard_with_a_bad_record_sets_it_aside_first(
    data_dir: Path,
) -> None:
    bad = bad_summary(lambda s: s.update(rating=99))
    plant_summary(data_dir, 2026, bad)
    extra = sample_record(START + timedelta(days=10), session_id="extra")
    with opened(data_dir) as store:
        store.add_session(extra)
        assert len(store.notices) == 1
        assert len(store.sessions()) == 6
    assert rejected_records(history_file(data_dir, "2026.json")) == [bad]


def test_a_damaged_shard_is_salvaged_before_a_session_is_added(data_dir: Path) -> None:
    shard = history_file(data_dir, "2026.json")
    original = shard.read_bytes()
    shard.write_bytes(original[: original.index(b'"good-4"')])
    with opened(data_dir) as store:
        store.add_session(sample_record(START + timedelta(days=10), session_id="extra"))
        assert sorted(s["id"] for s in store.sessions()) == [
            "extra", "good-0", "good-1", "good-2", "good-3"
        ]  # fmt: skip
    assert shard.with_name(f"2026.json.damaged-{STAMP}").exists()


def test_nesting_and_numbers_json_cannot_hold_are_damage_not_a_crash(data_dir: Path) -> None:
    plant_summary(data_dir, 2026, {"id": "deep", "x": 1})
    shard = history_file(data_dir, "2026.json")
    text = shard.read_text("utf-8")
    deep = "[" * 100_000 + "]" * 100_000
    shard.write_text(
        text.replace('"x":1', f'"x":{deep}').replace('"id":"deep"', '"n":' + "9" * 5000), "utf-8"
    )
    with opened(data_dir) as store:
        assert len(store.sessions()) == 5
        assert "1 could not be read" in store.notices[0]

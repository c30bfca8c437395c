"""The habit index after a write: taken from the summaries just written, as if read back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.samples import sample_record
from tui.habit.index import INDEX, read_index, refresh_index
from tui.storage.checked import CheckedSessions
from tui.storage.store import Store

OFFSET = timezone(timedelta(hours=-5))


def test_an_import_indexes_the_years_it_wrote_without_reading_them_back(data_dir: Path) -> None:
    with Store.open(data_dir) as store:  # history already there: 2025, and one session of 2024
        store.add_session(sample_record(datetime(2025, 3, 1, 7, tzinfo=OFFSET), "pre-lift"))
        store.add_session(sample_record(datetime(2024, 12, 31, 23, tzinfo=OFFSET), "pre-lift"))
    imported = [
        sample_record(datetime(2024, 1, 1, 0, 30, tzinfo=OFFSET) + timedelta(days=3 * n))
        for n in range(250)  # into 2024 and 2025, which already have sessions, and 2026
    ]
    imported[4]["sets_done"] = 0  # a session that does not count for the habit

    def no_shard_reads(path: str) -> tuple[int, int]:
        raise AssertionError(f"read back {path}")

    with Store.open(data_dir) as store, pytest.MonkeyPatch.context() as patch:
        patch.setattr("tui.habit.index.shard_marks", no_shard_reads)
        assert store.import_sessions(CheckedSessions.check(imported)) == 250
    from_memory = read_index(str(data_dir))
    assert sorted(from_memory) == ["2024", "2025", "2026"]

    (data_dir / INDEX).unlink()
    refresh_index(str(data_dir))  # every year read from its shard
    assert read_index(str(data_dir)) == from_memory

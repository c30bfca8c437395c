"""History read a year at a time: the first screen's worth first, the same list in the end."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tests.samples import sample_record
from tui.history.reading import HistoryReading, extend_older
from tui.history.tally import HistoryTally
from tui.storage.records import order_key
from tui.storage.store import Store

TODAY = date(2026, 11, 22)


def daily(count: int, today: date = TODAY) -> list[dict[str, Any]]:
    start = datetime(today.year, today.month, today.day, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    return [sample_record(start - timedelta(days=n), session_id=f"s{n:05}") for n in range(count)]


def test_years_come_newest_first_and_join_into_the_sessions_list(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.import_sessions(daily(1_000))
        years = list(store.sessions_by_year())
        assert [year for year, _ in years] == [2026, 2025, 2024]
        joined = [summary for _, batch in years for summary in batch]
        assert [s["id"] for s in joined] == [s["id"] for s in store.sessions()]


def test_the_first_screen_reads_only_the_recent_years(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.import_sessions(daily(3_650))
        reading = HistoryReading(store.sessions_by_year(), TODAY)
        reading.read_until_shown()
        assert reading.oldest_year == 2026 and not reading.complete
        assert len(reading.summaries) == 326  # 2026 up to 22 November
        assert reading.covers(TODAY - timedelta(weeks=12))
        assert not reading.covers(date(2026, 1, 1))
        reading.read_all()
        assert reading.complete and reading.covers(date(2000, 1, 1))
        assert [s["id"] for s in reading.summaries] == [s["id"] for s in store.sessions()]
        whole = HistoryTally(TODAY)
        whole.add(store.sessions())
        assert reading.tally.figures(None) == whole.figures(None)


def test_early_in_the_year_the_calendar_reaches_into_last_year(data_dir: Path) -> None:
    january = date(2026, 1, 20)
    with Store.open(data_dir) as store:
        store.import_sessions(daily(800, january))
        reading = HistoryReading(store.sessions_by_year(), january)
        reading.read_until_shown(rows=10)
        assert reading.oldest_year == 2025


def test_an_empty_history_is_complete_at_once(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        reading = HistoryReading(store.sessions_by_year(), TODAY)
        reading.read_until_shown()
        assert reading.complete and reading.summaries == []


def test_years_that_overlap_across_time_zones_merge_into_order() -> None:
    # Recorded in Tokyo, this session is in 2026's file but happened before the New York
    # one in 2025's file.
    tokyo = {"id": "a", "started_at": "2026-01-01T00:30:00+09:00"}
    new_york = {"id": "b", "started_at": "2025-12-31T22:00:00-05:00"}
    earlier = {"id": "c", "started_at": "2025-12-30T08:00:00-05:00"}
    newest_first = [{"id": "d", "started_at": "2026-01-02T08:00:00+09:00"}, tokyo]
    extend_older(newest_first, [new_york, earlier])
    assert [s["id"] for s in newest_first] == ["d", "b", "a", "c"]
    assert newest_first == sorted(newest_first, key=order_key, reverse=True)

"""Reading the habit from a data dir: local days across zones and DST, the index, bad dirs."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.samples import sample_record
from tui.habit import shards
from tui.habit.counting import counts_for_habit, today_ordinal, year_start
from tui.habit.goal import GOAL_SETTING
from tui.habit.index import INDEX, read_index, refresh_index
from tui.habit.reader import SCHEMA_VERSION, HabitData, HabitDataError
from tui.habit.status import habit_status
from tui.history.stats import forget_time_zone
from tui.storage import layout
from tui.storage.store import Store
from tui.storage.types import SessionRecord, Status


def use_zone(name: str) -> None:
    """Make `name` this process's local zone; conftest's fixed_time_zone puts TZ back."""
    os.environ["TZ"] = name
    time.tzset()
    forget_time_zone()


def record_at(
    moment: datetime, *, status: Status = "finished", sets_done: int | None = None
) -> SessionRecord:
    """A finished session that started at `moment` (an aware datetime, kept in its offset)."""
    record = sample_record(moment)
    record["status"] = status
    if sets_done is not None:
        record["sets_done"] = sets_done
    return record


def days_of(data_dir: Path) -> set[date]:
    """Every local day HabitData marks, by asking about each day of the last 800 years."""
    marks = HabitData(str(data_dir)).marks()
    low = date(1900, 1, 1).toordinal()
    bits = marks.segment(low, date(2200, 1, 1).toordinal())
    return {date.fromordinal(low + i) for i, bit in enumerate(bits) if bit == "1"}


def test_the_readers_names_match_the_storage_layout() -> None:
    assert shards.HISTORY == layout.HISTORY
    assert (shards.SETTINGS, shards.SETTINGS_TABLE) == (layout.SETTINGS, layout.SETTINGS_TABLE)
    assert (shards.META, shards.META_TABLE) == (layout.META, layout.META_TABLE)
    assert shards.V1_DATABASE == layout.V1_DATABASE
    assert SCHEMA_VERSION == layout.SCHEMA_VERSION
    assert shards.shard_path("h", 2026) == str(layout.summary_shard(Path("h"), 2026))


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.dates())
def test_year_start_is_the_ordinal_of_new_years_day(day: date) -> None:
    assert year_start(day.year) == date(day.year, 1, 1).toordinal()


@pytest.mark.parametrize("name", ["Pacific/Kiritimati", "Etc/GMT+12", "Europe/Berlin", "UTC"])
def test_today_without_datetime_is_todays_local_date(name: str) -> None:
    use_zone(name)
    assert today_ordinal() == date.today().toordinal()


def test_sessions_with_a_done_set_count_finished_or_abandoned() -> None:
    assert counts_for_habit({"status": "finished", "sets_done": 1})
    assert counts_for_habit({"status": "abandoned", "sets_done": 5})
    assert not counts_for_habit({"status": "abandoned", "sets_done": 0})
    assert not counts_for_habit({"status": "finished", "sets_done": 0})
    assert not counts_for_habit({"status": "finished", "sets_done": True})
    assert not counts_for_habit({"status": "finished"})


def test_empty_sessions_leave_their_day_unmarked(data_dir: Path) -> None:
    day = datetime(2026, 11, 18, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    with Store.open(data_dir) as store:
        store.add_session(record_at(day, status="abandoned", sets_done=0))
        store.add_session(record_at(day + timedelta(days=1), sets_done=0))
        store.add_session(record_at(day + timedelta(days=2)))
    assert days_of(data_dir) == {date(2026, 11, 20)}


zones = st.sampled_from(
    ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Kiritimati"]
)
# Instants near the DST changes of 2026 in Berlin and New York, and near New Year.
instants = st.one_of(
    st.datetimes(datetime(2026, 3, 7), datetime(2026, 3, 31)),
    st.datetimes(datetime(2026, 10, 24), datetime(2026, 11, 3)),
    st.datetimes(datetime(2025, 12, 29), datetime(2026, 1, 3)),
).map(lambda moment: moment.replace(tzinfo=UTC))
recorded_offsets = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))


@settings(derandomize=True, max_examples=60, deadline=None)
@given(
    viewer=zones,
    sessions=st.lists(st.tuples(instants, recorded_offsets), min_size=1, max_size=12),
)
def test_each_session_counts_on_its_calendar_date_in_the_viewers_zone(
    viewer: str, sessions: list[tuple[datetime, timezone]]
) -> None:
    """Recorded in any offset (even one that moves it into another year's shard)."""
    use_zone(viewer)
    expected = {moment.astimezone(ZoneInfo(viewer)).date() for moment, _offset in sessions}
    with tempfile.TemporaryDirectory() as root:
        data_dir = Path(root) / "data"
        with Store.open(data_dir) as store:
            store.import_sessions([record_at(m.astimezone(o)) for m, o in sessions])
        assert days_of(data_dir) == expected
        (data_dir / INDEX).unlink()  # the same read from the shards themselves
        assert days_of(data_dir) == expected


def test_a_week_across_a_dst_change_has_seven_days(data_dir: Path) -> None:
    """Europe/Berlin went to summer time on Sunday 29 March 2026: still seven days a week."""
    use_zone("Europe/Berlin")
    berlin = ZoneInfo("Europe/Berlin")
    monday = date(2026, 3, 23)
    with Store.open(data_dir) as store:
        store.import_sessions(
            [
                record_at(
                    datetime.combine(monday + timedelta(days=i), datetime.min.time()).replace(
                        hour=h, tzinfo=berlin
                    )
                )
                for i, h in [(0, 0), (2, 23), (4, 12), (5, 23), (6, 0), (6, 3), (6, 23)]
            ]
        )
    data = HabitData(str(data_dir))
    sunday = habit_status(data.marks(), monday + timedelta(days=6), 5)
    assert (sunday.week_done, sunday.weeks, sunday.done_today) == (5, 1, True)
    next_monday = habit_status(data.marks(), monday + timedelta(days=7), 5)
    assert (next_monday.week_done, next_monday.weeks, next_monday.streak) == (0, 1, 7)


def test_a_long_streak_reads_back_across_years(data_dir: Path) -> None:
    """Every day from 2019 to today; the week of New Year 2026 runs Mon 29 Dec to Sun 4 Jan."""
    today = date(2026, 1, 6)
    first = date(2019, 3, 4)  # a Monday
    offset = timezone(timedelta(hours=1))
    records = [
        record_at(
            datetime.combine(first + timedelta(days=n), datetime.min.time()).replace(
                hour=7, tzinfo=offset
            )
        )
        for n in range((today - first).days + 1)
    ]
    with Store.open(data_dir) as store:
        store.import_sessions(records)
    status = habit_status(HabitData(str(data_dir)).marks(), today, 7)
    assert status.strict == status.streak == (today - first).days + 1
    assert status.weeks == (date(2026, 1, 5) - first).days // 7
    assert status.week_done == 2


def test_the_index_is_kept_by_the_writer_and_trusted_only_while_it_matches(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offset = timezone(timedelta(hours=1))
    with Store.open(data_dir) as store:
        store.add_session(record_at(datetime(2025, 6, 2, 8, tzinfo=offset)))
        store.add_session(record_at(datetime(2026, 6, 2, 8, tzinfo=offset)))
    index = read_index(str(data_dir))
    assert sorted(index) == ["2025", "2026"]
    expected = {date(2025, 6, 2), date(2026, 6, 2)}

    def no_shard_reads(path: str) -> tuple[int, int]:
        raise AssertionError(f"read {path}")

    monkeypatch.setattr("tui.habit.reader.shard_marks", no_shard_reads)
    assert days_of(data_dir) == expected  # all from the index
    monkeypatch.undo()

    # A shard changed behind the index's back (a kill before the index was written):
    # that year is read from the shard itself, the other still from the index.
    history = data_dir / "history" / "2026.json"
    tables = json.loads(history.read_text(encoding="utf-8"))
    for summary in tables["sessions"].values():
        summary["started_at"] = "2026-06-03T08:00:00+01:00"
    history.write_text(json.dumps(tables), encoding="utf-8")
    assert days_of(data_dir) == {date(2025, 6, 2), date(2026, 6, 3)}

    # In another time zone the index is not used at all.
    use_zone("America/New_York")
    assert read_index(str(data_dir)) == {}
    assert days_of(data_dir) == {date(2025, 6, 2), date(2026, 6, 3)}
    refresh_index(str(data_dir))  # what the writer does after its next save
    assert sorted(read_index(str(data_dir))) == ["2025", "2026"]


def test_goal_and_a_bad_goal_setting(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert HabitData(str(data_dir)).goal == 5
        store.set_setting(GOAL_SETTING, 3)
        assert HabitData(str(data_dir)).goal == 3
        store.set_setting(GOAL_SETTING, 9)
        assert HabitData(str(data_dir)).goal == 5


def test_the_usual_routine_is_the_latest_counting_one(data_dir: Path) -> None:
    offset = timezone(timedelta(hours=1))
    with Store.open(data_dir) as store:
        assert HabitData(str(data_dir)).last_routine_id() is None
        store.add_session(sample_record(datetime(2025, 12, 30, 8, tzinfo=offset), "pre-lift"))
        store.add_session(
            {
                **sample_record(datetime(2026, 1, 2, 8, tzinfo=offset), "desk-reset"),
                "status": "abandoned",
                "sets_done": 0,
            }
        )
        assert HabitData(str(data_dir)).last_routine_id() == "pre-lift"
        # Recorded at +14:00 on New Year's Day, so in the 2026 shard, yet later than...
        store.add_session(
            sample_record(
                datetime(2026, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=14))), "morning-loosen"
            )
        )
        # ...a session of 31 December 23:00 at -10:00 in the 2025 shard, which is later still.
        store.add_session(
            sample_record(
                datetime(2025, 12, 31, 23, tzinfo=timezone(timedelta(hours=-10))), "desk-reset"
            )
        )
        assert HabitData(str(data_dir)).last_routine_id() == "desk-reset"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: None, "does not exist"),
        (lambda d: d.write_text("x", encoding="utf-8"), "is not a directory"),
        (lambda d: (d.mkdir(), (d / "loosen.json").write_text("{}")), "needs upgrading"),
        (
            lambda d: (
                d.mkdir(),
                (d / "meta.json").write_text('{"meta": {"1": {"schema_version": 9}}}'),
            ),
            "schema_version 9",
        ),
        (lambda d: (d.mkdir(), (d / "settings.json").write_text("{not json")), "settings.json"),
        (lambda d: (d.mkdir(), (d / "settings.json").write_text("[1]")), "settings.json"),
    ],
)
def test_unusable_data_dirs_say_why_in_one_line(tmp_path: Path, make: Any, words: str) -> None:
    target = tmp_path / "data"
    make(target)
    with pytest.raises(HabitDataError) as raised:
        data = HabitData(str(target))
        _ = data.goal
    assert words in str(raised.value) and "\n" not in str(raised.value)


def test_a_damaged_shard_is_named(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.add_session(sample_record(datetime(2026, 11, 18, 8, tzinfo=UTC)))
    (data_dir / INDEX).unlink()
    (data_dir / "history" / "2026.json").write_text('{"sessions": [1, 2')
    with pytest.raises(HabitDataError, match=r"2026\.json"):
        habit_status(HabitData(str(data_dir)).marks(), date(2026, 11, 18), 5)


def test_a_record_without_a_usable_start_marks_no_day(data_dir: Path) -> None:
    """History sets such a record aside; until then it marks no day and breaks nothing."""
    with Store.open(data_dir) as store:
        store.add_session(sample_record(datetime(2026, 11, 18, 8, tzinfo=UTC)))
    (data_dir / INDEX).unlink()
    (data_dir / "history" / "2026.json").write_text(
        '{"sessions": {"1": {"status": "finished", "sets_done": 2},'
        ' "2": {"status": "finished", "sets_done": 2, "started_at": "9999-12-31T23:59:59-05:00"}}}'
    )
    assert days_of(data_dir) == set()


def test_the_habit_package_never_imports_textual_or_rich() -> None:
    import subprocess
    import sys

    import tui.habit

    package = Path(tui.habit.__file__).parent
    modules = sorted(p.stem for p in package.glob("*.py") if p.stem != "__init__")
    assert {"rules", "reader", "ics", "nudge"} <= set(modules)
    code = (
        "import sys\n"
        + "".join(f"import tui.habit.{name}\n" for name in modules)
        + "import tui.cli_habit, tui.cli_remind\n"
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_only_year_shards_are_listed(tmp_path: Path) -> None:
    names = [
        "2026.json",
        "1999.json",
        "2026-11-sets.json",
        "2025.json.damaged-20261120-073000",
        ".2024.json.tmp-0123456789ab",
        "abcd.json",
        "२०२६.json",
        "20261.json",
    ]
    for name in names:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert shards.shard_years(str(tmp_path)) == [2026, 1999]
    assert shards.shard_years(str(tmp_path / "missing")) == []


def test_reading_while_the_writer_saves_sees_whole_files(data_dir: Path) -> None:
    """Atomic renames: a reader beside a saving writer never meets a half-written file."""
    import threading

    offset = timezone(timedelta(hours=1))
    first = datetime(2026, 1, 5, 8, tzinfo=offset)  # a Monday
    done = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with Store.open(data_dir) as store:
                for n in range(40):
                    store.add_session(sample_record(first + timedelta(days=n)))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            done.set()

    with Store.open(data_dir):
        pass
    writer = threading.Thread(target=write)
    writer.start()
    seen: list[int] = []
    today = date(2026, 2, 13)
    while not done.is_set() or not seen:
        status = habit_status(HabitData(str(data_dir)).marks(), today, 7)
        seen.append(status.strict)
    writer.join()
    assert not errors
    assert all(0 <= streak <= 40 for streak in seen)
    assert habit_status(HabitData(str(data_dir)).marks(), today, 7).strict == 40


def test_opening_a_copied_data_dir_brings_its_index_up_to_date(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offset = timezone(timedelta(hours=1))
    with Store.open(data_dir) as store:
        store.add_session(record_at(datetime(2025, 6, 2, 8, tzinfo=offset)))
        store.add_session(record_at(datetime(2026, 6, 2, 8, tzinfo=offset)))
    copy = tmp_path / "restored"
    shutil.copytree(data_dir, copy)  # new inodes: no year's stamp matches the index

    def no_shard_reads(path: str) -> tuple[int, int]:
        raise AssertionError(f"read {path}")

    monkeypatch.setattr("tui.habit.reader.shard_marks", no_shard_reads)
    with pytest.raises(AssertionError, match="read"):
        days_of(copy)
    with Store.open(copy):
        pass
    assert days_of(copy) == {date(2025, 6, 2), date(2026, 6, 2)}  # all from the index

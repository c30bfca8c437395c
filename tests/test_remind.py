"""`loosen remind`: the plan, its options, and the .ics read back by a real iCalendar library."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.samples import sample_record
from tui.cli import run
from tui.habit.goal import GOAL_SETTING
from tui.habit.ics import Reminder, calendar, escape_text, fold
from tui.habit.plan import (
    DEFAULT_DAYS,
    PLAN_SETTING,
    Plan,
    PlanError,
    default_plan,
    from_setting,
    parse_days,
    parse_time,
    to_setting,
)
from tui.habit.zone import system_zone
from tui.history.stats import forget_time_zone
from tui.storage.store import Store

ROUTINE = "four-step-upper-back"


def use_zone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()
    forget_time_zone()


def prop(component: Any, name: str) -> Any:
    """A property of a parsed component (icalendar's types are too wide for mypy)."""
    return component[name]


def events(path: Path) -> list[Any]:
    parsed = icalendar.Calendar.from_ical(path.read_bytes())
    return list(parsed.walk("VEVENT"))


def remind(data_dir: Path, *args: str) -> int:
    return run(["--data-dir", str(data_dir), "remind", *args])


# --- the plan --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon,wed,fri", (0, 2, 4)),
        ("FR, mo ,We", (0, 2, 4)),
        ("sun,sat,sun", (5, 6)),
        ("tu,th", (1, 3)),
    ],
)
def test_days_are_weekday_names(text: str, days: tuple[int, ...]) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["", "m", "t", "monday", "mon,,fri", "xyz", "mon;fri"])
def test_other_days_are_refused_naming_the_option(text: str) -> None:
    with pytest.raises(PlanError, match=r"^--days: "):
        parse_days(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("07:30", (7, 30)), ("7:05", (7, 5)), ("23:59", (23, 59))]
)
def test_times_are_24_hour_clock_times(text: str, expected: tuple[int, int]) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7", "07:60", "7.30", "-1:00", "07:30pm", ""])
def test_other_times_are_refused_naming_the_option(text: str) -> None:
    with pytest.raises(PlanError, match=r"^--time: "):
        parse_time(text)


@pytest.mark.parametrize("goal", range(1, 8))
def test_the_default_plan_has_as_many_days_as_the_goal(goal: int) -> None:
    plan = default_plan("desk-reset", goal, date(2026, 11, 20))
    assert len(plan.weekdays) == goal == len(set(DEFAULT_DAYS[goal]))
    assert from_setting(to_setting(plan)) == plan


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "x",
        {},
        {"routine": "", "days": "mon", "time": "07:30", "since": "2026-01-01"},
        {"routine": "a", "days": "mon", "time": "7h", "since": "2026-01-01"},
        {"routine": "a", "days": 1, "time": "07:30", "since": "2026-01-01"},
        {"routine": "a", "days": "mon", "time": "07:30", "since": "soon"},
    ],
)
def test_a_damaged_stored_plan_reads_as_none(stored: object) -> None:
    assert from_setting(stored) is None


# --- iCalendar text --------------------------------------------------------------------


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_folding_keeps_lines_to_75_octets_and_unfolds_to_the_original(text: str) -> None:
    line = "SUMMARY:" + escape_text(text)
    folded = fold(line)
    for physical in folded.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_routine_name_reads_back_the_same(name: str) -> None:
    from tui.text import printable

    plan = Plan("desk-reset", (0,), (7, 30), date(2026, 11, 20))
    text = calendar(plan, Reminder(name, 5), None, datetime(2026, 11, 20, tzinfo=UTC))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Warm-up: {printable(name)}"
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", text.replace("\r\n", ""))


@pytest.mark.parametrize(
    "zone",
    [
        "Europe/Berlin",
        "America/New_York",
        "Australia/Sydney",
        "Australia/Lord_Howe",
        "Asia/Tokyo",
        "Europe/Dublin",
        "Africa/Casablanca",
        "America/Sao_Paulo",
        "Etc/GMT-1",
    ],
)
def test_the_vtimezone_agrees_with_the_zone_for_years_ahead(zone: str) -> None:
    """Read back by icalendar as a calendar app would: the same offset at every moment."""
    real = ZoneInfo(zone)
    plan = Plan("desk-reset", (0,), (7, 30), date(2026, 11, 20))
    text = calendar(plan, Reminder("Desk reset", 5), real, datetime(2026, 11, 20, tzinfo=UTC))
    (component,) = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    assert isinstance(component, icalendar.Timezone)
    written = component.to_tz(lookup_tzid=False)
    moment = datetime(2026, 11, 20, tzinfo=UTC)
    while moment < datetime(2036, 1, 1, tzinfo=UTC):
        assert moment.astimezone(written).utcoffset() == moment.astimezone(real).utcoffset(), moment
        moment += timedelta(hours=7, minutes=13)


# --- the command -----------------------------------------------------------------------


def test_the_ics_file_holds_one_weekly_event_per_day_with_an_alarm(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_zone(monkeypatch, "Europe/Berlin")
    out = tmp_path / "plan.ics"
    code = remind(
        data_dir,
        "--ics",
        "-o",
        str(out),
        "--routine",
        ROUTINE,
        "--days",
        "mon,wed,fri",
        "--time",
        "07:30",
    )
    assert code == 0
    raw = out.read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    parsed = icalendar.Calendar.from_ical(raw)
    assert str(parsed["VERSION"]) == "2.0" and "loosen" in str(parsed["PRODID"])
    found = events(out)
    assert [str(event["UID"]) for event in found] == [
        f"{ROUTINE}-mon@loosen",
        f"{ROUTINE}-wed@loosen",
        f"{ROUTINE}-fri@loosen",
    ]
    for event, byday, weekday in zip(found, ["MO", "WE", "FR"], [0, 2, 4], strict=True):
        rule = prop(event, "RRULE")
        assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == [byday]
        start = event.decoded("DTSTART")
        assert isinstance(start.tzinfo, ZoneInfo) and start.tzinfo.key == "Europe/Berlin"
        assert (start.hour, start.minute, start.weekday()) == (7, 30, weekday)
        assert date.today() <= start.date() < date.today() + timedelta(days=7)
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"])
        assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)
        assert "Four-Step" in str(event["SUMMARY"])
        assert f"loosen start {ROUTINE}" in str(event["DESCRIPTION"])
    (zone,) = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"


def test_a_second_export_has_the_same_uids_and_times(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_zone(monkeypatch, "America/New_York")
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert remind(data_dir, "--ics", "-o", str(first), "--days", "tue,sat", "--time", "18:15") == 0
    assert remind(data_dir, "--ics", "-o", str(second)) == 0  # the plan was remembered

    def shape(path: Path) -> list[tuple[str, datetime, str]]:
        return [
            (str(e["UID"]), e.decoded("DTSTART"), prop(e, "RRULE").to_ical().decode())
            for e in events(path)
        ]

    assert shape(first) == shape(second)
    assert [uid for uid, _start, _rule in shape(first)] == [
        "roller-twister-warm-up-tue@loosen",
        "roller-twister-warm-up-sat@loosen",
    ]
    dropped = [line for line in first.read_text().splitlines() if not line.startswith("DTSTAMP")]
    assert dropped == [
        line for line in second.read_text().splitlines() if not line.startswith("DTSTAMP")
    ]


def test_remind_refuses_to_overwrite_a_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "mine.ics"
    existing.write_text("keep me", encoding="utf-8")
    assert remind(data_dir, "--ics", "-o", str(existing)) == 2
    assert existing.read_text(encoding="utf-8") == "keep me"
    err = capsys.readouterr().err
    assert err == f"loosen: {existing} already exists; choose another file name\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--days", "mon,funday"], "loosen: --days: 'funday' is not a weekday"),
        (["--time", "25:00"], "loosen: --time: '25:00' is not a time of day"),
        (["--routine", "nope"], 'loosen: --routine: unknown routine "nope"; known routines: '),
        (["-o", "x.ics"], "loosen: -o/--output goes with --ics"),
    ],
)
def test_bad_options_are_one_line_and_exit_2_and_change_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert remind(data_dir, *args) == 2
    err = capsys.readouterr().err
    assert err.startswith(words) and err.count("\n") == 1
    if data_dir.exists():
        with Store.open(data_dir) as store:
            assert store.get_setting(PLAN_SETTING, None) is None


def test_without_a_plan_the_goal_and_the_usual_routine_make_one(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir) as store:
        store.set_setting(GOAL_SETTING, 3)
        start = datetime(2026, 11, 18, 7, 30, tzinfo=timezone(timedelta(hours=1)))
        store.add_session(sample_record(start, "pre-lift"))  # not in the catalogue
    assert remind(data_dir) == 0
    assert capsys.readouterr().out == (
        "Roller Twister Warm-Up (roller-twister-warm-up) on mon,wed,fri at 07:30; "
        "for your calendar: loosen remind --ics -o loosen.ics\n"
    )
    with Store.open(data_dir) as store:
        assert store.get_setting(PLAN_SETTING, None) is None  # defaults are not stored
        store.add_session({**sample_record(start + timedelta(days=1)), "routine_id": ROUTINE})
    assert remind(data_dir, "--time", "6:45") == 0
    assert capsys.readouterr().out.startswith(
        f"Four-Step Upper Back ({ROUTINE}) on mon,wed,fri at 06:45"
    )
    with Store.open(data_dir) as store:
        stored = store.get_setting(PLAN_SETTING, None)
    assert stored == {
        "routine": ROUTINE,
        "days": "mon,wed,fri",
        "time": "06:45",
        "since": date.today().isoformat(),
    }


def test_while_another_loosen_holds_the_dir_the_file_is_written_but_the_plan_not_kept(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.ics"
    with Store.open(data_dir) as holder:
        assert remind(data_dir, "--ics", "-o", str(out), "--days", "sun") == 0
        assert holder.get_setting(PLAN_SETTING, None) is None
    assert "not remembered: another loosen is using" in capsys.readouterr().err
    assert [str(e["UID"]) for e in events(out)] == ["roller-twister-warm-up-sun@loosen"]


def test_to_standard_output(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert remind(data_dir, "--ics") == 0
    text = capsys.readouterr().out
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    parsed = icalendar.Calendar.from_ical(text)
    assert len(list(parsed.walk("VEVENT"))) == 5  # the default goal: Monday to Friday


@pytest.mark.parametrize(
    ("variable", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        (":America/New_York", "America/New_York"),
        ("", "UTC"),
        ("CET-1CEST,M3.5.0,M10.5.0/3", None),
        ("../../etc/passwd", None),
    ],
)
def test_the_zone_comes_from_tz_by_name(
    monkeypatch: pytest.MonkeyPatch, variable: str, expected: str | None
) -> None:
    monkeypatch.setenv("TZ", variable)
    found = system_zone()
    assert (found.key if found is not None else None) == expected


def test_without_a_zone_name_times_are_floating(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_zone(monkeypatch, "CET-1CEST,M3.5.0,M10.5.0/3")
    out = tmp_path / "f.ics"
    assert remind(data_dir, "--ics", "-o", str(out), "--days", "mon", "--time", "07:30") == 0
    assert b"VTIMEZONE" not in out.read_bytes() and b"TZID" not in out.read_bytes()
    (event,) = events(out)
    start = event.decoded("DTSTART")
    assert start.tzinfo is None and (start.hour, start.minute) == (7, 30)


def test_the_plan_setting_is_plain_json(data_dir: Path) -> None:
    assert remind(data_dir, "--days", "mon,thu") == 0
    document = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert document["settings"]["1"][PLAN_SETTING]["days"] == "mon,thu"

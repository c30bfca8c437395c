"""`loosen status`: the line, its formats, exit codes, bad data dirs and the lock."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.samples import sample_record
from tui.cli import run
from tui.cli_habit import default_data_dir, early_status_options, status
from tui.habit.goal import GOAL_SETTING
from tui.habit.line import PLACEHOLDERS, terminal_shows_unicode
from tui.locations import data_dir as platform_data_dir
from tui.storage.store import Store

PLUS_ONE = timezone(timedelta(hours=1))  # the zone the tests run in (see conftest)
THURSDAY = date(2026, 11, 19)


def seed(data_dir: Path, days: list[date], goal: int | None = None) -> None:
    with Store.open(data_dir) as store:
        store.import_sessions(
            [sample_record(datetime(d.year, d.month, d.day, 7, 30, tzinfo=PLUS_ONE)) for d in days]
        )
        if goal is not None:
            store.set_setting(GOAL_SETTING, goal)


def four_weeks_and_this_one(data_dir: Path, today: bool = True) -> None:
    """Five days in each of the four weeks before THURSDAY's, and Mon, Tue (and Thu)."""
    monday = THURSDAY - timedelta(days=3)
    days = [monday - timedelta(weeks=w, days=-d) for w in range(1, 5) for d in range(5)]
    days += [monday, monday + timedelta(days=1)] + ([THURSDAY] if today else [])
    seed(data_dir, days)


def line(data_dir: Path, template: str | None = None, ascii_only: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = status(str(data_dir), template, ascii_only, today=THURSDAY, out=out)
    return code, out.getvalue()


@pytest.fixture(autouse=True)
def utf8_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)


def test_done_today_exits_0_with_the_default_line(data_dir: Path) -> None:
    four_weeks_and_this_one(data_dir)
    assert line(data_dir) == (0, "✓ today · 3/5 this week · 4-week streak\n")
    assert line(data_dir, ascii_only=True) == (0, "done today - 3/5 this week - 4-week streak\n")


def test_not_yet_today_exits_1(data_dir: Path) -> None:
    four_weeks_and_this_one(data_dir, today=False)
    assert line(data_dir) == (1, "no warm-up yet today · 2/5 this week · 4-week streak\n")


def test_a_fresh_data_dir_has_no_streak_to_show(data_dir: Path) -> None:
    with Store.open(data_dir):
        pass
    assert line(data_dir) == (1, "no warm-up yet today · 0/5 this week\n")


def test_every_placeholder(data_dir: Path) -> None:
    four_weeks_and_this_one(data_dir)
    template = " ".join(f"{name}={{{name}}}" for name in PLACEHOLDERS)
    code, text = line(data_dir, template)
    assert code == 0
    assert text == (
        "today=✓ today mark=✓ week_done=3 goal=5 needed=2 days_left=3 weeks=4 streak=32 strict=1\n"
    )
    assert line(data_dir, "{mark}{week_done:>3}/{goal} {{literal}}", ascii_only=True) == (
        0,
        "+  3/5 {literal}\n",
    )


def test_the_goal_setting_is_used(data_dir: Path) -> None:
    four_weeks_and_this_one(data_dir)
    with Store.open(data_dir) as store:
        store.set_setting(GOAL_SETTING, 3)
    assert line(data_dir) == (0, "✓ today · 3/3 this week · 5-week streak\n")


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{days}", "unknown placeholder {days}; known: {today}, {mark}"),
        ("{goal.real}", "unknown placeholder {goal.real}"),
        ("{}", "unknown placeholder {}"),
        ("{goal!r}", "without !conversions"),
        ("{goal:{mark}}", "nested fields"),
        ("{goal", "expected '}' before end of string"),
        ("goal}", "Single '}' encountered"),
        ("{today:d}", "Unknown format code 'd'"),
    ],
)
def test_a_bad_format_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: str, words: str
) -> None:
    four_weeks_and_this_one(tmp_path / "d")
    assert line(tmp_path / "d", template) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith("loosen: --format: ") and words in err and err.count("\n") == 1


def test_an_unknown_placeholder_is_reported_before_the_data_dir_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert line(tmp_path / "missing", "{nope}") == (2, "")
    assert "{nope}" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("environment", "encoding", "shows"),
    [
        ({"LANG": "en_GB.UTF-8"}, "utf-8", True),
        ({"LANG": "C.utf8"}, "utf-8", True),
        ({"LANG": "en_GB.UTF-8"}, "ascii", False),
        ({"LANG": "C"}, "utf-8", False),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "POSIX"}, "utf-8", False),
        ({"LANG": "C", "LC_CTYPE": "de_DE.UTF-8"}, "utf-8", True),
        ({}, "utf-8", False),
    ],
)
def test_ascii_is_chosen_when_the_terminal_cannot_show_unicode(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], encoding: str, shows: bool
) -> None:
    for name in ("LANG", "LC_ALL", "LC_CTYPE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert terminal_shows_unicode(encoding) is shows


def test_an_ascii_locale_gets_the_ascii_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    four_weeks_and_this_one(data_dir)
    monkeypatch.setenv("LANG", "C")
    code, text = line(data_dir)
    assert code == 0 and text.isascii() and text.startswith("done today - 3/5")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["status"], {}),
        (["--data-dir", "D", "status", "--ascii"], {"--data-dir": "D", "--ascii": True}),
        (
            ["status", "--data-dir=D", "--format", "{mark}"],
            {"--data-dir": "D", "--format": "{mark}"},
        ),
        (["--routines", "R", "status", "--format=a=b"], {"--routines": "R", "--format": "a=b"}),
        (["status", "--help"], None),
        (["status", "--format"], None),
        (["status", "extra"], None),
        (["history"], None),
        (["--data-dir", "status"], None),
        ([], None),
    ],
)
def test_the_fast_path_takes_only_plain_status_calls(
    argv: list[str], expected: dict[str, str | bool] | None
) -> None:
    assert early_status_options(argv) == expected


@pytest.mark.parametrize(
    "environment",
    [{}, {"XDG_DATA_HOME": "/x/data"}, {"XDG_DATA_HOME": "  "}, {"LOOSEN_DATA_DIR": "/y"}],
)
def test_the_default_data_dir_is_the_apps(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str]
) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert default_data_dir() == str(platform_data_dir())


def test_status_through_argparse_and_its_help(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir):
        pass
    assert run(["--data-dir", str(data_dir), "status", "--ascii"]) == 1
    assert capsys.readouterr().out.startswith("no warm-up yet today - ")
    with pytest.raises(SystemExit) as exited:
        run(["status", "--help"])
    assert exited.value.code == 0
    assert "{week_done}" in capsys.readouterr().out


# --- the real command ------------------------------------------------------------------


def loosen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "LANG": "C.UTF-8", **(env or {})},
    )


def test_status_works_while_another_loosen_holds_the_data_dir(data_dir: Path) -> None:
    now = datetime.now().astimezone()
    with Store.open(data_dir) as store:
        store.add_session(sample_record(now - timedelta(minutes=5)))
        store.set_setting(GOAL_SETTING, 1)
        assert not store.read_only  # this Store holds the lock while status runs
        done = loosen(
            "--data-dir", str(data_dir), "status", "--format", "{mark} {week_done}/{goal}"
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, "✓ 1/1\n", "")
        store.add_session(sample_record(now - timedelta(days=1, minutes=5)))
    listing = sorted(os.listdir(data_dir))
    assert "lock" in listing and not any(".tmp-" in name for name in listing)


def test_status_on_a_missing_or_damaged_data_dir_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = loosen("--data-dir", str(tmp_path / "nowhere"), "status")
    assert missing.returncode == 2 and missing.stdout == ""
    assert (
        missing.stderr
        == f"loosen: data dir {tmp_path / 'nowhere'} does not exist (no history yet?)\n"
    )
    damaged = tmp_path / "damaged"
    with Store.open(damaged):
        pass
    (damaged / "settings.json").write_text("{oops", encoding="utf-8")
    result = loosen("--data-dir", str(damaged), "status")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"loosen: {damaged / 'settings.json'}: damaged: not valid JSON\n"
    shard = tmp_path / "bad-shard"
    seed(shard, [date.today()])
    (shard / "habit-index.json").unlink()
    (shard / "history" / f"{date.today().year}.json").write_bytes(b"\xff\xfe")
    result = loosen("--data-dir", str(shard), "status")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "history" in result.stderr and "open loosen to set it aside" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory")
def test_status_on_an_unreadable_data_dir_exits_2(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    with Store.open(locked):
        pass
    locked.chmod(0)
    try:
        result = loosen("--data-dir", str(locked), "status")
    finally:
        locked.chmod(0o700)
    assert result.returncode == 2 and "permission denied" in result.stderr


def test_status_loads_nothing_heavy(data_dir: Path) -> None:
    """No Textual, argparse, TinyDB, pathlib, datetime, catalogue...: it runs on every prompt."""
    seed(data_dir, [date.today() - timedelta(days=1)])
    code = (
        "import sys\n"
        f"sys.argv = ['loosen', '--data-dir', {str(data_dir)!r}, 'status']\n"
        "from tui.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
        "heavy = ('textual', 'rich', 'argparse', 'tinydb', 'pathlib', 'platformdirs', 'typing',\n"
        "         'dataclasses', 'datetime', 'tui.catalogue', 'tui.storage')\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "1 []"


def test_status_never_writes_into_the_data_dir(data_dir: Path) -> None:
    seed(data_dir, [date.today()])
    (data_dir / "habit-index.json").unlink()
    before = {path: path.stat().st_mtime_ns for path in data_dir.rglob("*")}
    assert loosen("--data-dir", str(data_dir), "status").returncode == 0
    assert {path: path.stat().st_mtime_ns for path in data_dir.rglob("*")} == before


def test_no_colour_or_control_sequence_ever(data_dir: Path) -> None:
    seed(data_dir, [date.today()])
    for env in ({"NO_COLOR": "1"}, {"TERM": "xterm-256color", "COLORTERM": "truecolor"}):
        result = loosen("--data-dir", str(data_dir), "status", env=env)
        assert result.returncode == 0 and "\x1b" not in result.stdout


def test_settings_json_with_a_bad_document_is_damaged(tmp_path: Path) -> None:
    data = tmp_path / "d"
    with Store.open(data):
        pass
    (data / "settings.json").write_text(json.dumps({"settings": {"1": [1]}}), encoding="utf-8")
    result = loosen("--data-dir", str(data), "status")
    assert result.returncode == 2 and 'no "settings" document' in result.stderr


def test_a_fifo_in_place_of_a_year_is_one_line_not_a_hang(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    four_weeks_and_this_one(data_dir)
    shard = data_dir / "history" / "2026.json"
    shard.unlink()
    os.mkfifo(shard)
    done: list[int] = []
    thread = threading.Thread(target=lambda: done.append(line(data_dir)[0]), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert done == [2]
    assert "2026.json: not a regular file" in capsys.readouterr().err

"""The command line: exit codes, one-line errors that name the file, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.catalogue.sources import builtin_routines_file
from tui.cli import run
from tui.storage.export import CSV_HEADER


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"loosen {__version__}"


def test_help_documents_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["--help"])
    out = capsys.readouterr().out
    for word in ("routines", "check", "start", "history", "export", "import", "--data-dir"):
        assert word in out
    assert "--routines" in out and "LOOSEN_DATA_DIR" in out


def test_routines_lists_id_name_count_and_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["routines"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "EXERCISES", "MINUTES"]
    row = next(line for line in lines if line.startswith("four-step-upper-back "))
    assert row.split()[-2:] == ["4", "7"]


def test_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(builtin_routines_file())]) == 0
    assert capsys.readouterr().out == "ok\n"


def test_check_prints_every_error_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "my.json"
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "routines": [
                    {
                        "id": "a",
                        "name": "A",
                        "summary": "x",
                        "steps": [{"exercise": "sweatt-shrug"}],
                    },
                    {
                        "id": "b",
                        "name": "B",
                        "summary": "x",
                        "steps": [{"exercise": "t-spin-roll"}],
                    },
                    {"id": "c", "name": "C", "summary": "x", "steps": []},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert run(["check", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f'{path}: routines[1].steps[0].exercise: unknown exercise "t-spin-roll"'
        ' (did you mean "t-spine-roller-twister"?)',
        f"{path}: routines[2].steps: a routine needs at least one step",
    ]


def test_start_with_an_unknown_routine_lists_the_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--data-dir", str(tmp_path / "d"), "start", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert 'unknown routine "nope"' in err and "roller-twister-warm-up" in err


def test_a_bad_routines_file_at_start_up_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1, "routines": [', encoding="utf-8")
    assert run(["--routines", str(path), "--data-dir", str(tmp_path / "d")]) == 2
    assert capsys.readouterr().err == f"{path}: line 1, column 36: invalid JSON (Expecting value)\n"


def test_a_data_dir_that_is_a_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    assert run(["--data-dir", str(blocker), "history"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(blocker) in err and "Traceback" not in err


def test_the_real_command_never_shows_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"schema_version": 2}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"{path}: schema_version: unknown schema version 2 (this loosen reads version 1)\n"
    )


def test_export_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "out.csv"
    existing.write_text("keep me", encoding="utf-8")
    assert run(["--data-dir", str(tmp_path / "d"), "export", "-o", str(existing)]) == 2
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert "already exists" in capsys.readouterr().err


def test_import_of_a_bad_file_exits_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "backup.json"
    bad.write_text('{"format": "loosen-export", "version": 1, "sessions": [{}]}', encoding="utf-8")
    data = tmp_path / "d"
    assert run(["--data-dir", str(data), "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err and all("backup.json" in line for line in err.splitlines())
    assert run(["--data-dir", str(data), "export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == []


def test_the_cli_loads_textual_only_to_run_the_app() -> None:
    # Import-linter (pyproject.toml) keeps the domain free of Textual; it can't see that
    # tui.cli imports the app lazily, which keeps `loosen routines` and friends quick.
    code = (
        "import sys\n"
        "import tui.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_export_import_export_round_trips_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import finished
    from tui.catalogue.sources import load_catalogue
    from tui.storage.store import Store

    catalogue = load_catalogue()
    source = tmp_path / "source"
    with Store.open(source) as store:
        for days_ago in (0, 3, 400):
            store.add_session(finished(catalogue, "four-step-upper-back", days_ago, rating=3))
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run(["--data-dir", str(source), "export", "--format", "json", "-o", str(first)]) == 0
    empty = tmp_path / "empty"
    assert run(["--data-dir", str(empty), "import", str(first)]) == 0
    assert "imported 3 new session(s); 0 already there" in capsys.readouterr().out
    assert run(["--data-dir", str(empty), "import", str(first)]) == 0
    assert "imported 0 new session(s); 3 already there" in capsys.readouterr().out
    assert run(["--data-dir", str(empty), "export", "--format", "json", "-o", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    assert run(["--data-dir", str(empty), "export", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == ",".join(CSV_HEADER)
    assert rows[0].startswith("at,routine,exercise,set,side,reps,seconds,outcome,rating,note,")
    assert len(rows) == 1 + 3 * 11  # eleven sets and sides in each session


def test_without_a_terminal_the_app_refuses_and_frees_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "d"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(data)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == "loosen: loosen needs a terminal; over SSH, use ssh -t\n"
    from tui.storage.store import Store

    with Store.open(data) as store:
        assert not store.read_only

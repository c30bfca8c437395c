"""`loosen library`: import, re-import, list, add, remove, reset; bad input leaves it unchanged."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.catalogue.loader import CatalogueError
from tui.catalogue.sources import load_catalogue
from tui.cli import run
from tui.library.layout import library_dir, library_file
from tui.library.shelf import read_library
from tui.locations import user_routines_file
from tui.storage.lock import DirLock

FIXTURES = Path(__file__).parent / "fixtures"
FEDB = FIXTURES / "free-exercise-db-sample.json"
WGER = FIXTURES / "wger-exerciseinfo-sample.json"


def library(data_dir: Path, *args: str) -> int:
    return run(["library", *args, "--data-dir", str(data_dir)])


def ids(data_dir: Path) -> list[str]:
    return [r.id for s in read_library(data_dir).sections for r in s.records]


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_import_sniffs_the_format_and_reports(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert library(data_dir, "import", str(FEDB)) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("free-exercise-db: 4 new, 0 updated, 0 unchanged")
    assert '[3] "Exercise Without Steps": no instructions' in out
    assert library(data_dir, "import", str(WGER)) == 0
    assert capsys.readouterr().out.startswith("wger: 2 new")
    assert ids(data_dir) == [
        "fedb-doorway-chest-stretch",
        "fedb-thoracic-extension-on-a-roller-smr",
        "fedb-seated-band-row",
        "fedb-kneeling-lat-stretch",
        "wger-1001",
        "wger-1002",
    ]


def test_library_file_is_private_and_atomic(data_dir: Path) -> None:
    assert library(data_dir, "import", str(FEDB)) == 0
    assert stat.S_IMODE(library_file(data_dir).stat().st_mode) == 0o600
    assert stat.S_IMODE(library_dir(data_dir).stat().st_mode) == 0o700
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert sorted(p.name for p in library_dir(data_dir).iterdir()) == [
        "catalogue-cache.json",
        "library.json",
        "lock",
    ]


def test_a_temp_file_left_by_a_killed_write_is_tidied_by_the_next(data_dir: Path) -> None:
    assert library(data_dir, "import", str(FEDB)) == 0
    leftover = library_dir(data_dir) / ".library.json.tmp-0123456789ab"
    leftover.write_text('{"half": ')
    assert library(data_dir, "import", str(WGER)) == 0
    assert not leftover.exists()
    assert sorted(p.name for p in library_dir(data_dir).iterdir()) == [
        "catalogue-cache.json",
        "library.json",
        "lock",
    ]


def test_reimport_updates_by_source_id_and_never_duplicates(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert library(data_dir, "import", str(FEDB)) == 0
    assert library(data_dir, "import", str(FEDB)) == 0
    assert "0 new, 0 updated, 4 unchanged" in capsys.readouterr().out
    changed = json.loads(FEDB.read_text())
    changed[2]["name"] = "Seated Band Row, Renamed"
    later = tmp_path / "later.json"
    later.write_text(json.dumps([changed[2], {**changed[2], "id": "Brand_New"}]))
    assert library(data_dir, "import", str(later), "--format", "free-exercise-db") == 0
    assert "1 new, 1 updated, 0 unchanged" in capsys.readouterr().out
    assert len(ids(data_dir)) == len(set(ids(data_dir))) == 5
    names = {r.id: r.name for s in read_library(data_dir).sections for r in s.records}
    assert names["fedb-seated-band-row"] == "Seated Band Row, Renamed"
    assert ids(data_dir)[-1] == "fedb-brand-new"


def test_list_sources_and_exercises(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert library(data_dir, "list") == 0
    assert "The library is empty" in capsys.readouterr().out
    library(data_dir, "import", str(WGER))
    capsys.readouterr()
    assert library(data_dir, "list") == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split()[:3] == ["SOURCE", "EXERCISES", "LICENCE"]
    assert row.split()[:4] == ["wger", "2", "CC-BY-SA", "4"]
    assert str(WGER) in row
    assert library(data_dir, "list", "--exercises") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "CATEGORY", "SOURCE"]
    assert lines[1].split() == ["wger-1001", "Kneeling", "Band", "Lat", "Pulldown", "back", "wger"]


def test_names_are_printed_without_terminal_escapes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(FEDB.read_text())
    data[0]["name"] = "Evil \x1b[2J\x1b]0;title\x07 [red]x[/red]"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(data))
    assert library(data_dir, "import", str(path)) == 0
    capsys.readouterr()
    assert library(data_dir, "list", "--exercises") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil [2J]0;title [red]x[/red]" in out


def test_add_builtin_stretches_and_remove_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert load_catalogue(data=data_dir).exercise("fedb-overhead-lat") is None  # off by default
    assert library(data_dir, "add", "builtin-stretches") == 0
    assert capsys.readouterr().out.startswith("builtin-stretches: 127 new")
    catalogue = load_catalogue(data=data_dir)
    stretch = catalogue.exercise("fedb-overhead-lat")
    assert stretch is not None and stretch.category == "stretching"
    assert sum(e.category == "stretching" for e in catalogue.exercises) == 123
    assert catalogue.exercise("fedb-band-pull-apart") is not None
    assert library(data_dir, "remove", "builtin-stretches") == 0
    assert "127 removed" in capsys.readouterr().out
    assert load_catalogue(data=data_dir).exercise("fedb-overhead-lat") is None


def test_remove_one_exercise_or_a_source(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library(data_dir, "import", str(FEDB))
    library(data_dir, "import", str(WGER))
    assert library(data_dir, "remove", "fedb-seated-band-row") == 0
    assert "fedb-seated-band-row" not in ids(data_dir)
    assert library(data_dir, "remove", "wger") == 0
    assert not any(i.startswith("wger-") for i in ids(data_dir))
    capsys.readouterr()
    assert library(data_dir, "remove", "wger") == 2
    assert one_error_line(capsys) == (
        'no source or exercise "wger" in the library (sources: free-exercise-db)'
    )


def test_remove_refuses_an_exercise_the_users_routines_use(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library(data_dir, "import", str(FEDB))
    routines = user_routines_file()
    routines.parent.mkdir(parents=True)
    step = {"exercise": "fedb-kneeling-lat-stretch"}
    routine = {"id": "lats", "name": "Lats", "summary": "Lats", "steps": [step]}
    routines.write_text(json.dumps({"schema_version": 1, "routines": [routine]}))
    before = library_file(data_dir).read_bytes()
    capsys.readouterr()
    assert library(data_dir, "remove", "fedb-kneeling-lat-stretch") == 2
    line = one_error_line(capsys)
    assert line.startswith('not removing "fedb-kneeling-lat-stretch": your routines use it: ')
    assert 'routines[0].steps[0].exercise: unknown exercise "fedb-kneeling-lat-stretch"' in line
    assert library_file(data_dir).read_bytes() == before
    assert library(data_dir, "remove", "fedb-seated-band-row") == 0  # not used: fine


def test_a_routine_of_the_user_can_use_a_library_exercise(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.json"
    step = {"exercise": "wger-1001", "dosage": {"sets": 1}}
    routine = {"id": "pulls", "name": "Pulls", "summary": "Pulls", "steps": [step]}
    path.write_text(json.dumps({"schema_version": 1, "routines": [routine]}))
    assert run(["check", str(path), "--data-dir", str(data_dir)]) == 2
    assert 'unknown exercise "wger-1001"' in capsys.readouterr().err
    library(data_dir, "import", str(WGER))
    capsys.readouterr()
    assert run(["check", str(path), "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out == "ok\n"
    assert run(["--routines", str(path), "--data-dir", str(data_dir), "routines"]) == 0
    assert "pulls" in capsys.readouterr().out


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.json"
    os.mkfifo(path)
    return path


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)
    return path


def _write(name: str, content: str) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return path

    return make


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_fifo, "fifo.json: not a regular file (a named pipe)"),
        (_huge, "huge.json: too large: loosen reads files of at most 32 MB"),
        (_write("r.json", '{"schema_version": 1, "routines": []}'), "r.json: a loosen routines"),
        (_write("other.json", '{"hello": "world"}'), "other.json: not an exercise database"),
        (_write("bad.json", '[{"id": "A", "id": "B"}]'), 'bad.json: [0]: duplicate key "id"'),
        (_write("empty.json", "[]"), "empty.json: not an exercise database"),
        (
            _write("name.json", json.dumps([{"id": "A", "name": 5, "instructions": []}])),
            "name.json: [0].name: expected a string, got 5",
        ),
        (
            _write("steps.json", json.dumps([{"id": "A", "name": "A", "category": "x",
                                              "instructions": []}])),
            "steps.json: no exercises to import (1 left out",
        ),
    ],
)  # fmt: skip
def test_bad_files_exit_2_with_one_line_and_leave_the_library_unchanged(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], Path],
    expected: str,
) -> None:
    library(data_dir, "import", str(FEDB))
    before = library_file(data_dir).read_bytes()
    capsys.readouterr()
    path = make(tmp_path)
    assert library(data_dir, "import", str(path)) == 2
    line = one_error_line(capsys)
    assert line.startswith(str(tmp_path)) and expected in line
    assert library_file(data_dir).read_bytes() == before


def test_bad_file_on_a_new_data_dir_creates_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text("[1]")
    assert library(data_dir, "import", str(path)) == 2
    one_error_line(capsys)
    assert not data_dir.exists()


def test_a_damaged_library_is_reported_never_overwritten_and_reset_sets_it_aside(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library(data_dir, "import", str(FEDB))
    path = library_file(data_dir)
    path.write_text('{"schema_version": 1, "sections": [{"name": 3}]}')
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(data=data_dir)
    assert raised.value.problems == [
        f"{path}: sections[0].records: expected a list, got null"
        " (`loosen library reset` sets it aside)"
    ]
    capsys.readouterr()
    assert run(["routines", "--data-dir", str(data_dir)]) == 2
    assert one_error_line(capsys).endswith("(`loosen library reset` sets it aside)")
    assert library(data_dir, "import", str(WGER)) == 2
    assert "sets it aside" in one_error_line(capsys)
    assert path.read_text() == '{"schema_version": 1, "sections": [{"name": 3}]}'
    assert library(data_dir, "reset") == 0
    assert "moved the library aside" in capsys.readouterr().out
    aside = [p for p in library_dir(data_dir).iterdir() if ".set-aside-" in p.name]
    assert len(aside) == 1 and aside[0].read_text().startswith('{"schema_version": 1')
    assert load_catalogue(data=data_dir).exercise("fedb-seated-band-row") is None
    assert library(data_dir, "import", str(WGER)) == 0


def test_a_second_writer_is_turned_away(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library(data_dir, "import", str(FEDB))
    before = library_file(data_dir).read_bytes()
    held = DirLock.try_acquire(library_dir(data_dir) / "lock")
    try:
        capsys.readouterr()
        assert library(data_dir, "import", str(WGER)) == 2
        assert "another loosen is changing the library" in one_error_line(capsys)
    finally:
        held.release()
    assert library_file(data_dir).read_bytes() == before


def test_unknown_format_and_missing_action_are_usage_errors(data_dir: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        library(data_dir, "import", str(FEDB), "--format", "csv")
    assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        library(data_dir)
    assert exited.value.code == 2


def test_library_modules_never_import_textual() -> None:
    code = (
        "import sys\n"
        "import tui.cli_library, tui.library.changes, tui.library.catalogue\n"
        "import tui.library.formats, tui.library.shelf, tui.library.bundled\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_without_a_library_the_catalogue_does_not_load_the_library_modules() -> None:
    code = (
        "import sys\n"
        "from tui.catalogue.sources import load_catalogue\n"
        "load_catalogue()\n"
        "print(sorted(m for m in sys.modules if m.startswith('tui.library.')))\n"
    )
    env = {**os.environ, "LOOSEN_DATA_DIR": "/nonexistent/loosen-test"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "['tui.library.catalogue', 'tui.library.layout']"


def test_the_bundled_set_is_inside_the_package_so_wheels_carry_it() -> None:
    import tui
    from tui.library.bundled import bundled_stretches, stretches_file

    assert Path(tui.__file__).parent in stretches_file().parents
    conversion = bundled_stretches()
    assert len(conversion.records) == 127 and not conversion.skipped

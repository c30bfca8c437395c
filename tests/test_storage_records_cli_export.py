"""`loosen export` on faults: one line on standard error, exit 2, no half file left."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.history_files import history_file, plant_summary, summary_of
from tests.samples import sample_record
from tui.cli import run
from tui.storage.store import Store

REPO = Path(__file__).resolve().parents[1]
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data dir holding three sessions in two years."""
    path = tmp_path / "data"
    with Store.open(path) as store:
        store.import_sessions([sample_record(START - timedelta(days=days)) for days in (0, 1, 400)])
    return path


def loosen(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the real command in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=REPO,
        capture_output=True,
        check=False,
        timeout=60,
    )


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert text.count("\n") == 1 and text.endswith("\n"), text
    assert "Traceback" not in text
    return text


def close_stdout() -> None:
    os.close(1)


def test_export_with_standard_output_closed_says_so(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(data_dir), "export"],
        cwd=REPO,
        stderr=subprocess.PIPE,
        preexec_fn=close_stdout,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        "loosen: cannot write the export to standard output: it is closed\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_export_to_a_full_disk_says_so(data_dir: Path, file_format: str) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--data-dir", str(data_dir), "export", "--format",
             file_format],
            cwd=REPO,
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )  # fmt: skip
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        "loosen: cannot write the export to standard output: No space left on device\n"
    )


def test_an_export_file_is_private_whatever_the_umask(data_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "backup.json"
    old = os.umask(0)
    try:
        assert (
            run(["--data-dir", str(data_dir), "export", "--format", "json", "-o", str(output)]) == 0
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert len(json.loads(output.read_text("utf-8"))["sessions"]) == 3


def test_an_export_never_follows_a_symlink_in_its_place(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "backup.csv"
    output.symlink_to(tmp_path / "elsewhere.csv")
    assert run(["--data-dir", str(data_dir), "export", "-o", str(output)]) == 2
    assert not (tmp_path / "elsewhere.csv").exists()
    assert capsys.readouterr().err == (
        f"loosen: {output} already exists; choose another file name\n"
    )


def test_history_that_is_a_file_fails_the_export_in_one_line(
    data_dir: Path, tmp_path: Path
) -> None:
    history = data_dir / "history"
    for entry in history.iterdir():
        entry.unlink()
    history.rmdir()
    history.write_text("not a dir")
    output = tmp_path / "backup.json"
    result = loosen("--data-dir", str(data_dir), "export", "--format", "json", "-o", str(output))
    assert result.returncode == 2
    assert one_line(result.stderr).startswith(f"loosen: cannot use {history}: ")
    assert not output.exists()


@pytest.mark.parametrize("shard", ["2026.json", "2026-11-sets.json"])
def test_a_shard_that_is_a_directory_fails_the_export_and_leaves_no_file(
    data_dir: Path, tmp_path: Path, shard: str
) -> None:
    path = history_file(data_dir, shard)
    path.unlink()
    path.mkdir()
    output = tmp_path / "backup.csv"
    result = loosen("--data-dir", str(data_dir), "export", "-o", str(output))
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        f"loosen: cannot read {path}: it is not a readable file; {output} was not written\n"
    )
    assert not output.exists()
    result = loosen("--data-dir", str(data_dir), "export")
    assert result.returncode == 2 and result.stdout == b""
    assert one_line(result.stderr) == f"loosen: cannot read {path}: it is not a readable file\n"


def test_bad_records_are_reported_and_the_rest_exported(data_dir: Path) -> None:
    bad = summary_of(sample_record(START))
    bad["status"] = "paused"
    plant_summary(data_dir, 2026, bad)
    result = loosen("--data-dir", str(data_dir), "export", "--format", "json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["sessions"]) == 3
    line = one_line(result.stderr)
    assert line.startswith("loosen: history/2026.json: 1 session record(s) were not valid")

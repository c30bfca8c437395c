"""AtomicBatch and the bulk history write: each file old or new, stages durable in order."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.samples import sample_record
from tui.storage import atomic
from tui.storage.atomic import AtomicBatch, is_temp_name
from tui.storage.errors import StoreError
from tui.storage.store import Store

REPO = Path(__file__).resolve().parents[1]
START = datetime(2020, 1, 10, 7, 30, tzinfo=timezone(timedelta(hours=1)))


def temps(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if is_temp_name(p.name))


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, number: int, error: int = errno.EIO
) -> list[tuple[Any, ...]]:
    """Make `os.<name>` fail on its `number`th call (1-based)."""
    real: Callable[..., Any] = getattr(os, name)
    calls: list[tuple[Any, ...]] = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == number:
            raise OSError(error, os.strerror(error))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, flaky)
    return calls


def old_files(directory: Path, count: int) -> dict[Path, bytes]:
    files = {directory / f"f{n}.json": f'{{"old": {n}}}'.encode() for n in range(count)}
    for path, payload in files.items():
        path.write_bytes(payload)
    return files


def test_a_batch_replaces_every_file_privately_and_leaves_no_temp(tmp_path: Path) -> None:
    old = old_files(tmp_path, 3)
    fresh = tmp_path / "new.json"
    old_umask = os.umask(0o022)
    try:
        with AtomicBatch() as batch:
            for n, path in enumerate([*old, fresh]):
                batch.add(path, f'{{"new": {n}}}'.encode())
            assert len(temps(tmp_path)) == 4  # written, not yet in place
            assert all(path.read_bytes() == payload for path, payload in old.items())
            assert not fresh.exists()
            batch.commit()
    finally:
        os.umask(old_umask)
    for n, path in enumerate([*old, fresh]):
        assert json.loads(path.read_bytes()) == {"new": n}
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert temps(tmp_path) == []


def test_a_batch_left_without_commit_changes_nothing(tmp_path: Path) -> None:
    old = old_files(tmp_path, 2)
    with pytest.raises(RuntimeError), AtomicBatch() as batch:
        for path in old:
            batch.add(path, b"{}")
        raise RuntimeError("a record could not be read")
    assert all(path.read_bytes() == payload for path, payload in old.items())
    assert temps(tmp_path) == []


@pytest.mark.parametrize("failing", [1, 3, 5])
def test_a_rename_failing_midway_leaves_each_file_old_or_new_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    old = old_files(tmp_path, 5)
    calls = fail_on_call(monkeypatch, "replace", failing)
    with pytest.raises(OSError), AtomicBatch() as batch:
        for n, path in enumerate(old):
            batch.add(path, f'{{"new": {n}}}'.encode())
        batch.commit()
    assert len(calls) == failing  # it stopped at the failure
    for n, (path, payload) in enumerate(old.items()):
        expected = {"new": n} if n < failing - 1 else json.loads(payload)
        assert json.loads(path.read_bytes()) == expected
    assert temps(tmp_path) == []
    monkeypatch.undo()
    with AtomicBatch() as batch:  # and the next write goes through
        batch.add(tmp_path / "f0.json", b'{"again": 0}')
        batch.commit()
    assert json.loads((tmp_path / "f0.json").read_bytes()) == {"again": 0}
    assert temps(tmp_path) == []


def test_a_full_disk_while_writing_temps_renames_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = old_files(tmp_path, 4)
    fail_on_call(monkeypatch, "write", 3, errno.ENOSPC)
    with pytest.raises(OSError, match="No space"), AtomicBatch() as batch:
        for path in old:
            batch.add(path, b'{"new": true}')
        batch.commit()
    assert all(path.read_bytes() == payload for path, payload in old.items())
    assert temps(tmp_path) == []


@pytest.mark.parametrize("count", [2, atomic.SYNC_EACH_UP_TO + 4])
def test_every_temp_is_flushed_before_any_rename_and_stages_are_durable_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    events: list[str] = []
    real_replace, real_fsync = os.replace, os.fsync
    real_syncfs = atomic._syncfs()

    def replace(source: Path, target: Path) -> None:
        events.append(f"rename {Path(target).name}")
        real_replace(source, target)

    def fsync(fd: int) -> None:
        events.append("fsync file")
        real_fsync(fd)

    def fsync_dir(directory: Path) -> None:
        events.append(f"fsync dir {directory.name}")
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            real_fsync(fd)
        finally:
            os.close(fd)

    def syncfs() -> Callable[[Path], None] | None:
        if real_syncfs is None:
            return None

        def flush(directory: Path) -> None:
            events.append("syncfs")
            real_syncfs(directory)

        return flush

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(atomic, "fsync_dir", fsync_dir)
    monkeypatch.setattr(atomic, "_syncfs", syncfs)
    first, second = tmp_path / "sets", tmp_path / "summaries"
    first.mkdir()
    second.mkdir()
    with AtomicBatch() as batch:
        for n in range(count):
            batch.add(first / f"s{n}.json", b"{}")
        batch.then()
        batch.add(second / "y.json", b"{}")
        batch.add(first / "late.json", b"{}")
        batch.commit()
    flushes = events[: events.index("rename s0.json")]
    if count > atomic.SYNC_EACH_UP_TO and real_syncfs is not None:
        assert flushes == ["syncfs"]  # one flush of the one file system
    else:
        assert flushes == ["fsync file"] * (count + 2)
    renames = [f"rename s{n}.json" for n in range(count)]
    assert events[len(flushes) :] == [
        *renames,
        "fsync dir sets",
        "rename y.json",
        "rename late.json",
        "fsync dir summaries",
        "fsync dir sets",
    ]


def records(count: int) -> list[dict[str, Any]]:
    """`count` sessions a week apart: several months and years, so several shards of each kind."""
    return [
        sample_record(START + timedelta(days=7 * n), session_id=f"{n:032x}") for n in range(count)
    ]


def test_an_import_failing_at_the_summaries_lists_nothing_and_can_be_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = records(120)  # 28 months of sets, 3 years of summaries
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.import_sessions(batch[:2])
        calls = fail_on_call(monkeypatch, "replace", 29)  # the first summary file
        with pytest.raises(StoreError, match=r"cannot write .*history.*2020\.json"):
            store.import_sessions(batch)
        monkeypatch.undo()
        assert len(calls) == 29
        assert temps(data_dir / "history") == []
        # Sets were put in place, no summary: what was there is as it was, nothing half shown.
        assert [s["id"] for s in store.sessions()] == [batch[1]["id"], batch[0]["id"]]
        assert store.import_sessions(batch) == 118
    with Store.open(data_dir) as store:
        assert store.notices == []
        assert len(store.sessions()) == 120
        for record in batch:
            assert store.session(record["id"]) == record


IMPORTER = r"""
import os
import sys
from pathlib import Path

from tests.test_storage_batch import records
from tui.storage.store import Store

real_replace = os.replace


def replace(source, target):
    real_replace(source, target)
    sys.stdout.write("renamed\n")  # one write: a kill can't split it
    sys.stdout.flush()


batch = records(200)
with Store.open(Path(sys.argv[1])) as store:
    os.replace = replace  # this child's every rename reports
    store.import_sessions(batch)
    sys.stdout.write("done\n")
    sys.stdout.flush()
"""


def test_sigkill_between_renames_never_shows_a_session_without_its_sets(tmp_path: Path) -> None:
    """Kill importers after a random number of renames: each listed session has its sets."""
    data_dir = tmp_path / "data"
    history = data_dir / "history"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(36500)
    files = 47 + 4  # months of sets, years of summaries
    for kill in range(8):
        shutil.rmtree(data_dir, ignore_errors=True)
        child = subprocess.Popen(
            [sys.executable, "-c", IMPORTER, str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        renames = 0
        wanted = files - 1 - kill if kill < 3 else rng.randrange(files)  # the end matters most
        while renames < wanted and child.stdout.readline() == "renamed\n":
            renames += 1
        child.send_signal(signal.SIGKILL)
        output, errors = child.communicate()
        assert renames == wanted, errors
        with Store.open(data_dir) as store:
            assert store.notices == []  # no damaged or half-written file
            listed = store.sessions()
            assert len(listed) == 200 or "done" not in output
            for summary in listed:
                detail = store.session_detail(summary["id"])
                assert detail is not None and not detail.sets_missing
            assert store.import_sessions(records(200)) == 200 - len(listed)
            assert temps(history) == []  # the writer's first history write tidies
            assert len(store.sessions()) == 200

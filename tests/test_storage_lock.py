"""One writer per data dir: others open read-only, and a dead writer frees the dir."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.samples import sample_active, sample_record, tiny_active
from tui.storage.errors import ReadOnlyError
from tui.storage.store import Store

REPO = Path(__file__).resolve().parents[1]
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=timezone(timedelta(hours=1)))

HOLDER = r"""
import sys
from pathlib import Path
from tui.storage.store import Store

store = Store.open(Path(sys.argv[1]))
print("writable" if not store.read_only else "read-only", flush=True)
sys.stdin.read()  # hold the lock until the parent closes our stdin
store.close()
print("closed", flush=True)
"""


@contextmanager
def holder(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with the data dir open, until the block ends."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writable"
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=10)
        for pipe in (child.stdin, child.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


def assert_refuses_every_write(store: Store, data_dir: Path) -> None:
    writes: list[Callable[[], object]] = [
        lambda: store.set_setting("bell", False),
        lambda: store.save_active(tiny_active("x")),
        lambda: store.clear_active(),
        lambda: store.add_session(sample_record(START)),
        lambda: store.import_sessions([sample_record(START)]),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyError) as caught:
            write()
        assert str(caught.value) == (
            f"another loosen is using {data_dir}; history is read-only here"
        )


def test_a_second_process_gets_a_read_only_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    finished = sample_record(START)
    active = sample_active(START)
    with Store.open(data_dir) as store:
        store.add_session(finished)
        store.save_active(active)
        store.set_setting("theme", "textual-light")
    snapshot = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}

    with holder(data_dir) as child:
        with Store.open(data_dir) as store:
            assert store.read_only is True
            # Reads work...
            assert [s["id"] for s in store.sessions()] == [finished["id"]]
            assert store.session(finished["id"]) == finished
            assert list(store.all_sessions()) == [finished]
            assert store.active() == active
            assert store.get_setting("theme", "x") == "textual-light"
            # ...writes do not, and nothing changed on disk.
            assert_refuses_every_write(store, data_dir)
        assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == snapshot
        assert child.stdin is not None
        child.stdin.close()
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "closed"
        child.wait(timeout=10)

    with Store.open(data_dir) as store:
        assert store.read_only is False
        store.set_setting("bell", False)


def test_a_killed_writer_frees_the_dir(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with holder(data_dir) as child:
        with Store.open(data_dir) as store:
            assert store.read_only is True
        child.send_signal(signal.SIGKILL)  # no clean-up runs, like a dropped SSH session
        child.wait(timeout=10)
        with Store.open(data_dir) as store:
            assert store.read_only is False


def test_flock_also_excludes_a_second_open_in_the_same_process(tmp_path: Path) -> None:
    """flock belongs to the open file description, so this is a fair in-process check."""
    data_dir = tmp_path / "data"
    first = Store.open(data_dir)
    second = Store.open(data_dir)
    try:
        assert first.read_only is False
        assert second.read_only is True
        assert_refuses_every_write(second, data_dir)
    finally:
        second.close()
        first.close()
    with Store.open(data_dir) as third:
        assert third.read_only is False

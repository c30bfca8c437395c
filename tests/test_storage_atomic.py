"""AtomicJSONStorage: reading, refusing damaged files, and surviving SIGKILL mid-write."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.storage.atomic import AtomicJSONStorage, is_temp_name
from tui.storage.errors import DamagedFileError

REPO = Path(__file__).resolve().parents[1]


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_missing_and_empty_files_read_as_none(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    assert AtomicJSONStorage(path).read() is None
    assert not path.exists()  # reading creates nothing
    path.write_bytes(b"")
    assert AtomicJSONStorage(path).read() is None
    path.write_bytes(b"  \n")
    assert AtomicJSONStorage(path).read() is None


def test_write_then_read_round_trips_and_tinydb_uses_it(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.table("t").insert({"name": "Cat–cow", "n": 1})
        db.table("t").insert({"name": "Open book", "n": 2})
    assert json.loads(path.read_text("utf-8")) == {
        "t": {"1": {"name": "Cat–cow", "n": 1}, "2": {"name": "Open book", "n": 2}}
    }
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        assert [doc["n"] for doc in db.table("t")] == [1, 2]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"t": {"1": {"n": 1}', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid"),
        (b"[1, 2, 3]", "expected a JSON object of tables, found list"),
        (b'{"t": [1, 2]}', 'table "t" is not a JSON object'),
        (b'{"t": {"1": 5}}', 'document 1 in table "t" is not a JSON object'),
        (b'"just a string"', "found str"),
    ],
)
def test_damaged_files_raise_naming_the_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(DamagedFileError) as caught:
        AtomicJSONStorage(path).read()
    message = str(caught.value)
    assert str(path) in message
    assert reason in message
    assert "\n" not in message
    assert caught.value.path == path
    assert path.read_bytes() == content  # reading never touches it


def test_invalid_json_reason_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b'{\n  "t": {\n    "1": {"n": 1,}\n  }\n}')
    with pytest.raises(DamagedFileError, match=r"line 3, column 18"):
        AtomicJSONStorage(path).read()


def test_new_files_are_private_and_no_temp_is_left(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        path = tmp_path / "db.json"
        storage = AtomicJSONStorage(path)
        storage.write({"t": {"1": {"n": 1}}})
        storage.write({"t": {"1": {"n": 2}}})
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_a_value_that_cannot_be_serialised_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"n": 1}}})
    before = path.read_bytes()
    with pytest.raises(TypeError):
        storage.write({"t": {"1": {"when": object()}}})
    with pytest.raises(UnicodeEncodeError):
        storage.write({"t": {"1": {"text": "\ud800"}}})
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_temp_names_are_recognisable() -> None:
    assert is_temp_name(".active.json.tmp-0123456789ab")
    assert not is_temp_name("active.json")
    assert not is_temp_name(".active.json.tmp-short")
    assert not is_temp_name("notes.tmp")


WRITER = r"""
import random
import sys

from tui.storage.atomic import AtomicJSONStorage

storage = AtomicJSONStorage(sys.argv[1])
data = storage.read() or {}
log = data.setdefault("log", {})
n = len(log)
sizes = random.Random(n)
while True:
    log[str(n)] = {"n": n, "pad": "loosen " * 30}
    # The file also shrinks now and then, as real files do: an in-place rewrite killed
    # before it truncates leaves a stale tail behind.
    data["pad"] = {"1": {"text": "x" * sizes.randrange(20_000)}}
    storage.write(data)
    print(n, flush=True)
    n += 1
"""


def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    """100 children write a growing file and are SIGKILLed at random; nothing acked is lost."""
    path = tmp_path / "db.json"
    rng = random.Random(20261122)
    kills = 0
    killed_mid_write = 0
    highest_acked = -1
    deadline = time.monotonic() + 40
    while kills < 100:
        assert time.monotonic() < deadline, "the kill test is far slower than expected"
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        if not first:
            child.wait()
            pytest.fail(f"the writer died: {child.stderr.read().decode() if child.stderr else ''}")
        time.sleep(rng.uniform(0, 0.02))
        child.send_signal(signal.SIGKILL)
        rest, _errors = child.communicate()
        assert child.returncode == -signal.SIGKILL
        kills += 1
        acked = [int(line) for line in (first + rest).split()]
        highest_acked = max(highest_acked, *acked)
        if any(is_temp_name(p.name) for p in tmp_path.iterdir()):
            killed_mid_write += 1
            for temp in tmp_path.iterdir():
                if is_temp_name(temp.name):
                    temp.unlink()
        # Must parse as JSON (no half-written file) and hold every acknowledged write.
        data = json.loads(path.read_bytes())
        assert set(data) == {"log", "pad"}
        numbers = sorted(doc["n"] for doc in data["log"].values())
        assert numbers == list(range(len(numbers)))
        assert numbers[-1] >= highest_acked
    # Without kills landing inside writes this test could not catch a non-atomic write.
    assert killed_mid_write > 0

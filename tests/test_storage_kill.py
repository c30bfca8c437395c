"""Store.save_active and add_session survive SIGKILL at random moments."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tui.storage.atomic import is_temp_name
from tui.storage.store import Store

REPO = Path(__file__).resolve().parents[1]

WORKOUTS = r"""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.samples import sample_record, tiny_active
from tui.storage.store import Store

store = Store.open(Path(sys.argv[1]))
assert not store.read_only
n = int(sys.argv[2])
start = datetime(2026, 1, 1, 7, 0, tzinfo=timezone(timedelta(hours=1)))
while True:
    session_id = f"{n:032x}"
    for done in range(3):  # a few sets, each saved as it completes
        # The snapshot's size varies, as a real one does: in-place writes would leave tails.
        snapshot = "x" * ((n * 7919 + done * 104729) % 20_000)
        store.save_active(tiny_active(session_id, n=n, done=done, padding=snapshot))
        sys.stdout.write(f"A {n} {done}\n")  # one write: a kill can't split an ack
        sys.stdout.flush()
    store.add_session(sample_record(start + timedelta(days=n * 3), session_id=session_id))
    sys.stdout.write(f"S {n}\n")
    sys.stdout.flush()
    n += 1
"""


def sid(n: int) -> str:
    return f"{n:032x}"


def test_sigkill_during_workouts_loses_nothing_acknowledged(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    saved: set[int] = set()  # acknowledged add_session calls
    before: set[int] = set()  # what history held after the previous kill
    next_n = 0
    pending_seen = 0
    for _kill in range(30):
        child = subprocess.Popen(
            [sys.executable, "-c", WORKOUTS, str(data_dir), str(next_n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first, child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0, 0.05))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        # A line the kill cut short was never acknowledged: only whole lines count.
        output = first + rest
        whole = output if output.endswith("\n") else output[: output.rfind("\n") + 1]
        lines = [line.split() for line in whole.splitlines()]
        active_acks = [(int(line[1]), int(line[2])) for line in lines if line[0] == "A"]
        saved |= {int(line[1]) for line in lines if line[0] == "S"}
        last_active = max(active_acks)

        with Store.open(data_dir) as store:
            assert not store.read_only
            assert store.notices == []
            in_history = {int(s["id"], 16) for s in store.sessions()}
            active = store.active()
            assert saved | before <= in_history  # nothing acknowledged or seen is lost
            for n in saved:
                session = store.session(sid(n))
                assert session is not None and session["id"] == sid(n)
            last = last_active[0]
            if last not in saved:
                # Killed mid-session: either still active (at least as far as acknowledged)
                # or already in history, never both and never neither.
                pending_seen += 1
                if last in in_history:
                    assert active is None
                else:
                    assert active is not None
                    assert (active["engine"]["n"], active["engine"]["done"]) >= last_active
            else:
                # Killed after a session: the next may have begun, but is not in history.
                assert active is None or active["engine"]["n"] == last + 1
                assert last + 1 not in in_history
            assert in_history <= before | saved | {last}  # and nothing appears from nowhere
            assert not [p for p in data_dir.iterdir() if is_temp_name(p.name)]
        before = in_history
        next_n = max(in_history | {last}) + 1
    assert pending_seen > 0

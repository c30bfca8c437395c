"""History in a real terminal: keys typed ahead arrive together and still act in order."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from tests.samples import sample_record
from tests.terminal import Terminal
from tui.storage.store import Store


def test_a_pick_typed_ahead_in_the_filter_list_is_the_one_shown(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    now = datetime.now().astimezone()
    records = [
        sample_record(now - timedelta(days=n), ("desk-reset", "pre-lift")[n % 2]) for n in range(6)
    ]
    with Store.open(data_dir) as store:
        store.import_sessions(records)
    with Terminal(["--data-dir", str(data_dir), "history"], send_delay=None) as term:
        term.wait_for("All routines: 6 sessions")
        term.send("f")
        term.wait_for("Show the history of", "▶ All routines")
        term.send("j\r")  # one write: the list moves, then enter picks where it is
        term.wait_for("History · Desk reset only", "Desk reset: 3 sessions")
        term.send("f")
        term.wait_for("▶ Desk reset")
        term.send("j\r")
        term.wait_for("History · Pre-lift upper back only", "Pre-lift upper back: 3 sessions")
        assert term.finish("q")

"""The writer remembers the unfinished session; a read-only store always reads the disk."""

from __future__ import annotations

from pathlib import Path

from tests.samples import tiny_active
from tui.storage import layout
from tui.storage.store import Store


def test_the_writer_remembers_and_a_reader_sees_every_change(tmp_path: Path) -> None:
    with Store.open(tmp_path) as writer, Store.open(tmp_path) as reader:
        assert not writer.read_only and reader.read_only
        assert writer.active() is None and reader.active() is None
        writer.save_active(tiny_active("a", step=1))
        assert reader.active() == tiny_active("a", step=1)
        writer.save_active(tiny_active("a", step=2))
        assert reader.active() == tiny_active("a", step=2)
        # The writer answers from memory: even with the file gone it knows its last save.
        (tmp_path / layout.ACTIVE).unlink()
        assert writer.active() == tiny_active("a", step=2)
        assert reader.active() is None
        writer.clear_active()
        assert writer.active() is None

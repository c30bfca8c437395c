"""On the Linux console (TERM=linux) the catalogue and history pictures use glyphs it has."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from textual.scrollbar import ScrollBar

import tui.app as app_module
from tests.conftest import AppFactory

PROBE = """
import json
from tui.describe import CELL_MARKS, SPARK_BARS, sparkline
from tui.widgets.catalogue_list import MARKER, UNFOCUSED_MARKER
print(json.dumps({
    "markers": MARKER + UNFOCUSED_MARKER,
    "marks": "".join(CELL_MARKS.values()),
    "bars": SPARK_BARS,
    "spark": sparkline([0, 1, 5, 10]),
}))
"""
CONSOLE_SAFE = {chr(code) for code in range(32, 127)} | {"·"}
"""ASCII, and the middle dot every Linux console font has (it is in Latin-1)."""


def probe(term: str) -> dict[str, str]:
    """What the glyph constants are when loosen runs under this TERM."""
    env = {**os.environ, "TERM": term}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    found: dict[str, str] = json.loads(done.stdout)
    return found


def test_the_console_gets_plain_glyphs_and_other_terminals_the_shapes() -> None:
    console = probe("linux")
    for name, text in console.items():
        assert set(text) <= CONSOLE_SAFE, (name, text)
    assert console["bars"] == "_.:-=+*#" and console["spark"] == "_.=#"
    assert console["markers"] == "> > "
    assert len(set(console["marks"])) == 3  # none, one and two+ still differ
    xterm = probe("xterm-256color")
    assert xterm["markers"] == "▶ ▷ " and xterm["bars"] == "▁▂▃▄▅▆▇█"


def test_on_the_console_every_scroll_bar_draws_whole_cells(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's own scroll bars too (the session's cue list, help, history)."""
    monkeypatch.setattr(ScrollBar, "renderer", ScrollBar.renderer)  # put back afterwards
    monkeypatch.setattr(app_module, "LINUX_CONSOLE", True)
    make_app()
    bars = ScrollBar.renderer.VERTICAL_BARS + ScrollBar.renderer.HORIZONTAL_BARS
    assert set("".join(bars)) <= CONSOLE_SAFE

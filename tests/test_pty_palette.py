"""End to end: a routine name full of terminal sequences, shown in the command palette.

The installed `loosen` runs in a real pseudo-terminal with a routines file whose routine
name carries OSC 0 (window title), OSC 52 (clipboard), OSC 8 (link), CSI 6n (a request
the terminal answers by typing) and an 8-bit CSI, plus markup. The palette lists it;
the bytes loosen writes must carry none of those sequences, and loosen must keep
running and quit cleanly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.terminal import Terminal

SEQUENCES = {
    "window title": "\x1b]0;pwned-title\x07",
    "clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "link": "\x1b]8;;http://example.invalid/\x1b\\",
    "cursor report": "\x1b[6n",
    "8-bit CSI": "\x9b6n",
}
NAME = "Zap [/] [@click=app.quit]x " + " ".join(SEQUENCES.values())
SEARCH = "zap"
"""Typed in the palette: only the hostile routine's entry matches it."""


def routines_file(path: Path) -> Path:
    """A routines file with one routine, named NAME, of a built-in exercise."""
    document = {
        "schema_version": 1,
        "routines": [
            {
                "id": "zap",
                "name": NAME,
                "summary": NAME,
                "steps": [{"exercise": "t-spine-roller-twister"}],
            }
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(("rows", "cols"), [(24, 80), (40, 160)])
def test_palette_with_a_hostile_name_writes_no_escape_from_it(
    tmp_path: Path, rows: int, cols: int
) -> None:
    routines = routines_file(tmp_path / "zap.json")
    args = ["--routines", str(routines), "--data-dir", str(tmp_path / "data")]
    with Terminal(args, rows=rows, cols=cols) as term:
        term.wait_for("Zap [/]")  # the catalogue lists it
        term.press("\x10")  # ctrl+p
        term.wait_for("Search for commands")
        term.send(SEARCH)
        shown = term.wait_for("Start Zap [/] [@click=app.quit]x")
        assert "␛]0;pwned-title␇" in shown  # the sequence is shown, as pictures
        term.pump(0.5)  # whatever else it draws for this entry

        raw = bytes(term.raw)
        text = raw.decode("utf-8", errors="replace")
        for what, sequence in SEQUENCES.items():
            assert sequence not in text, f"the name's {what} sequence reached the terminal"
        for payload in ("pwned-title", "cHduZWQ=", "example.invalid"):
            assert f"\x1b]0;{payload}" not in text and f"\x1b]52;c;{payload}" not in text
            assert f"\x1b]8;;http://{payload}" not in text
        assert "\x1b[6n" not in text and "\x9b" not in text
        # Textual itself sends OSC 22 (the pointer's shape); never a title, link or clipboard.
        osc = set(re.findall(r"\x1b\]([0-9]+);", text))
        assert not osc & {"0", "1", "2", "8", "52"}, f"OSC {osc} reached the terminal"

        # Alive: the palette closes, the catalogue is back, q quits with status 0.
        term.press("escape")
        term.wait_for("Zap [/]", absent=["Start Zap"])
        term.press("q")
        assert term.wait_exit() == 0

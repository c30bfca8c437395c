"""Text from files and people is shown literally everywhere: never markup, never escapes.

A routines file whose names, summaries, cues and notes carry Textual markup
(`[/]`, `[@click=app.quit]`) and terminal sequences (OSC 0/8/52, CSI 6n, 8-bit CSI)
is run through every screen, the command palette, dialogs and notifications. The app
must keep running, show each piece as it is written (controls as visible pictures),
and send no escape character from the file to the terminal.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.fuzzy import Matcher
from textual.pilot import Pilot

from tests.conftest import FakeClock, FakeWallClock
from tui.app import LoosenApp
from tui.catalogue.model import Catalogue
from tui.catalogue.sources import load_catalogue
from tui.palette import highlighted
from tui.session.engine import SessionEngine
from tui.session.record import FINISHED, session_record
from tui.storage.store import Store
from tui.storage.types import SessionRecord
from tui.text import printable

AppFactory = Callable[..., LoosenApp]

MARKUP = (
    "[/]",
    "[@click=app.quit]x",
    "[@click=app.screenshot('/tmp/loosen-shot')]",
    "[bold]b[/bold]",
    "[$accent]v",
)
ESCAPES = (
    "\x1b]0;pwned-title\x07",  # set the window title
    "\x1b]52;c;cHduZWQ=\x07",  # write the clipboard
    "\x1b]8;;http://example.invalid/\x1b\\",  # start a link
    "\x1b[6n",  # ask for the cursor position: the terminal types the answer
    "\x9b6n",  # the same with the 8-bit CSI
    "\u202eevil",  # a right-to-left override
)
PIECES = MARKUP + ESCAPES
HOSTILE = " ".join(PIECES)
"""Every hostile piece, separated by spaces so wrapped lines break between them."""
SHOWN = [printable(piece) for piece in PIECES]
"""How each piece must appear: literally, its controls as visible pictures."""
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")
SIZE = (240, 60)
"""Wide enough for the whole hostile name on one line."""


def hostile_routines(path: Path) -> Path:
    """A routines file whose every text field is HOSTILE; two one-rep exercises."""

    def exercise(exercise_id: str) -> dict[str, Any]:
        return {
            "id": exercise_id,
            "name": HOSTILE,
            "summary": HOSTILE,
            "cues": [{"kind": "setup", "text": HOSTILE}, {"kind": "avoid", "text": HOSTILE}],
            "dosage": {"sets": 1, "reps": 1, "rest_seconds": 10},
            "equipment": [HOSTILE],
            "who": HOSTILE,
            "why": HOSTILE,
            "frequency": HOSTILE,
            "tags": {"region": HOSTILE, "kind": "mobility"},
            "source": {"title": HOSTILE, "author": HOSTILE, "note": HOSTILE},
        }

    document = {
        "schema_version": 1,
        "exercises": [exercise("hostile-one"), exercise("hostile-two")],
        "routines": [
            {
                "id": "hostile",
                "name": HOSTILE,
                "summary": HOSTILE,
                "source": {"title": HOSTILE, "author": HOSTILE, "note": HOSTILE},
                "steps": [
                    {"exercise": "hostile-one", "note": HOSTILE},
                    {"exercise": "hostile-two", "note": HOSTILE},
                ],
            }
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def hostile_catalogue(tmp_path: Path) -> Catalogue:
    return load_catalogue(hostile_routines(tmp_path / "hostile.json"))


_SVG_TEXT = re.compile(r'<text [^>]*?x="([\d.]+)"[^>]*?-line-(\d+)\)">(.*?)</text>', re.DOTALL)
_CELL_WIDTH = 12.2
"""Width of one terminal cell in Textual's SVG screenshots (0.61 × 20 px)."""


def screenshot(app: LoosenApp) -> tuple[str, str]:
    """The screen as Textual exports it: (the SVG itself, its text as lines)."""
    svg = app.export_screenshot()
    lines: dict[int, dict[int, str]] = defaultdict(dict)
    for x, line, body in _SVG_TEXT.findall(svg):
        lines[int(line)][round(float(x) / _CELL_WIDTH)] = html.unescape(body).replace("\xa0", " ")
    text_lines = []
    for number in sorted(lines):
        row = ""
        for column, piece in sorted(lines[number].items()):
            row = row.ljust(column) + piece
        text_lines.append(row.rstrip())
    return svg, "\n".join(text_lines)


def assert_literal(app: LoosenApp, *, upper: bool = False, pieces: list[str] = SHOWN) -> str:
    """The app runs, sends no control character from the file, and shows every piece."""
    assert app.is_running and app.return_code is None
    svg, text = screenshot(app)
    for control in RAW_CONTROLS:
        assert control not in svg, f"{control!r} reached the screen"
    for piece in pieces:
        assert (piece.upper() if upper else piece) in text, f"{piece!r} not shown:\n{text}"
    return text


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.pause()


# --------------------------------------------------------------- printable


@settings(derandomize=True, max_examples=500)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_printable_leaves_no_control_and_keeps_length(text: str) -> None:
    shown = printable(text)
    assert len(shown) == len(text)  # one picture per character: columns stay predictable
    for char in shown:
        assert unicodedata.category(char) not in ("Cc", "Cs"), repr(char)
        assert unicodedata.bidirectional(char) not in ("LRE", "RLE", "LRO", "RLO", "PDF")
        assert unicodedata.bidirectional(char) not in ("LRI", "RLI", "FSI", "PDI")


@pytest.mark.parametrize("code", [*range(0x20), 0x7F, *range(0x80, 0xA0)])
def test_every_c0_c1_control_becomes_a_visible_character(code: int) -> None:
    shown = printable(f"a{chr(code)}b")
    assert shown[0] == "a" and shown[2] == "b"
    assert shown[1].isprintable() and shown[1] != chr(code)


def test_printable_text_is_left_as_it_is() -> None:
    text = "Bench stretch · 2 × 10 — ▶ [not markup] 你好 👋🏽 e\u0301 مرحبا"
    assert printable(text) == text


@settings(derandomize=True, max_examples=500)
@given(st.text(), st.text(min_size=1, max_size=8))
def test_palette_highlight_never_parses_markup(name: str, query: str) -> None:
    title = f"Start {printable(name)}"  # searched only once something is typed
    assert highlighted(Matcher(query), title).plain == title


# ------------------------------------------------------------ the palette


async def test_palette_shows_a_hostile_routine_literally_and_starts_it(
    make_app: AppFactory, hostile_catalogue: Catalogue
) -> None:
    app = make_app(catalogue=hostile_catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert_literal(app)  # the entries shown before anything is typed
        await pilot.press(*"click")
        await settle(pilot)
        text = assert_literal(app)
        assert f"Start {SHOWN[0]}" in text
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "SessionScreen"
        assert_literal(app, upper=True)  # the exercise name is shown in capitals


# ------------------------------------------------------------ the catalogue


async def test_catalogue_lists_and_details_show_hostile_text_literally(
    make_app: AppFactory, hostile_catalogue: Catalogue
) -> None:
    app = make_app(catalogue=hostile_catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = assert_literal(app)  # the routines list and the routine's detail
        assert f"▶ {SHOWN[0]}" in text and f"▷ {SHOWN[0]}" in text
        await pilot.press("tab")
        await settle(pilot)
        assert_literal(app)  # the exercise's detail
        await pilot.press("slash", *"click")
        await settle(pilot)
        assert_literal(app)


# -------------------------------------------------------------- a session


async def test_session_summary_and_help_show_hostile_text_literally(
    make_app: AppFactory, hostile_catalogue: Catalogue
) -> None:
    app = make_app(catalogue=hostile_catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "SessionScreen"
        assert_literal(app)  # routine name, step note, cues
        assert_literal(app, upper=True)  # the exercise name
        await pilot.press("space")  # the one rep of the first exercise: rest, next named
        await settle(pilot)
        text = assert_literal(app)
        assert f"Next: {SHOWN[0]}" in text
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        assert_literal(app, pieces=[])
        await pilot.press("escape", "space", "n", "n")  # skip the last exercise (asked): the end
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        text = assert_literal(app)
        assert f"Session complete: {SHOWN[0]}" in text
        assert f"Skipped         {SHOWN[0]}" in text


async def test_resume_dialog_shows_hostile_text_literally(
    make_app: AppFactory, hostile_catalogue: Catalogue
) -> None:
    app = make_app(catalogue=hostile_catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # leave; the session is kept
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert type(app.screen).__name__ == "ResumeScreen"
        text = assert_literal(app)
        assert "You have an unfinished session" in text


# ---------------------------------------------------------------- history


def hostile_record(catalogue: Catalogue) -> SessionRecord:
    """A finished session of the hostile routine, its note hostile too."""
    clock = FakeClock()
    routine = catalogue.routine("hostile")
    assert routine is not None
    engine = SessionEngine(routine, clock=clock, now=FakeWallClock(clock))
    engine.main_action()
    engine.main_action()
    return session_record(
        "hostile-session",
        engine,
        status=FINISHED,
        ended_at=FakeWallClock(clock)(),
        rating=3,
        note=HOSTILE,
    )


async def test_history_and_session_detail_show_hostile_text_literally(
    make_app: AppFactory, hostile_catalogue: Catalogue, store: Store
) -> None:
    store.add_session(hostile_record(hostile_catalogue))
    app = make_app(catalogue=hostile_catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert type(app.screen).__name__ == "HistoryScreen"
        # The table's routine column is 22 cells wide: only the name's start fits there.
        text = assert_literal(app, pieces=SHOWN[:2])
        assert f"{SHOWN[0]} {SHOWN[1]}" in text
        await pilot.press("f")  # the filter picker lists the routine by name
        await settle(pilot)
        text = assert_literal(app)
        assert "▶ All routines  (1 session) " in text and f"  {SHOWN[0]}" in text
        await pilot.press("down", "enter")  # and the title names it once picked
        await settle(pilot)
        text = assert_literal(app)
        assert f"History · {SHOWN[0]}" in text
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "SessionDetailScreen"
        text = assert_literal(app)
        assert f"Note: {SHOWN[0]}" in text


# ---------------------------------------------------------- notifications


async def test_a_notice_with_markup_and_escapes_in_its_path_is_shown_literally(
    make_app: AppFactory, tmp_path: Path
) -> None:
    # Not the link: the path's "//" would read as "/".
    in_path = [piece for piece in PIECES if "//" not in piece]
    data_dir = tmp_path / f"data {' '.join(in_path)}"
    data_dir.mkdir(parents=True)
    (data_dir / "settings.json").write_text("{not json", encoding="utf-8")
    with Store.open(data_dir) as store:
        app = make_app(store=store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            # The notice names where the damaged file went: a path full of markup.
            text = assert_literal(app, pieces=[printable(piece) for piece in in_path])
            assert "settings.json" in text


async def test_any_notification_is_literal(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify(HOSTILE, title=HOSTILE)
        await settle(pilot)
        assert_literal(app)


# ------------------------------------------------- pasted into a text box


async def test_text_pasted_into_the_note_and_search_is_kept_literal(
    make_app: AppFactory, hostile_catalogue: Catalogue, store: Store
) -> None:
    app = make_app(catalogue=hostile_catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash")
        app.post_message(events.Paste(HOSTILE))  # what a terminal sends for a paste
        await settle(pilot)
        assert_literal(app)
        await pilot.press("escape", "enter", "space", "space", "space")  # both exercises done
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        await pilot.press("tab")
        app.post_message(events.Paste(HOSTILE))
        await settle(pilot)
        assert_literal(app, pieces=SHOWN[:3])  # the box shows the note's start
        await pilot.press("enter")
        await settle(pilot)
    [session] = store.sessions()
    assert session["note"] == printable(HOSTILE)

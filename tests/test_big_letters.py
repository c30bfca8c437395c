"""Big block letters: drawn with code page 437's blocks only, fitted to the room given."""

from __future__ import annotations

import pytest

from tui import big_letters
from tui.big_letters import GLYPHS, can_draw, draw, largest_scale, pixel_width, rows
from tui.catalogue.model import Catalogue
from tui.session.engine import SessionEngine
from tui.session.model import Phase
from tui.wording import banner_words

CP437_BLOCKS = {"█", "▀", "▄", " "}


@pytest.mark.parametrize("scale", [1, 2, 3])
def test_every_glyph_is_drawn_with_blocks_the_linux_console_has(scale: int) -> None:
    for char, pixels in GLYPHS.items():
        assert len(pixels) == big_letters.HEIGHT, char
        assert len({len(row) for row in pixels}) == 1, char
        drawn = draw(char, scale)
        assert len(drawn) == rows(scale)
        assert {len(row) for row in drawn} == {len(pixels[0]) * scale}, char
        assert set("".join(drawn)) <= CP437_BLOCKS, char


def test_a_drawing_keeps_its_pixels() -> None:
    # '1' is .#. / ##. / .#. / .#. / ###: at scale 1, two pixel rows make one cell row.
    assert draw("1", 1) == ["▄█ ", " █ ", "▀▀▀"]
    assert draw("1", 2)[0] == "  ██  "
    assert draw("11", 1)[0] == "▄█  ▄█ "  # one pixel between glyphs


def test_letters_are_drawn_as_capitals_and_unknown_characters_are_refused() -> None:
    assert draw("rest", 1) == draw("REST", 1)
    assert can_draw("Rest · next: Cat-cow (2/3)")
    assert not can_draw("Dehnübung") and not can_draw("tab\there")
    assert largest_scale("Dehnübung", 200, 50, 4) == 0


def test_the_largest_scale_that_fits() -> None:
    width = pixel_width("0:30")
    assert largest_scale("0:30", width * 3, 8, 8) == 3  # 8 rows: scale 3 (8 rows high)
    assert largest_scale("0:30", width * 3 - 1, 50, 8) == 2
    assert largest_scale("0:30", width * 3, 50, 8, after=1) == 2  # room for a gap after it
    assert largest_scale("0:30", width * 20, 50, 4) == 4
    assert largest_scale("0:30", width - 1, 50, 4) == 0
    assert largest_scale("", 100, 50, 4) == 0


def test_the_banner_says_side_and_phase_in_words(catalogue: Catalogue) -> None:
    routine = catalogue.routine("roller-twister-warm-up")
    assert routine is not None
    engine = SessionEngine(routine, clock=lambda: 0.0)
    left, right = engine.slots[0], engine.slots[1]
    assert banner_words(Phase.WORK, left, right) == ("LEFT · 10 REPS", "10 REPS")
    assert banner_words(Phase.WORK, left, right, reps=(4, 10)) == (
        "LEFT · REP 4 OF 10",
        "REP 4 OF 10",
    )
    assert banner_words(Phase.HOLD, left, right)[0] == "LEFT · HOLD"
    assert banner_words(Phase.SWITCH, left, right) == ("SWITCH SIDES · NEXT: RIGHT", "SWITCH SIDES")
    second = engine.slots[2]
    assert banner_words(Phase.REST, right, second) == ("REST · NEXT: SET 2 OF 2 · LEFT", "REST")
    assert banner_words(Phase.REST, right, second, paused=True) == (
        "REST · NEXT: SET 2 OF 2 · LEFT · PAUSED",
        "REST · PAUSED",
        "PAUSED",
    )
    assert banner_words(Phase.DONE, right, None) == ()

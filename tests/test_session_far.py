"""The session read from across the room, and each side saying what it means."""

from __future__ import annotations

from tests.conftest import AppFactory
from tests.screen_text import screen_text
from tui.big_letters import draw
from tui.catalogue.model import Catalogue


def shows_big(text: str, screen: str) -> bool:
    """True when `screen` has `text`'s first row of big letters, at the first or second size."""
    return any(draw(text, scale)[0] in screen for scale in (1, 2))


async def test_a_big_screen_shows_side_and_phase_and_the_time_in_big_letters(
    make_app: AppFactory,
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert shows_big("LEFT · 10 REPS", screen_text(app))
        await pilot.press("space")  # left done: switch sides
        await pilot.pause()
        text = screen_text(app)
        assert shows_big("SWITCH SIDES · NEXT: RIGHT", text)
        # 0:05 fills the middle: far bigger than the three rows of a small screen.
        assert any(draw("0:05", scale)[1] in text for scale in range(4, 9))
        assert "SWITCH SIDES: space skips" in text
        await pilot.press("p")
        await pilot.pause()
        assert shows_big("SWITCH SIDES · PAUSED", screen_text(app))  # the fuller one is too wide
        await pilot.resize_terminal(80, 24)  # as today: three rows of digits in the corner
        await pilot.pause()
        text = screen_text(app)
        assert not shows_big("SWITCH SIDES · NEXT: RIGHT", text)
        assert draw("0:05", 1)[1] in text
        assert not any(draw("0:05", scale)[1] in text for scale in range(2, 9))


async def test_each_side_says_what_it_means_where_the_exercise_says(
    make_app: AppFactory, catalogue: Catalogue
) -> None:
    twister = catalogue.exercise("t-spine-roller-twister")
    assert twister is not None and twister.side_meaning
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())  # wrapped at 80 columns: joined again
        assert f"Left side means {twister.side_meaning}" in text
        await pilot.press("space")  # the switch already shows the right side, mirrored
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Right side means lying on your right side: your left knee" in text
        assert "Left side means" not in text


async def test_no_side_meaning_line_for_an_exercise_without_sides(make_app: AppFactory) -> None:
    app = make_app(start_routine="four-step-upper-back")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "side means" not in screen_text(app)

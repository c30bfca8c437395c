"""A short bell at each paced rep, if the person wants it: off by default, a palette toggle."""

from __future__ import annotations

from tests.conftest import AppFactory, FakeClock
from tests.screen_text import screen_text
from tests.terminal_writes import captured_writes
from tui.storage.store import Store


async def test_rep_ticks_ring_once_a_rep_once_turned_on_in_the_palette(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    store.set_setting("hands_free", True)
    store.set_setting("warning_beeps", False)
    app = make_app(start_routine="four-step-upper-back")  # paced reps, 3 s each
    async with app.run_test(size=(80, 24)) as pilot:
        writes = captured_writes(app)
        clock.advance(5.1)  # get-ready over: the paced reps start (one 'start' bell)
        await pilot.pause(0.35)
        clock.advance(3)  # rep 2: no tick while they are off
        await pilot.pause(0.35)
        assert writes == ["\a"] and "rep 2 of" in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"rep ticks")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        del writes[:]
        clock.advance(3)  # rep 3: one tick
        await pilot.pause(0.35)
        assert writes == ["\a"] and "rep 3 of" in screen_text(app)
    assert store.get_setting("rep_ticks", False) is True

"""The routine filter: picked from a list, and followed by every figure on the screen."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.conftest import WALL_START, AppFactory
from tests.samples import sample_record
from tests.screen_text import bottom_line, screen_text
from tui.storage.store import Store


def seed(store: Store) -> None:
    """Desk reset on each of the last 3 days; Morning loosen 10 and 11 days ago; one empty."""
    records = [
        sample_record(WALL_START - timedelta(days=n), "desk-reset", session_id=f"d{n}")
        for n in range(3)
    ]
    records += [
        sample_record(WALL_START - timedelta(days=n), "morning-loosen", session_id=f"m{n}")
        for n in (10, 11)
    ]
    nothing = sample_record(WALL_START - timedelta(days=4), "pre-lift", session_id="p4")
    nothing.update(sets_done=0, status="abandoned")
    for entry in nothing["sets"]:
        entry["outcome"] = "skipped"
    store.import_sessions([*records, nothing])


def calendar_marks(text: str) -> int:
    """Sessions marked on the calendar (one ▪ per day with one session)."""
    days = [
        line for line in text.splitlines() if re.match(r"^ (Mon|Tue|Wed|Thu|Fri|Sat|Sun) ", line)
    ]
    return sum(line[:29].count("▪") for line in days)


async def test_f_lists_routines_with_counts_and_the_pick_filters_everything(
    make_app: AppFactory, store: Store
) -> None:
    seed(store)
    app = make_app(open_history=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "History   streak 3 days · longest 3 days" in text
        assert "All routines: 5 sessions (+1 not counted)" in text
        assert calendar_marks(text) == 5
        assert "(this week 3)" in text
        await pilot.press("f")
        await pilot.pause()
        picker = screen_text(app)
        assert "▶ All routines  (6 sessions)" in picker
        assert "Desk reset  (3 sessions)" in picker
        assert "Morning loosen  (2 sessions)" in picker
        assert "Pre-lift upper back  (1 session)" in picker
        assert "⏎ Show it" in bottom_line(app) and "f Keep the filter" in bottom_line(app)
        await pilot.press("down", "down", "enter")  # Morning loosen
        await pilot.pause()
        text = screen_text(app)
        assert "History · Morning loosen only   streak 0 days · longest 2 days" in text
        assert "Morning loosen: 2 sessions · f picks a routine" in text
        assert calendar_marks(text) == 2
        assert "(this week 0)" in text
        assert "Cat–cow" in text and "Thoracic extension" not in text  # its exercises only
        assert "Desk reset" not in text
        await pilot.press("f")
        await pilot.pause()
        assert "▶ Morning loosen  (2 sessions)" in screen_text(app)  # where the filter is
        await pilot.press("escape")  # keeps it
        await pilot.pause()
        assert "History · Morning loosen only" in screen_text(app)
        await pilot.press("f", "home", "enter")
        await pilot.pause()
        assert "History   streak 3 days" in screen_text(app)


async def test_a_routine_with_nothing_done_counts_nothing(
    make_app: AppFactory, store: Store
) -> None:
    seed(store)
    app = make_app(open_history=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "end", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "History · Pre-lift upper back only   streak 0 days · longest 0 days" in text
        assert "Pre-lift upper back: 0 sessions (+1 not counted)" in text
        assert calendar_marks(text) == 0
        assert re.search(r"▶ \d{4}-\d\d-\d\d \d\d:\d\d Pre-lift upper back .* not counted", text)


async def test_routine_names_in_the_picker_are_literal(make_app: AppFactory, store: Store) -> None:
    record = sample_record(WALL_START, session_id="x")
    record["routine_name"] = "[b]Bold[/b] \x1b[31mred"
    store.import_sessions([record])
    app = make_app(open_history=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Bold[/b] " in text and "\x1b" not in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "History · [b]Bold[/b] " in screen_text(app)

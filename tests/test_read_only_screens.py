"""A second loosen on the same data dir: it says so and offers nothing that cannot work."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import AppFactory, finished
from tests.screen_text import bottom_line, screen_text
from tui.catalogue.model import Catalogue
from tui.storage.store import Store


async def test_the_catalogue_offers_no_start_when_read_only(
    make_app: AppFactory, data_dir: Path, store: Store
) -> None:
    with Store.open(data_dir) as second:
        assert second.read_only
        app = make_app(store=second)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "Read-only: another loosen is using this data dir" in text
            assert "Start: press enter" not in text
            assert "Start: not in this loosen: it is read-only" in text
            keys = bottom_line(app)
            assert " s Do exercise" not in keys and " r Resume" not in keys
            assert " / Search" in keys and " h History" in keys
            await pilot.press("tab", "s")  # on an exercise: s does nothing
            await pilot.pause()
            assert type(app.screen).__name__ == "CatalogueScreen"
        assert store.active() is None


async def test_the_writer_still_offers_both(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Start: press enter" in screen_text(app)
        assert " s Do exercise" in bottom_line(app)


async def test_history_is_readable_and_says_read_only(
    make_app: AppFactory, data_dir: Path, store: Store, catalogue: Catalogue
) -> None:
    store.add_session(finished(catalogue, "roller-twister-warm-up", 0))
    with Store.open(data_dir) as second:
        app = make_app(store=second, open_history=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "[read-only]" in text.splitlines()[0]
            assert "All routines: 1 session" in text
            await pilot.press("enter")
            await pilot.pause()
            assert "Roller Twister Warm-Up" in screen_text(app)
            assert type(app.screen).__name__ == "SessionDetailScreen"

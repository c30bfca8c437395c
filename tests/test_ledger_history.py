"""History's trends panel, deleting and putting back a session, and editing one afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import AppFactory, finished
from tests.screen_text import screen_text
from tui.catalogue.model import Catalogue
from tui.ledger.checkin import with_after, with_before, with_self_test, with_side
from tui.storage.store import Store

Snap = Callable[..., bool]
SIZE = (80, 24)
TWISTER = "roller-twister-warm-up"


@pytest.fixture
def checked_in(store: Store, catalogue: Catalogue) -> Store:
    """Six weeks of sessions, stiffness 6 falling to 3, left tighter, a self-test twice."""
    for days_ago in range(0, 42, 2):
        before = 6 if days_ago >= 23 else 3
        check_in = with_after(with_before(None, stiffness=before), before - 1)
        check_in = with_side(check_in, "t-spine-roller-twister", "left" if days_ago % 4 else "even")
        if days_ago in (0, 28):
            right = 40 if days_ago else 44
            check_in = with_self_test(
                check_in, "seated-rotation", "degrees", {"left": 35, "right": right}
            )
        store.add_session(finished(catalogue, TWISTER, days_ago, check_in=check_in))
    return store


def test_trends_at_80x24(snap_compare: Snap, make_app: AppFactory, checked_in: Store) -> None:
    assert snap_compare(make_app(open_history=True), press=["v"], terminal_size=SIZE)


async def test_delete_undo_and_edit_from_history(make_app: AppFactory, checked_in: Store) -> None:
    newest = checked_in.sessions()[0]
    sets = newest_sets(checked_in, newest["id"])
    assert sets
    app = make_app(open_history=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert "30 days: 6 → 3, −50 %" in screen_text(app)
        assert "left lags right by 9°, was 5" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert "Delete this session?" in screen_text(app)
        await pilot.press("n")  # kept
        await pilot.pause()
        assert len(checked_in.sessions()) == 21
        await pilot.press("d", "y")
        await pilot.pause()
        assert "20 sessions" in screen_text(app) and "1 deleted: u puts back" in screen_text(app)
        assert checked_in.session(newest["id"]) is None
        await pilot.press("u")
        await pilot.pause()
        assert "21 sessions" in screen_text(app) and "deleted" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2", "a", "x", "n", *"sore", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Feel: ●●○○○ stiff" in text and "Note: sore" in text
        assert "stiffness 3 → 10" in text
    kept = checked_in.session(newest["id"])
    assert kept is not None
    assert (kept["rating"], kept["note"]) == (2, "sore")
    assert kept["check_in"] is not None and kept["check_in"]["stiffness_after"] == 10
    assert kept["edited_at"] is not None
    assert kept["sets"] == sets  # the sets came through the edit unchanged


def newest_sets(store: Store, session_id: str) -> object:
    record = store.session(session_id)
    assert record is not None
    return record["sets"]

"""The weekly self-test: when it is due, typing a level, and one walk through the app."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tests.conftest import AppFactory
from tests.screen_text import screen_text
from tests.test_session_screen import press_until
from tui.catalogue.quick_start import SINGLE_PREFIX
from tui.ledger.checkin import with_self_test
from tui.ledger.self_test import EXERCISE, ROUTINE, TEST_ID, complete, due_words, last_taken, typed
from tui.ledger.trends import trends
from tui.storage.store import Store
from tui.storage.types import SessionSummary

CET = timezone(timedelta(hours=1))
TODAY = date(2026, 12, 3)
NEVER = "Self-test not taken yet: 2 minutes, once a week"


def summary(days_ago: int, tested: bool) -> SessionSummary:
    started = datetime(2026, 12, 3, 8, 0, tzinfo=CET) - timedelta(days=days_ago)
    check_in = with_self_test(None, TEST_ID, "level", {"left": 2, "right": 4}) if tested else None
    return {"started_at": started.isoformat(), "check_in": check_in}  # type: ignore[typeddict-item]


@pytest.mark.parametrize(
    ("history", "words"),
    [
        ([], NEVER),
        ([(1, False), (6, True)], None),
        ([(1, False), (9, True), (20, True)], "Self-test due: last taken 9 days ago"),
        ([(400, True)], NEVER),  # read back a year at most
    ],
)
def test_the_self_test_is_offered_a_week_after_it_was_last_taken(
    history: list[tuple[int, bool]], words: str | None
) -> None:
    newest_first = [summary(days, tested) for days, tested in history]
    assert due_words(last_taken(newest_first, TODAY), TODAY) == words


def test_only_levels_1_to_5_can_be_typed() -> None:
    assert [typed("", d) for d in "0123456789"] == [None, "1", "2", "3", "4", "5", *[None] * 4]
    assert typed("3", "1") is None  # 31 is past 5
    assert complete("5") and not complete("") and not complete("6")
    assert EXERCISE.dosage.per_side and len(EXERCISE.cues) >= 5
    assert ROUTINE.id.startswith(SINGLE_PREFIX)  # `loosen start` never starts it again


async def test_t_on_a_summary_takes_the_self_test_which_asks_each_side_for_trends(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up", check_ins=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(60):  # through the session, each check-in skipped with s
            text = screen_text(app)
            if "Session complete" in text:
                break
            await pilot.press("s" if "Press 0 to 9" in text or "s  skip" in text else "space")
            await pilot.pause()
        assert f"{NEVER} — t takes it" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert "SEATED ROTATION SELF-TEST" in screen_text(app)  # no stiffness question first
        await press_until(pilot, app, "how far did you turn?")
        await pilot.press("7")  # past 5: refused, said, left empty
        await pilot.pause()
        assert "7 is not a level: 1 to 5." in screen_text(app)
        assert "> Left   _" in screen_text(app)
        await pilot.press("enter")  # nothing given yet: not kept
        await pilot.pause()
        assert "Give both sides a level" in screen_text(app)
        await pilot.press("2", "9", "4")  # left 2, on to the right: 9 refused, then 4
        await pilot.pause()
        assert "  Left   2" in screen_text(app) and "> Right  4" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Session complete: Self-test: seated rotation" in screen_text(app)
        assert "Self-test due" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
    [kept] = [s for s in store.sessions() if s["routine_id"] == ROUTINE.id]
    assert kept["check_in"] is not None
    assert [(r["side"], r["value"]) for r in kept["check_in"]["self_test"]] == [
        ("left", 2),
        ("right", 4),
    ]
    test = trends([kept], app.now().date()).test
    assert test is not None and test.words() == "left lags right by 2"

"""Hands-free in the session screen, warnings sent to the terminal, and session defects."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.conftest import AppFactory, FakeClock
from tests.screen_text import bottom_line, screen_text
from tests.terminal_writes import captured_writes
from tui.app import LoosenApp
from tui.storage.store import Store

BUILT_IN = ["roller-twister-warm-up", "four-step-upper-back", "full-thoracic-warm-up"]


async def run_without_keys(pilot: Pilot[int], app: LoosenApp, clock: FakeClock) -> int:
    """Let the clock run, one countdown at a time, until the summary shows; the steps taken."""
    for steps in range(400):
        if "Session complete" in screen_text(app):
            return steps
        clock.advance(61)  # longer than any countdown: each tick ends one of them
        await pilot.pause(0.3)
    raise AssertionError(f"never reached the summary:\n{screen_text(app)}")


@pytest.mark.parametrize("routine_id", BUILT_IN)
async def test_hands_free_runs_a_built_in_routine_to_the_summary_without_a_key(
    make_app: AppFactory, store: Store, clock: FakeClock, routine_id: str
) -> None:
    store.set_setting("hands_free", True)
    app = make_app(start_routine=routine_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "GET READY" in screen_text(app)
        assert await run_without_keys(pilot, app, clock) > 3
        assert "Sets done" in screen_text(app)
    [summary] = store.sessions()
    assert summary["status"] == "finished"
    assert summary["sets_done"] == summary["sets_planned"]


async def test_f_turns_hands_free_on_and_off_and_it_is_remembered(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "f Hands-free" in bottom_line(app)
        assert "Your set: press space when done" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert "GET READY" in screen_text(app)
        assert "space Start now" in bottom_line(app)
        assert store.get_setting("hands_free", False) is True
        clock.advance(5.1)  # the get-ready runs out: the reps are counted at their tempo
        await pilot.pause(0.35)
        assert "rep 1 of 10" in screen_text(app)
        clock.advance(9.1)
        await pilot.pause(0.35)
        assert "rep 4 of 10" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert "p Resume" in bottom_line(app)
        clock.advance(30)
        await pilot.pause(0.35)
        assert "rep 4 of 10" in screen_text(app), "paused: the reps wait"
        await pilot.press("p")
        await pilot.pause()
        assert "p Pause" in bottom_line(app)
        await pilot.press("f")
        await pilot.pause()
        assert "Your set: press space when done" in screen_text(app)
        assert store.get_setting("hands_free", True) is False


async def test_the_palette_turns_hands_free_on_in_a_session(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"hands-free")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert "GET READY" in screen_text(app)
    assert store.get_setting("hands_free", False) is True


async def test_a_hold_start_rings_once_and_a_switch_twice_hands_free(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    store.set_setting("hands_free", True)
    store.set_setting("warning_beeps", False)
    app = make_app(start_routine="four-step-upper-back")
    async with app.run_test(size=(80, 24)) as pilot:
        writes = captured_writes(app)
        clock.advance(5.1)  # get-ready over: the paced reps start
        await pilot.pause(0.35)
        assert writes == ["\a"], "start: one bell"
        del writes[:]
        clock.advance(61)  # the set ends: a rest (or a switch) begins
        await pilot.pause(0.7)
        assert writes in (["\a"], ["\a", "\a"])


@pytest.mark.parametrize(
    ("style", "tmux", "expected"),
    [
        ("osc9", "", "\x1b]9;Start: Thoracic Spine Roller Twisters\a"),
        ("osc777", "", "\x1b]777;notify;loosen;Start: Thoracic Spine Roller Twisters\a"),
        (
            "osc9",
            "/tmp/tmux-1000/default,1,0",
            "\x1bPtmux;\x1b\x1b]9;Start: Thoracic Spine Roller Twisters\a\x1b\\",
        ),
    ],
)
async def test_notifications_are_sent_as_osc_bytes_and_wrapped_in_tmux(
    make_app: AppFactory,
    store: Store,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    style: str,
    tmux: str,
    expected: str,
) -> None:
    monkeypatch.setenv("TMUX", tmux)
    store.set_setting("hands_free", True)
    store.set_setting("notifications", style)
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        writes = captured_writes(app)
        clock.advance(5.1)
        await pilot.pause(0.35)
    assert writes == ["\a", expected]


async def test_notifications_are_off_by_default(
    make_app: AppFactory, store: Store, clock: FakeClock
) -> None:
    store.set_setting("hands_free", True)
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        writes = captured_writes(app)
        clock.advance(5.1)
        await pilot.pause(0.35)
    assert writes == ["\a"]


async def test_n_on_the_last_exercise_asks_first_and_nothing_done_is_not_finished(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")  # one exercise
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "n End session?" in bottom_line(app)
        assert "Session complete" not in screen_text(app)
        await pilot.press("right")  # any other key: the question is dropped
        await pilot.press("n")
        await pilot.pause()
        assert "Session complete" not in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "Session ended: Roller Twister Warm-Up (nothing done)" in text
        assert "Skipped         Thoracic Spine Roller Twisters" in text
        await pilot.press("escape")
        await pilot.pause()
    [summary] = store.sessions()
    assert summary["status"] == "abandoned"


async def test_plus_shows_only_when_it_adds_rest(make_app: AppFactory) -> None:
    app = make_app(start_routine="four-step-upper-back")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "+15s" not in bottom_line(app)
        await pilot.press("space")  # a set done: a rest
        await pilot.pause()
        assert "+ +15s" in bottom_line(app)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_key_bar_keeps_leave_plus_and_m_on_narrow_screens(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")  # a switch: every countdown key applies
        await pilot.pause()
        line = bottom_line(app)
        for shown in ("+ +15s", "m Bell", "c Leave", "space Skip"):
            assert shown in line, (shown, line)
        assert "…" not in line


async def test_a_rest_between_exercises_shows_the_next_one_and_its_set_up(
    make_app: AppFactory,
) -> None:
    app = make_app(start_routine="four-step-upper-back")
    routine = app.catalogue.routine("four-step-upper-back")
    assert routine is not None
    second = routine.steps[1]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(routine.steps[0].dosage.sets * 2):
            if "next: Set 1 of" in screen_text(app):
                break
            await pilot.press("space")
            await pilot.pause()
        text = screen_text(app)
        assert "Rest · next: Set 1 of" in text
        assert second.exercise.name.upper() in text
        assert "Exercise 2 of" in text
        assert f"1. Set-up: {second.exercise.cues[0].text[:30]}" in text


async def test_the_header_keeps_a_gap_on_a_tiny_screen(make_app: AppFactory) -> None:
    app = make_app(start_routine="four-step-upper-back")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        header = screen_text(app).splitlines()[0]
        assert "Exercise 1 of" in header
        assert " Exercise 1 of" in header.replace("…", " "), header


def notices(app: LoosenApp) -> list[str]:
    """The notifications on show (Textual keeps them privately; toasts aren't in screenshots)."""
    return [notification.message for notification in app._notifications]


async def test_resuming_clears_the_session_kept_notice(make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "escape")
        await pilot.pause()
        assert any("Session kept" in notice for notice in notices(app))
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not any("Session kept" in notice for notice in notices(app))


def test_the_linux_console_gets_plain_glyphs() -> None:
    from tui.wording import glyphs

    fancy = "▷ ○ ● ▪ ▁▂▃▄▅▆▇ ▏▎▊▔ ⏎ ▶"
    plain = glyphs(fancy, console=True)
    assert plain == "> o * + 1234567 ||#- enter >"
    assert all(ord(char) < 128 for char in plain)
    assert glyphs(fancy, console=False) == fancy

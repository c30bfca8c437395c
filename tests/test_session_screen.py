"""The session screen, summary and resume, driven with keys only."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import AppFactory, FakeClock, FakeWallClock
from tests.screen_text import bottom_line, screen_text
from tests.terminal_writes import captured_writes
from tui.app import LoosenApp
from tui.catalogue.model import Catalogue
from tui.session.engine import SessionEngine
from tui.session.keeper import ActiveSession
from tui.storage.store import Store


def dosage_line(app: LoosenApp) -> str:
    """The session's 'Set 1 of 2 · Left side · 10 reps' line."""
    return next(line for line in screen_text(app).splitlines() if line.startswith(" Set "))


async def press_until(
    pilot: Pilot[int], app: LoosenApp, text: str, key: str = "space", limit: int = 200
) -> int:
    """Press `key` until `text` is on screen; returns how many presses it took."""
    for presses in range(limit):
        if text in screen_text(app):
            return presses
        await pilot.press(key)
        await pilot.pause()
    raise AssertionError(f"{text!r} never appeared:\n{screen_text(app)}")


async def test_next_line_names_the_exercise_only_when_it_changes(make_app: AppFactory) -> None:
    app = make_app(start_routine="four-step-upper-back")
    routine = app.catalogue.routine("four-step-upper-back")
    assert routine is not None
    first, second = routine.steps[0], routine.steps[1]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # set 1 of the first exercise done: a rest
        await pilot.pause()
        text = screen_text(app)
        assert f"Next: Set 2 of {first.dosage.sets} · " in text
        assert f"Next: {first.exercise.name}" not in text
        await press_until(pilot, app, f"Next: {second.exercise.name} · Set 1 of ")
        # One line, nothing cut: it fits in 80 columns.
        line = next(line for line in screen_text(app).splitlines() if "Next: " in line)
        assert line.rstrip().endswith(f"{second.dosage.reps} reps")


async def test_u_takes_back_a_set_and_the_saved_session_follows(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert "u Undo" in bottom_line(app)
        await pilot.press("space")  # the left side done: switch sides
        await pilot.pause()
        assert "SWITCH SIDES" in screen_text(app)
        assert "1 of 4 sides" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        text = screen_text(app)
        assert "Set 1 of 2 · Left side · 10 reps" in text
        assert "Your set: press space when done" in text
        assert "0 of 4 sides" in text
        saved = store.active()
        assert saved is not None and saved["engine"]["records"] == []


async def test_a_whole_seed_routine_from_catalogue_to_summary(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Exercise 1 of 1" in text
        assert "Set 1 of 2 · Left side · 10 reps" in text
        assert "▶ 1." in text
        await pilot.press("right")
        await pilot.pause()
        assert "▶ 2." in screen_text(app) and "▶ 1." not in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "SWITCH SIDES" in screen_text(app)
        assert "Next: " in screen_text(app) and "Right side" in screen_text(app)
        await pilot.press("space")  # skip the switch
        await pilot.pause()
        assert "Set 1 of 2 · Right side · 10 reps" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "REST" in screen_text(app)
        await press_until(pilot, app, "Session complete")
        text = screen_text(app)
        assert "Sets done       2 of 2 (4 of 4 sides)" in text
        await pilot.press("4", "tab", *"easy today", "enter")
        await pilot.pause()
        assert "Routines" in screen_text(app)
    [summary] = store.sessions()
    assert (summary["sets_done"], summary["sets_planned"]) == (4, 4)
    assert summary["rating"] == 4 and summary["note"] == "easy today"
    assert summary["status"] == "finished"
    assert store.active() is None


async def test_escape_on_the_summary_saves_without_rating_or_note(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_until(pilot, app, "Session complete")
        await pilot.press("3", "escape")
        await pilot.pause()
    [summary] = store.sessions()
    assert summary["rating"] is None and summary["note"] is None


async def test_countdowns_run_on_the_clock_and_ring(
    make_app: AppFactory, clock: FakeClock, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        writes = captured_writes(app)
        await pilot.press("space")
        await pilot.pause()
        assert "0:05" in screen_text(app) or "SWITCH SIDES" in screen_text(app)
        clock.advance(2.2)
        await pilot.pause(0.35)
        assert "0:03" in screen_text(app).replace(" ", "") or "SWITCH" in screen_text(app)
        clock.advance(3)
        await pilot.pause(0.35)
        assert "Right side" in screen_text(app) and "SWITCH SIDES" not in screen_text(app)
        await pilot.pause(0.7)
        assert writes == ["\a"] * 3, "the count of 3, then two bells: rest over"
        await pilot.press("m")  # mute
        await pilot.press("space")
        await pilot.pause()
        assert "REST" in screen_text(app)
        await pilot.press("plus")
        await pilot.pause()
        clock.advance(31)
        await pilot.pause(0.35)
        assert "REST" in screen_text(app), "15 s were added, so the rest is not over"
        clock.advance(15)
        await pilot.pause(0.35)
        assert "Set 2 of 2 · Left side" in screen_text(app)
        await pilot.pause(0.7)
        assert writes == ["\a"] * 3, "muted: no bells for rest over"
    assert store.get_setting("bell", True) is False


async def test_pause_stops_the_countdown(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "space")  # left, skip switch, right: now resting
        await pilot.pause()
        assert "REST" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert "PAUSED" in screen_text(app)
        clock.advance(120)
        await pilot.pause(0.35)
        assert "REST" in screen_text(app)
        await pilot.press("p")
        clock.advance(31)
        await pilot.pause(0.35)
        assert "Set 2 of 2 · Left side" in screen_text(app)


async def test_a_routine_with_holds_is_done_with_keys_and_timers(
    make_app: AppFactory, clock: FakeClock, store: Store
) -> None:
    app = make_app(start_routine="full-thoracic-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Get in position: space starts the 30 s hold" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "HOLD" in screen_text(app)
        clock.advance(31)
        await pilot.pause(0.35)
        assert "REST" in screen_text(app)
        await pilot.press("n")  # skip the rest of the soft-tissue work
        await pilot.pause()
        assert "Exercise 2 of 5" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert "Exercise 1 of 5" in screen_text(app)
        assert "Set 2 of 3" in screen_text(app), "back to the first set not yet done"
        presses = await press_until(pilot, app, "Session complete", limit=400)
        assert presses > 20
        await pilot.press("enter")
        await pilot.pause()
    [summary] = store.sessions()
    assert summary["sets_done"] == summary["sets_planned"]
    record = store.session(summary["id"])
    assert record is not None
    holds = [s for s in record["sets"] if s["exercise_id"] == "upper-back-soft-tissue"]
    assert holds[0]["seconds"] == 30 and holds[0]["outcome"] == "done"


async def test_resume_after_the_app_is_torn_down_mid_routine(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="four-step-upper-back")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_until(pilot, app, "Exercise 3 of 4")  # shown from the rest before it
        await press_until(pilot, app, "Your set: press space when done")
        await pilot.press("space", "space")  # left side done, switch skipped
        await pilot.pause()
        assert "Set 1 of 2 · Right side" in dosage_line(app)
    assert store.active() is not None
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "You have an unfinished session" in screen_text(again)
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(again)
        assert "Exercise 3 of 4" in text
        assert "Set 1 of 2 · Right side" in text


async def test_discarding_keeps_the_session_as_abandoned(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "Routines" in screen_text(again)
    assert store.active() is None
    [summary] = store.sessions()
    assert summary["status"] == "abandoned" and summary["sets_done"] == 1


async def test_escape_leaves_and_starting_again_offers_the_unfinished_one(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "space")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Routines" in screen_text(app)
        assert store.active() is not None
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "You have an unfinished session" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert "Roller Twister Warm-Up" in screen_text(app)


async def test_s_on_an_exercise_starts_it_alone(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "down", "s")
        await pilot.pause()
        exercise = app.catalogue.exercises[1]
        text = screen_text(app)
        assert "Exercise 1 of 1" in text
        assert exercise.name.upper() in text


async def test_a_read_only_store_cannot_start_a_session(
    make_app: AppFactory, data_dir: Path, store: Store
) -> None:
    with Store.open(data_dir) as second:
        assert second.read_only
        app = make_app(store=second)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            text = screen_text(app)
            assert "Set 1 of 2" not in text
            assert "Read-only: another loosen is using this data dir" in text
        assert store.active() is None


async def test_a_finished_session_is_kept_even_if_the_summary_is_never_answered(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_until(pilot, app, "Session complete")
    # Torn down on the summary (a dropped connection): the session is already history.
    assert store.active() is None
    [summary] = store.sessions()
    assert summary["status"] == "finished" and summary["sets_done"] == 4
    assert summary["rating"] is None


async def test_resizing_mid_session_keeps_the_session_and_its_timer(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "space")  # left, skip the switch, right: resting
        clock.advance(10)
        await pilot.pause(0.35)
        await pilot.resize_terminal(50, 16)
        await pilot.pause(0.35)
        text = screen_text(app)
        # Too small for large digits: the countdown is in the label instead.
        assert "REST" in text and "0:20" in text
        await pilot.resize_terminal(120, 40)
        clock.advance(21)
        await pilot.pause(0.35)
        assert "Set 2 of 2 · Left side" in dosage_line(app)


async def test_c_leaves_a_session_without_escape(make_app: AppFactory, store: Store) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "c")
        await pilot.pause()
        assert "You have an unfinished session: press r" in screen_text(app)
    assert store.active() is not None


async def test_a_read_only_instance_neither_resumes_nor_discards(
    make_app: AppFactory, data_dir: Path, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
    with Store.open(data_dir) as second:
        assert second.read_only
        again = make_app(store=second)
        async with again.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "You have an unfinished session" not in screen_text(again)
            await pilot.press("d", "r")
            await pilot.pause()
            text = screen_text(again)
            assert "Read-only: another loosen is using this data dir" in text
            assert "Set 1 of 2" not in text
    assert store.active() is not None, "the first instance's session is untouched"


async def test_help_lists_every_session_key_and_closes(make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Keys: Session" in text
        for key, words in [
            ("space", "finish the set or side"),
            ("n", "skip to the next exercise"),
            ("b", "back to the previous exercise"),
            ("p", "pause or resume the countdown"),
            ("+", "15 more seconds of a rest"),
            ("m", "bell on or off"),
            ("c", "leave; the session is kept"),
            ("f", "hands-free on or off"),
            ("ctrl+p", "command palette"),
        ]:
            assert any(
                line.strip(" ┃").startswith(key) and words in line for line in text.splitlines()
            ), key
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Keys: Session" not in screen_text(app)
        assert "Set 1 of 2" in screen_text(app)


async def test_quitting_on_the_summary_keeps_the_rating_and_note(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_until(pilot, app, "Session complete")
        await pilot.press("5", "tab", *"loose", "ctrl+q")
        await pilot.pause()
    [summary] = store.sessions()
    assert (summary["rating"], summary["note"]) == (5, "loose")


async def test_h_on_the_summary_saves_then_shows_history(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_until(pilot, app, "Session complete")
        await pilot.press("2", "h")
        await pilot.pause()
        await pilot.pause()
        assert "All routines: 1 session" in screen_text(app)
        assert "●●○○○" in screen_text(app)
    assert store.sessions()[0]["rating"] == 2


async def test_the_current_cue_stays_in_view_on_a_small_screen(make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    cue_count = len(app.catalogue.exercises[0].cues)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press(*["right"] * (cue_count - 1))
        await pilot.pause()
        assert f"▶ {cue_count}." in screen_text(app)


async def test_the_bell_setting_is_read_once_not_at_every_ring(
    make_app: AppFactory, clock: FakeClock, store: Store
) -> None:
    reads: list[str] = []
    read = store.get_setting

    def counted(key: str, default: object) -> object:
        reads.append(key)
        return read(key, default)

    store.get_setting = counted  # type: ignore[method-assign, assignment]
    app = make_app(start_routine="roller-twister-warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        writes = captured_writes(app)
        for _ in range(2):  # a switch, then a rest, each left to run out
            await pilot.press("space")
            clock.advance(61)
            await pilot.pause(0.35)
        await pilot.pause(0.7)
        await pilot.press("m")
        await pilot.pause()
    assert writes.count("\a") == 4, "two bells for each 'rest over'"
    assert sorted(reads) == [
        "bell",
        "check_ins",
        "hands_free",
        "notifications",
        "rep_ticks",
        "theme",
        "usual_routine",  # the catalogue's, for the routine to offer first
        "warning_beeps",
    ], "read once at start, then kept in memory"
    assert store.get_setting("bell", True) is False, "the change was written through"


async def test_a_saved_session_with_every_set_done_goes_to_history_at_start(
    make_app: AppFactory, catalogue: Catalogue, clock: FakeClock, store: Store
) -> None:
    routine = catalogue.routine("roller-twister-warm-up")
    assert routine is not None
    session = ActiveSession.start(routine, store, clock=clock, now=FakeWallClock(clock))
    while not session.step(SessionEngine.main_action).finished:
        pass  # killed before the summary: saved, every set done, not in history
    assert store.sessions() == []
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Your last session was complete" in text  # a toast, wrapped
        assert "You have an unfinished session" not in text
    assert store.active() is None
    [summary] = store.sessions()
    assert summary["status"] == "finished" and summary["sets_done"] == 4

"""The catalogue screen, driven with keys only."""

from __future__ import annotations

from tests.conftest import AppFactory
from tests.screen_text import screen_text
from tui.app import LoosenApp
from tui.catalogue.model import Catalogue, Cue, CueKind
from tui.screens.catalogue import DETAIL_DELAY_S


async def test_opens_on_routines_with_the_first_routine_described(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Routines" in text and "Exercises" in text
        first = app.catalogue.routines[0]
        assert first.name in text
        assert "Steps (about" in text
        assert app.focused is not None and app.focused.id == "routines"


async def test_routine_steps_fit_80_columns_without_splitting_times(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = [line.strip() for line in screen_text(app).splitlines()]
        assert "1. Thoracic Spine Roller Twisters  ~2 min 40 s" in lines
        assert "2 sets × 10 reps per side, rest 30 s" in lines


async def test_arrows_and_jk_move_and_the_detail_follows(make_app: AppFactory) -> None:
    app = make_app()
    routines = app.catalogue.routines
    async with app.run_test(size=(120, 40)) as pilot:
        # Moves in quick succession show their detail once the keys stop: waited for here.
        await pilot.press("down")
        await pilot.pause(DETAIL_DELAY_S * 2)
        assert routines[1].summary in screen_text(app)
        assert routines[0].summary not in screen_text(app)
        await pilot.press("j")
        await pilot.pause(DETAIL_DELAY_S * 2)
        assert routines[2].summary in screen_text(app)
        await pilot.press("k", "k")
        await pilot.pause(DETAIL_DELAY_S * 2)
        assert routines[0].summary in screen_text(app)


async def test_tab_moves_to_exercises_and_shows_numbered_cues(make_app: AppFactory) -> None:
    app = make_app()
    exercise = app.catalogue.exercises[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "exercises"
        text = screen_text(app)
        assert exercise.summary in text
        assert " 1. Set-up: " in text
        assert "Dosage: 2 sets × 10 reps per side, rest 30 s (from the source)" in text
        assert "Source: Use This Mobility Exercise to Loosen Your Upper Back" in text
        await pilot.press("down")
        assert app.catalogue.exercises[1].summary in screen_text(app)


def name_of(app: LoosenApp, entry_id: str) -> str:
    entry = app.catalogue.exercise(entry_id) or app.catalogue.routine(entry_id)
    assert entry is not None
    return entry.name


def list_column(app: LoosenApp) -> str:
    """The lists' side of a wide screen (left of the divider)."""
    return "\n".join(line.split("│")[0] for line in screen_text(app).splitlines())


async def test_search_filters_both_lists_and_escape_clears(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"band")
        await pilot.pause()
        lists = list_column(app)
        assert name_of(app, "band-assisted-thoracic-rotation") in lists
        assert name_of(app, "sweatt-shrug") not in lists
        assert name_of(app, "roller-twister-warm-up") not in lists
        assert name_of(app, "four-step-upper-back") in lists
        await pilot.press("escape")
        await pilot.pause()
        lists = list_column(app)
        assert name_of(app, "sweatt-shrug") in lists
        assert name_of(app, "roller-twister-warm-up") in lists
        assert app.focused is not None and app.focused.id == "routines"


async def test_clicking_the_search_line_opens_the_search(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert await pilot.click("#search-prompt")
        await pilot.press(*"bench")
        await pilot.pause()
        lists = list_column(app)
        assert name_of(app, "bench-stretch") in lists
        assert name_of(app, "sweatt-shrug") not in lists


async def test_escape_before_searching_and_a_second_slash_keep_one_box(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        assert app.focused is not None and app.focused.id == "routines"
        await pilot.press("slash", *"ben", "tab", "slash", "c")
        await pilot.pause()
        assert len(app.screen.query("Input")) == 1
        assert app.focused is not None and app.focused.id == "search"
        assert "/ search names" not in screen_text(app)
        assert name_of(app, "bench-stretch") in screen_text(app)


async def test_search_matches_equipment_and_tags(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"strength")
        await pilot.pause()
        lists = list_column(app)
        assert name_of(app, "sweatt-shrug") in lists
        assert name_of(app, "bench-stretch") not in lists
        await pilot.press(*["backspace"] * 8, *"resistance band")
        await pilot.pause()
        lists = list_column(app)
        assert name_of(app, "band-assisted-thoracic-rotation") in lists
        assert name_of(app, "bench-stretch") not in lists


async def test_search_with_no_match_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        text = screen_text(app)
        assert "No routine matches" in text and "No exercise matches" in text


async def test_q_quits(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 or not app.is_running


async def test_text_from_files_is_shown_literally(
    make_app: AppFactory, catalogue: Catalogue
) -> None:
    hostile = (
        Cue(CueKind.SETUP, "[bold]not bold[/bold]"),
        Cue(CueKind.MOVEMENT, "[link=x]y"),
        Cue(CueKind.TEMPO, "an unclosed [ bracket"),
        Cue(CueKind.AVOID, "red \x1b[31malert\x07 bell"),
    )
    exercise = catalogue.exercises[0]._replace(name="[i]Twister[/i]", cues=hostile)
    patched = catalogue._replace(exercises=(exercise, *catalogue.exercises[1:]))
    app = make_app(catalogue=patched)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")
        text = screen_text(app)
        assert "[i]Twister[/i]" in text
        assert "[bold]not bold[/bold]" in text
        assert "[link=x]y" in text
        assert "an unclosed [ bracket" in text
        assert "red ␛[31malert␇ bell" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_the_focused_list_is_marked_without_colour(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first_routine = app.catalogue.routines[0].name
        first_exercise = app.catalogue.exercises[0].name
        text = screen_text(app)
        assert f"▶ {first_routine}" in text and f"▷ {first_exercise}" in text
        await pilot.press("tab")
        await pilot.pause()
        text = screen_text(app)
        assert f"▷ {first_routine}" in text and f"▶ {first_exercise}" in text

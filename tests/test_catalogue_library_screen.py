"""The catalogue with the exercise library in it, driven with keys: search, counts, filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import AppFactory
from tests.exercises import library_catalogue, make_exercise, with_exercises
from tests.screen_text import screen_text
from tui.app import LoosenApp
from tui.catalogue.filters import Facet, Filters, choices
from tui.catalogue.model import Catalogue
from tui.catalogue.search import exercise_index
from tui.screens.catalogue import DETAIL_DELAY_S, CatalogueScreen
from tui.screens.catalogue_filter import CatalogueFilterScreen
from tui.screens.session import SessionScreen

WIDE = (120, 40)
"""Wide: the lists on the left of a divider, the detail on the right."""


@pytest.fixture
def library(data_dir: Path) -> Catalogue:
    """The built-ins, the bundled stretching set and two wger exercises."""
    return library_catalogue(data_dir)


def list_lines(app: LoosenApp) -> list[str]:
    """The left side of a wide screen (the lists), line by line, without the marker."""
    lines = [line.split("│")[0].strip() for line in screen_text(app).splitlines()]
    return [line.removeprefix("▶ ").removeprefix("▷ ") for line in lines]


def in_words(text: str) -> str:
    """The text with its line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def detail_text(app: LoosenApp) -> str:
    """The right side of a wide screen (the detail pane)."""
    return "\n".join(line.split("│", 1)[1] for line in screen_text(app).splitlines() if "│" in line)


async def settle(pilot: Pilot[int]) -> None:
    """Wait until a detail held back for quick moves has been shown."""
    await pilot.pause(DETAIL_DELAY_S * 2)
    await pilot.pause()


async def test_the_titles_count_what_the_search_leaves(
    make_app: AppFactory, library: Catalogue
) -> None:
    app = make_app(catalogue=library)
    total = len(library.exercises)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Routines 3" in text and f"Exercises {total}" in text
        await pilot.press("slash", *"lats")
        await pilot.pause()
        found = len(exercise_index(library.exercises).search("lats"))
        assert 10 < found < total
        text = screen_text(app)
        assert f"Exercises {found} of {total}" in text
        assert "Routines 0 of 3" in text
        await pilot.press("escape")
        await pilot.pause()
        assert f"Exercises {total}" in screen_text(app)
        assert " of " not in screen_text(app).splitlines()[1]


async def test_search_lists_name_starts_then_name_words_then_muscles(
    make_app: AppFactory, library: Catalogue
) -> None:
    app = make_app(catalogue=library)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"lat")
        await pilot.pause()
        lines = list_lines(app)
        start = lines.index(next(line for line in lines if line.startswith("Exercises")))
        shown = lines[start + 1 : start + 6]
        assert shown == [
            "Latissimus Dorsi-SMR",  # the name starts with "lat"
            "Overhead Lat",  # a word of the name does
            "Standing Lateral Stretch",
            "Kneeling Band Lat Pulldown",  # the wger one, after the bundled set
            "Chair Lower Back Stretch",  # lats is its muscle
        ]
        # The best match is highlighted and described.
        await pilot.press("enter", "tab")
        await pilot.pause()
        assert "Latissimus Dorsi-SMR" in detail_text(app).splitlines()[0]


async def test_f_filters_by_a_muscle_and_again_stops_and_x_clears(
    make_app: AppFactory, library: Catalogue
) -> None:
    app = make_app(catalogue=library)
    total = len(library.exercises)
    offered = choices(library.exercises, Filters())
    lats = next(i for i, c in enumerate(offered) if (c.facet, c.value) == (Facet.MUSCLE, "lats"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueFilterScreen)
        await pilot.press(*["j"] * lats, "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Filter: muscle lats" in text
        kept = [
            e for e in library.exercises if "lats" in (*e.primary_muscles, *e.secondary_muscles)
        ]
        assert f"Exercises {len(kept)} of {total}" in text
        lines = list_lines(app)
        for exercise in kept[:10]:
            assert exercise.name in lines
        assert "Hamstring" not in "\n".join(lines)
        # The exercises have the focus and the first is described.
        assert app.focused is not None and app.focused.id == "exercises"
        assert kept[0].name in detail_text(app).splitlines()[0]

        await pilot.press("f")  # the picker opens on the chosen value...
        await pilot.pause()
        assert "lats · on" in screen_text(app)
        await pilot.press("enter")  # ...and enter on it stops filtering by it
        await pilot.pause()
        assert "Filter:" not in screen_text(app)
        assert f"Exercises {total}" in screen_text(app)

        await pilot.press("f", "end", "enter")  # the last value: a level
        await pilot.pause()
        assert "Filter: level " in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert "Filter:" not in screen_text(app)
        assert f"Exercises {total}" in screen_text(app)


async def test_filters_combine_with_the_search(make_app: AppFactory, library: Catalogue) -> None:
    app = make_app(catalogue=library)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", "escape")  # opened and closed: nothing changes
        await pilot.pause()
        assert "Filter:" not in screen_text(app)
        screen = app.screen
        offered = choices(library.exercises, Filters())
        beginner = next(
            i for i, c in enumerate(offered) if (c.facet, c.value) == (Facet.LEVEL, "beginner")
        )
        await pilot.press("f", *["j"] * beginner, "enter", "slash", *"stretch")
        await pilot.pause()
        expected = exercise_index(library.exercises).search(
            "stretch", lambda e: e.level == "beginner"
        )
        assert f"Exercises {len(expected)} of {len(library.exercises)}" in screen_text(app)
        assert screen is app.screen


async def test_the_palette_sets_and_clears_a_filter(
    make_app: AppFactory, library: Catalogue
) -> None:
    app = make_app(catalogue=library)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"filter: equipment foam roll")
        await pilot.pause(0.3)
        assert "Filter: equipment foam roll" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        kept = [e for e in library.exercises if "foam roll" in e.equipment]
        assert f"Exercises {len(kept)} of {len(library.exercises)}" in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"filter: clear")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert "Filter:" not in screen_text(app)


async def test_quick_moves_show_the_last_entry_they_reach(
    make_app: AppFactory, library: Catalogue
) -> None:
    app = make_app(catalogue=library)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("tab", *["down"] * 9)
        await settle(pilot)
        assert library.exercises[9].name in detail_text(app).splitlines()[0]
        await pilot.press(*["k"] * 3)
        await settle(pilot)
        assert library.exercises[6].name in detail_text(app).splitlines()[0]


async def test_a_thousand_exercises_move_with_home_end_and_pages(
    make_app: AppFactory, catalogue: Catalogue
) -> None:
    many = tuple(make_exercise(f"drill-{n:04}", f"Drill number {n:04}") for n in range(1200))
    app = make_app(catalogue=with_exercises(catalogue, *many))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "end")
        await settle(pilot)
        text = screen_text(app)
        assert "Exercises 1207" in text
        assert "▶ Drill number 1199" in text
        assert "Drill number 1199" in text.split("─" * 20)[-1]  # described below
        await pilot.press("home")
        await settle(pilot)
        assert f"▶ {catalogue.exercises[0].name}" in screen_text(app)
        await pilot.press("pagedown")
        await settle(pilot)
        marked = next(line for line in screen_text(app).splitlines() if "▶" in line)
        assert "Drill number 00" in marked  # about a screenful down


async def test_a_library_exercise_found_by_filter_starts_with_s(
    make_app: AppFactory, library: Catalogue
) -> None:
    app = make_app(catalogue=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"overhead lat", "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "OVERHEAD LAT" in screen_text(app)


async def test_long_names_wrap_under_their_text_or_end_with_an_ellipsis(
    make_app: AppFactory, catalogue: Catalogue
) -> None:
    two_lines = make_exercise("two", "Intermediate Hip Flexor and Quad Stretch With a Band")
    endless = make_exercise("endless", " ".join(["Very long name"] * 20))
    app = make_app(catalogue=with_exercises(catalogue, two_lines, endless))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"intermediate", "enter")
        await pilot.pause()
        lines = [line[41:].rstrip() for line in screen_text(app).splitlines()]
        first = lines.index("▶ Intermediate Hip Flexor and Quad")
        # Its second line starts two columns further in than any name: no new entry.
        assert lines[first + 1] == "    Stretch With a Band"
        await pilot.press("escape", "slash", *"very long", "enter")
        await pilot.pause()
        text = screen_text(app)
        lines = [line[41:].rstrip() for line in text.splitlines()]
        first = next(i for i, line in enumerate(lines) if line.startswith("▶ Very long name"))
        assert lines[first + 1].startswith("    ") and lines[first + 1][4].isalpha()
        assert lines[first + 1].endswith("…")
        assert not lines[first + 2].startswith("    ")  # two lines at most
        # The detail below gives the name in full.
        detail = " ".join(line.strip() for line in text.split("─" * 20)[-1].splitlines())
        assert endless.name in detail


async def test_wrapped_cue_lines_hang_under_their_text(
    make_app: AppFactory, catalogue: Catalogue
) -> None:
    cue = "Reach " * 30
    exercise = make_exercise("aaa-long-cue", "Aaa Long Cue", cues=(cue.strip(), "Short."))
    app = make_app(catalogue=with_exercises(catalogue, exercise))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"aaa", "enter")
        await pilot.pause()
        text = screen_text(app).split("─" * 20)[-1]
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("  1. Move: Reach"))
        assert lines[first + 1].startswith("     Reach")  # under "Move", not under "1."
        assert lines[first + 2].startswith("     Reach")


async def test_the_detail_credits_the_library_source_licence_and_authors(
    make_app: AppFactory, library: Catalogue
) -> None:
    app = make_app(catalogue=library)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"kneeling band lat", "enter")
        await pilot.pause()
        detail = in_words(detail_text(app))
        assert "Source: wger exercise database (exercise 1001)" in detail
        assert "Authors: A. Author, wger Team, B. Editor" in detail
        licence = "CC-BY-SA 4, https://creativecommons.org/licenses/by-sa/4.0/deed.en"
        assert f"Licence: {licence}" in detail
        assert "Web: https://wger.de" in detail
        await pilot.press("escape", "slash", *"latissimus", "enter")
        await pilot.pause()
        detail = in_words(detail_text(app))
        assert "Source: free-exercise-db (exercise Latissimus_Dorsi-SMR)" in detail
        assert "Licence: Unlicense (public domain), https://unlicense.org" in detail
        assert "Web: https://github.com/yuhonas/free-exercise-db" in detail
        assert "Category: stretching" in detail


async def test_the_marked_entry_is_on_screen_at_every_size(
    make_app: AppFactory, library: Catalogue
) -> None:
    app = make_app(catalogue=library)
    last = library.exercises[-1].name
    async with app.run_test(size=(56, 18)) as pilot:
        await pilot.press("tab")
        for size in ((56, 18), (80, 24), (120, 40), (160, 50)):
            await pilot.resize_terminal(*size)
            await pilot.press("end")
            await settle(pilot)
            assert f"▶ {last}" in screen_text(app), size
            await pilot.press("home", "pagedown", "pagedown", "j", "j")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CatalogueScreen)
            marked = screen.highlighted_exercise()
            assert marked is not None and marked.id != library.exercises[0].id, size
            assert f"▶ {marked.name}" in screen_text(app), size

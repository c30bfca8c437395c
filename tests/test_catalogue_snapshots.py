"""Snapshots of the catalogue with the library in it, at 80×24: a long list, filters, the picker.

Update them on purpose with `pytest tests/test_catalogue_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import AppFactory
from tests.exercises import library_catalogue
from tui.catalogue.filters import Facet, Filters, choices
from tui.catalogue.model import Catalogue
from tui.screens.catalogue import DETAIL_DELAY_S

Snap = Callable[..., bool]
SIZE = (80, 24)


def keys(*pressed: str) -> Callable[[Pilot[int]], object]:
    """Press these keys, then wait for the detail pane that quick moves hold back."""

    async def run_before(pilot: Pilot[int]) -> None:
        await pilot.press(*pressed)
        await pilot.pause(DETAIL_DELAY_S * 3)
        await pilot.pause()

    return run_before


def picker_position(catalogue: Catalogue, facet: Facet, value: str) -> int:
    """How many moves down the filter picker's list this value is."""
    offered = choices(catalogue.exercises, Filters())
    return next(i for i, c in enumerate(offered) if (c.facet, c.value) == (facet, value))


def test_a_long_list_with_a_wrapped_name(
    snap_compare: Snap, make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app(catalogue=library_catalogue(data_dir))
    # Down into the bundled set, past a name that takes two lines.
    assert snap_compare(app, run_before=keys("tab", *["j"] * 31), terminal_size=SIZE)


def test_a_search_ranked_and_counted(
    snap_compare: Snap, make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app(catalogue=library_catalogue(data_dir))
    assert snap_compare(app, run_before=keys("slash", *"lat", "enter", "tab"), terminal_size=SIZE)


def test_the_filter_picker(snap_compare: Snap, make_app: AppFactory, data_dir: Path) -> None:
    catalogue = library_catalogue(data_dir)
    moves = picker_position(catalogue, Facet.MUSCLE, "lats")
    app = make_app(catalogue=catalogue)
    assert snap_compare(app, run_before=keys("f", *["j"] * moves), terminal_size=SIZE)


def test_filtered_by_muscle_and_level(
    snap_compare: Snap, make_app: AppFactory, data_dir: Path
) -> None:
    catalogue = library_catalogue(data_dir)
    lats = picker_position(catalogue, Facet.MUSCLE, "lats")
    beginner = picker_position(catalogue, Facet.LEVEL, "beginner")
    app = make_app(catalogue=catalogue)
    # The second time, the picker starts on "muscle lats" and lists "clear" first.
    pressed = ("f", *["j"] * lats, "enter", "f", "home", *["j"] * (beginner + 1), "enter")
    assert snap_compare(app, run_before=keys(*pressed), terminal_size=SIZE)

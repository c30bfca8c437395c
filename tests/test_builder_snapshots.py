"""The routine builder as a person sees it: at 80×24, 120×40 and 60×20.

A copy of a built-in with one step's dosage changed (the exercise's own beside it) and a
bad value typed, so the marks and the problem line are in the picture.
Update on purpose with `pytest tests/test_builder_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.conftest import AppFactory
from tui.catalogue.model import Catalogue
from tui.messages import BuildRoutineAsked

Snap = Callable[..., bool]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)])
def test_builder(
    snap_compare: Snap,
    make_app: AppFactory,
    catalogue: Catalogue,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The screen names the file it saves to: the same path in every run (nothing is saved).
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent/loosen-snapshots")
    routine = catalogue.routine("four-step-upper-back")
    assert routine is not None

    async def build(pilot: Pilot[int]) -> None:
        pilot.app.post_message(BuildRoutineAsked(routine, copy=True))
        await pilot.pause()
        await pilot.press("down", "enter", "1", "tab", "0")

    assert snap_compare(make_app(), run_before=build, terminal_size=size)

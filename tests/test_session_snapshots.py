"""Session snapshots in each phase, from a wall screen down to a small one.

Update them on purpose with `pytest tests/test_session_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import AppFactory

Snap = Callable[..., bool]

SIZES = [(160, 48), (120, 40), (80, 24), (60, 20)]
PHASES = {
    # phase: (routine, keys pressed after it starts)
    "work": ("four-step-upper-back", []),
    "hold": ("full-thoracic-warm-up", ["space"]),
    "switch": ("roller-twister-warm-up", ["space"]),
    # The rest after the first exercise's last set: it shows the next exercise.
    "rest": ("four-step-upper-back", ["space"] * 5),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("phase", list(PHASES))
def test_session_phase(
    snap_compare: Snap, make_app: AppFactory, phase: str, size: tuple[int, int]
) -> None:
    routine, keys = PHASES[phase]
    assert snap_compare(make_app(start_routine=routine), press=keys, terminal_size=size)


@pytest.mark.parametrize("phase", ["hold", "rest"])
def test_session_phase_without_colour(
    snap_compare: Snap, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, phase: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    routine, keys = PHASES[phase]
    assert snap_compare(make_app(start_routine=routine), press=keys, terminal_size=(80, 24))

"""Session snapshots in each phase, from a wall screen down to a small one.

From 120×40 on the screen is laid out to be read from across the room (big banner, big
digits); 80×24 and 60×20 keep the corner countdown, so 60×20 takes two phases only.
Update them on purpose with `pytest tests/test_session_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import AppFactory

Snap = Callable[..., bool]

PHASES = {
    # phase: (routine, keys pressed after it starts)
    "work": ("four-step-upper-back", []),
    "hold": ("full-thoracic-warm-up", ["space"]),
    "switch": ("roller-twister-warm-up", ["space"]),
    # The rest after the first exercise's last set: it shows the next exercise.
    "rest": ("four-step-upper-back", ["space"] * 5),
}
SHOTS = [
    *((size, phase) for size in ((160, 48), (120, 40), (80, 24)) for phase in PHASES),
    ((60, 20), "hold"),
    ((60, 20), "switch"),
]


@pytest.mark.parametrize(
    ("size", "phase"), SHOTS, ids=[f"{phase}-{w}x{h}" for (w, h), phase in SHOTS]
)
def test_session_phase(
    snap_compare: Snap, make_app: AppFactory, phase: str, size: tuple[int, int]
) -> None:
    routine, keys = PHASES[phase]
    assert snap_compare(make_app(start_routine=routine), press=keys, terminal_size=size)


def test_session_across_the_room_without_colour(
    snap_compare: Snap, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The banner's words tell the phase (REST · NEXT: …), not a colour.
    monkeypatch.setenv("NO_COLOR", "1")
    routine, keys = PHASES["rest"]
    assert snap_compare(make_app(start_routine=routine), press=keys, terminal_size=(120, 40))


def test_session_on_the_linux_console(
    snap_compare: Snap, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Block digits of █ ▀ ▄ only, > for the cue marker: all in the console's fonts.
    monkeypatch.setattr("tui.wording.LINUX_CONSOLE", True)
    routine, keys = PHASES["switch"]
    assert snap_compare(make_app(start_routine=routine), press=keys, terminal_size=(80, 24))

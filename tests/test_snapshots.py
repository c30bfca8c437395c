"""Screen snapshots: what a person sees, at 80×24 and at 120×40.

Update them on purpose with `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import AppFactory, finished
from tui.catalogue.model import Catalogue
from tui.storage.store import Store

Snap = Callable[..., bool]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_catalogue(snap_compare: Snap, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


def test_catalogue_exercise_detail(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), press=["tab", "down"], terminal_size=(120, 40))


def test_catalogue_compact(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(56, 18))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_session(snap_compare: Snap, make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app(start_routine="four-step-upper-back")
    assert snap_compare(app, press=["right"], terminal_size=size)


def test_session_rest(snap_compare: Snap, make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    assert snap_compare(app, press=["space", "space", "space"], terminal_size=(80, 24))


def test_session_compact(snap_compare: Snap, make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    assert snap_compare(app, press=["space"], terminal_size=(56, 18))


def test_summary(snap_compare: Snap, make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    assert snap_compare(app, press=["space"] * 7 + ["4"], terminal_size=(80, 24))


def test_help(snap_compare: Snap, make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    assert snap_compare(app, press=["question_mark"], terminal_size=(80, 24))


@pytest.fixture
def history_store(store: Store, catalogue: Catalogue) -> Store:
    routines = [r.id for r in catalogue.routines]
    for days_ago in (0, 1, 2, 4, 8, 9, 15, 30, 31, 32, 33, 60):
        store.add_session(
            finished(
                catalogue,
                routines[days_ago % len(routines)],
                days_ago,
                rating=days_ago % 5 + 1,
                note="[b]felt good[/b]" if days_ago == 0 else None,
            )
        )
    return store


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_history(
    snap_compare: Snap, make_app: AppFactory, history_store: Store, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(open_history=True), terminal_size=size)


def test_history_detail(snap_compare: Snap, make_app: AppFactory, history_store: Store) -> None:
    assert snap_compare(make_app(open_history=True), press=["enter"], terminal_size=(80, 24))

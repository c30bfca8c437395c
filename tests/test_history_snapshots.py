"""Snapshots of the words this round changed, at 80×24.

Update them on purpose with `pytest tests/test_history_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AppFactory, finished
from tui.catalogue.model import Catalogue
from tui.storage.store import Store

Snap = Callable[..., bool]
SIZE = (80, 24)


@pytest.fixture
def two_routines(store: Store, catalogue: Catalogue) -> Store:
    for days_ago in range(5):
        routine = ("roller-twister-warm-up", "four-step-upper-back")[days_ago % 2]
        store.add_session(finished(catalogue, routine, days_ago, rating=days_ago % 5 + 1))
    return store


def test_summary_prompt_names_the_rating_words(snap_compare: Snap, make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    assert snap_compare(app, press=["space"] * 7, terminal_size=SIZE)


def test_filter_picker(snap_compare: Snap, make_app: AppFactory, two_routines: Store) -> None:
    assert snap_compare(make_app(open_history=True), press=["f", "down"], terminal_size=SIZE)


def test_history_of_one_routine(
    snap_compare: Snap, make_app: AppFactory, two_routines: Store
) -> None:
    app = make_app(open_history=True)
    assert snap_compare(app, press=["f", "down", "enter"], terminal_size=SIZE)


def test_history_over_a_session(
    snap_compare: Snap, make_app: AppFactory, two_routines: Store
) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    assert snap_compare(app, press=["space", "h"], terminal_size=SIZE)


def test_resume_after_picking_another_routine(snap_compare: Snap, make_app: AppFactory) -> None:
    app = make_app(start_routine="roller-twister-warm-up")
    assert snap_compare(app, press=["space", "c", "down", "enter"], terminal_size=SIZE)


def test_read_only_catalogue(
    snap_compare: Snap, make_app: AppFactory, data_dir: Path, store: Store
) -> None:
    with Store.open(data_dir) as second:
        assert snap_compare(make_app(store=second), terminal_size=SIZE)

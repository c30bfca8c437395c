"""The catalogue's detail of a per-side exercise says what its left side means."""

from __future__ import annotations

from tui.catalogue.model import Catalogue
from tui.describe import exercise_detail, plain_text


def test_the_detail_of_a_per_side_exercise_says_what_left_means(catalogue: Catalogue) -> None:
    twister = catalogue.exercise("t-spine-roller-twister")
    assert twister is not None and twister.side_meaning
    assert f"Left side: {twister.side_meaning}" in plain_text(exercise_detail(twister))
    shrug = catalogue.exercise("sweatt-shrug")
    assert shrug is not None
    assert "Left side" not in plain_text(exercise_detail(shrug))

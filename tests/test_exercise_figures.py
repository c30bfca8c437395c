"""The history screen's per-exercise figures, fitted to the width they are given."""

from __future__ import annotations

from datetime import date

from tui.widgets.exercise_figures import ExerciseFigure, figures_lines, shortened

LONG = "Band-Assisted Thoracic Rotations"


def test_shortened_keeps_what_fits_and_marks_a_cut() -> None:
    assert shortened(LONG, 32) == LONG
    assert shortened(LONG, 10) == "Band-Assi…"
    assert len(shortened(LONG, 10)) == 10


def test_lines_use_the_width_for_names_and_keep_the_figures_whole() -> None:
    figures = [
        ExerciseFigure(LONG, date(2026, 11, 19), 4),
        ExerciseFigure("Sweatt Shrug", None, 0),
    ]
    wide = figures_lines(figures, 49).plain.splitlines()
    assert wide[0].startswith("Exercise") and wide[0].endswith("last done · 30 d")
    assert wide[1] == f"{LONG} 2026-11-19 ·   4"
    assert wide[2].startswith("Sweatt Shrug ") and wide[2].endswith("     never ·   0")
    assert {len(line) for line in wide} == {49}

    roomy = figures_lines(figures, 100).plain.splitlines()
    assert roomy[1] == f"{LONG} 2026-11-19 ·   4"  # the figures stay beside the names

    narrow = figures_lines(figures, 40).plain.splitlines()
    assert narrow[1] == "Band-Assisted Thoracic… 2026-11-19 ·   4"
    assert {len(line) for line in narrow} == {40}


def test_names_are_shown_literally() -> None:
    lines = figures_lines([ExerciseFigure("[b]x\x1b[2J", None, 0)], 40).plain
    assert "[b]x" in lines and "\x1b" not in lines

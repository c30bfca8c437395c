"""The history screen's per-exercise figures, fitted to the width and rows they are given."""

from __future__ import annotations

from datetime import date

from tui.history.paging import Window
from tui.history.tally import ExerciseFigure
from tui.widgets.exercise_figures import figures_lines, shortened

LONG = "Band-Assisted Thoracic Rotations"
FIGURES = [
    ExerciseFigure(LONG, date(2026, 11, 19), 4),
    ExerciseFigure("Sweatt Shrug", date(2026, 10, 1), 1),
]


def test_shortened_keeps_what_fits_and_marks_a_cut() -> None:
    assert shortened(LONG, 32) == LONG
    assert shortened(LONG, 10) == "Band-Assi…"
    assert len(shortened(LONG, 10)) == 10


def test_lines_use_the_width_for_names_and_keep_the_figures_whole() -> None:
    window = Window(total=2, height=5)
    wide = figures_lines(FIGURES, 56, window)
    assert wide[0] == f"{'Exercise':<32}  last done   in 30 days"
    assert wide[1] == f"{LONG} 2026-11-19      4 times"
    assert wide[2] == f"{'Sweatt Shrug':<32} 2026-10-01       1 time"
    assert {len(line) for line in wide} == {56}

    narrow = figures_lines(FIGURES, 40, window)
    assert narrow[1] == "Band-Assisted T… 2026-11-19      4 times"
    assert {len(line) for line in narrow} == {40}


def test_the_title_says_which_rows_show_and_how_to_see_the_others() -> None:
    many = [ExerciseFigure(f"Drill {n}", date(2026, 11, 1), n) for n in range(40)]
    window = Window(total=40, height=6)
    assert figures_lines(many, 60, window)[0].startswith("Exercise 1–6 of 40 · tab ")
    lower = window.scrolled(6)
    lines = figures_lines(many, 60, lower, focused=True)
    assert lines[0].startswith("Exercise 7–12 of 40 · ↑ ↓ ")
    assert len(lines) == 7 and lines[1].startswith("Drill 6 ")


def test_names_are_shown_literally() -> None:
    lines = figures_lines([ExerciseFigure("[b]x\x1b[2J", date(2026, 1, 1), 0)], 40, Window(1, 3))
    assert "[b]x" in lines[1] and "\x1b" not in "".join(lines)

"""Which cells of a line changed: what a widget redraws instead of the whole line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.widgets.line_diff import cells, changed_span

PLAIN, BOLD = Style(), Style(bold=True)


def line(*parts: tuple[str, Style]) -> Strip:
    return Strip([Segment(text, style) for text, style in parts])


def test_the_same_line_has_nothing_to_redraw() -> None:
    assert (
        changed_span(line(("Bench Stretch", PLAIN)), line(("Bench ", PLAIN), ("Stretch", PLAIN)))
        is None
    )


def test_only_the_cells_between_the_first_and_last_difference() -> None:
    old = line(("  Adductor      ", PLAIN))
    new = line(("  Arm Circles   ", PLAIN))
    assert changed_span(old, new) == (3, 13)
    # A style alone is a difference too.
    assert changed_span(line(("ab", PLAIN)), line(("a", PLAIN), ("b", BOLD))) == (1, 2)


def test_a_double_width_character_is_never_split() -> None:
    old = line(("a日b", PLAIN))  # cells: a, 日, (its right half), b
    new = line(("a日c", PLAIN))
    assert changed_span(old, new) == (3, 4)
    assert changed_span(line(("a日", PLAIN)), line(("ab日", PLAIN))) == (1, 4)
    assert changed_span(line(("a日", PLAIN)), line(("a目", PLAIN))) == (1, 3)


TEXT = st.text(alphabet="ab 日…", max_size=8)
PARTS = st.lists(st.tuples(TEXT, st.sampled_from([PLAIN, BOLD])), max_size=4)


@settings(derandomize=True, max_examples=400)
@given(PARTS, PARTS)
def test_outside_the_span_both_lines_are_the_same(
    old_parts: list[tuple[str, Style]], new_parts: list[tuple[str, Style]]
) -> None:
    # As widgets draw them: both lines padded to the same width.
    old, new = line(*old_parts), line(*new_parts)
    width = max(old.cell_length, new.cell_length)
    old, new = old.adjust_cell_length(width), new.adjust_cell_length(width)
    before, after = cells(old), cells(new)
    span = changed_span(old, new)
    if span is None:
        assert before == after
        return
    start, end = span
    # Redrawing cells [start, end) of the new line over the old one gives the new line.
    assert before[:start] + after[start:end] + before[end:] == after
    assert before[start] != after[start] or None in (before[start], after[start])
    for drawn in (before, after):  # the span starts and ends between characters
        assert drawn[start] is not None
        assert end == width or drawn[end] is not None

"""The table's window: the cursor always on screen, paging and jumps to either end."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.history.paging import Window


def test_end_and_home_jump_at_once() -> None:
    window = Window(total=10_000, height=11)
    oldest = window.last()
    assert oldest.cursor == 9_999 and oldest.rows == range(9_989, 10_000)
    newest = oldest.first()
    assert newest.cursor == 0 and newest.rows == range(0, 11)


def test_pages_move_a_screen_and_stop_at_the_ends() -> None:
    window = Window(total=30, height=11)
    down = window.page_down()
    assert (down.cursor, down.top) == (11, 11)
    assert down.page_down().page_down().rows == range(19, 30)
    assert down.page_down().page_down().cursor == 29
    assert down.page_up() == window
    assert window.page_up() == window


def test_arrows_scroll_only_when_the_cursor_leaves_the_window() -> None:
    window = Window(total=30, height=5)
    assert window.down(4).top == 0
    assert window.down(5).top == 1
    assert window.down(5).up(1).top == 1
    assert window.down(5).up(5).top == 0


def test_scrolling_moves_the_window_and_takes_the_cursor_along() -> None:
    window = Window(total=30, height=5)
    assert window.scrolled(3).rows == range(3, 8) and window.scrolled(3).cursor == 3
    assert window.scrolled(100).rows == range(25, 30)
    assert window.scrolled(100).scrolled(-2).cursor == 25  # still on screen: it stays
    assert window.scrolled(-1) == window


def test_short_lists_and_changes_of_size() -> None:
    assert Window(total=0, height=5).last() == Window(total=0, height=5)
    assert Window(total=3, height=5).page_down().rows == range(0, 3)
    grown = Window(total=3, height=5).last().with_total(100)
    assert grown.cursor == 2 and grown.top == 0
    shrunk = Window(total=100, height=5).last().with_total(10)
    assert shrunk.cursor == 9 and shrunk.rows == range(5, 10)
    smaller = Window(total=100, height=10).down(9).resized(4)
    assert smaller.cursor == 9 and smaller.rows == range(6, 10)


moves = st.lists(
    st.sampled_from(["up", "down", "page_up", "page_down", "first", "last", "scroll_down"]),
    max_size=30,
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.integers(0, 500), st.integers(1, 40), moves)
def test_the_cursor_is_always_a_row_on_screen(total: int, height: int, keys: list[str]) -> None:
    window = Window(total=total, height=height)
    for key in keys:
        window = window.scrolled(3) if key == "scroll_down" else getattr(window, key)()
        assert 0 <= window.top <= max(total - height, 0)
        if total:
            assert window.cursor in window.rows
            assert len(window.rows) == min(height, total)
        else:
            assert window.cursor == 0 and not window.rows

"""Hanging indents: long names in the lists, long cues and fields in the detail pane."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from tui.text import printable
from tui.wrapping import ELLIPSIS, Paragraph, hanging_lines, wrap_name

names = st.one_of(
    st.lists(
        st.sampled_from(["Hip", "Flexor", "and", "Quad", "Stretch", "漢字", "Überzug", "a" * 45]),
        min_size=1,
        max_size=12,
    ).map(" ".join),
    st.text(min_size=1, max_size=120).map(printable),
)


def test_a_name_that_fits_is_one_line() -> None:
    assert wrap_name("Cat Stretch", 36, 34) == ["Cat Stretch"]


def test_a_long_name_breaks_between_words() -> None:
    assert wrap_name("Intermediate Hip Flexor and Quad Stretch", 34, 32) == [
        "Intermediate Hip Flexor and Quad",
        "Stretch",
    ]


def test_past_the_last_line_a_name_is_cut_with_an_ellipsis() -> None:
    lines = wrap_name("one two three four five six seven eight", 10, 8, max_lines=2)
    assert lines == ["one two", "three f…"]


def test_a_word_longer_than_a_line_is_split() -> None:
    assert wrap_name("Supercalifragilistics", 8, 6, max_lines=3) == ["Supercal", "ifragi", "listi…"]


@settings(derandomize=True, max_examples=500, deadline=None)
@given(names, st.integers(min_value=2, max_value=60), st.integers(min_value=0, max_value=4))
def test_wrapped_names_fit_and_keep_their_words(name: str, width: int, hang: int) -> None:
    rest = max(width - hang, 1)
    lines = wrap_name(name, width, rest, max_lines=3)
    assert 1 <= len(lines) <= 3
    assert cell_len(lines[0]) <= width
    assert all(cell_len(line) <= rest for line in lines[1:])
    if not lines[-1].endswith(ELLIPSIS) or name.endswith(ELLIPSIS):
        # Nothing was cut: the words are all there, in order.
        assert "".join(lines).replace(" ", "") == name.replace(" ", "")


def test_a_cue_hangs_under_its_text() -> None:
    paragraph = Paragraph(Content("Move: " + "reach " * 12), Content(" 1. "), 4)
    lines = [line.plain for line in hanging_lines(paragraph, 30)]
    assert lines[0].startswith(" 1. Move: reach")
    assert all(line.startswith("    reach") for line in lines[1:])
    assert all(len(line) <= 30 for line in lines)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.text(max_size=300).map(printable),
    st.sampled_from(["", " 1. ", "Source: ", "    "]),
    st.integers(min_value=0, max_value=8),
    st.integers(min_value=2, max_value=100),
)
def test_paragraph_lines_fit_hang_and_keep_the_text(
    text: str, lead: str, hang: int, width: int
) -> None:
    lines = hanging_lines(Paragraph(Content(text), Content(lead), hang), width)
    assert lines[0].plain.startswith(lead)
    body = lines[0].plain[len(lead) :] + "".join(line.plain[hang:] for line in lines[1:])
    # Every character but white space at the breaks (Textual's wrapping drops it there).
    assert "".join(body.split()) == "".join(text.split())
    assert all(line.plain.startswith(" " * hang) for line in lines[1:])
    if width >= max(len(lead), hang) + 2:
        assert all(line.cell_length <= width for line in lines)

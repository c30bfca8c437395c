"""Words about a session: ratings, sides and what the main key does, in one place."""

from __future__ import annotations

import pytest

from tui.catalogue.model import Catalogue
from tui.session.model import Phase
from tui.wording import (
    RATING_WORDS,
    main_key_label,
    mirrored,
    rating_marks_or_dash,
    rating_prompt,
    rating_word,
    rating_words,
    side_meaning,
    side_words,
)


def test_the_prompt_names_the_same_words_as_the_labels() -> None:
    assert rating_prompt() == "1 = very stiff … 5 = very loose"
    assert RATING_WORDS[1] in rating_prompt() and RATING_WORDS[5] in rating_prompt()


@pytest.mark.parametrize(
    ("rating", "marks", "words"),
    [
        (1, "●○○○○", "●○○○○ very stiff"),
        (3, "●●●○○", "●●●○○ so-so"),
        (5, "●●●●●", "●●●●● very loose"),
        (None, "–", "–"),
        (0, "–", "–"),
        (6, "–", "–"),
        ("4", "–", "–"),
        (True, "●○○○○", "●○○○○ very stiff"),  # JSON never gives a bool here; no crash
    ],
)
def test_rating_marks_and_words(rating: object, marks: str, words: str) -> None:
    assert rating_marks_or_dash(rating) == marks
    assert rating_words(rating) == words


def test_rating_word_is_none_without_a_rating() -> None:
    assert rating_word(None) is None and rating_word(2) == "stiff"


def test_mirrored_swaps_left_and_right_keeping_case() -> None:
    assert mirrored("Left hand on the left knee, RIGHT foot back") == (
        "Right hand on the right knee, LEFT foot back"
    )
    assert mirrored("leftover rightful") == "leftover rightful"  # whole words only


def test_side_words_say_what_each_side_means(catalogue: Catalogue) -> None:
    twister = catalogue.exercise("t-spine-roller-twister")
    assert twister is not None and twister.side_meaning
    left = side_words("left", twister)
    right = side_words("right", twister)
    assert left.startswith("Left side: lying on your left side")
    assert right.startswith("Right side: lying on your right side")
    assert "left arm" in right and "right arm" in left
    assert side_meaning(None, twister) == "" and side_words(None, twister) == ""
    shrug = catalogue.exercise("sweatt-shrug")
    assert side_words("left", shrug) == "Left side" == side_words("left")


def test_every_phase_has_a_main_key_label() -> None:
    assert {phase: main_key_label(phase) for phase in Phase} == {
        Phase.WORK: "Done",
        Phase.HOLD_READY: "Start hold",
        Phase.GET_READY: "Start now",
        Phase.HOLD: "End hold",
        Phase.SWITCH: "Next side",
        Phase.REST: "Skip rest",
        Phase.DONE: "",
    }

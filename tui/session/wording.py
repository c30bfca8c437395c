"""Words a person reads about a session: how it felt, which side, what the main key does now.

One place for them, so the summary's prompt, its labels, the history table and a past
session's detail always agree.
"""

from __future__ import annotations

import re

from tui.catalogue.model import Exercise
from tui.session.model import Phase

RATING_WORDS = {1: "very stiff", 2: "stiff", 3: "so-so", 4: "loose", 5: "very loose"}
"""What each rating of how the upper back feels means, from 1 to 5."""
NO_RATING = "–"

MAIN_KEY_LABELS = {
    Phase.WORK: "Done",
    Phase.HOLD_READY: "Start hold",
    Phase.GET_READY: "Start now",
    Phase.HOLD: "End hold",
    Phase.SWITCH: "Next side",
    Phase.REST: "Skip rest",
    Phase.DONE: "",
}
"""What the main key (space) does in each phase; nothing once every set is done."""

_SIDE_WORD = re.compile(r"\b(left|right|Left|Right|LEFT|RIGHT)\b")
_MIRROR = {"left": "right", "right": "left"}


def rating_word(rating: object) -> str | None:
    """'loose' for 4; None when there is no rating (or not one of 1 to 5)."""
    return RATING_WORDS.get(rating) if isinstance(rating, int) else None


def rating_marks(rating: object) -> str:
    """'●●●●○' for a rating of 4, or '–' when there is none."""
    if rating_word(rating) is None:
        return NO_RATING
    assert isinstance(rating, int)
    return "●" * rating + "○" * (5 - rating)


def rating_words(rating: object) -> str:
    """'●●●●○ loose' for a rating of 4, or '–' when there is none."""
    word = rating_word(rating)
    return f"{rating_marks(rating)} {word}" if word else NO_RATING


def rating_prompt() -> str:
    """How to rate, in the same words as the ratings: '1 = very stiff … 5 = very loose'."""
    return f"1 = {RATING_WORDS[1]} … 5 = {RATING_WORDS[5]}"


def mirrored(text: str) -> str:
    """`text` with the words left and right swapped (keeping their case)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        other = _MIRROR[word.lower()]
        if word.isupper():
            return other.upper()
        return other.capitalize() if word[0].isupper() else other

    return _SIDE_WORD.sub(swap, text)


def side_meaning(side: str | None, exercise: Exercise | None) -> str:
    """What `side` means for this exercise ('lying on your left side, …'), or ''.

    The catalogue says what "left" means; the right side is its mirror image.
    """
    meaning = exercise.side_meaning if exercise is not None else None
    if not side or not meaning:
        return ""
    return meaning if side == "left" else mirrored(meaning)


def side_words(side: str | None, exercise: Exercise | None = None) -> str:
    """'Left side', 'Left side: lying on your left side, …' (when the exercise says), or ''."""
    if not side:
        return ""
    words = f"{side.capitalize()} side"
    meaning = side_meaning(side, exercise)
    return f"{words}: {meaning}" if meaning else words


def main_key_label(phase: Phase) -> str:
    """The main key's label for the key bar: 'Done', 'Start hold', 'Skip rest'…"""
    return MAIN_KEY_LABELS[phase]

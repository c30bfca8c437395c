"""What loosen's screens share: a human title and the keys the help screen explains.

Screens get what they need through their constructors and send messages up; none of
them reaches into the app.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")

HelpKeys = tuple[tuple[str, str], ...]
"""(keys as shown, what they do): keys the bindings alone don't explain well."""


class Helpful:
    """A screen that says what it is and documents its keys beyond its bindings."""

    HELP_TITLE: ClassVar[str] = "this screen"
    """The screen's name for people, as the help screen's title says it ('Keys: …')."""
    HELP_KEYS: ClassVar[HelpKeys] = ()
    """Keys listed first on the help screen (moving in lists, tab, …)."""


class LoosenScreen(Helpful, Screen[ResultType]):
    """A full screen of the loosen app."""

    IS_HISTORY: ClassVar[bool] = False
    """True for the history screen (the app asks without importing it at start-up)."""


class LoosenModal(Helpful, ModalScreen[ResultType]):
    """A modal screen of the loosen app (drawn over the one below)."""

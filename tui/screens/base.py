"""What loosen's screens share."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.screen import Screen

if TYPE_CHECKING:
    from tui.app import LoosenApp

ResultType = TypeVar("ResultType")


class LoosenScreen(Screen[ResultType]):
    """A screen of the loosen app, with typed access to it."""

    IS_HISTORY: ClassVar[bool] = False
    """True for the history screen (the app asks without importing it at start-up)."""

    @property
    def loosen(self) -> LoosenApp:
        """The app, as a LoosenApp (its store, catalogue and services)."""
        from tui.app import LoosenApp

        assert isinstance(self.app, LoosenApp)
        return self.app

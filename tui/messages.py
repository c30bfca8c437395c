"""Messages screens send up to the app, which decides what happens next."""

from __future__ import annotations

from textual.message import Message

from tui.catalogue.model import Routine


class StartSession(Message):
    """The person asked to start this routine."""

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine

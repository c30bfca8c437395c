"""Messages screens send up to the app, which decides what happens next."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.catalogue.model import Routine


@dataclass
class StartSession(Message):
    """The person asked to start this routine."""

    routine: Routine

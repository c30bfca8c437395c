"""The session keeper: one unfinished session, on disk after every change that matters.

`ActiveSession` owns a session from its start (or its resumption) to its end: it applies
each engine step, saves the session through a small store protocol before anything is
shown, and writes the finished (or abandoned) record to history. It knows nothing of the
screen: it says what happened, and the UI decides what to show, ring or open next.

The store's errors (`StoreError`, OSError) are caught where the session can go on without
the write (a step, a rating) and turned into a one-line `problem`; where it can't (a start,
a finish), they pass through for the caller to say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from tui.catalogue.model import Routine
from tui.session.engine import SessionEngine
from tui.session.model import Event
from tui.session.record import (
    abandoned_record,
    active_document,
    end_status,
    new_session_id,
    resume,
    session_record,
)
from tui.storage.errors import StoreError
from tui.storage.types import ActiveDocument, SessionRecord

SAVE_ERRORS = (StoreError, OSError)
"""What a store's write may raise: the data dir can't be used, or the disk failed."""


class ActiveSessionStore(Protocol):
    """What the keeper needs of storage (the Store has it all)."""

    def save_active(self, doc: ActiveDocument) -> None:
        """Save the unfinished session durably."""
        ...

    def add_session(self, record: SessionRecord) -> None:
        """Keep a finished or abandoned session in history (replacing one with its id).

        Also forgets the unfinished session of the same id.
        """
        ...


def could_not_save(error: Exception, what: str = "the session") -> str:
    """The one line the UI shows when a write failed."""
    return f"Could not save {what}: {error}"


@dataclass(frozen=True)
class Step:
    """What one key press or timer tick did to the session, for the screen to show."""

    events: tuple[Event, ...]
    """What changed, in order; empty when nothing did (then nothing needs drawing)."""
    finished: bool = False
    """True when the session is at its end: every set done or skipped."""
    problem: str | None = None
    """Why the change could not be saved (the session goes on; the disk has the last save)."""

    @property
    def rings(self) -> bool:
        """True when a countdown ran out on its own: worth a bell, if the bell is on."""
        return any(event.rings_bell for event in self.events)


class ActiveSession:
    """An unfinished session: its engine, kept on disk after every step that changes it."""

    def __init__(
        self,
        session_id: str,
        engine: SessionEngine,
        store: ActiveSessionStore,
        *,
        now: Callable[[], datetime],
    ) -> None:
        self.session_id = session_id
        self.engine = engine
        self._store = store
        self._now = now
        self._ended_at: datetime | None = None

    @classmethod
    def start(
        cls,
        routine: Routine,
        store: ActiveSessionStore,
        *,
        clock: Callable[[], float],
        now: Callable[[], datetime],
    ) -> ActiveSession:
        """A new session of `routine`, saved before it is returned (store errors pass)."""
        engine = SessionEngine(routine, clock=clock, now=now)
        session = cls(new_session_id(), engine, store, now=now)
        session.save()
        return session

    @classmethod
    def resume(
        cls,
        document: ActiveDocument,
        store: ActiveSessionStore,
        *,
        clock: Callable[[], float],
        now: Callable[[], datetime],
    ) -> ActiveSession:
        """The session saved in `document`, exactly where it stopped.

        Raises `ActiveSessionError` when the document can't be rebuilt.
        """
        resumed = resume(document, clock=clock, now=now)
        return cls(resumed.session_id, resumed.engine, store, now=now)

    # ----------------------------------------------------------------- steps

    def step(self, action: Callable[[SessionEngine], list[Event]]) -> Step:
        """Apply one engine action (a key or a tick) and save what it changed.

        Announcements alone (a 3-2-1 count, a rep tick) are not saved: the next change
        saves them, and unsaved the worst a resumed session does is say one again.
        """
        events = tuple(action(self.engine))
        problem = None
        if any(event.changes_state for event in events):
            try:
                self.save()
            except SAVE_ERRORS as error:
                problem = could_not_save(error)
        return Step(events, finished=self.engine.is_finished, problem=problem)

    def save(self) -> None:
        """Save the session as it is now (store errors pass)."""
        self._store.save_active(active_document(self.session_id, self.engine))

    def leave(self) -> str | None:
        """Leave the session for later: it stays saved, as it is now; a problem, or None."""
        try:
            self.save()
        except SAVE_ERRORS as error:
            return could_not_save(error)
        return None

    # ------------------------------------------------------------------ the end

    @property
    def ended_at(self) -> datetime | None:
        """When the session was finished, once it has been."""
        return self._ended_at

    def finish(self) -> None:
        """Keep the session in history (finished, or abandoned if nothing was done).

        The end time is taken at the first call; store errors pass, and the session
        stays unfinished on disk.
        """
        ended_at = self._ended_at or self._now()
        self._keep(ended_at, rating=None, note=None)
        self._ended_at = ended_at

    def rate(self, rating: int | None, note: str | None) -> str | None:
        """Add a rating and a note to the finished session; a problem, or None.

        Nothing is written when both are empty: history has the session already.
        """
        if self._ended_at is None or (rating is None and not note):
            return None
        try:
            self._keep(self._ended_at, rating=rating, note=note)
        except SAVE_ERRORS as error:
            return could_not_save(error)
        return None

    def _keep(self, ended_at: datetime, *, rating: int | None, note: str | None) -> None:
        record = session_record(
            self.session_id,
            self.engine,
            status=end_status(self.engine),
            ended_at=ended_at,
            rating=rating,
            note=note,
        )
        self._store.add_session(record)


def discard(document: ActiveDocument, store: ActiveSessionStore, *, ended_at: datetime) -> bool:
    """Move the unfinished session saved in `document` into history, as abandoned.

    False when the document can't be read (then it is left as it is); store errors on
    the write pass.
    """
    record = abandoned_record(document, ended_at=ended_at)
    if record is None:
        return False
    store.add_session(record)
    return True

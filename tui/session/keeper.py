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

from tui.catalogue.model import Exercise, Routine
from tui.ledger.checkin import stored
from tui.session.engine import SessionEngine
from tui.session.model import Event
from tui.session.progress import ExerciseProgress
from tui.session.record import (
    abandoned_record,
    active_document,
    end_status,
    new_session_id,
    resume,
    session_record,
)
from tui.storage.errors import StoreError
from tui.storage.types import ActiveDocument, CheckIn, SessionRecord

SAVE_ERRORS = (StoreError, OSError)
"""What a store's write may raise: the data dir can't be used, or the disk failed."""
_ENDS_SLOTS = frozenset({Event.SLOT_DONE, Event.EXERCISE_SKIPPED, Event.FINISHED})
"""Events after which an exercise may have come to its end."""


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
        check_in: CheckIn | None = None,
    ) -> None:
        self.session_id = session_id
        self.engine = engine
        self._store = store
        self._now = now
        self._ended_at: datetime | None = None
        self.check_in = check_in
        """The check-ins answered so far (None: none), saved with the session."""
        self._rating: int | None = None
        self._note: str | None = None
        self._asked_sides: set[int] = set()
        self.on_exercise_end: Callable[[Exercise], None] | None = None
        """Called when a per-side exercise with a side done comes to its end, before the
        session does (the app asks which side felt tighter); the last one is in
        `unasked_side` once the session has finished."""

    @classmethod
    def start(
        cls,
        routine: Routine,
        store: ActiveSessionStore,
        *,
        clock: Callable[[], float],
        now: Callable[[], datetime],
        check_in: CheckIn | None = None,
    ) -> ActiveSession:
        """A new session of `routine` (with the check-ins answered before it), saved before
        it is returned (store errors pass)."""
        engine = SessionEngine(routine, clock=clock, now=now)
        session = cls(new_session_id(), engine, store, now=now, check_in=check_in)
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
        session = cls(resumed.session_id, resumed.engine, store, now=now, check_in=resumed.check_in)
        sides = resumed.check_in["sides"] if resumed.check_in is not None else []
        answered = {entry["exercise_id"] for entry in sides}
        session._asked_sides = {
            tally.step_index for tally in session._ended_sided() if tally.exercise.id in answered
        }
        return session

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
        step = Step(events, finished=self.engine.is_finished, problem=problem)
        if not step.finished and self.on_exercise_end is not None and _ENDS_SLOTS & set(events):
            exercise = self.unasked_side()
            if exercise is not None:
                self.on_exercise_end(exercise)
        return step

    def _ended_sided(self) -> list[ExerciseProgress]:
        """Per-side exercises at their end (every side done or skipped) with a side done."""
        return [
            tally
            for tally in self.engine.exercise_progress()
            if tally.per_side
            and tally.slots_done > 0
            and tally.slots_done + tally.slots_skipped == tally.slots_planned
        ]

    def unasked_side(self) -> Exercise | None:
        """A per-side exercise at its end not yet asked about; asking is up to the caller,
        and it is not offered again."""
        for tally in self._ended_sided():
            if tally.step_index not in self._asked_sides:
                self._asked_sides.add(tally.step_index)
                return tally.exercise
        return None

    def save(self) -> None:
        """Save the session as it is now (store errors pass)."""
        self._store.save_active(active_document(self.session_id, self.engine, self.check_in))

    def answer(self, check_in: CheckIn | None) -> str | None:
        """Keep the check-ins as answered now, with the session: a problem, or None.

        Before the end they go into the unfinished session; after it, into history.
        """
        self.check_in = check_in
        try:
            if self._ended_at is None:
                self.save()
            else:
                self._keep(self._ended_at)
        except SAVE_ERRORS as error:
            return could_not_save(error, "the check-in")
        return None

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
        self._keep(ended_at)
        self._ended_at = ended_at

    def rate(self, rating: int | None, note: str | None) -> str | None:
        """Add a rating and a note to the finished session; a problem, or None.

        Nothing is written when both are empty: history has the session already.
        """
        if self._ended_at is None or (rating is None and not note):
            return None
        self._rating, self._note = rating, note
        try:
            self._keep(self._ended_at)
        except SAVE_ERRORS as error:
            return could_not_save(error)
        return None

    def _keep(self, ended_at: datetime) -> None:
        record = session_record(
            self.session_id,
            self.engine,
            status=end_status(self.engine),
            ended_at=ended_at,
            rating=self._rating,
            note=self._note,
            check_in=stored(self.check_in),
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

"""Progression: a step up after easy sessions, a step back after pain (one pass, no UI).

The rules (README, "Progression"), for each step of each routine:
- The *evidence* is the sessions of that routine in the last `FRESH_DAYS` whose
  exercises include the step's, started after the step's dosage last changed through
  loosen (accepted or undone).
- **Ease back** when the newest of them had a pain of 7 or more before it: one set
  fewer; at one set, a 5 s shorter hold or 2 reps fewer (`tui.ledger.easing.eased`).
- **Step up** when the newest `EASY_SESSIONS` that count (a set done) were each easy:
  finished, the exercise done with none of its sets skipped, no pain of 7 or more, and
  a rating of 4 or 5 or a stiffness after no higher than before. The step up is +2 reps
  (up to `REPS_CAP`) or a 5 s longer hold (up to `HOLD_CAP`); past that, +1 set (up to
  `SETS_CAP`); at every cap, nothing more is suggested.
- An exercise that is in a routine twice is judged at its first step only.

Pure: the summaries and the changes' times are passed in.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal

from tui.catalogue.model import Dosage, Routine
from tui.history.stats import counts, done_exercises, session_day
from tui.ledger.checkin import HIGH_PAIN
from tui.ledger.easing import HOLD_STEP, REPS_STEP, eased
from tui.storage.types import Session
from tui.wording import plural, work_in_words

EASY_SESSIONS: Final = 3
"""How many easy sessions in a row bring a step up."""
EASY_RATING: Final = 4
"""The lowest 1-5 feel that counts as easy ("loose")."""
REPS_CAP: Final = 15
HOLD_CAP: Final = 60
SETS_CAP: Final = 4
FRESH_DAYS: Final = 56
"""Sessions older than this (8 weeks) say nothing about how a step feels now."""

Kind = Literal["up", "ease"]
StepKey = tuple[str, int]
"""(routine id, step index from 0)."""


@dataclass(frozen=True)
class Suggestion:
    """A change to one step's dosage, with the reason for it."""

    routine_id: str
    routine_name: str
    step: int
    exercise_id: str
    exercise_name: str
    kind: Kind
    dosage: Dosage
    """The step's dosage now."""
    changes: tuple[tuple[str, int], ...]
    """The dosage fields the suggestion sets, and their new values."""
    reason: str

    @property
    def new_dosage(self) -> Dosage:
        """The step's dosage once accepted."""
        changes: dict[str, Any] = dict(self.changes)
        return self.dosage._replace(**changes)

    def change_words(self) -> str:
        """'+2 reps', '+5 s hold', '+1 set', or 'ease back to 1 set'."""
        return change_words(self.dosage, dict(self.changes))

    def line(self) -> str:
        """'+2 reps for Bench Stretch (3 easy sessions in a row)'."""
        return f"{self.change_words()} for {self.exercise_name} ({self.reason})"

    def from_to(self) -> str:
        """'2 sets × 10 reps → 2 sets × 12 reps'."""
        return f"{short_dosage(self.dosage)} → {short_dosage(self.new_dosage)}"


def short_dosage(dosage: Dosage) -> str:
    """'2 sets × 10 reps per side' (no rest)."""
    return f"{plural(dosage.sets, 'set')} × {work_in_words(dosage)}"


def change_words(dosage: Dosage, changes: Mapping[str, int]) -> str:
    """What a change does, in a few words: '+2 reps', '-5 s hold', '+1 set'."""
    words = []
    for name, value in changes.items():
        old = getattr(dosage, name) or 0
        unit = {"sets": "set", "reps": "rep", "hold_seconds": "s hold"}.get(name, name)
        delta = value - old
        sign = "+" if delta > 0 else "−"
        amount = plural(abs(delta), unit) if unit in ("set", "rep") else f"{abs(delta)} {unit}"
        words.append(f"{sign}{amount}")
    return ", ".join(words)


def stepped_up(dosage: Dosage) -> dict[str, int]:
    """The next step up: more reps or a longer hold, else one set more; {} at every cap."""
    if dosage.hold_seconds is not None:
        if dosage.hold_seconds + HOLD_STEP <= HOLD_CAP:
            return {"hold_seconds": dosage.hold_seconds + HOLD_STEP}
    elif dosage.reps is not None and dosage.reps + REPS_STEP <= REPS_CAP:
        return {"reps": dosage.reps + REPS_STEP}
    if dosage.sets < SETS_CAP:
        return {"sets": dosage.sets + 1}
    return {}


def eased_back(dosage: Dosage) -> dict[str, int]:
    """The step back after pain; {} when there is nothing left to take off."""
    changes = eased(dosage)
    return {
        name: value
        for name, value in changes.items()
        if isinstance(value, int) and value != getattr(dosage, name)
    }


def pain_before(summary: Session) -> int | None:
    """The pain given before the session, if any."""
    check_in = summary.get("check_in")
    return None if check_in is None else check_in["pain_before"]


def felt_easy(summary: Session) -> bool:
    """A rating of 4 or 5, or a stiffness after no higher than before."""
    rating = summary["rating"]
    if rating is not None and rating >= EASY_RATING:
        return True
    check_in = summary.get("check_in")
    if check_in is None:
        return False
    before, after = check_in["stiffness_before"], check_in["stiffness_after"]
    return before is not None and after is not None and after <= before


def easy_for(summary: Session, exercise_id: str) -> bool:
    """Whether the session was an easy one for this exercise (see the module's rules)."""
    pain = pain_before(summary)
    return (
        summary["status"] == "finished"
        and exercise_id in done_exercises(summary)
        and exercise_id not in summary["skipped_exercises"]
        and (pain is None or pain < HIGH_PAIN)
        and felt_easy(summary)
    )


@dataclass
class _Evidence:
    # Times as POSIX timestamps: compared over and over, floats are 20 times as fast.
    since: float | None
    newest: tuple[float, Session] | None = None
    counted: list[tuple[float, int, Session]] = field(default_factory=list)

    def add(self, start: float, order: int, summary: Session, counted: bool) -> None:
        if self.newest is None or start > self.newest[0]:
            self.newest = (start, summary)
        if not counted:
            return
        full = len(self.counted) == EASY_SESSIONS
        if full and (start, order) <= self.counted[0][:2]:
            return  # older than the ones kept: the common case, read newest first or not
        insort(self.counted, (start, order, summary), key=lambda item: (item[0], item[1]))
        if full:
            del self.counted[0]


def _first_steps(routine: Routine) -> list[tuple[int, str]]:
    seen: dict[str, int] = {}
    for index, step in enumerate(routine.steps):
        seen.setdefault(step.exercise.id, index)
    return [(index, exercise_id) for exercise_id, index in seen.items()]


def _cutoff(today: date | None) -> date | None:
    return None if today is None else today - timedelta(days=FRESH_DAYS - 1)


def suggestions(
    routines: Iterable[Routine],
    summaries: Iterable[Session],
    since: Mapping[StepKey, datetime] | None = None,
    today: date | None = None,
) -> list[Suggestion]:
    """Every suggestion for these routines from these sessions (any order), in one pass.

    `since`: when each step's dosage last changed through loosen; older sessions are
    not evidence for it. `today`: sessions before the last `FRESH_DAYS` are not evidence
    either (None: every session is). The suggestions come in routine and step order.
    """
    since = since or {}
    cutoff = _cutoff(today)
    wanted = {routine.id: routine for routine in routines}
    evidence: dict[StepKey, _Evidence] = {}
    steps: dict[str, list[tuple[int, str]]] = {}
    for routine_id, routine in wanted.items():
        steps[routine_id] = _first_steps(routine)
        for index, _exercise in steps[routine_id]:
            changed = since.get((routine_id, index))
            stamp = None if changed is None else changed.timestamp()
            evidence[(routine_id, index)] = _Evidence(stamp)
    for order, summary in enumerate(summaries):
        routine_steps = steps.get(summary["routine_id"])
        if not routine_steps or (cutoff is not None and session_day(summary) < cutoff):
            continue
        start = datetime.fromisoformat(summary["started_at"]).timestamp()
        ids = {exercise["id"] for exercise in summary["exercises"]}
        counted = counts(summary)
        for index, exercise_id in routine_steps:
            found = evidence[(summary["routine_id"], index)]
            if exercise_id in ids and (found.since is None or start > found.since):
                found.add(start, order, summary, counted)
    found_all = []
    for routine_id, routine in wanted.items():
        for index, exercise_id in steps[routine_id]:
            suggestion = _suggestion(routine, index, exercise_id, evidence[(routine_id, index)])
            if suggestion is not None:
                found_all.append(suggestion)
    return found_all


def _suggestion(
    routine: Routine, index: int, exercise_id: str, evidence: _Evidence
) -> Suggestion | None:
    step = routine.steps[index]
    pain = None if evidence.newest is None else pain_before(evidence.newest[1])
    if evidence.newest is not None and pain is not None and pain >= HIGH_PAIN:
        when = datetime.fromisoformat(evidence.newest[1]["started_at"])
        reason = f"pain {pain} before your session of {when.day} {when:%b}"
        return _made(routine, index, exercise_id, "ease", eased_back(step.dosage), reason)
    counted = evidence.counted
    if len(counted) == EASY_SESSIONS and all(easy_for(s, exercise_id) for *_, s in counted):
        reason = f"{EASY_SESSIONS} easy sessions in a row"
        return _made(routine, index, exercise_id, "up", stepped_up(step.dosage), reason)
    return None


def _made(
    routine: Routine, index: int, exercise_id: str, kind: Kind, changes: dict[str, int], reason: str
) -> Suggestion | None:
    if not changes:
        return None
    step = routine.steps[index]
    return Suggestion(
        routine_id=routine.id,
        routine_name=routine.name,
        step=index,
        exercise_id=exercise_id,
        exercise_name=step.exercise.name,
        kind=kind,
        dosage=step.dosage,
        changes=tuple(changes.items()),
        reason=reason,
    )


def recent_sessions(
    newest_first: Iterable[Session],
    routines: Iterable[Routine],
    since: Mapping[StepKey, datetime] | None = None,
    today: date | None = None,
) -> list[Session]:
    """The sessions of these routines their suggestions read, from sessions newest first.

    Stops as soon as every step has its evidence (`EASY_SESSIONS` that count, or the
    step's last change reached) or the sessions are older than the last `FRESH_DAYS`
    before `today`, so a long history is read only as far back as needed; sessions of
    other routines, or of a routine with its evidence, are passed over.
    """
    since = since or {}
    cutoff = _cutoff(today)
    steps = {routine.id: _first_steps(routine) for routine in routines}
    enough = {key: dict.fromkeys((index for index, _ in found), 0) for key, found in steps.items()}
    taken: list[Session] = []
    for summary in newest_first:
        if cutoff is not None and session_day(summary) < cutoff:
            break
        routine_id = summary["routine_id"]
        needed = enough.get(routine_id)
        if needed is None:
            continue
        taken.append(summary)
        start = datetime.fromisoformat(summary["started_at"])
        ids = {exercise["id"] for exercise in summary["exercises"]}
        counted = counts(summary)
        for index, exercise_id in steps[routine_id]:
            changed = since.get((routine_id, index))
            if changed is not None and start <= changed:
                needed[index] = EASY_SESSIONS
            elif exercise_id in ids and counted:
                needed[index] += 1
        if all(count >= EASY_SESSIONS for count in needed.values()):
            del enough[routine_id]
            if not enough:
                break
    return taken

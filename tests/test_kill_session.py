"""SIGKILL a real `loosen` mid-session again and again: nothing acknowledged is ever lost.

Each round starts the installed program on the same data dir, resumes the unfinished
session (checking it comes back exactly where the disk says it stopped), presses space a
random number of times and kills the process with SIGKILL at a random moment, sometimes
before the screen has caught up with the keys. After every kill the data dir must open
cleanly, and every set the screen had already counted as done must be on disk as done.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.terminal import Terminal
from tui.storage.store import Store

ROUTINES_FILE = Path(__file__).resolve().parents[1] / "routines.json"
ROUTINE_ID = "full-thoracic-warm-up"
KILLS = 15
SEED = int(os.environ.get("LOOSEN_KILL_SEED", "20261122"))
MAX_PRESSES = 3
"""Space presses per round, at most."""

COUNTDOWNS = ("switch", "rest")
LABELS = (
    ("work", re.compile(r"Your set: press space when done")),
    ("hold_ready", re.compile(r"Get in position: space starts")),
    ("hold", re.compile(r"\bHOLD\b")),
    ("switch", re.compile(r"\bSWITCH SIDES\b")),
    ("rest", re.compile(r"\bREST\b")),
)
HEADER = re.compile(r"Exercise (\d+) of (\d+)")
# During a switch or rest the header and dosage line describe the slot that comes next.
DOSAGE = re.compile(
    r"^\s*(?:(?:Rest|Switch sides) · next: )?Set (\d+) of (\d+)(?: · (Left|Right) side)?",
    re.MULTILINE,
)
PROGRESS = re.compile(r"(\d+) of (\d+) (?:sets|sides|sets and sides) ·")


@dataclass(frozen=True)
class Slot:
    """One set on one side of one step, as routines.json plans it."""

    step_number: int
    exercise_name: str
    set_number: int
    set_count: int
    side: str | None
    hold: bool
    gap_after: int
    """Seconds of the switch or rest that follows (0: none, or the last slot)."""


def planned_slots(routine_id: str) -> list[Slot]:
    """Every slot of a routine, in order, worked out from routines.json alone."""
    data = json.loads(ROUTINES_FILE.read_text(encoding="utf-8"))
    exercises = {exercise["id"]: exercise for exercise in data["exercises"]}
    routine = next(routine for routine in data["routines"] if routine["id"] == routine_id)
    between = routine.get("rest_between_exercises_seconds", 20)
    rows: list[tuple[int, dict[str, Any], dict[str, Any], int, str | None]] = []
    for step_number, step in enumerate(routine["steps"], start=1):
        exercise = exercises[step["exercise"]]
        dosage = {**exercise["dosage"], **step.get("dosage", {})}
        sides = ("left", "right") if dosage.get("per_side") else (None,)
        for set_number in range(1, dosage["sets"] + 1):
            for side in sides:
                rows.append((step_number, exercise, dosage, set_number, side))
    slots = []
    for index, (step_number, exercise, dosage, set_number, side) in enumerate(rows):
        gap = 0
        if index + 1 < len(rows):
            following = rows[index + 1]
            if following[0] != step_number:
                gap = between
            elif following[3] == set_number:
                gap = dosage.get("switch_seconds", 0)
            else:
                gap = dosage.get("rest_seconds", 0)
        slots.append(
            Slot(
                step_number=step_number,
                exercise_name=exercise["name"],
                set_number=set_number,
                set_count=dosage["sets"],
                side=side,
                hold=dosage.get("hold_seconds") is not None,
                gap_after=gap,
            )
        )
    return slots


def walk(plan: list[Slot]) -> list[tuple[int, str]]:
    """The (slot index, phase) states that space alone steps through, one per press."""
    states: list[tuple[int, str]] = []
    for index, slot in enumerate(plan):
        states.extend([(index, "hold_ready"), (index, "hold")] if slot.hold else [(index, "work")])
        if slot.gap_after > 0:
            following = plan[index + 1]
            same_set = (following.step_number, following.set_number) == (
                slot.step_number,
                slot.set_number,
            )
            states.append((index, "switch" if same_set else "rest"))
    return states


def done_before(state: tuple[int, str]) -> int:
    """How many slots are done in a state reached by space alone."""
    index, phase = state
    return index + 1 if phase in COUNTDOWNS else index


@dataclass(frozen=True)
class Shown:
    """What the session screen shows: where it is and how many sets it counts as done."""

    state: tuple[int, str] | None
    """(slot index, phase), if the header, dosage line and countdown label are all readable."""
    done: int | None
    planned: int | None


def read_session_screen(shown: str, plan: list[Slot]) -> Shown:
    """Read the position and the done count off a session screen."""
    progress = PROGRESS.search(shown)
    done, planned = (int(progress[1]), int(progress[2])) if progress else (None, None)
    header = HEADER.search(shown)
    dosage = DOSAGE.search(shown)
    phases = [phase for phase, pattern in LABELS if pattern.search(shown)]
    state = None
    if header and dosage and len(phases) == 1:
        side = dosage[3].lower() if dosage[3] else None
        key = (int(header[1]), int(dosage[1]), side)
        matches = [
            index
            for index, slot in enumerate(plan)
            if (slot.step_number, slot.set_number, slot.side) == key
        ]
        if len(matches) == 1:
            shift = 1 if phases[0] in COUNTDOWNS else 0  # the screen names the next slot
            state = (matches[0] - shift, phases[0])
    return Shown(state=state, done=done, planned=planned)


def wait_for_state(
    term: Terminal, plan: list[Slot], states: list[tuple[int, str]], at: int
) -> None:
    """Wait until the session screen shows the state at position `at` of the walk,
    with the done count that goes with it.
    """
    wanted = states[at]
    expected = Shown(state=wanted, done=done_before(wanted), planned=len(plan))

    def there(shown: str) -> bool:
        return read_session_screen(shown, plan) == expected

    term.wait_until(there, f"the session showing {expected} ({plan[wanted[0]]})")


def wait_past(term: Terminal, plan: list[Slot], states: list[tuple[int, str]], at: int) -> None:
    """Wait until the session screen shows position `at` of the walk or a later one.

    A half-drawn frame can pair the new dosage line with the old countdown label, a state
    no walk has; that counts as not there yet.
    """

    def there(shown: str) -> bool:
        state = read_session_screen(shown, plan).state
        return state in states and states.index(state) >= at

    term.wait_until(there, f"the session at {states[at]} or later")


@dataclass(frozen=True)
class OnDisk:
    """The unfinished session as the data dir holds it after a kill."""

    state: tuple[int, str]
    records: list[dict[str, Any]]


def read_data_dir(data_dir: Path, plan: list[Slot]) -> OnDisk:
    """Open the data dir (loosen is dead by now) and check the unfinished session is sound."""
    damaged_before = sorted(path.name for path in data_dir.rglob("*.damaged-*"))
    with Store.open(data_dir) as store:
        notices = list(store.notices)
        active = store.active()
    damaged = sorted(path.name for path in data_dir.rglob("*.damaged-*"))
    assert damaged_before == damaged == [], f"files moved aside: {damaged}"
    assert notices == []
    assert active is not None, "the unfinished session is gone"
    engine = active["engine"]
    records = engine["records"]
    assert all(record["outcome"] == "done" for record in records), records
    assert [(r["exercise_name"], r["set_number"], r["side"]) for r in records] == [
        (slot.exercise_name, slot.set_number, slot.side) for slot in plan[: len(records)]
    ], "the records are not the plan's first sets, in order"
    state = (engine["slot_index"], engine["phase"])
    assert done_before(state) == len(records), f"position {state} with {len(records)} done"
    return OnDisk(state=state, records=records)


def check_resume_offer(term: Terminal, plan: list[Slot], on_disk: OnDisk) -> None:
    """The start-up dialog describes the session exactly as the disk has it."""
    index, phase = on_disk.state
    # During a rest or a switch the dialog names what comes next, not the set just done.
    resting = phase in COUNTDOWNS
    slot = plan[index + 1] if resting else plan[index]
    exercise = "Next: exercise" if resting else "Exercise"
    where = f"{exercise} {slot.step_number} of {plan[-1].step_number}: {slot.exercise_name}, "
    where += f"set {slot.set_number} of {slot.set_count}"
    if slot.side:
        where += f", {slot.side} side"
    count = f"{len(on_disk.records)} of {len(plan)} sets done"
    wanted = ["You have an unfinished session", "r resume exactly where it stopped", where, count]

    def offered(shown: str) -> bool:
        flat = " ".join(shown.replace("┃", " ").split())
        return all(text in flat for text in wanted)

    term.wait_until(offered, f"the resume dialog saying {wanted}")


def test_sigkill_mid_session_never_loses_an_acknowledged_set(tmp_path: Path) -> None:
    """SIGKILL at random moments; each kill leaves a sound session with every counted set."""
    rng = random.Random(SEED)
    plan = planned_slots(ROUTINE_ID)
    states = walk(plan)
    assert len({slot.step_number for slot in plan}) == 5 and any(slot.hold for slot in plan)
    data_dir = tmp_path / "loosen-data"
    args = ["--data-dir", str(data_dir), "start", ROUTINE_ID]
    on_disk: OnDisk | None = None
    history: list[str] = []
    for kill in range(1, KILLS + 1):
        with Terminal(args) as term:
            if on_disk is None:
                at = 0
            else:
                check_resume_offer(term, plan, on_disk)
                term.press("r")
                at = states.index(on_disk.state)
            wait_for_state(term, plan, states, at)

            # Press space, but never so often that the routine ends (two presses spare).
            presses = rng.randint(0, max(0, min(MAX_PRESSES, len(states) - at - 2)))
            for _ in range(presses):
                term.press("space")
                at += 1
                if rng.random() < 0.5:
                    wait_past(term, plan, states, at)
                else:
                    term.pump(rng.uniform(0.0, 0.15))
            moment = rng.choice(("at once", "soon", "settled"))
            if moment == "soon":
                term.pump(rng.uniform(0.0, 0.3))
            elif moment == "settled":
                wait_past(term, plan, states, at)
            term.kill(signal.SIGKILL)
            assert term.signal_status == signal.SIGKILL
            # Everything drawn before the kill has been read: this is what the person saw.
            last = read_session_screen(term.display(), plan)
            screen = term.dump()

        before = len(on_disk.records) if on_disk else 0
        on_disk = read_data_dir(data_dir, plan)
        saved = len(on_disk.records)
        acknowledged = last.done if last.done is not None else before
        round_log = (
            f"kill {kill} (seed {SEED}): {presses} presses, killed {moment}; "
            f"screen {acknowledged} done, disk {saved} at {on_disk.state}"
        )
        history.append(round_log)
        assert saved >= acknowledged, (
            f"{round_log}: the screen counted {acknowledged} sets done, the disk has {saved}:\n"
            f"{screen}\nrounds: {history}"
        )
        assert saved >= before, f"{round_log}: done sets went from {before} to {saved}"
        assert saved <= done_before(states[at]), f"{round_log}: more done than pressed for"

    # One last start: the session resumes where the last kill left it, and q keeps it.
    assert on_disk is not None
    with Terminal(args) as term:
        check_resume_offer(term, plan, on_disk)
        term.press("r")
        wait_for_state(term, plan, states, states.index(on_disk.state))
        term.press("q")
        assert term.wait_exit() == 0
    assert read_data_dir(data_dir, plan) == on_disk
    assert len(on_disk.records) > 0

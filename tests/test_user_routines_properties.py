"""Random sequences of builder edits: the file written always loads, and round-trips byte for byte.

Each example applies up to eight edits (new, duplicate and overridden routines, steps
added, moved, removed and given hostile dosages, names with markup, controls and lone
surrogates, new exercises, deletions and undo) through `UserRoutinesFile`. After every
edit, accepted or refused:

- a refused edit changed nothing on disk;
- the file loads with the loader, strictly, against the built-ins, and `load_catalogue`
  finds no problem in it;
- what is on disk after an accepted edit is exactly what the edit made, nothing lost;
- reading it back and writing it again gives the same bytes.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tui.catalogue.drafts import UserRoutines
from tui.catalogue.editing import EditError, OwnCatalogue, put_exercise, put_routine, set_field
from tui.catalogue.exercise_edits import add_cue, new_exercise, set_exercise_dosage
from tui.catalogue.loader import DOSAGE_FIELDS, load_catalogue_file, parse_catalogue
from tui.catalogue.model import CueKind
from tui.catalogue.routine_edits import (
    add_step,
    duplicate_routine,
    move_step,
    new_routine,
    override_routine,
    preview_routine,
    remove_step,
    set_step_dosage,
)
from tui.catalogue.sources import builtin_routines_file, with_user_file
from tui.catalogue.user_file import EditRejected, UserRoutinesFile, file_bytes

BASE = load_catalogue_file(builtin_routines_file())
Op = tuple[Any, ...]

TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("[]/@=\x1b\x07\x9b\u202e\u2028\ud800 \t\n"),
    ),
    max_size=12,
)
PICK = st.integers(min_value=0, max_value=20)
NUMBER = st.one_of(st.integers(min_value=-3, max_value=70), st.sampled_from([500, 501, 3600, 3601]))
OPS: st.SearchStrategy[Op] = st.one_of(
    st.tuples(st.just("new routine"), TEXT, st.lists(PICK, max_size=4)),
    st.tuples(st.just("duplicate"), PICK, st.booleans()),
    st.tuples(st.just("override"), PICK),
    st.tuples(
        st.just("dosage"),
        PICK,
        PICK,
        st.sampled_from([f for f in DOSAGE_FIELDS if f != "origin"]),
        st.one_of(NUMBER, st.booleans(), st.none()),
    ),
    st.tuples(st.just("move"), PICK, PICK, st.sampled_from([-1, 1])),
    st.tuples(st.just("remove step"), PICK, PICK),
    st.tuples(st.just("rename"), PICK, TEXT),
    st.tuples(st.just("new exercise"), TEXT, st.lists(TEXT, min_size=1, max_size=3), NUMBER),
    st.tuples(st.just("delete"), st.sampled_from(["routine", "exercise"]), PICK),
    st.tuples(st.just("undo")),
)


def _pick(items: tuple[Any, ...], index: int) -> Any:
    return items[index % len(items)] if items else None


def _edit(op: Op, catalogue: OwnCatalogue) -> Callable[[UserRoutines], UserRoutines] | None:
    """The edit an op describes, made against what the file holds now; None if it can't be."""
    own = catalogue.own
    kind = op[0]
    exercises = tuple(sorted(catalogue.exercise_ids()))
    if kind == "new routine":
        draft = new_routine(catalogue, op[1] or "x")
        for pick in op[2]:
            draft = add_step(draft, _pick(exercises, pick))
        return lambda own: put_routine(own, draft)
    if kind == "duplicate":
        mine = [preview_routine(catalogue, r, replacing=r.id) for r in own.routines]
        pool = BASE.routines if op[2] or not own.routines else tuple(r for r in mine if r)
        source = _pick(pool, op[1])
        if source is None:
            return None
        copy = duplicate_routine(catalogue, source)
        return lambda own: put_routine(own, copy)
    if kind == "override":
        draft = override_routine(_pick(BASE.routines, op[1]))
        return lambda own: put_routine(own, draft, replacing=draft.id)
    if kind == "new exercise":
        exercise = new_exercise(catalogue, op[1] or "x")
        for text in op[2]:
            exercise = add_cue(exercise, CueKind.MOVEMENT, text)
        exercise = set_field(set_field(exercise, "who", "Anyone"), "why", op[1] or "x")
        exercise = set_exercise_dosage(set_field(exercise, "summary", "s"), "reps", op[3])
        return lambda own: put_exercise(own, exercise)
    routine = _pick(own.routines, op[1])
    if routine is None:
        return None
    if kind == "dosage":
        if not routine.steps:
            return None
        changed = set_step_dosage(routine, op[2] % len(routine.steps), op[3], op[4])
    elif kind == "move":
        changed, _ = move_step(routine, op[2] % len(routine.steps), op[3])
    elif kind == "remove step":
        changed = remove_step(routine, op[2] % len(routine.steps))
    else:
        changed = set_field(routine, "name", op[2])
    return lambda own: put_routine(own, changed, replacing=routine.id)


def _apply(op: Op, file: UserRoutinesFile) -> str:
    """Apply one op through the file; what happened, for the statistics."""
    if op[0] == "undo":
        file.undo_delete()
        return "undone"
    if op[0] == "delete":
        own = file.read()
        entries = own.routines if op[1] == "routine" else own.exercises
        entry = _pick(entries, op[2])
        if entry is None:
            return "nothing to delete"
        file.delete(op[1], entry.id)
        return "deleted"
    before = file.own_catalogue()
    edit = _edit(op, before)
    if edit is None:
        return "nothing to edit"
    file.save(edit)
    assert file.read() == edit(before.own)  # on disk is exactly what the edit made
    return "saved"


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    written = path.read_bytes()
    parse_catalogue(written, str(path), base=BASE)  # raises if the loader rejects it
    assert with_user_file(BASE, path).problems == ()
    again = UserRoutinesFile(path, BASE).read()
    assert file_bytes(again) == written


SEED: Op = ("new routine", "Seed", [0, 1, 2])
EXAMPLES = settings(
    derandomize=True,
    database=None,
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_random_edit_sequences_always_leave_a_file_that_loads(tmp_path: Path) -> None:
    dirs = itertools.count()

    @EXAMPLES
    @given(st.lists(OPS, min_size=1, max_size=8))
    def run(ops: list[Op]) -> None:
        ops = [SEED, *ops]  # something to edit from the start
        path = tmp_path / str(next(dirs)) / "routines.json"
        file = UserRoutinesFile(path, BASE, wait=0)
        for op in ops:
            before = path.read_bytes() if path.exists() else None
            try:
                event(f"{op[0]}: {_apply(op, file)}")
            except (EditError, EditRejected) as refused:
                event(f"{op[0]}: refused ({type(refused).__name__})")
                assert "\n" not in str(refused)
                assert (path.read_bytes() if path.exists() else None) == before
            _check_file(path)

    # fsync makes each write durable; here only what is written matters, and 2,000 fsyncs
    # would make the test slow for nothing.
    with mock.patch.object(os, "fsync", lambda fd: None):
        run()

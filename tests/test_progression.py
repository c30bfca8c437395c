"""Progression rules on generated histories with known answers; accepting and undoing."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.catalogue.editing import EditError
from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.model import Dosage, Routine
from tui.catalogue.routine_edits import set_step_dosage
from tui.catalogue.sources import builtin_routines_file
from tui.catalogue.user_file import UserRoutinesFile
from tui.ledger.progression import Suggestion, recent_sessions, stepped_up, suggestions
from tui.ledger.progression_log import LOG_SETTING, accept, read_log, undo_last
from tui.locations import user_routines_file
from tui.storage.types import CheckIn, SessionSummary

BASE = load_catalogue_file(builtin_routines_file())


def _routine(routine_id: str) -> Routine:
    routine = BASE.routine(routine_id)
    assert routine is not None
    return routine


FOUR = _routine("four-step-upper-back")
CET = timezone(timedelta(hours=1))
DAY0 = datetime(2026, 11, 1, 7, 30, tzinfo=CET)


def session(
    day: int,
    routine: Routine = FOUR,
    *,
    rating: int | None = 4,
    status: str = "finished",
    skipped: tuple[str, ...] = (),
    done: bool = True,
    before: int | None = None,
    after: int | None = None,
    pain: int | None = None,
) -> SessionSummary:
    ids = [step.exercise.id for step in routine.steps]
    check_in: CheckIn | None = None
    if before is not None or after is not None or pain is not None:
        check_in = {
            "stiffness_before": before,
            "pain_before": pain,
            "pain_choice": None,
            "stiffness_after": after,
            "sides": [],
            "self_test": [],
        }
    summary: dict[str, Any] = {
        "id": f"s{day}",
        "routine_id": routine.id,
        "routine_name": routine.name,
        "started_at": (DAY0 + timedelta(days=day)).isoformat(),
        "ended_at": None,
        "duration_seconds": 600,
        "status": status,
        "sets_planned": 20,
        "sets_done": 20 if done else 0,
        "skipped_exercises": list(skipped),
        "exercises": [{"id": i, "name": i} for i in ids],
        "rating": rating,
        "note": None,
        "check_in": check_in,
        "edited_at": None,
        "done_exercise_ids": [i for i in ids if i not in skipped] if done else [],
    }
    return summary  # type: ignore[return-value]


def found(*sessions: SessionSummary, since: dict[Any, datetime] | None = None) -> list[str]:
    return [s.line() for s in suggestions([FOUR], sessions, since)]


def test_three_easy_sessions_step_every_exercise_up_and_two_do_not() -> None:
    easy = [session(day) for day in (1, 2, 3)]
    assert found(*easy[:2]) == []
    lines = found(*reversed(easy))  # any order
    names = [step.exercise.name for step in FOUR.steps]
    assert lines == [f"+2 reps for {name} (3 easy sessions in a row)" for name in names]
    first = suggestions([FOUR], easy)[0]
    assert first.from_to() == "3 sets × 6 reps → 3 sets × 8 reps"


def test_easy_means_rating_4_or_stiffness_no_higher_after() -> None:
    by_stiffness = [session(d, rating=2, before=6, after=6) for d in (1, 2, 3)]
    assert len(found(*by_stiffness)) == 4
    stiffer = [*by_stiffness[:2], session(3, rating=3, before=5, after=6)]
    assert found(*stiffer) == []
    no_answer = [*by_stiffness[:2], session(3, rating=None)]
    assert found(*no_answer) == []


def test_only_the_newest_three_counted_sessions_are_read() -> None:
    old_hard = session(1, rating=1)
    easy = [session(d) for d in (2, 3, 4)]
    assert len(found(old_hard, *easy)) == 4
    newest_hard = session(5, rating=2)
    assert found(*easy, newest_hard) == []
    nothing_done = session(6, rating=None, status="abandoned", done=False)
    assert len(found(*easy, nothing_done)) == 4  # not counted: not evidence


def test_a_skipped_set_or_an_abandoned_session_is_not_complete() -> None:
    easy = [session(d) for d in (1, 2)]
    skipped = session(3, skipped=("bench-stretch",))
    lines = found(*easy, skipped)
    assert len(lines) == 3 and not any("Bench Stretch" in line for line in lines)
    abandoned = session(3, status="abandoned")
    assert found(*easy, abandoned) == []


def test_pain_in_the_newest_session_suggests_easing_back_not_stepping_up() -> None:
    easy = [session(d) for d in (1, 2, 3)]
    stopped = session(4, rating=None, status="abandoned", done=False, pain=8)
    lines = found(*easy, stopped)
    reason = "(pain 8 before your session of 5 Nov)"
    assert lines[0] == f"−1 set for Peanut Upper-Back Extensions {reason}"
    assert len(lines) == 4 and all(line.startswith("−1 set") for line in lines)
    assert found(*easy, session(4, pain=6)) == found(*easy)
    assert found(session(1, pain=7), *easy[1:]) == []  # pain earlier: not three easy ones


def test_since_a_change_older_sessions_are_not_evidence() -> None:
    easy = [session(d) for d in (1, 2, 3)]
    changed = DAY0 + timedelta(days=2, hours=1)
    lines = found(*easy, since={("four-step-upper-back", 1): changed})
    assert len(lines) == 3 and not any("Bench Stretch" in line for line in lines)
    pain = session(4, pain=9)
    after_pain = DAY0 + timedelta(days=4, hours=1)
    assert not any("Bench" in s for s in found(pain, since={(FOUR.id, 1): after_pain}))


@pytest.mark.parametrize(
    ("dosage", "changes"),
    [
        (Dosage(sets=2, reps=10), {"reps": 12}),
        (Dosage(sets=2, reps=14), {"sets": 3}),
        (Dosage(sets=4, reps=15), {}),
        (Dosage(sets=1, hold_seconds=30), {"hold_seconds": 35}),
        (Dosage(sets=1, hold_seconds=60), {"sets": 2}),
        (Dosage(sets=4, hold_seconds=90), {}),
    ],
)
def test_the_step_up_and_its_caps(dosage: Dosage, changes: dict[str, int]) -> None:
    assert stepped_up(dosage) == changes


class Settings:
    read_only = False

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def get_setting(self, key: str, default: Any) -> Any:
        value = self.values.get(key, default)
        return value if isinstance(value, type(default)) else default

    def set_setting(self, key: str, value: Any) -> None:
        self.values[key] = value


def clock() -> datetime:
    return datetime(2026, 12, 3, 9, 0, tzinfo=CET)


def bench_up() -> Suggestion:
    easy = [session(d) for d in (1, 2, 3)]
    return next(s for s in suggestions([FOUR], easy) if s.exercise_id == "bench-stretch")


def test_accepting_writes_the_step_and_undo_puts_it_back() -> None:
    file = UserRoutinesFile(user_routines_file(), BASE)
    settings = Settings()
    change, saved = accept(bench_up(), file, settings, clock)
    routine = saved.catalogue.routine(FOUR.id)
    assert routine is not None and routine.steps[1].dosage.reps == 10
    assert routine.steps[0].dosage.reps == 6  # the other steps as they were
    assert change.before == {"reps": None} and change.after == {"reps": 10}
    log = read_log(settings)
    assert log.since() == {(FOUR.id, 1): clock()}
    # The same three sessions are no longer evidence for the changed step.
    easy = [session(d) for d in (1, 2, 3)]
    assert not any(s.step == 1 for s in suggestions([routine], easy, log.since()))

    undone, saved = undo_last(file, settings, clock)
    back = saved.catalogue.routine(FOUR.id)
    assert back is not None and back.steps[1].dosage == FOUR.steps[1].dosage
    assert undone.undone_at is not None and read_log(settings).last_active() is None
    with pytest.raises(EditError, match="no accepted suggestion"):
        undo_last(file, settings, clock)


def test_undo_refuses_a_step_changed_by_hand_since() -> None:
    file = UserRoutinesFile(user_routines_file(), BASE)
    settings = Settings()
    accept(bench_up(), file, settings, clock)

    def by_hand(own: Any) -> Any:
        draft = set_step_dosage(own.routine(FOUR.id), 1, "reps", 20)
        return type(own)(own.exercises, (draft,))

    file.save(by_hand)
    with pytest.raises(EditError, match="was changed since"):
        undo_last(file, settings, clock)
    routine = file.save(lambda own: own).catalogue.routine(FOUR.id)
    assert routine is not None and routine.steps[1].dosage.reps == 20


def test_a_damaged_log_entry_is_left_out_and_counted() -> None:
    settings = Settings()
    naive = {**GOOD, "at": "2026-12-01T08:00:00"}
    settings.values[LOG_SETTING] = [{"at": "yesterday"}, 3, naive, GOOD]
    log = read_log(settings)
    assert [change.to_data() for change in log.changes] == [GOOD] and log.unreadable == 3


def test_the_recent_sessions_are_enough_to_give_the_same_answers() -> None:
    history = [
        session(day, rating=5 if day // 4 % 2 else 2, pain=9 if day % 11 == 0 else None)
        for day in range(60)
    ]
    newest_first = sorted(history, key=lambda s: s["started_at"], reverse=True)
    since = {(FOUR.id, 2): DAY0 + timedelta(days=30, hours=1)}
    answers = set()
    for end in range(1, 61):
        older = newest_first[60 - end :]
        for changed in ({}, since):
            recent = recent_sessions(older, [FOUR], changed)
            assert len(recent) <= 3
            expected = suggestions([FOUR], older, changed)
            assert suggestions([FOUR], recent, changed) == expected
            answers.add(tuple(s.kind for s in expected))
    assert {(), ("up",) * 4, ("ease",) * 4, ("up",) * 3} <= answers


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 4000) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=12,
)
GOOD = {
    "at": "2026-12-01T08:00:00+01:00",
    "routine_id": "four-step-upper-back",
    "step": 1,
    "exercise_id": "bench-stretch",
    "words": "+2 reps for Bench Stretch",
    "before": {"reps": None},
    "after": {"reps": 10},
    "undone_at": None,
}


def one_field_changed(key: str, value: Any) -> dict[str, Any]:
    return {**GOOD, key: value}


@settings(derandomize=True, max_examples=250, deadline=None)
@given(
    st.lists(
        JSON_VALUES
        | st.builds(
            lambda key, value: {**GOOD, key: value}, st.sampled_from(sorted(GOOD)), JSON_VALUES
        ),
        max_size=6,
    )
)
def test_a_stored_log_of_any_shape_reads_without_failing(stored: list[Any]) -> None:
    settings_store = Settings()
    settings_store.values[LOG_SETTING] = stored
    log = read_log(settings_store)
    assert len(log.changes) + log.unreadable == len(stored)
    for change in log.changes:
        assert change.to_data().keys() == GOOD.keys()
        assert set(change.after) == set(change.before)
    log.since()  # every kept time parses
    assert read_log(settings_store) == log


def test_easing_back_after_pain_is_accepted_then_reversed() -> None:
    file = UserRoutinesFile(user_routines_file(), BASE)
    settings_store = Settings()
    history = [session(d) for d in (1, 2)] + [session(3, pain=8)]
    ease = next(s for s in suggestions([FOUR], history) if s.exercise_id == "bench-stretch")
    assert (ease.kind, ease.changes, ease.from_to()) == (
        "ease",
        (("sets", 1),),
        "2 sets × 8 reps → 1 set × 8 reps",
    )
    change, saved = accept(ease, file, settings_store, clock)
    eased = saved.catalogue.routine(FOUR.id)
    assert eased is not None and eased.steps[1].dosage.sets == 1
    assert change.words == "−1 set for Bench Stretch"
    since = read_log(settings_store).since()
    assert not any(s.step == 1 for s in suggestions([eased], history, since))  # not again
    _undone, saved = undo_last(file, settings_store, clock)
    back = saved.catalogue.routine(FOUR.id)
    assert back is not None and back.steps[1].dosage.sets == 2
    since = read_log(settings_store).since()
    assert not any(s.step == 1 for s in suggestions([back], history, since))  # nor after undo


def test_sessions_older_than_8_weeks_are_not_evidence_and_not_read() -> None:
    easy = [session(day) for day in (1, 2, 3)]  # 2 to 4 Nov
    fresh, stale = date(2026, 12, 27), date(2026, 12, 28)  # 2 Nov is in the last 56 days, or not
    assert len(suggestions([FOUR], easy, today=fresh)) == 4
    assert suggestions([FOUR], easy, today=stale) == []
    newest_first = [session(50, rating=1), *reversed(easy)]
    assert recent_sessions(newest_first, [FOUR], today=stale) == newest_first[:3]  # not 2 Nov

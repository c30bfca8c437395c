"""Quick start: `loosen start` with no id starts the usual routine, else the one done last."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest

import tui.app
import tui.cli
from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.quick_start import USUAL_ROUTINE, last_done_by_routine, quick_start_routine
from tui.catalogue.sources import builtin_routines_file
from tui.cli import run
from tui.history.stats import local_start
from tui.storage.store import Store
from tui.storage.types import SessionRecord

# Read at import, before the fixtures isolate the data dir: so without the library.
CATALOGUE = load_catalogue_file(builtin_routines_file())


def record(routine_id: str, started: str, *, done: bool = True) -> SessionRecord:
    """A session of `routine_id` with one set, done or skipped."""
    return {
        "id": uuid.uuid4().hex,
        "routine_id": routine_id,
        "routine_name": routine_id.replace("-", " ").title(),
        "started_at": started,
        "ended_at": started,
        "duration_seconds": 60,
        "status": "finished" if done else "abandoned",
        "sets_planned": 1,
        "sets_done": 1 if done else 0,
        "skipped_exercises": [] if done else ["bench-stretch"],
        "exercises": [{"id": "bench-stretch", "name": "Bench Stretch"}],
        "sets": [
            {
                "exercise_id": "bench-stretch",
                "exercise_name": "Bench Stretch",
                "set": 1,
                "side": None,
                "reps": 8,
                "seconds": None,
                "outcome": "done" if done else "skipped",
                "at": started,
            }
        ],
        "rating": None,
        "check_in": None,
        "edited_at": None,
        "note": None,
    }


def summaries(*records: SessionRecord) -> list[dict[str, Any]]:
    return [
        {key: value for key, value in r.items() if key != "sets"}
        | {"done_exercise_ids": ["bench-stretch"] if r["sets_done"] else []}
        for r in records
    ]


def test_last_done_by_routine_keeps_the_newest_session_that_counts() -> None:
    found = last_done_by_routine(
        summaries(
            record("four-step-upper-back", "2026-11-20T07:00:00+01:00"),
            record("four-step-upper-back", "2026-11-28T07:00:00+01:00"),
            record("four-step-upper-back", "2026-11-29T07:00:00+01:00", done=False),
            record("roller-twister-warm-up", "2026-11-21T23:30:00-05:00"),
        )
    )
    assert found == {
        "four-step-upper-back": local_start("2026-11-28T07:00:00+01:00"),
        "roller-twister-warm-up": local_start("2026-11-21T23:30:00-05:00"),
    }
    assert found["roller-twister-warm-up"].isoformat() == "2026-11-22T05:30:00+01:00"  # local
    assert last_done_by_routine([]) == {}


def test_the_last_routine_done_is_started_again() -> None:
    newest_first = summaries(
        record("just-bench-stretch", "2026-11-30T07:00:00+01:00"),  # one exercise on its own
        record("four-step-upper-back", "2026-11-29T07:00:00+01:00", done=False),
        record("full-thoracic-warm-up", "2026-11-28T07:00:00+01:00"),
        record("four-step-upper-back", "2026-11-27T07:00:00+01:00"),
    )
    chosen = quick_start_routine(CATALOGUE, newest_first)
    assert chosen.routine is not None and chosen.routine.id == "full-thoracic-warm-up"
    assert chosen.reason == "the routine you did last, on 2026-11-28"


def test_the_usual_routine_comes_first() -> None:
    newest_first = summaries(record("full-thoracic-warm-up", "2026-11-28T07:00:00+01:00"))
    chosen = quick_start_routine(CATALOGUE, newest_first, "roller-twister-warm-up")
    assert chosen.routine is not None and chosen.routine.id == "roller-twister-warm-up"
    assert chosen.reason == "your usual routine"
    gone = quick_start_routine(CATALOGUE, newest_first, "deleted-one")
    assert gone.routine is not None and gone.routine.id == "full-thoracic-warm-up"
    assert gone.reason.startswith('your usual routine "deleted-one" is no longer in the catalogue;')


def test_nothing_to_start_says_why_in_one_line() -> None:
    empty = quick_start_routine(CATALOGUE, [])
    assert empty == (
        None,
        "nothing done yet to start again; start one by id: loosen start ID"
        " (loosen routines lists them)",
    )
    gone = quick_start_routine(CATALOGUE, summaries(record("old-one", "2026-11-28T07:00:00+01:00")))
    assert gone.routine is None
    assert gone.reason.startswith('the routine you did last, "Old One" (old-one), is no longer')


def test_only_sessions_up_to_the_first_that_counts_are_read() -> None:
    def newest_first() -> Iterator[dict[str, Any]]:
        yield from summaries(record("four-step-upper-back", "2026-11-29T07:00:00+01:00"))
        raise AssertionError("read further than needed")

    assert quick_start_routine(CATALOGUE, newest_first()).routine is not None


def test_the_store_hands_over_the_newest_year_first(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.add_session(record("four-step-upper-back", "2025-06-01T07:00:00+01:00"))
        store.add_session(record("full-thoracic-warm-up", "2026-03-01T07:00:00+01:00"))
        store.add_session(record("roller-twister-warm-up", "2026-02-01T07:00:00+01:00"))
        sessions = store.newest_sessions()
        assert next(sessions)["routine_id"] == "full-thoracic-warm-up"
        assert [s["routine_id"] for s in sessions] == [
            "roller-twister-warm-up",
            "four-step-upper-back",
        ]


class Terminal(io.StringIO):
    """A standard stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class FakeApp:
    """Stands in for LoosenApp: records what it was asked to start."""

    started: ClassVar[list[str | None]] = []

    def __init__(self, **kwargs: Any) -> None:
        FakeApp.started.append(kwargs["start_routine"])
        self.return_code = 0

    def run(self) -> None:
        """Nothing to draw."""


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Run the CLI as if in a terminal, with the app replaced; what it started goes here."""
    # The CLI's own view of sys: pytest puts its capture back on sys between setup and call.
    streams = SimpleNamespace(stdin=Terminal(), stdout=Terminal(), stderr=Terminal())
    monkeypatch.setattr(tui.cli, "sys", streams)
    monkeypatch.setattr(tui.app, "LoosenApp", FakeApp)
    FakeApp.started = []
    return FakeApp.started


def test_start_with_no_id_starts_the_last_routine_done(
    data_dir: Path, terminal: list[str | None]
) -> None:
    with Store.open(data_dir) as store:
        store.add_session(record("four-step-upper-back", "2026-11-28T07:00:00+01:00"))
    assert run(["--data-dir", str(data_dir), "start"]) == 0
    assert terminal == ["four-step-upper-back"]


def test_mark_usual_then_start_starts_it_and_forget_goes_back(
    data_dir: Path, terminal: list[str | None], capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir) as store:
        store.add_session(record("four-step-upper-back", "2026-11-28T07:00:00+01:00"))
    assert (
        run(["--data-dir", str(data_dir), "start", "--mark-usual", "roller-twister-warm-up"]) == 0
    )
    with Store.open(data_dir) as store:
        assert store.get_setting(USUAL_ROUTINE, "") == "roller-twister-warm-up"
    assert run(["--data-dir", str(data_dir), "start"]) == 0
    assert run(["--data-dir", str(data_dir), "start", "--forget-usual"]) == 0
    assert run(["--data-dir", str(data_dir), "start"]) == 0
    assert terminal == ["roller-twister-warm-up", "four-step-upper-back"]


def test_start_with_nothing_to_start_is_one_line_and_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--data-dir", str(data_dir), "start"]) == 2
    assert capsys.readouterr().err == (
        "loosen: nothing done yet to start again; start one by id: loosen start ID"
        " (loosen routines lists them)\n"
    )
    with Store.open(data_dir) as store:
        store.add_session(record("gone-routine", "2026-11-28T07:00:00+01:00"))
    assert run(["--data-dir", str(data_dir), "start"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and '"Gone Routine" (gone-routine), is no longer' in err


def test_marking_an_unknown_routine_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--data-dir", str(data_dir), "start", "--mark-usual", "nope"]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith('loosen: unknown routine "nope"; known routines: ') and err.count("\n") == 1
    )
    with Store.open(data_dir) as store:
        assert store.get_setting(USUAL_ROUTINE, "") == ""


def test_marking_the_usual_routine_while_another_loosen_writes_is_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir):  # the other loosen holds the data dir
        assert (
            run(["--data-dir", str(data_dir), "start", "--mark-usual", "roller-twister-warm-up"])
            == 2
        )
    err = capsys.readouterr().err
    assert err.startswith("loosen: ") and err.count("\n") == 1 and "Traceback" not in err


def test_the_catalogue_as_the_cli_uses_it_has_a_users_own_routine_to_start(
    data_dir: Path, terminal: list[str | None]
) -> None:
    from tui.catalogue.editing import OwnCatalogue, put_routine
    from tui.catalogue.routine_edits import add_step, new_routine
    from tui.catalogue.sources import builtin_catalogue
    from tui.catalogue.user_file import UserRoutinesFile
    from tui.locations import user_routines_file

    base = builtin_catalogue(data_dir)
    draft = add_step(
        new_routine(
            OwnCatalogue(base, UserRoutinesFile(user_routines_file(), base).read()), "Mine"
        ),
        "bench-stretch",
    )
    UserRoutinesFile(user_routines_file(), base).save(lambda own: put_routine(own, draft))
    with Store.open(data_dir) as store:
        store.add_session(record("mine", "2026-11-28T07:00:00+01:00"))
    assert run(["--data-dir", str(data_dir), "start"]) == 0
    assert terminal == ["mine"]

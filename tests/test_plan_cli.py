"""`loosen plan`, in-process: today's routine, each step's dosage and why, plain text."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import WALL_START, finished
from tui.catalogue.model import Catalogue
from tui.catalogue.user_file import UserRoutinesFile
from tui.cli import run
from tui.ledger.checkin import empty_check_in, with_pain
from tui.ledger.progression import suggestions
from tui.ledger.progression_log import accept
from tui.locations import user_routines_file
from tui.storage.store import Store

FOUR = "four-step-upper-back"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plan for the day of the test's sessions (suggestions read the last 8 weeks)."""
    monkeypatch.setattr("tui.cli_plan.today", lambda: WALL_START.date())


def plan(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--data-dir", str(data_dir), "plan", *args])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err  # plain text, coloured or not
    assert all(len(line) <= 78 for line in out.splitlines())
    return code, out, err


def test_plan_says_why_each_step_has_its_dosage(
    capsys: pytest.CaptureFixture[str], data_dir: Path, catalogue: Catalogue
) -> None:
    with Store.open(data_dir) as store:
        for days_ago in (3, 2, 1):
            store.add_session(finished(catalogue, FOUR, days_ago, rating=5))
    code, out, err = plan(capsys, data_dir)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "Four-Step Upper Back (four-step-upper-back)" in lines[0]
    assert lines[1].startswith("About 7 min: the routine you did last, on ")
    assert lines[2] == "1. Peanut Upper-Back Extensions: 3 sets × 6 reps"
    assert (
        lines[3] == "   suggested: +2 reps, 3 sets × 8 reps (3 easy sessions in a row); accept it"
    )
    assert "2. Bench Stretch: 2 sets × 8 reps" in lines

    routine = catalogue.routine(FOUR)
    assert routine is not None
    with Store.open(data_dir) as store:
        bench = suggestions([routine], store.sessions())[1]
        file = UserRoutinesFile(user_routines_file(), catalogue)
        accept(bench, file, store, lambda: WALL_START - timedelta(hours=12))
    code, out, _ = plan(capsys, data_dir, FOUR)
    lines = out.splitlines()
    assert lines[1] == "About 8 min."  # asked for by id: no reason; 2 reps more
    at = lines.index("2. Bench Stretch: 2 sets × 10 reps")
    assert lines[at + 1] == (
        "   the routine's own: you accepted +2 reps for Bench Stretch on 2026-11-19"
    )

    with Store.open(data_dir) as store:
        store.add_session(finished(catalogue, FOUR, 0, check_in=with_pain(empty_check_in(), 8)))
    code, out, _ = plan(capsys, data_dir, FOUR)
    assert out.count("easing back suggested after pain: −1 set") == 4  # the change is older
    assert "(pain 8 before\n   your session of 20 Nov)" in out


def test_a_bad_id_or_nothing_to_plan_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = plan(capsys, data_dir, "no-such-routine")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and 'unknown routine "no-such-routine"' in err
    code, out, err = plan(capsys, data_dir)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "nothing done yet" in err

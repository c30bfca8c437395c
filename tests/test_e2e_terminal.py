"""End to end: the installed `loosen` in a real pseudo-terminal, driven with keys only.

Each test starts the program as a user would, reads what it draws through a terminal
emulator (pyte) and, after it has exited, checks what it left in its data dir.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.terminal import Terminal, extended_colour_sequences
from tui.storage.store import Store

ROUTINES_FILE = Path(__file__).resolve().parents[1] / "routines.json"
FIRST_ROUTINE = "Roller Twister Warm-Up"
SEARCH_LINE = "/ search names, muscles, equipment, tags"
NOTE = "shoulders warm"
CUE_MARK = re.compile(r"[▶>] (\d+)\.")  # > on the Linux console


def routines() -> list[dict[str, Any]]:
    """The built-in routines, as routines.json lists them."""
    listed: list[dict[str, Any]] = json.loads(ROUTINES_FILE.read_text(encoding="utf-8"))["routines"]
    return listed


def marked_cues(shown: str) -> list[int]:
    """The numbers of the cues marked current with ▶ on the screen."""
    return [int(number) for number in CUE_MARK.findall(shown)]


def footer(shown: str) -> str:
    """The bottom line of the screen, where the keys are listed."""
    return shown.splitlines()[-1]


def expect(
    term: Terminal,
    present: Sequence[str],
    absent: Sequence[str] = (),
    *,
    cue: int | None = None,
    pattern: str | None = None,
) -> str:
    """Wait until the screen shows all of `present`, none of `absent` and, if given, only
    cue number `cue` marked with ▶ and a line matching `pattern`; returns the screen.
    """
    what = f"{list(present)} without {list(absent)}"
    what += (f", only cue {cue} ▶" if cue else "") + (f", /{pattern}/" if pattern else "")

    def ready(shown: str) -> bool:
        return (
            all(text in shown for text in present)
            and not any(text in shown for text in absent)
            and (cue is None or marked_cues(shown) == [cue])
            and (pattern is None or re.search(pattern, shown, re.MULTILINE) is not None)
        )

    return term.wait_until(ready, what)


def wait_for_catalogue(term: Terminal) -> str:
    """Wait for the catalogue: search line, both headings, every routine name; returns it."""
    names = [routine["name"] for routine in routines()]
    assert names[0] == FIRST_ROUTINE
    return expect(term, [SEARCH_LINE, "Routines", "Exercises", *names])


def start_first_routine(term: Terminal) -> None:
    """From the catalogue, enter the first routine and check the session's opening screen."""
    term.press("enter")
    expect(
        term,
        [
            FIRST_ROUTINE,
            "THORACIC SPINE ROLLER TWISTERS",
            "Set 1 of 2 · Left side · 10 reps",
            "Your set: press space when done",
            "0 of 4 sides",
        ],
        cue=1,
        # The header: routine, position and the elapsed clock, which starts from 0:00.
        pattern=rf"^ {FIRST_ROUTINE} +Exercise 1 of 1 +.*\b0:[0-5]\d *$",
    )


def move_to_second_cue(term: Terminal) -> None:
    """Right arrow moves the ▶ mark from cue 1 to cue 2 and changes nothing else."""
    term.press("right")
    expect(term, ["Set 1 of 2 · Left side · 10 reps", "Your set: press space when done"], cue=2)


def complete_sets(term: Terminal, *, small: bool = False) -> None:
    """Drive the first routine's four sides with space, from set 1 left to the summary.

    At every step the dosage line, the marked cue (the second, until set 2 starts over from
    the first) and the countdown's label must be on screen. `small` leaves out the "Next: …"
    line, cut short there.
    """
    work = "Your set: press space when done"
    sides = [
        "Set 1 of 2 · Left side · 10 reps",
        "Set 1 of 2 · Right side · 10 reps",
        "Set 2 of 2 · Left side · 10 reps",
        "Set 2 of 2 · Right side · 10 reps",
    ]
    waits = ["SWITCH SIDES", "REST", "SWITCH SIDES"]
    for done, (_side, label) in enumerate(zip(sides, waits, strict=False), start=1):
        term.press("space")
        # A switch or rest already shows what it leads to.
        present = [sides[done], label, f"{done} of 4 sides"]
        if not small:
            present.append(f"Next: {sides[done]}")  # the same exercise: not named again
        expect(term, present, [work], cue=2 if done <= 2 else 1)
        term.press("space")
        expect(term, [sides[done], work, f"{done} of 4 sides"], [label], cue=2 if done < 2 else 1)
    term.press("space")
    summary = [f"Session complete: {FIRST_ROUTINE}", "Sets done       2 of 2 (4 of 4 sides)"]
    summary += ["Skipped         nothing", "How does your upper back feel?  ○○○○○  1 = very stiff"]
    expect(term, summary, ["Your set"])


@pytest.mark.parametrize(
    ("rows", "cols"), [pytest.param(24, 80, id="80x24"), pytest.param(20, 60, id="60x20")]
)
def test_first_routine_from_catalogue_to_history(tmp_path: Path, rows: int, cols: int) -> None:
    """Browse, do the whole first routine, rate it 4 with a note; history keeps exactly that."""
    data_dir = tmp_path / "loosen-data"
    with Terminal(["--data-dir", str(data_dir)], rows=rows, cols=cols) as term:
        wait_for_catalogue(term)
        keys = ("/ Search", "q Quit", "? Help") if cols >= 80 else ("/ Search", "q Quit")
        term.wait_until(lambda shown: all(key in footer(shown) for key in keys), f"footer {keys}")

        start_first_routine(term)
        move_to_second_cue(term)
        complete_sets(term, small=cols < 80)

        term.press("4")
        expect(term, ["●●●●○  4 · loose"])
        term.press("tab")
        term.send(NOTE)
        expect(term, [NOTE])
        term.press("enter")
        wait_for_catalogue(term)
        expect(term, ["Saved: 4 of 4 sides."])
        term.press("q")
        assert term.wait_exit() == 0

    with Store.open(data_dir) as store:
        assert store.active() is None
        sessions = store.sessions()
        assert [
            (
                s["routine_id"],
                s["status"],
                s["sets_done"],
                s["sets_planned"],
                s["rating"],
                s["note"],
            )
            for s in sessions
        ] == [("roller-twister-warm-up", "finished", 4, 4, 4, NOTE)]
        record = store.session(sessions[0]["id"])
        assert record is not None
        assert [(s["set"], s["side"], s["outcome"]) for s in record["sets"]] == [
            (1, "left", "done"),
            (1, "right", "done"),
            (2, "left", "done"),
            (2, "right", "done"),
        ]


@pytest.mark.parametrize(
    ("term_type", "no_color"),
    [pytest.param("xterm-256color", True, id="NO_COLOR"), pytest.param("linux", False, id="linux")],
)
def test_plain_terminals_render_and_respond_without_extended_colours(
    tmp_path: Path, term_type: str, no_color: bool
) -> None:
    """NO_COLOR=1 or TERM=linux: catalogue and session work, and no 256/24-bit colour is sent.

    The current cue must still be told apart without colour, by its ▶ mark.
    """
    data_dir = tmp_path / "loosen-data"
    first, second = routines()[:2]
    args = ["--data-dir", str(data_dir)]
    with Terminal(args, term=term_type, no_color=no_color) as term:
        wait_for_catalogue(term)
        started = len(term.raw)
        expect(term, [first["summary"]])
        term.press("j")
        expect(term, [second["summary"]], [first["summary"]])
        term.press("k")
        expect(term, [first["summary"]], [second["summary"]])

        start_first_routine(term)
        move_to_second_cue(term)
        term.press("space")
        expect(term, ["SWITCH SIDES", "1 of 4 sides", "Set 1 of 2 · Right side"], cue=2)
        term.press("space")
        expect(term, ["Set 1 of 2 · Right side · 10 reps"], ["SWITCH SIDES"], cue=2)
        term.press("escape")
        expect(term, ["Session kept", "Exercises"], ["SWITCH SIDES", "Your set"])
        term.press("q")
        assert term.wait_exit() == 0
        sent = bytes(term.raw[started:])

    colours = extended_colour_sequences(sent)
    assert colours == [], f"{len(colours)} extended colour SGRs, e.g. {sorted(set(colours))[:5]}"
    with Store.open(data_dir) as store:
        active = store.active()
        assert active is not None
        assert [
            (r["set_number"], r["side"], r["outcome"]) for r in active["engine"]["records"]
        ] == [(1, "left", "done")]


def test_extended_colour_detector() -> None:
    """The colour check above finds 256-colour and truecolour SGRs, and only those."""
    assert extended_colour_sequences(b"\x1b[1;4;38;5;253;48;5;233mRoutines\x1b[0m") == [
        "1;4;38;5;253;48;5;233"
    ]
    assert extended_colour_sequences(b"x\x1b[48;2;10;20;30my\x1b[38:2::1:2:3m") == [
        "48;2;10;20;30",
        "38:2::1:2:3",
    ]
    assert extended_colour_sequences(b"\x1b[1;97;40mA\x1b[0m\x1b[7m\x1b[38m\x1b[5;1H") == []

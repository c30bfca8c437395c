"""Writing the user's routines file: atomic, stable bytes, locked, never over a bad file."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime
from functools import partial
from pathlib import Path

import pytest

from tui.catalogue.drafts import RoutineDraft, UserRoutines
from tui.catalogue.editing import EditError, OwnCatalogue, put_exercise, put_routine, set_field
from tui.catalogue.exercise_edits import add_cue, new_exercise
from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.model import CueKind
from tui.catalogue.routine_edits import add_step, new_routine, set_step_dosage
from tui.catalogue.sources import builtin_routines_file
from tui.catalogue.user_file import (
    EditRejected,
    FileBusy,
    RefusedToWrite,
    UserRoutinesFile,
    file_bytes,
    lock_file,
    trash_file,
)
from tui.locations import user_routines_file

# Read at import, before the fixtures isolate the data dir: so without the library.
BASE = load_catalogue_file(builtin_routines_file())
TIMEOUT = 60


def routine(name: str, *exercises: str) -> RoutineDraft:
    draft = new_routine(OwnCatalogue(BASE, UserRoutines()), name)
    for exercise in exercises or ("sweatt-shrug",):
        draft = add_step(draft, exercise)
    return draft


def user_file() -> UserRoutinesFile:
    return UserRoutinesFile(user_routines_file(), BASE, now=lambda: datetime(2026, 12, 1, 8, 0))


def loosen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=TIMEOUT,
        check=False,
    )


def test_a_save_writes_a_stable_indented_private_file() -> None:
    saved = user_file().save(lambda own: put_routine(own, routine("Morning", "bench-stretch")))
    path = user_routines_file()
    text = path.read_text(encoding="utf-8")
    assert text == textwrap.dedent(
        """\
        {
          "schema_version": 1,
          "exercises": [],
          "routines": [
            {
              "id": "morning",
              "name": "Morning",
              "summary": "Morning",
              "steps": [
                {"exercise": "bench-stretch"}
              ]
            }
          ]
        }
        """
    )
    assert path.stat().st_mode & 0o777 == 0o600
    assert saved.catalogue.routine("morning") is not None
    assert saved.catalogue.routine("roller-twister-warm-up") is not None
    before = path.read_bytes()
    user_file().save(lambda own: own)  # the same content: the same bytes
    assert path.read_bytes() == before == file_bytes(saved.own)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["routines.json", "routines.json.lock"]  # no temp file left


def test_the_written_file_passes_check_and_shows_in_routines(tmp_path: Path) -> None:
    exercise = new_exercise(OwnCatalogue(BASE, UserRoutines()), "Wall Slide")
    for field, value in (("summary", "Slide"), ("who", "Anyone"), ("why", "It helps")):
        exercise = set_field(exercise, field, value)
    exercise = add_cue(exercise, CueKind.SETUP, "Back to the wall, [b]arms up[/b].")
    mine = set_step_dosage(routine("Slides", "wall-slide", "sweatt-shrug"), 1, "sets", 1)
    user_file().save(lambda own: put_routine(put_exercise(own, exercise), mine))
    path = user_routines_file()
    checked = loosen("--data-dir", str(tmp_path / "d"), "check", str(path))
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "ok\n", "")
    listed = loosen("--data-dir", str(tmp_path / "d"), "routines")
    assert listed.returncode == 0 and listed.stderr == ""
    row = next(line for line in listed.stdout.splitlines() if line.startswith("slides "))
    assert row.split()[1:3] == ["Slides", "2"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"schema_version": 1, "routines": [], "colour": 1}', ": colour: unknown field"),
        ("{broken", ": line 1, column 2: invalid JSON"),
        (
            '{"schema_version": 1, "routines": [{"id": "x", "name": "X", "summary": "x",'
            ' "steps": [{"exercise": "sweatt-shrug", "dosage": {"rest_second": 5}}]}]}',
            ": routines[0].steps[0].dosage.rest_second: unknown field"
            ' (did you mean "rest_seconds"?)',
        ),
    ],
)
def test_a_file_the_loader_rejects_is_never_rewritten(text: str, where: str) -> None:
    path = user_routines_file()
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RefusedToWrite) as refused:
        user_file().save(lambda own: put_routine(own, routine("New")))
    message = str(refused.value)
    assert message.startswith(f"{path}{where}")
    assert "\n" not in message and f"loosen check {path}" in message
    assert path.read_text(encoding="utf-8") == text


def test_an_invalid_edit_writes_nothing() -> None:
    user_file().save(lambda own: put_routine(own, routine("Kept")))
    before = user_routines_file().read_bytes()
    empty = new_routine(OwnCatalogue(BASE, UserRoutines()), "Empty")
    with pytest.raises(EditRejected) as rejected:
        user_file().save(lambda own: put_routine(own, empty))
    assert rejected.value.problems == [
        f"{user_routines_file()}: routines[1].steps: a routine needs at least one step"
    ]
    with pytest.raises(EditError):
        user_file().save(lambda own: put_routine(own, routine("Kept")))  # id taken
    assert user_routines_file().read_bytes() == before


def test_text_no_file_can_hold_is_refused_with_its_path() -> None:
    broken = set_field(routine("Mine"), "name", "half \ud800")
    with pytest.raises(EditRejected) as rejected:
        user_file().save(lambda own: put_routine(own, broken))
    assert rejected.value.problems == [
        f"{user_routines_file()}: routines[0].name: text is not valid Unicode"
        " (a lone surrogate escape)"
    ]
    assert not user_routines_file().exists()


def test_hand_written_content_survives_an_edit() -> None:
    path = user_routines_file()
    path.parent.mkdir(parents=True)
    hand: dict[str, object] = {
        "schema_version": 1,
        "routines": [
            {
                "steps": [
                    {
                        "note": "Slowly ✨ [i]x[/i]",
                        "exercise": "bench-stretch",
                        "dosage": {"reps": 4},
                    }
                ],
                "summary": "Mine — by hand",
                "name": "Hand \u202eMade",
                "id": "hand",
                "rest_between_exercises_seconds": 0,
                "source": {"title": "Me"},
            }
        ],
    }
    path.write_text(json.dumps(hand, ensure_ascii=False), encoding="utf-8")
    user_file().save(lambda own: put_routine(own, routine("Second")))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["routines"][0] == {
        "id": "hand",
        "name": "Hand \u202eMade",
        "summary": "Mine — by hand",
        "rest_between_exercises_seconds": 0,
        "source": {"title": "Me", "author": None},
        "steps": [
            {"exercise": "bench-stretch", "dosage": {"reps": 4}, "note": "Slowly ✨ [i]x[/i]"}
        ],
    }
    assert "\\u202e" in path.read_text(encoding="utf-8")  # a bidi override can't hide in the file


def test_a_symlinked_file_is_written_where_it_points(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "routines.json"
    real.parent.mkdir()
    real.write_text('{"schema_version": 1, "routines": []}', encoding="utf-8")
    link = user_routines_file()
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    user_file().save(lambda own: put_routine(own, routine("Linked")))
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["routines"][0]["id"] == "linked"


def test_a_failed_write_leaves_the_old_file(monkeypatch: pytest.MonkeyPatch) -> None:
    user_file().save(lambda own: put_routine(own, routine("Old")))
    path = user_routines_file()
    before = path.read_bytes()

    def no_rename(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError):
        user_file().save(lambda own: put_routine(own, routine("New")))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["routines.json", "routines.json.lock"]


def test_an_edit_applies_to_the_file_as_it_is_now_not_as_first_read() -> None:
    first, second = user_file(), user_file()
    stale = first.read()  # what instance one showed on screen
    second.save(lambda own: put_routine(own, routine("From Two")))
    first.save(lambda own: put_routine(own, routine("From One")))
    assert stale == UserRoutines()
    assert [r.id for r in first.read().routines] == ["from-two", "from-one"]


def test_a_save_waits_for_the_lock_and_gives_up_in_one_line() -> None:
    user_file().save(lambda own: own)
    path = user_routines_file()
    before = path.read_bytes()
    fd = os.open(lock_file(path), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        busy = UserRoutinesFile(path, BASE, wait=0.1)
        with pytest.raises(FileBusy, match="another loosen is saving it"):
            busy.save(lambda own: put_routine(own, routine("Blocked")))
    finally:
        os.close(fd)
    assert path.read_bytes() == before


WRITER = """
import sys
from tui.catalogue.drafts import UserRoutines
from tui.catalogue.editing import OwnCatalogue, put_routine
from tui.catalogue.routine_edits import add_step, new_routine
from tui.catalogue.sources import builtin_catalogue
from tui.catalogue.user_file import UserRoutinesFile
from tui.locations import user_routines_file

base = builtin_catalogue()
file = UserRoutinesFile(user_routines_file(), base, wait=30)
for number in range(int(sys.argv[2])):
    blank = new_routine(OwnCatalogue(base, UserRoutines()), f"{sys.argv[1]} {number}")
    draft = add_step(blank, "sweatt-shrug")
    file.save(lambda own: put_routine(own, draft))
"""


def test_two_writers_lose_no_edit() -> None:
    count = 25
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, name, str(count)], env=os.environ.copy())
        for name in ("left", "right")
    ]
    assert [writer.wait(timeout=TIMEOUT) for writer in writers] == [0, 0]
    ids = {r.id for r in user_file().read().routines}
    assert ids == {f"{side}-{n}" for side in ("left", "right") for n in range(count)}


def test_delete_keeps_a_copy_that_undo_puts_back_in_place() -> None:
    file = user_file()
    for name in ("A", "B", "C"):
        file.save(partial(put_routine, draft=routine(name)))
    before = user_routines_file().read_bytes()
    saved = file.delete("routine", "b")
    assert [r.id for r in saved.own.routines] == ["a", "c"] and saved.catalogue.routine("b") is None
    (entry,) = file.deleted()
    assert (entry.kind, entry.index, entry.entry["id"], entry.deleted_at) == (
        "routine",
        1,
        "b",
        "2026-12-01T08:00:00",
    )
    restored = file.undo_delete()
    assert restored.catalogue.routine("b") is not None
    assert user_routines_file().read_bytes() == before and file.deleted() == []
    with pytest.raises(EditError, match="nothing deleted to put back"):
        file.undo_delete()


def test_undo_refuses_when_the_id_is_in_use_again_and_keeps_the_copy() -> None:
    file = user_file()
    file.save(lambda own: put_routine(own, routine("A")))
    file.delete("routine", "a")
    file.save(lambda own: put_routine(own, routine("A", "bench-stretch")))
    with pytest.raises(EditError, match='can\'t put back routine "a": you have one'):
        file.undo_delete()
    assert len(file.deleted()) == 1


def test_an_exercise_in_use_is_not_deleted_and_built_ins_are_not_deleted() -> None:
    exercise = new_exercise(OwnCatalogue(BASE, UserRoutines()), "Wall Slide")
    for field, value in (("summary", "Slide"), ("who", "Anyone"), ("why", "It helps")):
        exercise = set_field(exercise, field, value)
    exercise = add_cue(exercise, CueKind.SETUP, "Back to the wall.")
    file = user_file()
    file.save(lambda own: put_routine(put_exercise(own, exercise), routine("Slides", "wall-slide")))
    before = user_routines_file().read_bytes()
    with pytest.raises(EditError, match='routine "Slides" \\(slides\\) uses it'):
        file.delete("exercise", "wall-slide")
    with pytest.raises(EditError, match="no routine of yours"):
        file.delete("routine", "roller-twister-warm-up")
    assert user_routines_file().read_bytes() == before and file.deleted() == []


def test_a_damaged_trash_is_moved_aside_and_the_delete_goes_on() -> None:
    file = user_file()
    file.save(lambda own: put_routine(own, routine("A")))
    trash = trash_file(user_routines_file())
    trash.write_text('{"deleted": [{"kind": "nonsense"}]}', encoding="utf-8")
    saved = file.delete("routine", "a")
    aside = trash.with_name("routines-deleted.json.damaged-20261201-080000")
    assert saved.notices == (
        "the trash of deleted routines is damaged: deleted[0];"
        f" the trash was moved aside to {aside} and started afresh",
    )
    assert aside.read_text(encoding="utf-8") == '{"deleted": [{"kind": "nonsense"}]}'
    assert [e.entry["id"] for e in file.deleted()] == ["a"]


def test_the_trash_keeps_the_newest_fifty() -> None:
    file = user_file()
    for number in range(52):
        file.save(partial(put_routine, draft=routine(f"R {number}")))
        file.delete("routine", f"r-{number}")
    assert [e.entry["id"] for e in file.deleted()] == [f"r-{n}" for n in range(2, 52)]

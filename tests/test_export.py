"""CSV and JSON export, and the export/import round trip."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.samples import sample_record
from tui.storage.export import CSV_HEADER, export_csv, export_json
from tui.storage.importing import read_import
from tui.storage.store import Store
from tui.storage.types import SessionRecord, Status

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=CET)


def tiny_record() -> SessionRecord:
    return {
        "id": "4f1c0d1e9a8b4c3d8e7f6a5b4c3d2e1f",
        "routine_id": "desk-reset",
        "routine_name": "Desk reset",
        "started_at": "2026-11-22T07:31:05+01:00",
        "ended_at": "2026-11-22T07:40:00+01:00",
        "duration_seconds": 535,
        "status": "abandoned",
        "sets_planned": 4,
        "sets_done": 2,
        "skipped_exercises": ["wall-angels"],
        "exercises": [
            {"id": "thread-the-needle", "name": "Thread the needle"},
            {"id": "wall-angels", "name": "Wall angels"},
        ],
        "sets": [
            {
                "exercise_id": "thread-the-needle",
                "exercise_name": "Thread the needle",
                "set": 1,
                "side": "left",
                "reps": None,
                "seconds": 30,
                "outcome": "done",
                "at": "2026-11-22T07:32:00+01:00",
            },
            {
                "exercise_id": "thread-the-needle",
                "exercise_name": "Thread the needle",
                "set": 1,
                "side": "right",
                "reps": None,
                "seconds": 30,
                "outcome": "done",
                "at": "2026-11-22T07:33:10+01:00",
            },
            {
                "exercise_id": "wall-angels",
                "exercise_name": "Wall angels",
                "set": 1,
                "side": None,
                "reps": 10,
                "seconds": None,
                "outcome": "skipped",
                "at": "2026-11-23T00:01:02+01:00",
            },
        ],
        "rating": 3,
        "note": 'tight, "stiff"\nthen ok\x1b[31m',
        "check_in": None,
        "edited_at": None,
    }


def test_csv_header_and_rows() -> None:
    out = io.StringIO(newline="")
    export_csv([tiny_record()], out)
    text = out.getvalue()
    assert text.startswith(
        "at,routine,exercise,set,side,reps,seconds,outcome,rating,note,session_id,"
        "stiffness_before,pain_before,pain_choice,stiffness_after,tighter_side,"
        "self_test,self_test_left,self_test_right,self_test_unit,edited_at\r\n"
    )
    assert ",".join(CSV_HEADER) == text.splitlines()[0]
    # Numbers bare, text and empty values quoted; the note keeps its quote, line break and
    # escape character inside one quoted field.
    assert text.splitlines(keepends=True)[1] == (
        '"2026-11-22T07:32:00+01:00","Desk reset","Thread the needle",1,"left","",30,"done",3,'
        '"tight, ""stiff""\n'
    )
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert all(row[11:] == [""] * 10 for row in rows[1:])  # no check-in: empty columns
    assert [row[:11] for row in rows[1:]] == [
        ["2026-11-22T07:32:00+01:00", "Desk reset", "Thread the needle", "1", "left", "", "30",
         "done", "3", 'tight, "stiff"\nthen ok\x1b[31m', "4f1c0d1e9a8b4c3d8e7f6a5b4c3d2e1f"],
        ["2026-11-22T07:33:10+01:00", "Desk reset", "Thread the needle", "1", "right", "", "30",
         "done", "3", 'tight, "stiff"\nthen ok\x1b[31m', "4f1c0d1e9a8b4c3d8e7f6a5b4c3d2e1f"],
        ["2026-11-23T00:01:02+01:00", "Desk reset", "Wall angels", "1", "", "10", "", "skipped",
         "3", 'tight, "stiff"\nthen ok\x1b[31m', "4f1c0d1e9a8b4c3d8e7f6a5b4c3d2e1f"],
    ]  # fmt: skip


def test_csv_times_carry_the_offset_they_were_recorded_with() -> None:
    record = tiny_record()
    record["sets"] = record["sets"][:2]
    record["sets"][0]["at"] = "2026-06-14T23:38:00-05:00"  # 04:38 the next day at UTC+1
    record["sets"][1]["at"] = "2026-06-15 04:38:00.250000+00:00"  # another spelling
    out = io.StringIO(newline="")
    export_csv([record], out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert [row[0] for row in rows[1:]] == [
        "2026-06-14T23:38:00-05:00",
        "2026-06-15T04:38:00+00:00",
    ]
    first = datetime.fromisoformat(rows[1][0])
    assert first == datetime(2026, 6, 15, 4, 38, tzinfo=timezone(timedelta(0)))


def test_csv_never_leaves_a_control_character_outside_quotes() -> None:
    record = tiny_record()
    record["routine_name"] = "Desk\treset\x07"
    record["note"] = None
    record["rating"] = None
    out = io.StringIO(newline="")
    export_csv([record], out)
    for line in out.getvalue().split("\r\n")[1:-1]:
        fields = next(csv.reader([line]))
        assert fields[1] == "Desk\treset\x07"
        assert fields[8] == "" and fields[9] == ""
        assert '"Desk\treset\x07"' in line


def test_csv_sessions_without_sets_give_no_rows() -> None:
    record: SessionRecord = {**tiny_record(), "sets": []}
    out = io.StringIO(newline="")
    export_csv([record], out)
    assert out.getvalue().count("\r\n") == 1


def test_json_export_shape() -> None:
    out = io.StringIO()
    older = sample_record(START - timedelta(days=1))
    export_json([older, tiny_record()], out)
    text = out.getvalue()
    assert text.endswith("}\n")
    assert text.startswith('{\n  "format": "loosen-export",\n  "sessions": [\n')
    document = json.loads(text)
    assert document == {"format": "loosen-export", "version": 2, "sessions": [older, tiny_record()]}
    assert '"note": "tight, \\"stiff\\"\\nthen ok\\u001b[31m"' in text  # escaped, never raw
    assert "Cat–cow" not in text and "–" not in json.dumps(older)  # no false positive
    record = tiny_record()
    record["note"] = "Katzenbuckel – gut"
    out = io.StringIO()
    export_json([record], out)
    assert "Katzenbuckel – gut" in out.getvalue()  # ensure_ascii=False


def test_export_import_export_is_byte_identical(tmp_path: Path) -> None:
    cases: list[tuple[int, str, Status, str | None, int | None]] = [
        (0, "desk-reset", "finished", None, 5),
        (1, "pre-lift", "abandoned", 'knee ☹ – "later"', None),
        (40, "morning-loosen", "finished", "ok\n", 1),
        (400, "desk-reset", "finished", None, 3),
    ]
    records = [
        sample_record(START - timedelta(days=d), routine, status=status, note=note, rating=rating)
        for d, routine, status, note, rating in cases
    ]
    records.append(tiny_record())
    with Store.open(tmp_path / "a") as first:
        for r in records:
            first.add_session(r)
        exported = tmp_path / "backup.json"
        with exported.open("w", encoding="utf-8") as out:
            export_json(first.all_sessions(), out)
    with Store.open(tmp_path / "b") as second:
        assert second.import_sessions(read_import(exported)) == 5
        assert second.import_sessions(read_import(exported)) == 0
        again = io.StringIO()
        export_json(second.all_sessions(), again)
    assert again.getvalue().encode("utf-8") == exported.read_bytes()
    assert [s["id"] for s in json.loads(again.getvalue())["sessions"]] == [
        r["id"]
        for r in sorted(records, key=lambda r: (datetime.fromisoformat(r["started_at"]), r["id"]))
    ]  # oldest first; two sessions start at the same instant, so the id decides

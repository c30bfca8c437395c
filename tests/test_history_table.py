"""The history table's columns at every width: fitted, cut with an ellipsis, never wrapped."""

from __future__ import annotations

from rich.cells import cell_len

from tui.widgets.session_table import columns_for, fitted, line_for

CELLS = {
    "Started": "2026-11-20 07:30",
    "Routine": "Roller Twister Warm-Up",
    "Time": "1:02:03",
    "Sets": "11/11",
    "Feel": "●●●●○",
    "Status": "in progress",
}


def test_fitted_pads_or_cuts_to_the_cell() -> None:
    assert fitted("abc", 5) == "abc  "
    assert fitted("abcdef", 4) == "abc…"
    assert fitted("日本語", 4) == "日 …"  # wide characters count two cells
    assert cell_len(fitted("日本語", 5)) == 5
    assert fitted("abc", 0) == ""


def test_at_80_columns_every_column_shows() -> None:
    line = line_for(CELLS, 76)
    assert line == "2026-11-20 07:30 Roller Twister Warm-Up      1:02:03 11/11 ●●●●○ in progress"
    assert cell_len(line) <= 76


def test_narrow_tables_leave_time_out_and_cut_names() -> None:
    assert [title for title, _ in columns_for(56)] == [
        "Started",
        "Routine",
        "Sets",
        "Feel",
        "Status",
    ]
    line = line_for(CELLS, 56)
    assert line.startswith("2026-11-20 07:30 Roller Twister… 11/11 ") and "1:02:03" not in line
    assert line.endswith("in progress") and cell_len(line) <= 56
    tiny = line_for(CELLS, 30)
    assert cell_len(tiny) == 30 and tiny.endswith("…")


def test_wide_tables_cap_the_routine_column() -> None:
    routine = dict(columns_for(200))["Routine"]
    assert routine == 36
    assert line_for({**CELLS, "Routine": "x" * 50}, 200).count("x") == 35

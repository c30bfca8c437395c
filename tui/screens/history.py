"""The history screen: every session newest first, streaks, a calendar and per-week counts."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey, RowKey

from tui.catalogue.wording import clock, plural
from tui.history.stats import (
    calendar,
    current_streak,
    day_counts,
    exercise_stats,
    local_start,
    longest_streak,
    sessions_per_week,
)
from tui.screens.base import LoosenScreen
from tui.text import printable
from tui.widgets.exercise_figures import ExerciseFigure, ExerciseFigures
from tui.widgets.habit import calendar_picture, sparkline
from tui.widgets.key_bar import KeyBar

PAGE_ROWS = 200
"""Rows added to the table at a time; more follow as the cursor nears the end."""
COLUMNS = (("", 1), ("Started", 16), ("Routine", 22), ("Time", 6), ("Sets", 5), ("Feel", 5))
"""Fixed widths (they fit 80 columns with Status): auto widths measure every cell of every row."""


def cell(text: str) -> Text:
    """A table cell showing `text` literally.

    Text, not str: the table would parse a str as markup (slow, and unsafe); every
    field comes from a history file, so each is made printable too.
    """
    return Text(printable(text))


def rating_words(rating: object) -> str:
    """'●●●●○' for a rating of 4, or '–' when there is none."""
    if not isinstance(rating, int):
        return "–"
    return "●" * rating + "○" * (5 - rating)


def started_words(summary: dict[str, Any]) -> str:
    """'2026-11-20 07:30': when a session started, in this machine's time zone."""
    try:
        return f"{local_start(str(summary.get('started_at'))):%Y-%m-%d %H:%M}"
    except (ValueError, OverflowError):  # not a date, or one at the calendar's edge
        return str(summary.get("started_at", ""))[:16]


class HistoryScreen(LoosenScreen[None]):
    """Sessions, streaks, a 12-week calendar, a sparkline and per-exercise figures."""

    CSS_PATH = "history.tcss"
    AUTO_FOCUS = "#sessions"
    IS_HISTORY = True
    # Per-exercise figures need 76 columns beside the calendar; below that they are hidden.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it so)
        (0, "-compact"),
        (76, "-narrow"),
        (120, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_filter", "Filter routine"),
        Binding("c", "app.catalogue", "Catalogue"),
        Binding("escape", "app.previous_screen", "Back", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("end", "last_row", "Oldest", show=False, priority=True),
        Binding("home", "first_row", "Newest", show=False, priority=True),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.routine_filter: str | None = None
        self.summaries: list[dict[str, Any]] = []
        self._marked_row: RowKey | None = None
        self._marker_column: ColumnKey | None = None
        self._shown: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="history-title")
        with Horizontal(id="habit"):
            yield Static(id="calendar")
            with Vertical(id="habit-side"):
                yield Static(id="weekly")
                yield ExerciseFigures(id="exercise-stats")
        yield Static(id="filter-line")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        keys = [table.add_column(label, width=width) for label, width in COLUMNS]
        table.add_column("Status", width=9)
        self._marker_column = keys[0]
        # Reading history may find a damaged file: from_store says so at once.
        self.summaries = self.loosen.from_store(self.loosen.store.sessions, [])
        self.show_habit()
        self.show_table()

    # ------------------------------------------------------------- drawing

    def show_habit(self) -> None:
        summaries = self.summaries
        sessions_by_day = day_counts(summaries)  # one pass over all of history, used twice
        days = set(sessions_by_day)
        streak, longest = current_streak(days, self.today), longest_streak(days)
        title = Content.assemble(
            ("History", "bold underline"),
            f"   streak {plural(streak, 'day')} · longest {plural(longest, 'day')}",
            f" · {plural(len(summaries), 'session')} in all",
        )
        if self.loosen.store.read_only:
            title = Content.assemble(title, ("  [read-only]", "bold"))
        self.query_one("#history-title", Static).update(title)
        grid = calendar(sessions_by_day, self.today)
        self.query_one("#calendar", Static).update(
            Content.assemble(("Last 12 weeks\n", "bold"), calendar_picture(grid))
        )
        weekly = sessions_per_week(summaries, self.today)
        self.query_one("#weekly", Static).update(
            Content.assemble(
                ("Sessions per week ", "bold"),
                sparkline(weekly),
                f" (this week {weekly[-1]})",
            )
        )
        figures = []
        for exercise in self.loosen.catalogue.exercises:
            stats = exercise_stats(summaries, exercise.id, self.today)
            figures.append(ExerciseFigure(exercise.name, stats.last_done, stats.times_last_30_days))
        self.query_one(ExerciseFigures).show(figures)

    def show_table(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self._marked_row = None
        self._shown = [
            s
            for s in self.summaries
            if self.routine_filter is None or s.get("routine_id") == self.routine_filter
        ]
        self.add_page()
        name = "all routines"
        if self.routine_filter is not None:
            routine = self.loosen.catalogue.routine(self.routine_filter)
            name = routine.name if routine else self.routine_filter
        shown = self._shown
        self.query_one("#filter-line", Static).update(
            Content.assemble(
                ("Showing ", "bold"),
                printable(name),
                f": {plural(len(shown), 'session')}",
                "  (f changes)" if shown else ". Pick a routine in the catalogue (c).",
            )
        )

    def add_page(self) -> None:
        """Add the next rows of the filtered sessions to the table."""
        table = self.query_one(DataTable)
        start = table.row_count
        for summary in self._shown[start : start + PAGE_ROWS]:
            table.add_row(
                *(
                    cell(text)
                    for text in (
                        " ",
                        started_words(summary),
                        str(summary.get("routine_name", "")),
                        clock(int(summary.get("duration_seconds") or 0)),
                        f"{summary.get('sets_done', 0)}/{summary.get('sets_planned', 0)}",
                        rating_words(summary.get("rating")),
                        str(summary.get("status", "")),
                    )
                ),
                key=str(summary["id"]),
            )

    # --------------------------------------------------------------- keys

    @on(DataTable.RowHighlighted)
    def mark_row(self, event: DataTable.RowHighlighted) -> None:
        """Put ▶ on the highlighted row: the cursor must show without colour too."""
        table = event.data_table
        assert self._marker_column is not None
        if self._marked_row is not None and self._marked_row in table.rows:
            table.update_cell(self._marked_row, self._marker_column, " ")
        table.update_cell(event.row_key, self._marker_column, "▶")
        self._marked_row = event.row_key
        if event.cursor_row >= table.row_count - 10 and table.row_count < len(self._shown):
            self.add_page()

    def action_next_filter(self) -> None:
        """Cycle the table through all routines, then each routine that has sessions."""
        choices: list[str | None] = [None]
        for summary in self.summaries:
            routine_id = summary.get("routine_id")
            if routine_id not in choices:
                choices.append(routine_id)
        position = choices.index(self.routine_filter) if self.routine_filter in choices else 0
        self.routine_filter = choices[(position + 1) % len(choices)]
        self.show_table()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_last_row(self) -> None:
        self.query_one(DataTable).action_scroll_bottom()

    def action_first_row(self) -> None:
        self.query_one(DataTable).action_scroll_top()

    @on(DataTable.RowSelected)
    def open_detail(self, event: DataTable.RowSelected) -> None:
        from tui.screens.session_detail import SessionDetailScreen

        session_id = str(event.row_key.value)
        record = self.loosen.from_store(lambda: self.loosen.store.session(session_id), None)
        if record is not None:
            self.app.push_screen(SessionDetailScreen(record))

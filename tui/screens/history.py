"""The history screen: every session newest first, streaks, a calendar and per-week counts."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from tui.describe import SPARK_BARS, calendar_picture, sparkline
from tui.history.filters import RoutineChoice, filter_name, routine_choices, shown_sessions
from tui.history.reading import HistoryReading, YearBatches
from tui.history.rows import SessionRow, session_row
from tui.history.tally import Figures
from tui.history.words import count_words, title_words
from tui.ledger.trend_words import trend_lines
from tui.messages import (
    DeleteSessionAsked,
    OpenPastSession,
    RestoreSessionAsked,
    ResumeAsked,
    RoutineFilterAsked,
)
from tui.screens.base import LoosenScreen
from tui.storage.types import Session
from tui.text import printable
from tui.widgets.exercise_figures import ExerciseFigures
from tui.widgets.key_bar import KeyBar
from tui.widgets.session_table import SessionTable
from tui.widgets.weekly_goal import WeeklyGoal
from tui.wording import IN_PROGRESS_ELSEWHERE

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.habit.status import HabitStatus

READ_REST_AFTER_S = 0.05
"""The older years are read once the first picture is out, a year per turn of the loop."""


class HistoryScreen(LoosenScreen[None]):
    """Sessions, streaks, a 12-week calendar, a sparkline and per-exercise figures."""

    CSS_PATH = "history.tcss"
    AUTO_FOCUS = "#sessions"
    IS_HISTORY = True
    HELP_TITLE = "History"
    HELP_KEYS = (
        ("↑ ↓  j k", "move in the table"),
        ("pageup pagedown", "a screen up / down"),
        ("home n  end o", "newest / oldest session"),
        ("enter", "the session's detail (in progress: back to it)"),
        ("tab", "to the exercise figures; ↑ ↓ scroll them"),
        ("v", "trends (stiffness, sides) or the calendar"),
        ("d", "delete the session (asks first; u puts it back for 30 days)"),
        ("c / escape", "back"),
    )
    # Per-exercise figures need 76 columns beside the calendar; below that they are hidden.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it so)
        (0, "-compact"),
        (76, "-narrow"),
        (120, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "pick_filter", "Filter", tooltip="pick a routine to show, or all of them"),
        Binding("b", "back_to_session", "Back to session", tooltip="back to the session"),
        Binding("g", "app.weekly_goal", "Weekly goal"),
        Binding("v", "toggle_trends", "Trends"),
        Binding("d", "delete", "Delete", show=False),
        # Named on the count line while a deleted session can be put back.
        Binding(
            "u",
            "undo_delete",
            "Undo delete",
            show=False,
            tooltip="put back the session deleted last",
        ),
        Binding("c", "app.catalogue", "Catalogue"),
        Binding("escape", "back", "Back", show=False),
    ]

    def __init__(
        self,
        batches: YearBatches,
        *,
        today: date,
        in_progress: Session | None = None,
        read_only: bool = False,
        over_session: bool = False,
        week: Callable[[], HabitStatus | None] = lambda: None,
        deleted: Callable[[], int] = lambda: 0,
    ) -> None:
        """`batches`: history a year at a time, newest first (a year that can't be read
        ends them); `in_progress`: the unfinished session as a record, shown pinned;
        `week` reads this week against the goal, as `loosen status` does."""
        super().__init__()
        self.batches = batches
        self.today = today
        self.in_progress = in_progress
        self.read_only = read_only
        self.over_session = over_session
        """True when opened from a running session, which b (or escape) goes back to."""
        self.week = week
        self.deleted = deleted
        """How many deleted sessions can still be put back (u)."""
        self._deleted_count = 0
        self.routine_filter: str | None = None
        self.reading: HistoryReading | None = None
        self._in_progress: SessionRow | None = None
        self._in_progress_routine: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="history-title")
        with Horizontal(id="habit"):
            yield Static(id="calendar")
            with Vertical(id="habit-side"):
                yield Static(id="weekly")
                yield WeeklyGoal()
                yield ExerciseFigures(id="exercise-stats")
        yield Static(id="trends")
        yield Static(id="filter-line")
        yield SessionTable(id="sessions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#trends").display = False
        self.start_reading()

    def reload(self, batches: YearBatches, in_progress: Session | None) -> None:
        """Read history again (a session was deleted or put back), keeping the cursor."""
        self.workers.cancel_node(self)
        self.batches = batches
        self.in_progress = in_progress
        self.start_reading(keep_cursor=True)

    def start_reading(self, *, keep_cursor: bool = False) -> None:
        """Read what the first picture needs and show it; the older years follow."""
        self._in_progress = self.unfinished_row()
        self._deleted_count = self.deleted()
        self.reading = HistoryReading(self.batches, self.today)
        # What the first picture needs; older years follow once it is on screen.
        self.reading.read_until_shown()
        self.show_all(keep_cursor=keep_cursor)
        self.show_goal()
        if not self.reading.complete:
            self.set_timer(READ_REST_AFTER_S, self.read_rest_later)

    def on_screen_resume(self) -> None:
        self.show_goal()  # the goal may have been changed above this screen

    def show_goal(self) -> None:
        """This week against the goal, read as `loosen status` reads it."""
        self.query_one(WeeklyGoal).show(self.week())

    def unfinished_row(self) -> SessionRow | None:
        """The unfinished session as a row marked in progress, if there is one."""
        if self.in_progress is None:
            return None
        self._in_progress_routine = self.in_progress["routine_id"]
        return session_row(self.in_progress, in_progress=True)

    def read_rest_later(self) -> None:
        """Start reading the older years (unless a key has read them already)."""
        if self.reading is not None and not self.reading.complete:
            self.run_worker(self.read_the_rest(), exclusive=True)

    async def read_the_rest(self) -> None:
        """Read the older years, a year per turn of the event loop, then show every figure."""
        assert self.reading is not None
        while self.reading.read_year():
            await asyncio.sleep(0)
        if self.query("#history-title"):  # not when the screen was closed meanwhile
            self.show_all(keep_cursor=True)

    def read_everything(self) -> None:
        """Read what is left now (a key needs all of history), then show every figure."""
        assert self.reading is not None
        if not self.reading.complete:
            self.workers.cancel_node(self)
            self.reading.read_all()
            self.show_all(keep_cursor=True)

    # ------------------------------------------------------------- drawing

    def show_all(self, *, keep_cursor: bool = False) -> None:
        """Title, calendar, sparkline, figures, the count and the table, for the filter."""
        assert self.reading is not None
        reading, routine = self.reading, self.routine_filter
        figures = reading.tally.figures(routine)
        name = None if routine is None else filter_name(reading.tally, routine)
        pinned = self._in_progress
        if routine is not None and self._in_progress_routine != routine:
            pinned = None
        self.show_habit(figures, name)
        words = count_words(
            name, figures, in_progress=pinned is not None, complete=reading.complete
        )
        if self._deleted_count:
            words += f" · {self._deleted_count:,} deleted: u puts back"
        self.query_one("#filter-line", Static).update(Content(printable(words)))
        lines = trend_lines(reading.trends.trends(), SPARK_BARS)
        heading = Content.styled("Trends (v: calendar)", "bold")
        self.query_one("#trends", Static).update(
            Content("\n").join([heading, *(Content(printable(line)) for line in lines)])
        )
        sessions = shown_sessions(reading.summaries, routine)
        self.query_one(SessionTable).show(sessions, pinned, keep_cursor=keep_cursor)

    def show_habit(self, figures: Figures, routine_name: str | None) -> None:
        """Title, calendar, sparkline and per-exercise figures."""
        assert self.reading is not None
        streak_start = self.today - timedelta(days=figures.streak)
        where, streaks = title_words(
            routine_name,
            figures,
            complete=self.reading.complete,
            streak_known=self.reading.covers(streak_start),
        )
        title = Content.assemble((printable(where), "bold underline"), f"   {streaks}")
        if self.read_only:
            title = Content.assemble(title, ("  [read-only]", "bold"))
        self.query_one("#history-title", Static).update(title)
        self.query_one("#calendar", Static).update(
            Content.assemble(("Last 12 weeks\n", "bold"), calendar_picture(figures.calendar))
        )
        self.query_one("#weekly", Static).update(
            Content.assemble(
                ("Sessions per week ", "bold"),
                sparkline(figures.weekly),
                f" (this week {figures.weekly[-1]})",
            )
        )
        self.query_one(ExerciseFigures).show(figures.exercises)

    # --------------------------------------------------------------- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_session":  # shown only when there is a session to go back to
            return self.over_session
        return True

    def action_back(self) -> None:
        """Back to the screen under history: the running session, or the catalogue."""
        self.app.pop_screen()

    def action_back_to_session(self) -> None:
        """Back to the running session history was opened from."""
        if self.over_session:
            self.app.pop_screen()

    def action_toggle_trends(self) -> None:
        """Show the trends in place of the calendar, or the calendar again."""
        trends = self.query_one("#trends")
        trends.display = not trends.display
        self.query_one("#habit").display = not trends.display

    def action_delete(self) -> None:
        """Ask the app to delete the session under the cursor (it asks first)."""
        row = self.query_one(SessionTable).highlighted
        if row is None or self.read_only:
            return
        if row.in_progress:
            self.notify("A session in progress can't be deleted; finish or discard it first.")
            return
        self.post_message(DeleteSessionAsked(row.session_id))

    def action_undo_delete(self) -> None:
        """Ask the app to put back the session deleted last."""
        if not self.read_only:
            self.post_message(RestoreSessionAsked())

    def action_pick_filter(self) -> None:
        """Open the list of routines to show the history of."""
        self.read_everything()  # the counts in the list are of all of history
        assert self.reading is not None
        choices = routine_choices(self.reading.tally)

        def picked(choice: RoutineChoice | None) -> None:
            if choice is not None and choice.routine_id != self.routine_filter:
                self.routine_filter = choice.routine_id
                self.show_all()

        self.post_message(RoutineFilterAsked(choices, self.routine_filter, picked))

    @on(SessionTable.WantsEnd)
    def end_pressed(self) -> None:
        self.read_everything()
        self.query_one(SessionTable).jump_to_last()

    @on(SessionTable.Chosen)
    def open_detail(self, event: SessionTable.Chosen) -> None:
        if event.row.in_progress:
            self.open_unfinished()
            return
        self.post_message(OpenPastSession(event.row.session_id))

    def open_unfinished(self) -> None:
        """Enter on the session in progress: back to it, or the offer to resume it."""
        if self.over_session:
            self.app.pop_screen()
        elif self.read_only:
            self.notify(IN_PROGRESS_ELSEWHERE)
        else:
            self.post_message(ResumeAsked())

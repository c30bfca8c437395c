"""The loosen application: screens, global keys and the services they share."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import messages
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import Monochrome, NoColor
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.theme import Theme

from tui.catalogue.model import Catalogue, Exercise, Routine
from tui.habit.goal import GOAL_SETTING, checked_goal, stored_goal
from tui.locations import user_routines_file
from tui.messages import (
    AdjustTodayAsked,
    BuildRoutineAsked,
    CatalogueFilterAsked,
    DeleteSessionAsked,
    EditExerciseAsked,
    OpenPastSession,
    RestoreSessionAsked,
    ResumeAsked,
    RoutineFilterAsked,
    SessionFinished,
    SessionLeft,
    StartSession,
)
from tui.screens.catalogue import CatalogueScreen
from tui.settings import Settings
from tui.storage.errors import StorageError
from tui.storage.types import (
    ActiveDocument,
    CheckIn,
    Session,
    SessionRecord,
    Side,
    TrashEntry,
)
from tui.text import printable
from tui.widgets.sparing_scrollbar import ConsoleScrollBarRender
from tui.wording import LINUX_CONSOLE, READ_ONLY_MESSAGE, glyphs, plural, slots_done_words

ScreenType = TypeVar("ScreenType", bound=Screen[Any])
T = TypeVar("T")

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from tui.catalogue.editing import OwnCatalogue
    from tui.catalogue.recency import Recency
    from tui.catalogue.user_file import Saved, UserRoutinesFile
    from tui.habit.nudge import Nudge
    from tui.habit.status import HabitStatus
    from tui.history.reading import YearBatches
    from tui.ledger.progression import Suggestion
    from tui.ledger.progression_log import Log
    from tui.screens.history import HistoryScreen
    from tui.screens.resume import ResumeChoice
    from tui.screens.suggestions import SuggestionsView
    from tui.screens.summary import SummaryResult, SummaryScreen
    from tui.session.alerts import AlertKind
    from tui.session.keeper import ActiveSession
    from tui.storage.store import Store

__all__ = ["READ_FAILED_TITLE", "READ_ONLY_MESSAGE", "LoosenApp"]

READ_FAILED_TITLE = "Could not read your data"
NOTICE_TITLE = "Your data files"
ROUTINES_FILE_TITLE = "Your routines file"
READ_ONLY_EDITING = (
    "Read-only: another loosen is using this data dir; routines and exercises can't be"
    " changed here."
)
GIVEN_FILE_EDITING = (
    "loosen was started with --routines FILE: the editors write your own routines file,"
    " so they work in a loosen started without it."
)
"""The title of the store's own notices: a file damaged, set aside or unreadable."""

SUMMARY_SETTLE_SECONDS = 0.1
"""How long the summary, once mounted, is left to settle (focus, key bar) before it is drawn."""
REFRESH_QUEUED_SECONDS = 0.02
"""Time for a screen's refresh to reach its list of widgets to draw."""

NOTIFICATION_NEXT = {
    "off": ("osc9", "send by OSC 9"),
    "osc9": ("osc777", "send by OSC 777"),
    "osc777": ("off", "turn off"),
}
"""For each notification setting: the next one the palette offers, and its words."""


def local_now() -> datetime:
    """The current local time, with its UTC offset."""
    return datetime.now().astimezone()


def routine_commands() -> type[Provider]:
    """The palette's 'Start <routine>' entries, loaded when the palette first opens."""
    from tui.palette import RoutineCommands

    return RoutineCommands


def filter_commands() -> type[Provider]:
    """The palette's 'Filter: <value>' entries (catalogue only), loaded when it first opens."""
    from tui.palette import FilterCommands

    return FilterCommands


class LoosenApp(App[int]):
    """A terminal warm-up companion: catalogue, guided session and history.

    Session and history code is imported where it is first used, not at start-up:
    the catalogue should be on screen as fast as possible.
    """

    TITLE = "loosen"
    # The first screen's CSS is read with the app's: loaded later, it would make Textual
    # parse and apply every stylesheet again before the first frame.
    CSS_PATH = ["app.tcss", "screens/catalogue.tcss"]  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it so)
        (0, "-compact"),
        (60, "-narrow"),
        (120, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("h", "history", "History"),
        Binding("t", "next_theme", "Next theme", show=False),
    ]
    COMMANDS = App.COMMANDS | {routine_commands, filter_commands}
    """Textual's system commands (see `get_system_commands`), one entry per routine and, in
    the catalogue, one per filter."""
    THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "textual-ansi")
    """What `t` cycles through; the palette offers every theme."""

    def __init__(
        self,
        catalogue: Catalogue,
        store: Store,
        *,
        start_routine: str | None = None,
        open_history: bool = False,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = local_now,
        editable_routines: bool = True,
    ) -> None:
        """`editable_routines` False: the catalogue came from `--routines FILE`, so the
        builders, which write the user's own file, are not offered."""
        if LINUX_CONSOLE:  # every scroll bar, Textual's own too: no ▁-▇ or ▉-▏ there
            ScrollBar.renderer = ConsoleScrollBarRender
        super().__init__()
        if LINUX_CONSOLE:
            self.add_class("-console")
        if self.no_color:
            # Textual's fallback for NO_COLOR turns colours grey but still sends them; the
            # convention (no-color.org) is to send none, so take every colour out.
            self._filters = [NoColor() if isinstance(f, Monochrome) else f for f in self._filters]
        self.catalogue = catalogue
        self.store = store
        self.start_routine = start_routine
        self.open_history = open_history
        self.clock = clock
        self.now = now
        self.editable_routines = editable_routines
        self._routines_file: UserRoutinesFile | None = None
        self._catalogue_changed = False
        self._notices_shown = 0
        self._read_failures_shown: set[str] = set()
        self.settings = Settings(store)
        """The person's choices: defaults until read from the store when the app mounts."""

    def get_default_screen(self) -> Screen[Any]:
        """The catalogue: the bottom of the screen stack, where every 'back' ends."""
        catalogue = CatalogueScreen(
            self.catalogue,
            read_only=self.store.read_only,
            unfinished=lambda: self.active_session() is not None,
            nudge=self.week_nudge,
            recency=self.routine_recency,
        )
        return self.sized(catalogue)

    def sized(self, screen: ScreenType) -> ScreenType:
        """Give a new screen its size classes now, so it is styled once, not again on resize."""
        horizontal = screen.HORIZONTAL_BREAKPOINTS or self.HORIZONTAL_BREAKPOINTS or []
        vertical = screen.VERTICAL_BREAKPOINTS or self.VERTICAL_BREAKPOINTS or []
        for breakpoints, size in ((horizontal, self.size.width), (vertical, self.size.height)):
            for minimum, name in sorted(breakpoints, reverse=True):
                if size >= minimum:
                    screen.add_class(name)
                    break
        return screen

    def on_mount(self) -> None:
        # Read once: from here on the bell and the theme are kept in memory.
        self.settings = self.from_store(lambda: Settings.read(self.store), self.settings)
        theme = self.settings.theme
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        self.show_new_notices()
        if self.store.read_only:
            self.notify(READ_ONLY_MESSAGE, title="Read-only", severity="warning", timeout=30)
        if self.open_history:
            self.action_history()
        elif self.start_routine is not None:
            routine = self.catalogue.routine(self.start_routine)
            if routine is not None:
                self.start_session(routine)
        elif self.has_unfinished_session():
            self.offer_resume()

    def remember_theme(self, theme: Theme) -> None:
        """Keep the chosen theme for the next run."""
        self.saved(lambda: self.settings.set_theme(theme.name), "the theme")

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: go to a screen, the bell, the theme (routines: tui.palette)."""
        yield SystemCommand(
            "Go to catalogue", "Browse routines and exercises", self.action_catalogue
        )
        yield SystemCommand(
            "Go to history", "Past sessions, streaks and calendar", self.action_history
        )
        if self.active_session() is not None:
            yield SystemCommand("Resume unfinished session", "Or discard it", self.offer_resume)
        bell = "Bell: turn off" if self.settings.bell else "Bell: turn on"
        yield SystemCommand(
            bell, "The terminal bell at the end of holds and rests", self.toggle_bell
        )
        hands_free = "Hands-free: turn off" if self.settings.hands_free else "Hands-free: turn on"
        yield SystemCommand(
            hands_free, "Holds and reps start and end by themselves", self.toggle_hands_free
        )
        beeps = "turn off" if self.settings.warning_beeps else "turn on"
        yield SystemCommand(
            f"Warning beeps: {beeps}",
            "A 3-2-1 bell before a countdown ends",
            self.toggle_warning_beeps,
        )
        ticks = "turn off" if self.settings.rep_ticks else "turn on"
        yield SystemCommand(
            f"Rep ticks: {ticks}",
            "A short bell at each rep of a paced (hands-free) set",
            self.toggle_rep_ticks,
        )
        yield SystemCommand(
            f"Notifications: {NOTIFICATION_NEXT[self.settings.notifications][1]}",
            "Desktop notifications by OSC 9 or OSC 777 (off, OSC 9, OSC 777)",
            self.next_notifications,
        )
        yield SystemCommand(
            "Weekly goal", "On how many days a week to warm up (1-7)", self.action_weekly_goal
        )
        if self.editable_routines and not self.store.read_only:
            yield SystemCommand(
                "New routine", "Build a routine of your own", self.action_new_routine
            )
            yield SystemCommand(
                "New exercise", "Write an exercise of your own, with cues", self.action_new_exercise
            )
        yield SystemCommand(
            f"Check-ins: turn {'off' if self.settings.check_ins else 'on'}",
            "Stiffness before and after a session, and which side felt tighter",
            self.toggle_check_ins,
        )
        yield SystemCommand(
            "Suggestions",
            "Progression: the next step after easy sessions, a step back after pain",
            self.action_suggestions,
        )
        if not self.store.read_only:
            yield SystemCommand(
                "Self-test",
                "How far your upper back turns each way (weekly)",
                self.action_self_test,
            )
        yield SystemCommand("Keys", "Every key of this screen", self.action_help)
        # Textual's own Keys panel and Maximize would only duplicate or confuse.
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Maximize", "Minimize"):
                yield command

    # ----------------------------------------------------------- sessions
    # The session keeper (tui.session.keeper) does the work; the app only opens screens.

    def on_start_session(self, message: StartSession) -> None:
        self.start_session(message.routine)

    def start_session(self, routine: Routine) -> None:
        """Start a routine, unless a session is unfinished (then offer it) or read-only."""
        from tui.session.keeper import SAVE_ERRORS, ActiveSession, could_not_save

        if self.store.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="error")
            return
        if self.active_session() is not None:
            self.offer_resume(picked=routine)  # which says what becomes of the one picked
            return
        try:
            session = ActiveSession.start(routine, self.store, clock=self.clock, now=self.now)
        except SAVE_ERRORS as error:
            self.notify(could_not_save(error), severity="error", timeout=30)
            return
        self.check_in_before(session)

    def show_session(self, session: ActiveSession, *, after_check_in: bool = False) -> None:
        from tui.screens.session import SessionScreen

        if after_check_in:
            session.engine.restart_clock()
        self.ask_sides_during(session)
        self.push_screen(SessionScreen(session, self.settings, clock=self.clock, alert=self.alert))

    def on_resume_asked(self, message: ResumeAsked) -> None:
        self.offer_resume()

    def offer_resume(self, picked: Routine | None = None) -> None:
        """Ask whether to resume or discard the unfinished session.

        `picked`: the routine the person asked to start, which waits for the answer.
        """
        from tui.screens.resume import ResumeScreen
        from tui.session.keeper import ActiveSession
        from tui.session.record import ActiveSessionError

        document = self.active_session()
        if document is None or self.store.read_only:
            return
        try:
            session = ActiveSession.resume(document, self.store, clock=self.clock, now=self.now)
        except ActiveSessionError as error:
            self.notify(str(error), severity="error", timeout=20)
            return
        if session.engine.is_finished:
            # Every set was done before loosen stopped: it belongs in history, not here.
            if self.saved(session.finish, "the session"):
                self.notify("Your last session was complete; it is now in history.")
                if picked is not None:
                    self.start_session(picked)
            return

        if picked is not None and picked.id == session.engine.routine.id:
            picked = None  # the same routine again: resuming it is what was asked

        def chosen(choice: ResumeChoice | None) -> None:
            self.clear_notifications()  # 'Session kept: press r…' has been answered
            if choice == "resume":
                self.show_session(session)
            elif choice == "discard":
                self.discard_unfinished()
            elif choice == "replace" and picked is not None and self.discard_unfinished():
                self.start_session(picked)

        picked_name = picked.name if picked is not None else None
        self.push_screen(ResumeScreen(session.engine, picked=picked_name), chosen)

    def discard_unfinished(self) -> bool:
        """Move the unfinished session into history as abandoned; False if it could not be."""
        from tui.session.keeper import SAVE_ERRORS, could_not_save, discard

        document = self.active_session()
        if document is None:
            return True
        try:
            kept = discard(document, self.store, ended_at=self.now())
        except SAVE_ERRORS as error:
            self.notify(could_not_save(error), severity="error", timeout=30)
            return False
        if kept:
            self.notify("Kept in history as abandoned.")
        else:
            self.notify("The unfinished session can't be read; it was left as it is.")
        return kept

    def on_session_finished(self, message: SessionFinished) -> None:
        """The session is in history: the summary adds a rating and a note to it."""
        engine = message.session.engine

        def rated(_result: SummaryResult | None) -> None:
            self.return_to_catalogue()
            done = slots_done_words(
                engine.done_count, engine.planned_count, engine.planned_set_count
            )
            self.notify(f"Saved: {done}.")

        # One frame for the whole change (without the pause in repaints, the catalogue under
        # the session, the summary and its rating each sent one: 14 KB in 4 frames). The
        # summary goes over the session (closed with it, by `rated`): popping the session
        # first woke the catalogue, whose changes then cost a frame of their own.
        self.close_check_in_questions()

        def summary() -> None:
            batch = self.batch_update()
            batch.__enter__()
            try:
                self.push_screen(self.sized(self.summary_screen(message.session)), rated)
            finally:
                self.draw_once_settled(lambda: batch.__exit__(None, None, None))

        self.check_in_after(message.session, summary)

    def draw_once_settled(self, resume_repaints: Callable[[], object]) -> None:
        """Once a new screen has settled, draw it whole in one frame, then `resume_repaints`.

        Unlike `delay_update`, the screen is put on its list of widgets to draw before
        repaints resume: the layout still due then draws all of it at once, and its own
        repaint after that finds nothing left to send (not the whole screen a second time).
        """

        def mark() -> None:
            if self.screen_stack:  # (none while the app closes)
                screen = self.screen
                screen.refresh()
                screen.post_message(messages.Update(screen))

        def release() -> None:
            resume_repaints()  # whatever happened meanwhile: never left paused
            if self.screen_stack:
                self.screen.check_idle()  # its repaints were put off: draw them now

        self.set_timer(SUMMARY_SETTLE_SECONDS, mark)
        self.set_timer(SUMMARY_SETTLE_SECONDS + REFRESH_QUEUED_SECONDS, release)

    def on_session_left(self, message: SessionLeft) -> None:
        """Back to the catalogue; the session stays saved and is offered next time."""
        self.return_to_catalogue()
        self.notify("Session kept: press r in the catalogue to resume it.")

    def saved(self, write: Callable[[], None], what: str) -> bool:
        """Run a write to the store; if it fails, say so on screen and return False."""
        try:
            write()
        except (StorageError, OSError) as error:
            self.notify(f"Could not save {what}: {error}", severity="error", timeout=30)
            return False
        return True

    def from_store(self, read: Callable[[], T], fallback: T) -> T:
        """Run a read from the store; if it fails, say so and return `fallback`.

        The app keeps running on what it can read. A failure is said once per message
        (some reads run on every redraw of the keys); a notice the read added (a damaged
        file moved aside) is shown at once, not on the next visit.
        """
        try:
            result = read()
        except (StorageError, OSError) as error:
            message = str(error)
            if message not in self._read_failures_shown:
                self._read_failures_shown.add(message)
                self.notify(message, title=READ_FAILED_TITLE, severity="error", timeout=30)
            result = fallback
        self.show_new_notices()
        return result

    def active_session(self) -> ActiveDocument | None:
        """The unfinished session as saved, or None (also when it can't be read)."""
        return self.from_store(self.store.active, None)

    def has_unfinished_session(self) -> bool:
        """Whether a session is saved but not finished (and this loosen may carry it on)."""
        return not self.store.read_only and self.active_session() is not None

    def return_to_catalogue(self) -> None:
        """Close every screen above the catalogue."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # ----------------------------------------------------------- check-ins
    # Each answer is kept with the session by the keeper the moment it is given.

    def check_in_before(self, session: ActiveSession) -> None:
        """Stiffness and pain before the (already saved) session, then the session itself."""
        from tui.ledger.checkin import high_pain, with_before, with_pain
        from tui.ledger.questions import PAIN_BEFORE, STIFFNESS_BEFORE
        from tui.screens.check_in import ScaleQuestion

        if not self.settings.check_ins or self.is_self_test(session):
            self.show_session(session, after_check_in=True)
            return

        def stiffness(answer: int | str | None) -> None:
            if self.check_in_answered(session, answer, with_before, "stiffness"):
                self.push_screen(ScaleQuestion(*PAIN_BEFORE), pain)
            else:
                self.show_session(session, after_check_in=True)

        def pain(answer: int | str | None) -> None:
            if self.check_in_answered(session, answer, with_pain, "pain") and high_pain(
                session.check_in
            ):
                self.ask_high_pain(session)
            else:
                self.show_session(session, after_check_in=True)

        self.push_screen(ScaleQuestion(*STIFFNESS_BEFORE), stiffness)

    def check_in_answered(
        self, session: ActiveSession, answer: int | str | None, keep: Any, field: str
    ) -> bool:
        """Keep a 0-10 answer (`keep(check_in, field=answer)`); False if check-ins were
        turned off with it."""
        from tui.screens.check_in import TURN_OFF

        if answer == TURN_OFF:
            if self.saved(lambda: self.settings.set_check_ins(False), "the check-in setting"):
                self.notify("Check-ins off. The palette (ctrl+p) turns them on again.")
            return False
        if keep is not None and isinstance(answer, int):
            self.keep_check_in(session, keep(session.check_in, **{field: answer}))
        return True

    def ask_high_pain(self, session: ActiveSession) -> None:
        """The calm screen after a pain of 7 or more: an easier day, stop, or carry on."""
        from tui.ledger.checkin import with_pain_choice
        from tui.ledger.questions import HIGH_PAIN_CHOICES, HIGH_PAIN_LINES, HIGH_PAIN_TITLE
        from tui.screens.check_in import ChoiceQuestion

        def chosen(answer: str | None) -> None:
            if answer in ("stop", "easier", "carry_on"):
                self.keep_check_in(session, with_pain_choice(session.check_in, answer))  # type: ignore[arg-type]
            if answer == "stop":
                if self.saved(session.finish, "the session"):
                    self.notify("Rest today. Kept in history with your check-in.")
                    self.tell_easing(session)
                return
            eased = self.eased_session(session) if answer == "easier" else session
            self.show_session(eased, after_check_in=True)

        self.push_screen(
            ChoiceQuestion(HIGH_PAIN_TITLE, HIGH_PAIN_LINES, HIGH_PAIN_CHOICES, calm=True), chosen
        )

    def eased_session(self, session: ActiveSession) -> ActiveSession:
        """The session started again as an easier day, with its check-ins (nothing was done)."""
        from tui.ledger.easing import easier_day
        from tui.session.keeper import SAVE_ERRORS, ActiveSession, could_not_save

        try:
            return ActiveSession.start(
                easier_day(session.engine.routine),
                self.store,
                clock=self.clock,
                now=self.now,
                check_in=session.check_in,
            )
        except SAVE_ERRORS as error:
            self.notify(could_not_save(error), severity="error", timeout=30)
            return session

    def ask_sides_during(self, session: ActiveSession) -> None:
        """At the end of each per-side exercise, ask which side felt tighter (one key)."""
        if self.settings.check_ins:
            session.on_exercise_end = lambda exercise: self.ask_side(session, exercise, None)

    def ask_side(
        self, session: ActiveSession, exercise: Exercise, then: Callable[[], None] | None
    ) -> None:
        """Which side of `exercise` felt tighter; then `then` (if any)."""
        from tui.ledger.checkin import with_side
        from tui.ledger.questions import SIDE_CHOICES, SIDE_TITLE, side_lines
        from tui.screens.check_in import ChoiceQuestion

        def chosen(answer: str | None) -> None:
            if answer in ("left", "right", "even"):
                self.keep_check_in(session, with_side(session.check_in, exercise.id, answer))  # type: ignore[arg-type]
            elif not self.check_in_answered(session, answer, None, ""):
                session.on_exercise_end = None
            if then is not None:
                then()

        lines = side_lines(printable(exercise.name))
        self.push_screen(ChoiceQuestion(SIDE_TITLE, lines, SIDE_CHOICES), chosen)

    def check_in_after(self, session: ActiveSession, then: Callable[[], None]) -> None:
        """The last per-side exercise's side, then stiffness after; then `then`."""
        from tui.ledger.checkin import with_after
        from tui.ledger.questions import STIFFNESS_AFTER
        from tui.screens.check_in import ScaleQuestion

        if self.is_self_test(session) and session.engine.counts_as_finished:
            self.ask_self_test(session, then)
            return
        if not self.settings.check_ins or not session.engine.counts_as_finished:
            then()
            return
        exercise = session.unasked_side()
        if exercise is not None:
            self.ask_side(session, exercise, lambda: self.check_in_after(session, then))
            return

        def stiffness(answer: int | str | None) -> None:
            self.check_in_answered(session, answer, with_after, "stiffness")
            then()

        self.push_screen(ScaleQuestion(*STIFFNESS_AFTER), stiffness)

    def keep_check_in(self, session: ActiveSession, check_in: CheckIn) -> None:
        """Keep the check-ins with the session now (a failure is said; the session goes on)."""
        if problem := session.answer(check_in):
            self.notify(problem, severity="error", timeout=30)

    def close_check_in_questions(self) -> None:
        """Close a check-in question left open over a session that has just ended."""
        from tui.screens.check_in import ChoiceQuestion, ScaleQuestion

        while isinstance(self.screen, ChoiceQuestion | ScaleQuestion):
            self.pop_screen()

    def toggle_check_ins(self) -> None:
        """Check-ins on or off, remembered."""
        on = not self.settings.check_ins
        if self.saved(lambda: self.settings.set_check_ins(on), "the check-in setting"):
            self.notify("Check-ins on." if on else "Check-ins off.")

    # --------------------------------------------------------- progression
    # The rules are in tui.ledger.progression; accepting writes the user's routines file
    # (tui.ledger.progression_log), so the builder and `loosen check` see the change.

    def summary_screen(self, session: ActiveSession) -> SummaryScreen:
        """The summary of a session, with this routine's suggestion if there is one."""
        from tui.screens.summary import SummaryScreen

        suggest = self.summary_suggestion(session)
        accept = self.accept_suggestion if suggest is not None else None
        due = self.self_test_due() if not self.is_self_test(session) else None
        return SummaryScreen(session, suggest=suggest, accept=accept, self_test_due=due)

    def summary_suggestion(
        self, session: ActiveSession
    ) -> Callable[[int | None], Suggestion | None] | None:
        """This routine's first suggestion, given the rating the summary has so far."""
        from tui.ledger.progression import recent_sessions, suggestions

        routine = self.catalogue.routine(session.engine.routine.id)
        if routine is None or self.store.read_only or not self.editable_routines:
            return None
        since = self.progression_log().since()
        today = self.now().date()
        nothing: list[Session] = []
        recent = self.from_store(
            lambda: recent_sessions(self.store.newest_sessions(), [routine], since, today),
            nothing,
        )

        def suggest(rating: int | None) -> Suggestion | None:
            rated = [
                {**summary, "rating": rating} if summary["id"] == session.session_id else summary
                for summary in recent
            ]
            found = suggestions([routine], rated, since, today)  # type: ignore[arg-type]
            return found[0] if found else None

        return suggest

    def tell_easing(self, session: ActiveSession) -> None:
        """After stopping for pain: say that a step back is suggested (no summary says it)."""
        suggest = self.summary_suggestion(session)
        suggestion = suggest(None) if suggest is not None else None
        if suggestion is not None and suggestion.kind == "ease":
            self.notify(
                f"A step back is suggested for next time: {suggestion.line()}."
                " ctrl+p, Suggestions, accepts it.",
                timeout=20,
            )

    def progression_log(self) -> Log:
        """The accepted suggestions (an unreadable log reads as empty, and is said)."""
        from tui.ledger.progression_log import Log, read_log

        log = self.from_store(lambda: read_log(self.store), Log(()))
        if log.unreadable:
            self.notify(
                f"{plural(log.unreadable, 'entry', 'entries')} of the progression log could"
                " not be read and will be left out.",
                severity="warning",
            )
        return log

    def suggestions_view(self) -> SuggestionsView:
        """Every suggestion for the catalogue's routines, and the change undo takes back."""
        from tui.ledger.progression import recent_sessions, suggestions
        from tui.screens.suggestions import SuggestionsView

        log = self.progression_log()
        since = log.since()
        routines = self.catalogue.routines
        today = self.now().date()
        nothing: list[Session] = []
        recent = self.from_store(
            lambda: recent_sessions(self.store.newest_sessions(), routines, since, today),
            nothing,
        )
        found = suggestions(routines, recent, since, today)
        last = log.last_active()
        return SuggestionsView(found, None if last is None else f"{last.words}, {last.at[:10]}")

    def action_suggestions(self) -> None:
        """Show every suggestion: accept one, or undo the last accepted."""
        from tui.screens.suggestions import SuggestionsScreen

        screen = SuggestionsScreen(self.suggestions_view, self.accept_suggestion, self.undo_change)
        self.push_screen(self.sized(screen))

    def accept_suggestion(self, suggestion: Suggestion) -> bool:
        """Give the step its suggested dosage in the user's file; False (said) if not."""
        from tui.catalogue.editing import EditError
        from tui.catalogue.user_file import UserFileError
        from tui.ledger.progression_log import accept

        if (opened := self.own_routines()) is None:
            return False
        try:
            change, saved = accept(suggestion, opened[0], self.store, self.now)
        except (UserFileError, EditError, StorageError, OSError) as error:
            self.notify(f"Could not accept it: {error}", severity="error", timeout=30)
            return False
        self.catalogue_saved(saved)
        self.after_editing(None)
        self.notify(
            f"Accepted: {change.words}, now {suggestion.from_to().split(' → ')[1]}."
            " Undo: ctrl+p, Suggestions, u."
        )
        return True

    def undo_change(self) -> bool:
        """Put back the step of the last accepted suggestion; False (said) if not."""
        from tui.catalogue.editing import EditError
        from tui.catalogue.user_file import UserFileError
        from tui.ledger.progression_log import undo_last

        if (opened := self.own_routines()) is None:
            return False
        try:
            change, saved = undo_last(opened[0], self.store, self.now)
        except (UserFileError, EditError, StorageError, OSError) as error:
            self.notify(f"Could not undo: {error}", severity="error", timeout=30)
            return False
        self.catalogue_saved(saved)
        self.after_editing(None)
        self.notify(f"Undone: {change.words}.")
        return True

    # --------------------------------------------------------- the self-test
    # A session of the bundled self-test (tui.ledger.self_test); its result is asked for
    # at its end and kept in the session's check-in.

    def is_self_test(self, session: ActiveSession) -> bool:
        """Whether the session is the self-test."""
        from tui.ledger.self_test import is_self_test

        return is_self_test(session.engine.routine)

    def self_test_due(self) -> str | None:
        """'Self-test due: last taken 9 days ago' (with check-ins on), else None."""
        from tui.ledger.self_test import due_words, last_taken

        if not self.settings.check_ins or self.store.read_only:
            return None
        today = self.now().date()
        last = self.from_store(lambda: last_taken(self.store.newest_sessions(), today), None)
        return due_words(last, today)

    def action_self_test(self) -> None:
        """Start the self-test: a seated rotation, then its result per side."""
        from tui.ledger.self_test import ROUTINE

        self.start_session(ROUTINE)

    def ask_self_test(self, session: ActiveSession, then: Callable[[], None]) -> None:
        """The self-test's result, one value per side, kept with the session; then `then`."""
        from tui.ledger.checkin import with_self_test
        from tui.ledger.self_test import TEST_ID, UNIT
        from tui.screens.self_test import SelfTestScreen

        def entered(values: dict[Side, int] | None) -> None:
            if values is not None:
                self.keep_check_in(session, with_self_test(session.check_in, TEST_ID, UNIT, values))
                self.notify(f"Self-test kept: left {values['left']}, right {values['right']}.")
            then()

        self.push_screen(SelfTestScreen(), entered)

    # --------------------------------------------------------- weekly goal

    def week_nudge(self) -> Nudge | None:
        """A line for the catalogue when this week's goal is at risk, with the usual routine."""
        from tui.habit.nudge import week_nudge

        return week_nudge(str(self.store.data_dir), self.now().date(), self.catalogue)

    def week_status(self) -> HabitStatus | None:
        """This week against the goal, read as `loosen status` reads it."""
        from tui.habit.reader import current_status

        return current_status(str(self.store.data_dir), self.now().date())

    @property
    def weekly_goal(self) -> int:
        """On how many days a week to warm up (1 to 7; 5 until set)."""
        return stored_goal(self.store.get_setting(GOAL_SETTING, None))

    def action_weekly_goal(self) -> None:
        """Ask for the weekly goal and remember it."""
        from tui.screens.goal import GoalScreen

        if self.store.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="error")
            return

        def chosen(days: int | None) -> None:
            if days is not None:
                self.store.set_setting(GOAL_SETTING, checked_goal(days))
                self.notify(f"Weekly goal: {plural(days, 'day')} a week.")

        self.push_screen(GoalScreen(self.weekly_goal), chosen)

    # ---------------------------------------------------------------- bell

    def toggle_bell(self) -> None:
        """Mute or unmute the bell, remembered between runs."""
        on = not self.settings.bell
        if self.saved(lambda: self.settings.set_bell(on), "the bell setting"):
            self.notify("Bell on." if on else "Bell muted.")

    def action_toggle_bell(self) -> None:
        """The m key in a session: the bell on or off."""
        self.toggle_bell()

    def toggle_hands_free(self) -> None:
        """Hands-free on or off, remembered; an open session follows at once."""
        from tui.screens.session import SessionScreen

        if isinstance(self.screen, SessionScreen):
            self.screen.action_hands_free()
            return
        on = not self.settings.hands_free
        if self.saved(lambda: self.settings.set_hands_free(on), "the hands-free setting"):
            self.notify("Hands-free on." if on else "Hands-free off.")

    def toggle_warning_beeps(self) -> None:
        """The 3-2-1 beeps on or off, remembered."""
        on = not self.settings.warning_beeps
        if self.saved(lambda: self.settings.set_warning_beeps(on), "the warning beeps setting"):
            self.notify("Warning beeps on." if on else "Warning beeps off.")

    def toggle_rep_ticks(self) -> None:
        """The bell at each paced rep on or off, remembered."""
        on = not self.settings.rep_ticks
        if self.saved(lambda: self.settings.set_rep_ticks(on), "the rep ticks setting"):
            self.notify("Rep ticks on." if on else "Rep ticks off.")

    def next_notifications(self) -> None:
        """Desktop notifications: off, then OSC 9, then OSC 777, then off again; remembered."""
        style, words = NOTIFICATION_NEXT[self.settings.notifications]
        if self.saved(lambda: self.settings.set_notifications(style), "the notification setting"):
            self.notify(f"Notifications: {words}.")

    def alert(self, kind: AlertKind, name: str | None) -> None:
        """Ring the bell pattern for `kind` and send a notification, as the settings say."""
        from tui.session.alerts import AlertSettings, NotificationStyle, in_tmux, plan_alert

        settings = AlertSettings(
            bell=self.settings.bell,
            warning_beeps=self.settings.warning_beeps,
            rep_ticks=self.settings.rep_ticks,
            notifications=NotificationStyle(self.settings.notifications),
        )
        plan = plan_alert(kind, settings, name=name, tmux=in_tmux(os.environ))
        for ring in plan.rings:
            if ring.at <= 0:
                self.write_to_terminal(ring.data)
            else:
                self.set_timer(ring.at, lambda data=ring.data: self.write_to_terminal(data))
        if plan.notification is not None:
            self.write_to_terminal(plan.notification)

    def write_to_terminal(self, data: bytes) -> None:
        """Send bytes (a bell, a notification) to the terminal, between frames."""
        # Textual 8 has no public way to write raw bytes (App.bell writes only BEL, and not
        # when headless); its own clipboard and bell code write through the driver.
        if self._driver is not None:
            self._driver.write(data.decode("utf-8", "replace"))

    # ------------------------------------------------------------ screens

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history":  # h is hidden where it would do nothing
            return not getattr(self.screen, "IS_HISTORY", False)
        return True

    def action_history(self) -> None:
        """Show history: back to it if it is open under this screen, else open it."""
        for depth, screen in enumerate(reversed(self.screen_stack)):
            if getattr(screen, "IS_HISTORY", False):
                for _ in range(depth):
                    self.pop_screen()
                return
        self.push_screen(self.history_screen())

    def history_screen(self) -> HistoryScreen:
        """History as it is now; opened over a session, it offers the way back to it."""
        from tui.screens.history import HistoryScreen
        from tui.screens.session import SessionScreen

        return HistoryScreen(
            self.history_years(),
            today=self.now().date(),
            in_progress=self.in_progress_record(),
            read_only=self.store.read_only,
            over_session=isinstance(self.screen, SessionScreen),
            week=self.week_status,
            deleted=self.deleted_count,
        )

    def history_years(self) -> YearBatches:
        """History a year at a time; a year that can't be read ends it (and is said)."""
        batches = self.store.sessions_by_year()
        while (batch := self.from_store(lambda: next(batches, None), None)) is not None:
            yield batch

    def in_progress_record(self) -> SessionRecord | None:
        """The unfinished session as a history record (for history's row in progress)."""
        from tui.session.record import abandoned_record

        document = self.active_session()
        return None if document is None else abandoned_record(document, ended_at=self.now())

    def routine_recency(self) -> Iterator[Recency]:
        """When each routine was last done and which to offer first, a year at a time."""
        from tui.catalogue.quick_start import USUAL_ROUTINE
        from tui.catalogue.recency import routine_recency

        usual = self.from_store(lambda: self.store.get_setting(USUAL_ROUTINE, ""), "")
        today = self.now().date()
        usual_id = usual if isinstance(usual, str) else None
        return routine_recency(self.catalogue, self.history_years(), usual_id, today)

    def on_catalogue_filter_asked(self, message: CatalogueFilterAsked) -> None:
        """The values the catalogue can be filtered by; the choice goes back to it."""
        from tui.screens.catalogue_filter import CatalogueFilterScreen

        self.push_screen(CatalogueFilterScreen(message.choices, message.filters), message.picked)

    def on_routine_filter_asked(self, message: RoutineFilterAsked) -> None:
        """The list of routines history can show; the choice goes back to history."""
        from tui.screens.filter_picker import FilterPickerScreen

        self.push_screen(FilterPickerScreen(message.choices, message.current), message.picked)

    def on_open_past_session(self, message: OpenPastSession) -> None:
        """One past session in full, over the history."""
        from tui.screens.session_detail import SessionDetailScreen

        detail = self.from_store(lambda: self.store.session_detail(message.session_id), None)
        if detail is not None:
            edit = None if self.store.read_only else self.edit_session
            screen = SessionDetailScreen(detail.record, sets_missing=detail.sets_missing, edit=edit)
            self.push_screen(screen)

    # ------------------------------------------------- correcting history

    def deleted_count(self) -> int:
        """How many deleted sessions can still be put back."""
        nothing: list[TrashEntry] = []
        return len(self.from_store(self.store.deleted_sessions, nothing))

    def on_delete_session_asked(self, message: DeleteSessionAsked) -> None:
        """Ask first, then move the session into the trash and show history without it."""
        from tui.ledger.questions import DELETE_CHOICES, DELETE_TITLE, delete_lines
        from tui.screens.check_in import ChoiceQuestion

        summary = self.from_store(lambda: self.store.session(message.session_id), None)
        if summary is None:
            return

        def chosen(answer: str | None) -> None:
            if answer != "delete":
                return
            deleted = self.from_store(lambda: self.store.delete_session(message.session_id), None)
            if deleted is not None:
                self.notify("Deleted. u in history puts it back (for 30 days).")
                self.refresh_history()

        lines = delete_lines(printable(summary["routine_name"]), summary["started_at"])
        self.push_screen(
            ChoiceQuestion(DELETE_TITLE, lines, DELETE_CHOICES, calm=True, skip=False), chosen
        )

    def on_restore_session_asked(self, message: RestoreSessionAsked) -> None:
        """Put back the session deleted last, if there is one."""
        nothing: list[TrashEntry] = []
        entries = self.from_store(self.store.deleted_sessions, nothing)
        if not entries:
            self.notify("Nothing to put back: no session was deleted in the last 30 days.")
            return
        session_id = entries[0]["record"]["id"]
        if self.from_store(lambda: self.store.restore_session(session_id), None) is not None:
            self.notify("Put back in history.")
            self.refresh_history()

    def edit_session(self, record: SessionRecord) -> SessionRecord | None:
        """Keep a changed past session (rating, note, check-ins); None if it could not be."""
        kept = self.from_store(lambda: self.store.edit_session(record), None)
        if kept is not None:
            self.notify("Saved.")
            self.refresh_history()
        return kept

    def refresh_history(self) -> None:
        """Read history again on an open history screen (after a change to it)."""
        for screen in self.screen_stack:
            if getattr(screen, "IS_HISTORY", False):
                screen.reload(self.history_years(), self.in_progress_record())  # type: ignore[attr-defined]

    # ------------------------------------------------------ building routines
    # The editors write the user's own routines file (tui.catalogue.user_file); the app
    # only opens them and, after a save, uses the catalogue the file now makes.

    def own_routines(self) -> tuple[UserRoutinesFile, OwnCatalogue] | None:
        """The user's routines file and what it holds; None (and why, said) if not editable."""
        from tui.catalogue.loader import CatalogueError
        from tui.catalogue.sources import builtin_catalogue
        from tui.catalogue.user_file import UserFileError, UserRoutinesFile

        if self.store.read_only:
            self.notify(READ_ONLY_EDITING, severity="error")
            return None
        if not self.editable_routines:
            self.notify(GIVEN_FILE_EDITING, severity="error", timeout=20)
            return None
        try:
            if self._routines_file is None:
                base = builtin_catalogue(self.store.data_dir)
                path = user_routines_file()
                self._routines_file = UserRoutinesFile(path, base, now=self.now)
            return self._routines_file, self._routines_file.own_catalogue()
        except (CatalogueError, UserFileError, OSError) as error:
            self.notify(str(error), title=ROUTINES_FILE_TITLE, severity="error", timeout=30)
            return None

    def on_build_routine_asked(self, message: BuildRoutineAsked) -> None:
        from tui.editors import routine_builder

        if (opened := self.own_routines()) is not None:
            builder = routine_builder(message, *opened, on_saved=self.catalogue_saved)
            self.push_screen(self.sized(builder), self.after_editing)

    def on_edit_exercise_asked(self, message: EditExerciseAsked) -> None:
        from tui.editors import exercise_editor

        if (opened := self.own_routines()) is not None:
            editor = exercise_editor(message, *opened, on_saved=self.catalogue_saved)
            self.push_screen(self.sized(editor), self.after_editing)

    def on_adjust_today_asked(self, message: AdjustTodayAsked) -> None:
        """Today's sets, reps and holds, then the session (the routine itself is unchanged)."""
        from tui.screens.adjust_today import AdjustTodayScreen

        if self.store.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="error")
            return
        self.push_screen(self.sized(AdjustTodayScreen(message.routine)))

    def action_new_routine(self) -> None:
        """Build a new routine of the person's own."""
        self.post_message(BuildRoutineAsked())

    def action_new_exercise(self) -> None:
        """Write a new exercise of the person's own."""
        self.post_message(EditExerciseAsked())

    def catalogue_saved(self, saved: Saved) -> None:
        """An editor wrote the user's file: from now on loosen uses the catalogue it makes."""
        self.catalogue = saved.catalogue
        self._catalogue_changed = True
        for notice in saved.notices:
            self.notify(notice, title=ROUTINES_FILE_TITLE, severity="warning", timeout=30)

    def after_editing(self, _result: object) -> None:
        """Back from an editor: the catalogue lists what was saved (its search kept)."""
        screen = self.screen_stack[0]
        if self._catalogue_changed and isinstance(screen, CatalogueScreen):
            self._catalogue_changed = False
            screen.catalogue = self.catalogue
            search = screen.search_input
            screen.refilter(search.value if search is not None else "")

    def action_catalogue(self) -> None:
        """Back to the catalogue; an open session stays saved and resumable."""
        self.return_to_catalogue()

    def action_previous_screen(self) -> None:
        """Back to the screen before, never past the catalogue."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_next_theme(self) -> None:
        """Cycle through a few themes that read well; the palette offers all of them."""
        themes = [name for name in self.THEMES if name in self.available_themes]
        position = themes.index(self.theme) if self.theme in themes else -1
        self.theme = themes[(position + 1) % len(themes)]
        self.notify(f"Theme: {self.theme}")

    def get_key_display(self, binding: Binding) -> str:
        """How a key is shown in the bars: '⏎' becomes 'enter' on the Linux console."""
        return glyphs(super().get_key_display(binding))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification, always as literal text (`markup` is ignored).

        Messages carry file paths, names and error text from outside, which must never
        be parsed as markup nor reach the terminal as control sequences.
        """
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def show_new_notices(self) -> None:
        """Tell the person about data files moved aside since the last time we looked."""
        for notice in self.store.notices[self._notices_shown :]:
            self.notify(notice, title=NOTICE_TITLE, severity="warning", timeout=30)
        self._notices_shown = len(self.store.notices)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from tui.screens.help import HelpScreen, help_title, key_rows

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_title(self.screen), key_rows(self.screen)))

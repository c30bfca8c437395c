"""The loosen application: screens, global keys and the services they share."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import Monochrome, NoColor
from textual.screen import Screen
from textual.theme import Theme

from tui.catalogue.model import Catalogue, Routine
from tui.catalogue.wording import plural
from tui.messages import StartSession
from tui.screens.catalogue import CatalogueScreen
from tui.storage.errors import StorageError
from tui.text import printable

ScreenType = TypeVar("ScreenType", bound=Screen[Any])
T = TypeVar("T")

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from tui.screens.resume import ResumeChoice
    from tui.screens.summary import SummaryResult
    from tui.session.engine import SessionEngine
    from tui.storage.store import Store

READ_ONLY_MESSAGE = "Read-only: another loosen is using this data dir; sessions can't start."
READ_FAILED_TITLE = "Could not read your data"


def local_now() -> datetime:
    """The current local time, with its UTC offset."""
    return datetime.now().astimezone()


def routine_commands() -> type[Provider]:
    """The palette's 'Start <routine>' entries, loaded when the palette first opens."""
    from tui.palette import RoutineCommands

    return RoutineCommands


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
    COMMANDS = App.COMMANDS | {routine_commands}
    """Textual's system commands (see `get_system_commands`) and one entry per routine."""
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
    ) -> None:
        super().__init__()
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
        self._notices_shown = 0
        self._read_failures_shown: set[str] = set()

    def get_default_screen(self) -> Screen[Any]:
        """The catalogue: the bottom of the screen stack, where every 'back' ends."""
        return self.sized(CatalogueScreen(self.catalogue))

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
        saved_theme = self.setting("theme", None)
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme
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
        elif self.has_unfinished_session:
            self.offer_resume()

    @property
    def has_unfinished_session(self) -> bool:
        """Whether a session is saved but not finished (and this loosen may carry it on)."""
        return not self.store.read_only and self.active_session() is not None

    def catalogue_status(self) -> str:
        """The catalogue's banner: read-only mode, or an unfinished session to resume."""
        if self.store.read_only:
            return READ_ONLY_MESSAGE
        if self.has_unfinished_session:
            return "You have an unfinished session: press r to resume or discard it."
        return ""

    def remember_theme(self, theme: Theme) -> None:
        """Keep the chosen theme for the next run."""
        if not self.store.read_only and self.setting("theme", None) != theme.name:
            self.saved(lambda: self.store.set_setting("theme", theme.name), "the theme")

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
        bell = "Bell: turn off" if self.bell_on else "Bell: turn on"
        yield SystemCommand(
            bell, "The terminal bell at the end of holds and rests", self.toggle_bell
        )
        yield SystemCommand("Keys", "Every key of this screen", self.action_help)
        # Textual's own Keys panel and Maximize would only duplicate or confuse.
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Maximize", "Minimize"):
                yield command

    # ----------------------------------------------------------- sessions

    def on_start_session(self, message: StartSession) -> None:
        self.start_session(message.routine)

    def start_session(self, routine: Routine) -> None:
        """Start a routine, unless a session is unfinished (then offer it) or read-only."""
        from tui.session.engine import SessionEngine
        from tui.session.record import new_session_id

        if self.store.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="error")
            return
        if self.active_session() is not None:
            self.offer_resume(picked=routine)  # which says what becomes of the one picked
            return
        engine = SessionEngine(routine, clock=self.clock, now=self.now)
        session_id = new_session_id()
        if self.save_session(session_id, engine):
            self.show_session(session_id, engine)

    def show_session(self, session_id: str, engine: SessionEngine) -> None:
        from tui.screens.session import SessionScreen

        self.push_screen(SessionScreen(session_id, engine))

    def action_offer_resume(self) -> None:
        """The r key: resume or discard the unfinished session."""
        self.offer_resume()

    def offer_resume(self, picked: Routine | None = None) -> None:
        """Ask whether to resume or discard the unfinished session.

        `picked`: the routine the person asked to start, which waits for the answer.
        """
        from tui.screens.resume import ResumeScreen
        from tui.session.record import ActiveSessionError, resume

        document = self.active_session()
        if document is None or self.store.read_only:
            return
        try:
            resumed = resume(document, clock=self.clock, now=self.now)
        except ActiveSessionError as error:
            self.notify(str(error), severity="error", timeout=20)
            return
        if resumed.engine.is_finished:
            # Every set was done before loosen stopped: it belongs in history, not here.
            if self.keep_finished(resumed.session_id, resumed.engine, self.now()):
                self.notify("Your last session was complete; it is now in history.")
                if picked is not None:
                    self.start_session(picked)
            return

        if picked is not None and picked.id == resumed.engine.routine.id:
            picked = None  # the same routine again: resuming it is what was asked

        def chosen(choice: ResumeChoice | None) -> None:
            if choice == "resume":
                self.show_session(resumed.session_id, resumed.engine)
            elif choice == "discard":
                self.discard_active()
            elif choice == "replace" and picked is not None and self.discard_active():
                self.start_session(picked)

        picked_name = picked.name if picked is not None else None
        self.push_screen(ResumeScreen(resumed.engine, picked=picked_name), chosen)

    def discard_active(self) -> bool:
        """Move the unfinished session into history as abandoned; False if it could not be."""
        from tui.session.record import abandoned_record

        document = self.active_session()
        if document is None:
            return True
        record = abandoned_record(document, ended_at=self.now())
        if record is None:
            self.notify("The unfinished session can't be read; it was left as it is.")
            return False
        if self.saved(lambda: self.store.add_session(record)):
            self.notify("Kept in history as abandoned.")
            return True
        return False

    def save_session(self, session_id: str, engine: SessionEngine) -> bool:
        """Save the unfinished session durably; on failure say so and return False."""
        from tui.session.record import active_document

        return self.saved(lambda: self.store.save_active(active_document(session_id, engine)))

    def saved(self, write: Callable[[], None], what: str = "the session") -> bool:
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

    def setting(self, key: str, default: T) -> T:
        """A stored setting, or `default` if it is unset or can't be read."""
        return self.from_store(lambda: self.store.get_setting(key, default), default)

    def active_session(self) -> dict[str, Any] | None:
        """The unfinished session as saved, or None (also when it can't be read)."""
        return self.from_store(self.store.active, None)

    def finish_session(self, session_id: str, engine: SessionEngine) -> None:
        """Keep the session in history at once, then let the summary add a rating and note."""
        from tui.screens.summary import SummaryScreen

        ended_at = self.now()
        if not self.keep_finished(session_id, engine, ended_at):
            return

        def keep(result: SummaryResult) -> None:
            if result.rating is not None or result.note:
                self.keep_finished(session_id, engine, ended_at, result.rating, result.note)

        def rated(result: SummaryResult | None) -> None:
            if result is not None:
                keep(result)
            self.return_to_catalogue()
            self.notify(f"Saved: {engine.done_count} of {plural(engine.planned_count, 'set')}.")

        self.pop_screen()
        self.push_screen(SummaryScreen(engine, keep), rated)

    def keep_finished(
        self,
        session_id: str,
        engine: SessionEngine,
        ended_at: datetime,
        rating: int | None = None,
        note: str | None = None,
    ) -> bool:
        """Write the finished session to history (replacing any earlier copy of it)."""
        from tui.session.record import FINISHED, session_record

        record = session_record(
            session_id, engine, status=FINISHED, ended_at=ended_at, rating=rating, note=note
        )
        return self.saved(lambda: self.store.add_session(record))

    def leave_session(self) -> None:
        """Back to the catalogue; the session stays saved and is offered next time."""
        self.return_to_catalogue()
        self.notify("Session kept: press r in the catalogue to resume it.")

    def return_to_catalogue(self) -> None:
        """Close every screen above the catalogue."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # ---------------------------------------------------------------- bell

    @property
    def bell_on(self) -> bool:
        """Whether the bell rings at the end of holds, rests and side switches."""
        return bool(self.setting("bell", True))

    def toggle_bell(self) -> None:
        """Mute or unmute the bell, remembered between runs."""
        on = not self.bell_on
        if not self.store.read_only and not self.saved(
            lambda: self.store.set_setting("bell", on), "the bell setting"
        ):
            return
        self.notify("Bell on." if on else "Bell muted.")

    def ring(self) -> None:
        """Ring the terminal bell (heard over SSH) unless muted."""
        if self.bell_on:
            self.bell()

    # ------------------------------------------------------------ screens

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history":  # h is hidden where it would do nothing
            return not getattr(self.screen, "IS_HISTORY", False)
        return True

    def action_history(self) -> None:
        """Show history: back to it if it is open under this screen, else open it."""
        from tui.screens.history import HistoryScreen

        for depth, screen in enumerate(reversed(self.screen_stack)):
            if getattr(screen, "IS_HISTORY", False):
                for _ in range(depth):
                    self.pop_screen()
                return
        from tui.screens.session import SessionScreen

        over_session = isinstance(self.screen, SessionScreen)  # history then offers the way back
        self.push_screen(HistoryScreen(today=self.now().date(), over_session=over_session))

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
            self.notify(notice, title="Data file moved aside", severity="warning", timeout=30)
        self._notices_shown = len(self.store.notices)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from tui.screens.help import HelpScreen, key_rows

        if not isinstance(self.screen, HelpScreen):
            screen_name = type(self.screen).__name__.removesuffix("Screen")
            self.push_screen(HelpScreen(screen_name, key_rows(self.screen)))

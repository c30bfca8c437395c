"""The session screen: one exercise at a time, cue by cue, set by set, side by side."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.messages import SessionFinished, SessionLeft
from tui.screens.base import LoosenScreen
from tui.session.engine import SessionEngine
from tui.session.keeper import SAVE_ERRORS, ActiveSession, could_not_save
from tui.session.model import Event, Phase
from tui.settings import Settings
from tui.text import printable
from tui.widgets.countdown import Countdown
from tui.widgets.cue_list import CueList
from tui.widgets.key_bar import KeyBar
from tui.widgets.progress import TextProgress
from tui.widgets.quiet import QuietStatic
from tui.wording import clock, seconds_in_words, slot_words

TICK_SECONDS = 0.25


class SessionScreen(LoosenScreen[None]):
    """Walks through a routine; every change is saved before the screen moves on.

    Each key goes to the session keeper, which steps the engine and saves; the screen
    then rings (if the bell is on) and redraws. At the end it says so with a message.
    """

    CSS_PATH = "session.tcss"
    HELP_TITLE = "Session"
    HELP_KEYS = (("← →", "previous / next cue"),)
    BINDINGS: ClassVar[list[BindingType]] = [
        # First, so a narrow footer that cuts the rest off still shows where the keys are.
        Binding("question_mark", "app.help", "Help"),
        Binding(
            "space",
            "main",
            "Go",
            tooltip="finish the set or side / start or end a hold / skip a rest",
        ),
        Binding("right", "next_cue", "Cue", key_display="→"),
        Binding("left", "previous_cue", "Previous cue", show=False),
        Binding("n", "next_exercise", "Skip ex.", tooltip="skip to the next exercise"),
        Binding("b", "back_exercise", "Back", tooltip="back to the previous exercise"),
        Binding("u", "undo_set", "Undo", tooltip="take back the last set or side done"),
        Binding("p", "pause", "Pause", tooltip="pause or resume the countdown"),
        Binding("plus", "more_rest", "+15s", tooltip="15 more seconds of rest"),
        Binding("m", "app.toggle_bell", "Bell", tooltip="bell on or off (remembered)"),
        Binding("escape", "leave", "Leave", show=False, tooltip="leave; the session is kept"),
        Binding("c", "leave", "Catalogue (session kept)", show=False),
        Binding("q", "app.quit", "Quit", show=False, tooltip="quit; progress is already saved"),
        Binding("h", "app.history", "History", show=False),
    ]

    def __init__(self, session: ActiveSession, settings: Settings) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.engine = session.engine

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-header"):
            yield Static(Content(printable(self.engine.routine.name)), id="routine-name")
            yield QuietStatic(id="position")
            yield QuietStatic(id="elapsed")
        yield QuietStatic(id="exercise-name")
        yield QuietStatic(id="dosage-line")
        with VerticalScroll(id="cue-scroll", can_focus=False):
            yield CueList(id="cues")
        yield Countdown(id="countdown")
        with Horizontal(id="progress-row"):
            yield TextProgress(id="progress")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_view()
        self.set_interval(TICK_SECONDS, self.tick)

    # ------------------------------------------------------------- the keys

    def action_main(self) -> None:
        self.apply(SessionEngine.main_action)

    def action_next_cue(self) -> None:
        self.apply(SessionEngine.next_cue)

    def action_undo_set(self) -> None:
        self.apply(SessionEngine.undo_set)

    def action_previous_cue(self) -> None:
        self.apply(SessionEngine.previous_cue)

    def action_next_exercise(self) -> None:
        self.apply(SessionEngine.skip_exercise)

    def action_back_exercise(self) -> None:
        self.apply(SessionEngine.back_exercise)

    def action_pause(self) -> None:
        self.apply(SessionEngine.toggle_pause)

    def action_more_rest(self) -> None:
        self.apply(lambda engine: engine.add_rest(15))

    def action_leave(self) -> None:
        if problem := self.session.leave():
            self.notify(problem, severity="error", timeout=30)
        self.post_message(SessionLeft())

    # ------------------------------------------------------------ the clock

    def tick(self) -> None:
        if not self.apply(SessionEngine.tick):
            self.refresh_clock()

    def apply(self, action: Callable[[SessionEngine], list[Event]]) -> bool:
        """Step the session (the keeper saves before anything is shown), ring, redraw.

        False when the step changed nothing (or the session is over: keys pressed while
        the summary opens change nothing).
        """
        if self.session.ended_at is not None:
            return False
        step = self.session.step(action)
        if not step.events:
            return False
        if step.problem:
            self.notify(step.problem, severity="error", timeout=30)
        if step.rings and self.settings.bell:
            self.app.bell()
        if step.finished:
            self.finish()
        else:
            self.refresh_view()
        return True

    def finish(self) -> None:
        """Keep the session in history, then hand over to the summary."""
        try:
            self.session.finish()
        except SAVE_ERRORS as error:
            self.notify(could_not_save(error), severity="error", timeout=30)
            return
        self.post_message(SessionFinished(self.session))

    # ------------------------------------------------------------- drawing

    def text(self, widget_id: str) -> QuietStatic:
        return self.query_one(f"#{widget_id}", QuietStatic)

    def refresh_view(self) -> None:
        """Redraw everything that depends on the position in the routine."""
        engine = self.engine
        slot = engine.current_slot
        exercise = engine.exercise
        if slot is None or exercise is None:
            return
        step = (engine.step_index or 0) + 1
        self.text("position").shown = Content(f"Exercise {step} of {engine.step_count}")
        self.text("exercise-name").shown = Content.styled(printable(exercise.name).upper(), "bold")
        dosage = slot_words(slot)
        if slot.step.note:
            dosage += f"  ({printable(slot.step.note)})"
        self.text("dosage-line").shown = Content(dosage)
        self.query_one(CueList).show(exercise.cues, engine.cue_index)
        minutes_left = max(1, round(engine.remaining_seconds_estimate() / 60))
        skipped = sum(1 for record in engine.records if not record.is_done)
        skipped_words = f" · {skipped} skipped" if skipped else ""
        progress = self.query_one(TextProgress)
        progress.fraction = engine.progress()
        progress.words = (
            f"{engine.done_count} of {engine.planned_count} sets{skipped_words}"
            f" · ~{minutes_left} min left"
        )
        self.refresh_clock()

    def refresh_clock(self) -> None:
        """Redraw only what changes with time: the countdown and the elapsed clock."""
        engine = self.engine
        self.text("elapsed").shown = Content(f"time {clock(engine.elapsed_seconds())}")
        self.query_one(Countdown).show(engine.timer_remaining(), *self.countdown_words())

    def countdown_words(self) -> tuple[str, str]:
        """The countdown's label and the line saying what comes next."""
        engine = self.engine
        phase = engine.phase
        slot = engine.current_slot
        paused = " (PAUSED: p resumes)" if engine.is_paused else ""
        upcoming = engine.next_slot()
        next_words = ""
        if upcoming is not None:
            # The exercise is named only when it changes: the line then fits in 80 columns.
            same_exercise = slot is not None and upcoming.step_index == slot.step_index
            name = "" if same_exercise else f"{printable(upcoming.exercise.name)} · "
            next_words = f"Next: {name}{slot_words(upcoming)}"
        if phase is Phase.WORK:
            return "Your set: press space when done", ""
        if phase is Phase.HOLD_READY and slot is not None:
            hold = seconds_in_words(slot.dosage.hold_seconds or 0)
            return f"Get in position: space starts the {hold} hold", ""
        if phase is Phase.HOLD:
            return f"HOLD{paused}: space ends it early", ""
        if phase is Phase.SWITCH:
            return f"SWITCH SIDES{paused}: space skips, + adds 15 s", next_words
        if phase is Phase.REST:
            return f"REST{paused}: space skips, + adds 15 s", next_words
        return "", ""

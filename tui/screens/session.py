"""The session screen: one exercise at a time, cue by cue, set by set, side by side."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from tui.messages import SessionFinished, SessionLeft
from tui.screens.base import LoosenScreen
from tui.session.alerts import AlertKind, alert_for
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
from tui.wording import (
    banner_words,
    clock,
    rep_words,
    seconds_in_words,
    side_meaning_line,
    slot_words,
    slots_done_words,
    space_words,
)

POLL_SECONDS = 0.25
"""How often a due second is looked for, in case the timer set for it missed it.

The screen redraws when `next_tick_in()` says the time shown changes (once a second), by a
one-shot timer. The injected clock need not be the event loop's (a test's fake clock, a laptop
woken from sleep), so a light check also runs: it draws nothing unless a second is due.
"""
LATE_SECONDS = 0.01
"""Wake this much after the second is due, so the change has surely happened."""
FAR_SIZE = (120, 40)
"""From this many columns and rows on, the screen is laid out to be read from across the room."""

Alert = Callable[[AlertKind, "str | None"], None]
"""Sends an alert (bells, a notification) to the terminal; the app does it."""


class SessionScreen(LoosenScreen[None]):
    """Walks through a routine; every change is saved before the screen moves on.

    Each key goes to the session keeper, which steps the engine and saves; the screen
    then rings (if the bell is on) and redraws. At the end it says so with a message.
    """

    CSS_PATH = "session.tcss"
    HELP_TITLE = "Session"
    HELP_KEYS = (
        ("← →", "previous / next cue"),
        # Listed here too: the bar shows them only while they can be used.
        ("p", "pause or resume the countdown"),
        ("+", "15 more seconds of a rest, a switch or a get-ready"),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        # First, so a narrow footer that cuts the rest off still shows where the keys are.
        Binding("question_mark", "app.help", "Help"),
        Binding(
            "space",
            "main",
            "Go",
            tooltip="finish the set or side / start or end a hold / skip a rest",
        ),
        Binding("p", "pause", "Pause", tooltip="pause or resume the countdown"),
        Binding("plus", "more_rest", "+15s", tooltip="15 more seconds of rest"),
        Binding("m", "app.toggle_bell", "Bell", tooltip="bell on or off (remembered)"),
        # c, not escape, in the bar: three columns fewer, so Leave fits at 60 columns.
        Binding("c", "leave", "Leave", tooltip="leave; the session is kept"),
        Binding("escape", "leave", "Leave", show=False, tooltip="leave; the session is kept"),
        Binding("f", "hands_free", "Hands-free", tooltip="hands-free on or off (remembered)"),
        Binding("u", "undo_set", "Undo", tooltip="take back the last set or side done"),
        Binding("right", "next_cue", "Cue", key_display="→"),
        Binding("left", "previous_cue", "Previous cue", show=False),
        Binding("n", "next_exercise", "Skip ex.", tooltip="skip to the next exercise"),
        Binding("b", "back_exercise", "Back", tooltip="back to the previous exercise"),
        Binding("q", "app.quit", "Quit", show=False, tooltip="quit; progress is already saved"),
        Binding("h", "app.history", "History", show=False),
    ]

    def __init__(
        self,
        session: ActiveSession,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.monotonic,
        alert: Alert | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.engine = session.engine
        self._clock = clock
        self._alert = alert
        self._tick_timer: Timer | None = None
        self._due: float | None = None
        self._skip_asked = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-header"):
            yield Static(Content(printable(self.engine.routine.name)), id="routine-name")
            yield QuietStatic(id="position")
            yield QuietStatic(id="elapsed")
            yield QuietStatic(id="elapsed-second")
        yield QuietStatic(id="exercise-name")
        yield QuietStatic(id="dosage-line")
        yield QuietStatic(id="side-meaning")
        with VerticalScroll(id="cue-scroll", can_focus=False):
            yield CueList(id="cues")
        yield Countdown(id="countdown")
        with Horizontal(id="progress-row"):
            yield TextProgress(id="progress")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        self.size_class(self.app.size.width, self.app.size.height)
        self.engine.warnings = True  # the 3-2-1 is shown; whether it rings is a setting
        if self.engine.hands_free != self.settings.hands_free:
            self.apply(lambda engine: engine.set_hands_free(self.settings.hands_free))
        self.refresh_view()
        self.schedule()
        self.set_interval(POLL_SECONDS, self.poll)

    def on_resize(self, event: events.Resize) -> None:
        self.size_class(event.size.width, event.size.height)
        # A small screen shows the time in the label instead of the digits, a big one a
        # banner: redraw once the size classes have changed.
        self.call_after_refresh(self.refresh_clock)

    def size_class(self, width: int, height: int) -> None:
        """-far on a screen big enough to be read from across the room."""
        self.set_class(width >= FAR_SIZE[0] and height >= FAR_SIZE[1], "-far")

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
        if self.engine.skip_would_finish and not self._skip_asked:
            self._skip_asked = True
            self.notify("Last exercise: n again skips it and ends the session.", timeout=6)
            self.refresh_bindings()
            return
        self.apply(SessionEngine.skip_exercise)

    def action_hands_free(self) -> None:
        """Hands-free on or off: remembered, and applied to this session at once."""
        on = not self.settings.hands_free
        try:
            self.settings.set_hands_free(on)
        except SAVE_ERRORS as error:
            self.notify(could_not_save(error, "the hands-free setting"), severity="error")
        self.apply(lambda engine: engine.set_hands_free(on))
        self.notify("Hands-free on: holds and reps run by themselves." if on else "Hands-free off.")

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
        """The time shown changes now: step the engine's countdown and redraw."""
        if not self.apply(SessionEngine.tick):
            self.refresh_clock()
            self.schedule()

    def poll(self) -> None:
        """Tick if the second the timer waits for is due by the session's clock."""
        if self._due is not None and self._clock() >= self._due:
            self.tick()

    def schedule(self) -> None:
        """Wake at the next second the time shown changes (none while paused or finished)."""
        if self._tick_timer is not None:
            self._tick_timer.stop()
            self._tick_timer = None
        delay = None if self.session.ended_at is not None else self.engine.next_tick_in()
        if delay is None:
            self._due = None
            return
        self._due = self._clock() + delay
        self._tick_timer = self.set_timer(delay + LATE_SECONDS, self.tick)

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
        if self._skip_asked and Event.EXERCISE_SKIPPED not in step.events:
            self._skip_asked = False
        if step.problem:
            self.notify(step.problem, severity="error", timeout=30)
        kind = alert_for(step.events)
        if kind is not None and self._alert is not None:
            self._alert(kind, self.alert_name(kind))
        if step.finished:
            self.finish()
        else:
            self.refresh_view()
            self.schedule()
            self.refresh_bindings()
        return True

    def alert_name(self, kind: AlertKind) -> str | None:
        """What a notification names: the routine at the end, else the exercise being done."""
        if kind is AlertKind.DONE:
            return self.engine.routine.name
        exercise = self.engine.exercise
        return None if exercise is None else exercise.name

    def finish(self) -> None:
        """Keep the session in history, then hand over to the summary."""
        self.schedule()  # ended: stops the timer
        try:
            self.session.finish()
        except SAVE_ERRORS as error:
            self.notify(could_not_save(error), severity="error", timeout=30)
            return
        self.post_message(SessionFinished(self.session))

    # -------------------------------------------------------- the key bar

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "more_rest":  # hidden where it would do nothing (a hold, a set)
            return self.engine.can_add_rest
        if action == "pause":  # hidden while nothing counts down
            return self.engine.timer_remaining() is not None
        return True

    def key_description(self, action: str) -> str | None:
        """The key bar's word for `action` now, where it depends on the moment; else None."""
        engine = self.engine
        if action == "main":
            return space_words(engine.phase, paced=engine.is_paced)
        if action == "pause":
            return "Resume" if engine.is_paused else "Pause"
        if action == "hands_free":
            return "Hands-free off" if engine.hands_free else "Hands-free"
        if action == "next_exercise" and self._skip_asked:
            return "End session?"
        return None

    # ------------------------------------------------------------- drawing

    def text(self, widget_id: str) -> QuietStatic:
        return self.query_one(f"#{widget_id}", QuietStatic)

    def refresh_view(self) -> None:
        """Redraw everything that depends on the position in the routine.

        During a switch or rest the screen is already about what comes next: its exercise,
        set and side, and (between exercises) its set-up cues, which is when they are needed.
        """
        engine = self.engine
        slot = engine.current_slot
        if slot is None:
            return
        upcoming = engine.coming_up()
        shown = upcoming or slot
        exercise = shown.exercise
        self.text("position").shown = Content(
            f"Exercise {shown.step_index + 1} of {engine.step_count}"
        )
        self.text("exercise-name").shown = Content.styled(printable(exercise.name).upper(), "bold")
        dosage = slot_words(shown)
        if shown.step.note:
            dosage += f"  ({printable(shown.step.note)})"
        if upcoming is not None:
            gap = "Switch sides" if engine.phase is Phase.SWITCH else "Rest"
            dosage = f"{gap} · next: {dosage}"
        self.text("dosage-line").shown = Content(dosage)
        meaning = side_meaning_line(shown)
        self.text("side-meaning").shown = Content(printable(meaning))
        self.text("side-meaning").display = bool(meaning)
        new_exercise = upcoming is not None and upcoming.step_index != slot.step_index
        self.query_one(CueList).show(exercise.cues, 0 if new_exercise else engine.cue_index)
        minutes_left = max(1, round(engine.remaining_seconds_estimate() / 60))
        skipped = sum(1 for record in engine.records if not record.is_done)
        skipped_words = f" · {skipped} skipped" if skipped else ""
        progress = self.query_one(TextProgress)
        progress.fraction = engine.progress()
        done = slots_done_words(engine.done_count, engine.planned_count, engine.planned_set_count)
        progress.words = f"{done}{skipped_words} · ~{minutes_left} min left"
        self.refresh_clock()

    def refresh_clock(self) -> None:
        """Redraw only what changes with time: the countdown and the elapsed clock."""
        engine = self.engine
        elapsed = f"time {clock(engine.elapsed_seconds())}"
        # The last digit apart: a new second repaints one cell of the header, not thirteen.
        self.text("elapsed").shown = Content(elapsed[:-1])
        self.text("elapsed-second").shown = Content(elapsed[-1])
        self.query_one(Countdown).show(
            engine.timer_remaining(),
            *self.countdown_words(),
            banner=banner_words(
                engine.phase,
                engine.current_slot,
                engine.next_slot(),
                paused=engine.is_paused,
                reps=engine.rep_progress(),
            ),
        )

    def countdown_words(self) -> tuple[str, str]:
        """The countdown's label and the line saying what comes next."""
        engine = self.engine
        phase = engine.phase
        slot = engine.current_slot
        paused = " (PAUSED: p resumes)" if engine.is_paused else ""
        hands_free = " · hands-free" if engine.hands_free else ""
        upcoming = engine.next_slot()
        next_words = ""
        if upcoming is not None:
            # The exercise is named only when it changes: the line then fits in 80 columns.
            same_exercise = slot is not None and upcoming.step_index == slot.step_index
            name = "" if same_exercise else f"{printable(upcoming.exercise.name)} · "
            next_words = f"Next: {name}{slot_words(upcoming)}"
        reps = engine.rep_progress()
        if phase is Phase.WORK and reps is not None:
            return f"REPS {rep_words(*reps)}{paused}: space when done early", "hands-free"
        if phase is Phase.WORK:
            return "Your set: press space when done", ""
        if phase is Phase.GET_READY and slot is not None:
            what = "hold" if slot.is_hold else "set"
            return f"GET READY{paused}: the {what} starts by itself", "space starts it now"
        if phase is Phase.HOLD_READY and slot is not None:
            hold = seconds_in_words(slot.dosage.hold_seconds or 0)
            return f"Get in position: space starts the {hold} hold", ""
        if phase is Phase.HOLD:
            return f"HOLD{paused}: space ends it early", hands_free.lstrip(" ·")
        if phase is Phase.SWITCH:
            return f"SWITCH SIDES{paused}: space skips, + adds 15 s", next_words
        if phase is Phase.REST:
            return f"REST{paused}: space skips, + adds 15 s", next_words
        return "", ""

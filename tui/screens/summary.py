"""The end of a session: what was done, a rating of how the upper back feels, a note."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from tui.screens.base import LoosenScreen
from tui.session.engine import SessionEngine
from tui.session.keeper import ActiveSession
from tui.session.progress import ExerciseProgress, StepStatus
from tui.text import printable
from tui.widgets.key_bar import KeyBar
from tui.widgets.literal_input import LiteralInput
from tui.wording import RATING_WORDS, clock, rating_marks, rating_prompt, slots_done_words

if TYPE_CHECKING:
    from tui.ledger.progression import Suggestion

NOTE_LIMIT = 200


def sets_line(engine: SessionEngine) -> str:
    """'2 of 2', or '1 of 2 (3 of 4 sides)' when sides were planned."""
    line = f"{engine.done_set_count} of {engine.planned_set_count}"
    if engine.planned_count != engine.planned_set_count:
        sides = slots_done_words(engine.done_count, engine.planned_count, engine.planned_set_count)
        line += f" ({sides})"
    return line


def exercise_lines(tallies: tuple[ExerciseProgress, ...]) -> list[str]:
    """'Skipped  Bench Stretch' and '2 of 3 sets  Cat-cow' for what was not done in full."""
    lines = []
    for tally in tallies:
        if tally.status is StepStatus.DONE:
            continue
        if tally.status is StepStatus.PARTLY_DONE:
            done = f"{tally.sets_done} of {tally.sets_planned} sets"
            if tally.per_side:
                done += f" ({tally.slots_done} of {tally.slots_planned} sides)"
        else:
            done = "Skipped"
        lines.append(f"{done:<15} {printable(tally.exercise.name)}")
    return lines or [f"{'Skipped':<15} nothing"]


@dataclass(frozen=True)
class SummaryResult:
    """What the person gave at the end: a rating and a note, either of which may be empty."""

    rating: int | None
    note: str | None


class SummaryScreen(LoosenScreen[SummaryResult]):
    """Duration, sets done of planned, skips; keys 1–5 rate, enter saves, escape skips both.

    The session is in history already; a rating or a note is added to it through the
    session keeper, on save or however the screen is left.
    """

    CSS_PATH = "summary.tcss"
    HELP_TITLE = "Summary"
    HELP_KEYS = (("1 … 5", "rate how your upper back feels"),)
    AUTO_FOCUS = "#rating"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(1)", "Rate", key_display="1–5"),
        *(Binding(str(n), f"rate({n})", f"Rate {n}", show=False) for n in range(2, 6)),
        Binding("tab", "app.focus_next", "Note"),
        Binding("enter", "save", "Save"),
        Binding("escape", "skip", "Save without"),
        Binding("q", "app.quit", "Quit", show=False),
        Binding("h", "save_then_history", "Save, then history", show=False),
        Binding("p", "accept_suggestion", "Accept"),
        Binding("t", "save_then_self_test", "Self-test"),
    ]

    def __init__(
        self,
        session: ActiveSession,
        *,
        suggest: Callable[[int | None], Suggestion | None] | None = None,
        accept: Callable[[Suggestion], bool] | None = None,
        self_test_due: str | None = None,
    ) -> None:
        """`suggest`: the progression suggested for this routine given a rating (see
        tui.ledger.progression), and `accept` to accept it; `self_test_due`: a line
        saying the weekly self-test is due (t takes it)."""
        super().__init__()
        self.session = session
        self.engine = session.engine
        self.rating: int | None = None
        self.note = ""
        self._answered = False
        self.suggest = suggest
        self.accept = accept
        self.suggestion: Suggestion | None = None
        self.accepted: str | None = None
        self.self_test_due = self_test_due

    def compose(self) -> ComposeResult:
        engine = self.engine
        name = printable(engine.routine.name)
        title = (
            f"Session complete: {name}"
            if engine.counts_as_finished
            else f"Session ended: {name} (nothing done)"
        )
        lines = [
            Content.styled(title, "bold underline"),
            Content(""),
            Content(f"Duration        {clock(engine.elapsed_seconds())}"),
            Content(f"Sets done       {sets_line(engine)}"),
            *(Content(line) for line in exercise_lines(engine.exercise_progress())),
        ]
        with Vertical(id="summary"):
            yield Static(Content("\n").join(lines), id="summary-facts")
            yield self.ledger_static()
            rating = Static(self.rating_line(), id="rating", classes="rating")
            rating.can_focus = True  # focused at once (AUTO_FOCUS): no second layout
            yield rating
            yield Static(Content("Note (optional):"), id="note-label")
            yield LiteralInput(placeholder="how did it go?", max_length=NOTE_LIMIT, id="note")
            yield Static(
                Content("1–5 rate · tab to the note · enter saves · escape saves without them"),
                id="summary-help",
            )
        yield KeyBar()

    def rating_line(self) -> Content:
        """'How does your upper back feel?  ●●●●○  4 · loose' (or how to rate)."""
        rating = self.rating
        marks = rating_marks(rating)
        words = f"{rating} · {RATING_WORDS[rating]}" if rating else rating_prompt()
        return Content.assemble(("How does your upper back feel?  ", "bold"), f"{marks}  {words}")

    def show_rating(self) -> None:
        self.query_one("#rating", Static).update(self.rating_line())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rate":
            return not isinstance(self.focused, Input)
        if action == "accept_suggestion":
            return self.suggestion is not None and not isinstance(self.focused, Input)
        if action == "save_then_self_test":
            return self.self_test_due is not None and not isinstance(self.focused, Input)
        return True

    def action_rate(self, rating: int) -> None:
        self.rating = rating
        self.show_rating()
        self.show_ledger()

    # Progression and the self-test ----------------------------------------------

    def ledger_static(self) -> Static:
        """The suggestion and self-test lines, drawn with the rest (hidden when empty)."""
        ledger = Static(self.ledger_content(), id="ledger-lines")
        ledger.display = bool(self.suggestion or self.accepted or self.self_test_due)
        return ledger

    def ledger_content(self) -> Content:
        """The suggestion for this routine (it may follow the rating) and the self-test line."""
        if self.suggest is not None and self.accepted is None:
            self.suggestion = self.suggest(self.rating)
        lines = []
        if self.accepted is not None:
            lines.append(Content(f"Accepted: {self.accepted}"))
        elif self.suggestion is not None:
            suggested = printable(self.suggestion.line())
            lines.append(Content.assemble(("Suggested: ", "bold"), suggested, " — p accepts"))
        if self.self_test_due is not None:
            lines.append(Content(f"{self.self_test_due} — t takes it"))
        return Content("\n").join(lines)

    def show_ledger(self) -> None:
        """Redraw the suggestion and self-test lines after a rating or an acceptance."""
        ledger = self.query_one("#ledger-lines", Static)
        ledger.update(self.ledger_content())
        ledger.display = bool(self.suggestion or self.accepted or self.self_test_due)
        self.refresh_bindings()

    def action_accept_suggestion(self) -> None:
        suggestion = self.suggestion
        if suggestion is not None and self.accept is not None and self.accept(suggestion):
            self.accepted = f"{printable(suggestion.change_words())} for " + printable(
                f"{suggestion.exercise_name} ({suggestion.from_to()})"
            )
            self.suggestion = None
            self.show_ledger()

    def action_save_then_self_test(self) -> None:
        app = self.app
        self.action_save()
        app.call_after_refresh(app.run_action, "self_test")

    def current(self) -> SummaryResult:
        """What has been entered so far."""
        return SummaryResult(rating=self.rating, note=self.note.strip() or None)

    @on(Input.Changed, "#note")
    def note_changed(self, event: Input.Changed) -> None:
        # Kept here, not read from the Input, which is gone by the time of on_unmount.
        self.note = event.value

    def keep(self, result: SummaryResult) -> None:
        """Add the rating and note to the session in history (a failure is said)."""
        if problem := self.session.rate(result.rating, result.note):
            self.notify(problem, severity="error", timeout=30)

    @on(Input.Submitted, "#note")
    def action_save(self) -> None:
        self._answered = True
        result = self.current()
        self.keep(result)
        self.dismiss(result)

    def action_skip(self) -> None:
        self._answered = True
        self.dismiss(SummaryResult(rating=None, note=None))

    def action_save_then_history(self) -> None:
        app = self.app
        self.action_save()
        # After the summary has closed and the app is back on the catalogue.
        app.call_after_refresh(app.run_action, "history")

    def on_unmount(self) -> None:
        # Left any other way (quit, ctrl+q, a dropped connection that closes the app):
        # keep what was entered rather than lose it.
        if not self._answered:
            self.keep(self.current())

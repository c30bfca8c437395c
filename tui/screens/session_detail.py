"""One past session in full: each exercise, each set and side, skips, rating, note and
check-ins; the rating, note and check-ins can be changed here (saved at once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from tui.ledger.checkin import with_after, with_before, with_pain
from tui.screens.base import LoosenScreen
from tui.storage.types import CheckIn, SessionRecord, SetEntry
from tui.text import printable
from tui.widgets.key_bar import KeyBar
from tui.widgets.literal_input import LiteralInput
from tui.wording import clock, rating_words, set_words, started_words

SETS_MISSING = "sets not available (damaged file)"


def sets_are_missing(record: SessionRecord) -> bool:
    """Whether sets were done or skipped but none is in the record: their file was damaged.

    The store then gives the record with an empty "sets" list.
    """
    done = record.get("sets_done")
    recorded = (isinstance(done, int) and done > 0) or bool(record.get("skipped_exercises"))
    return recorded and not record.get("sets")


def session_lines(record: SessionRecord, *, sets_missing: bool | None = None) -> list[Content]:
    """The whole session as lines of literal text.

    `sets_missing` says the sets could not be read; None: tell from the record.
    """
    if sets_missing is None:
        sets_missing = sets_are_missing(record)
    done = (
        SETS_MISSING
        if sets_missing
        else f"{record.get('sets_done')} of {record.get('sets_planned')} sets"
    )
    edited = record.get("edited_at")
    lines = [
        Content.styled(printable(str(record.get("routine_name", ""))), "bold underline"),
        Content(
            printable(
                f"{started_words(record)} · {clock(int(record.get('duration_seconds') or 0))}"
                f" · {record.get('status')} · {done}"
            )
        ),
        Content(f"Feel: {rating_words(record.get('rating'))}"),
        Content.assemble(("Note: ", "bold"), printable(str(record.get("note") or "–"))),
        Content(printable(check_in_words(record.get("check_in"), exercise_names(record)))),
        *([Content(f"Edited {edited[:16].replace('T', ' ')}")] if edited else []),
        Content(""),
    ]
    sets: list[SetEntry] = record.get("sets") or []
    skipped = set(record.get("skipped_exercises") or [])
    for exercise in record.get("exercises") or []:
        exercise_id = exercise.get("id")
        mine = [entry for entry in sets if entry.get("exercise_id") == exercise_id]
        heading = printable(str(exercise.get("name", exercise_id)))
        tag = " (skipped)" if exercise_id in skipped else ""
        lines.append(Content.assemble((heading, "bold"), tag))
        if not mine and not sets_missing:
            lines.append(Content("    not reached"))
        lines += [Content(f"    {printable(set_words(entry))}") for entry in mine]
    return lines


def check_in_words(check_in: CheckIn | None, names: dict[str, str] | None = None) -> str:
    """'Stiffness 6 → 3 · pain 2 (easier day) · tighter: left 1, right 1', or '–'."""
    if check_in is None:
        return "Check-in: –"

    def shown(value: int | None) -> str:
        return "–" if value is None else str(value)

    parts = [
        f"stiffness {shown(check_in['stiffness_before'])} → {shown(check_in['stiffness_after'])}"
    ]
    if check_in["pain_before"] is not None:
        choice = {"easier": " (easier day)", "stop": " (stopped)", "carry_on": " (carried on)"}
        parts.append(
            f"pain {check_in['pain_before']}{choice.get(check_in['pain_choice'] or '', '')}"
        )
    if check_in["sides"]:
        named = names or {}
        sides = ", ".join(
            f"{named.get(s['exercise_id'], s['exercise_id'])} {s['tighter']}"
            for s in check_in["sides"]
        )
        parts.append(f"tighter: {sides}")
    for result in check_in["self_test"]:
        parts.append(f"{result['test_id']} {result['side']} {result['value']} {result['unit']}")
    return "Check-in: " + " · ".join(parts)


def exercise_names(record: SessionRecord) -> dict[str, str]:
    """Each exercise id of the session and its name."""
    return {str(e.get("id")): str(e.get("name")) for e in record.get("exercises") or []}


Edit = Callable[[SessionRecord], SessionRecord | None]
"""Saves a changed record and returns it as kept (None: it could not be saved)."""
SCALE_FIELDS: dict[str, tuple[str, Callable[..., CheckIn], str]] = {
    "w": ("stiffness before", with_before, "stiffness"),
    "a": ("stiffness after", with_after, "stiffness"),
    "p": ("pain before", with_pain, "pain"),
}


class SessionDetailScreen(LoosenScreen[None]):
    """A scrollable account of one session; escape or b goes back.

    With `edit`, 1-5 rate it, n changes the note, and w, a or p then 0-9 (x: 10) change
    the stiffness before, after or the pain; each change is saved at once.
    """

    CSS_PATH = "session_detail.tcss"
    HELP_TITLE = "Past session"
    HELP_KEYS = (
        ("1 … 5", "change the rating"),
        ("w / a / p, then 0-9 x", "stiffness before / after, pain (x is 10)"),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("b", "back", "Back", show=False),
        Binding("c", "app.catalogue", "Catalogue"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("1", "digit(1)", "Rate", key_display="1-5"),
        *(Binding(str(n), f"digit({n})", str(n), show=False) for n in (0, *range(2, 10))),
        Binding("x", "digit(10)", "10", show=False),
        Binding("n", "note", "Note"),
        Binding("w", "scale('w')", "Stiffness before", show=False),
        Binding("a", "scale('a')", "Stiffness after", show=False),
        Binding("p", "scale('p')", "Pain", show=False),
    ]

    def __init__(
        self, record: SessionRecord, *, sets_missing: bool | None = None, edit: Edit | None = None
    ) -> None:
        super().__init__()
        self.record = record
        self.sets_missing = sets_missing
        self.edit = edit
        self.pending: str | None = None
        """The check-in field a digit goes to next (w, a or p), or None: digits rate."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="session-detail"):
            yield Static(self.picture(), id="detail-text")
        yield LiteralInput(
            placeholder="note (enter saves, escape keeps the old one)",
            max_length=200,
            id="detail-note",
        )
        yield Static(id="detail-prompt")
        yield KeyBar()

    def picture(self) -> Content:
        """The session as lines of literal text."""
        return Content("\n").join(session_lines(self.record, sets_missing=self.sets_missing))

    def on_mount(self) -> None:
        self.query_one("#detail-note").display = False
        self.query_one("#session-detail", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("digit", "note", "scale"):
            return self.edit is not None and not isinstance(self.focused, Input)
        return True

    def save(self, record: SessionRecord) -> None:
        """Save a changed record through `edit`, then show it as kept."""
        assert self.edit is not None
        kept = self.edit(record)
        if kept is not None:
            self.record = kept
            self.query_one("#detail-text", Static).update(self.picture())

    def action_digit(self, value: int) -> None:
        prompt = self.query_one("#detail-prompt", Static)
        if self.pending is not None:
            _what, change, field = SCALE_FIELDS[self.pending]
            self.pending = None
            prompt.update("")
            self.save(
                {**self.record, "check_in": change(self.record["check_in"], **{field: value})}
            )
        elif 1 <= value <= 5:
            self.save({**self.record, "rating": value})

    def action_scale(self, key: str) -> None:
        self.pending = key
        what = SCALE_FIELDS[key][0]
        self.query_one("#detail-prompt", Static).update(
            Content(f"{what}: press 0 to 9, or x for 10")
        )

    def action_note(self) -> None:
        note = self.query_one("#detail-note", LiteralInput)
        note.value = self.record["note"] or ""
        note.display = True
        note.focus()

    @on(Input.Submitted, "#detail-note")
    def note_entered(self, event: Input.Submitted) -> None:
        self.close_note()
        self.save({**self.record, "note": event.value.strip() or None})

    def close_note(self) -> None:
        self.query_one("#detail-note").display = False
        self.query_one("#session-detail", VerticalScroll).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.close_note()
        elif self.pending is not None:
            self.pending = None
            self.query_one("#detail-prompt", Static).update("")
        else:
            self.app.pop_screen()

    def action_scroll_down(self) -> None:
        self.query_one("#session-detail", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#session-detail", VerticalScroll).scroll_up()

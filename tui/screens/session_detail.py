"""One past session in full: each exercise, each set and side, skips, rating and note."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.screens.base import LoosenScreen
from tui.storage.types import SessionRecord, SetEntry
from tui.text import printable
from tui.widgets.key_bar import KeyBar
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


class SessionDetailScreen(LoosenScreen[None]):
    """A scrollable account of one session; escape or b goes back."""

    CSS_PATH = "session_detail.tcss"
    HELP_TITLE = "Past session"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("b", "app.pop_screen", "Back", show=False),
        Binding("c", "app.catalogue", "Catalogue"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    def __init__(self, record: SessionRecord, *, sets_missing: bool | None = None) -> None:
        super().__init__()
        self.record = record
        self.sets_missing = sets_missing

    def compose(self) -> ComposeResult:
        lines = session_lines(self.record, sets_missing=self.sets_missing)
        with VerticalScroll(id="session-detail"):
            yield Static(Content("\n").join(lines))
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#session-detail", VerticalScroll).focus()

    def action_scroll_down(self) -> None:
        self.query_one("#session-detail", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#session-detail", VerticalScroll).scroll_up()

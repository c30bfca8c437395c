"""A dosage, field by field: sets, reps, hold, per side, rest and switch, each in a box.

Beside each box a note: in the routine builder the exercise's own value (an empty box
keeps it), in the exercise editor the format's default.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.catalogue.field_text import DOSAGE_LABELS, EDITED_DOSAGE
from tui.widgets.form import FieldBox, FieldRow

LABEL_WIDTH = 12


class DosageForm(Vertical):
    """Six dosage boxes under a title; the screen checks and applies what is typed."""

    DEFAULT_CSS = """
    DosageForm {
        height: auto;
        & > .dosage-title {
            text-style: bold;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = {
            name: FieldRow(
                DOSAGE_LABELS[name],
                FieldBox(name, id=f"dose-{name}"),
                " ",
                label_width=LABEL_WIDTH,
            )
            for name in EDITED_DOSAGE
        }

    def compose(self) -> ComposeResult:
        yield Static(classes="dosage-title")
        yield from self.rows.values()

    def fill(
        self,
        title: str,
        values: Mapping[str, str],
        notes: Mapping[str, str],
        *,
        keep: FieldBox | None = None,
    ) -> None:
        """Show a title, each field's text and note; `keep` (being typed in) is left alone."""
        self.query_one(".dosage-title", Static).update(Content(title))
        for name, row in self.rows.items():
            if row.box is not keep:
                row.box.show(values.get(name, ""))
                row.mark(False)
            row.set_note(notes.get(name, ""))

    def row(self, box: FieldBox) -> FieldRow:
        """The row of one of this form's boxes."""
        return self.rows[box.field]

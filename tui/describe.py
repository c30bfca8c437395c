"""Catalogue entries and habits as literal, styled Content for the screens to show.

Text building, not widgets: everything from a file goes through `printable` and is never
parsed as markup. The words themselves come from `tui.wording`. An entry's detail is a
list of paragraphs, each wrapped with a hanging indent (tui.wrapping): a cue's second line
starts under its text, not under its number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from tui.catalogue.model import DosageOrigin, Exercise, Routine, Source
from tui.catalogue.timing import dosage_seconds, routine_minutes
from tui.text import printable
from tui.wording import (
    CUE_LABELS,
    LINUX_CONSOLE,
    READ_ONLY_START,
    dosage_in_words,
    glyphs,
    seconds_in_words,
)
from tui.wrapping import Paragraph

if TYPE_CHECKING:
    from tui.history.stats import Calendar


BLANK_LINE = Paragraph(Content(""))
FIELD_HANG = 2
"""How far a field's later lines start in from its label ("Source: ...")."""
NUMBER = "{:>2}. "
"""A numbered line's number; its later lines start under the text after it."""


def _numbered(number: int, body: Content) -> Paragraph:
    # In bold, as the label or name after it: one run of style fewer to send per line.
    lead = NUMBER.format(number)
    return Paragraph(body, Content.styled(lead, "bold"), len(lead))


def _heading(text: str) -> Paragraph:
    return Paragraph(Content.styled(printable(text), "bold underline"))


def _field(label: str, value: str) -> Paragraph:
    return Paragraph(Content(printable(value)), Content.styled(f"{label}: ", "bold"), FIELD_HANG)


def _source(source: Source) -> list[Paragraph]:
    if source.license is None:  # one of loosen's own articles
        credit = source.credit()
        if source.note:
            credit += f" ({source.note})"
        return [_field("Source", credit)]
    # An exercise database: the attribution its licence asks for, each part on its own line.
    note = (source.note or "").removeprefix(f"{source.license}; ")
    lines = [_field("Source", f"{source.title} ({note})" if note else source.title)]
    if source.author:
        lines.append(_field("Authors", source.author))
    licence = source.license
    if source.license_url:
        licence += f", {source.license_url}"
    lines.append(_field("Licence", licence))
    if source.url:
        lines.append(_field("Web", source.url))
    return lines


def _dosage_line(exercise: Exercise) -> Paragraph:
    dosage = exercise.dosage
    origin = "from the source" if dosage.origin is DosageOrigin.SOURCE else "chosen by loosen"
    return _field("Dosage", f"{dosage_in_words(dosage)} ({origin})")


def exercise_detail(exercise: Exercise) -> list[Paragraph]:
    """Name, summary, numbered cues, dosage, equipment, who, why, how often and source."""
    lines = [
        _heading(exercise.name),
        Paragraph(Content.styled(printable(exercise.summary), "italic")),
        BLANK_LINE,
        Paragraph(Content.styled("Cues", "bold")),
    ]
    for number, cue in enumerate(exercise.cues, start=1):
        body = Content.assemble((f"{CUE_LABELS[cue.kind]}: ", "bold"), printable(cue.text))
        lines.append(_numbered(number, body))
    lines += [BLANK_LINE, _dosage_line(exercise)]
    if exercise.dosage.per_side and exercise.side_meaning:
        # What "left" means; the right side is its mirror image (tui.wording).
        lines.append(_field("Left side", exercise.side_meaning))
    lines += [
        _field("Equipment", ", ".join(exercise.equipment) or "none"),
        _field("Kind", f"{exercise.kind.value} · {exercise.region}"),
    ]
    if exercise.category:
        lines.append(_field("Category", exercise.category))
    lines += [
        _field("Who", exercise.who),
        _field("Why", exercise.why),
        _field("How often", exercise.frequency),
        *_source(exercise.source),
    ]
    return lines


def routine_detail(
    routine: Routine, *, can_start: bool = True, last_done: str | None = None
) -> list[Paragraph]:
    """Name, summary, each step with its dosage and time, the total time and source.

    `can_start` False (a read-only loosen) says why enter starts nothing; `last_done` is
    when the routine was last done, in words ("today", "3 days ago").
    """
    lines = [
        _heading(routine.name),
        Paragraph(Content.styled(printable(routine.summary), "italic")),
    ]
    if last_done is not None:
        lines.append(_field("Last done", last_done))
    lines += [
        BLANK_LINE,
        Paragraph(Content.styled(f"Steps (about {routine_minutes(routine)} min in all)", "bold")),
    ]
    indent = len(NUMBER.format(0))
    under = Content(" " * indent)
    # Name and time on one line, the dosage on the next: one line of all three wrapped at
    # 80 columns, splitting "2 min" from "40 s".
    for number, step in enumerate(routine.steps, start=1):
        minutes = seconds_in_words(dosage_seconds(step.dosage))
        name = Content.assemble((printable(step.exercise.name), "bold"), f"  ~{minutes}")
        lines.append(_numbered(number, name))
        lines.append(Paragraph(Content(dosage_in_words(step.dosage)), under, indent))
        if step.note:
            note = Content.styled(printable(step.note), "italic")
            lines.append(Paragraph(note, under, indent))
    lines += [
        BLANK_LINE,
        _field("Rest between exercises", seconds_in_words(routine.rest_between_exercises_seconds)),
        _field("Start", "press enter" if can_start else READ_ONLY_START),
    ]
    if routine.source:
        lines += _source(routine.source)
    return lines


def message_detail(text: str) -> list[Paragraph]:
    """A single line in italics, for when there is nothing to describe."""
    return [Paragraph(Content.styled(text, "italic"))]


def plain_text(paragraphs: list[Paragraph]) -> str:
    """The paragraphs as plain text, one line each (for tests and for reading aloud)."""
    return "\n".join(paragraph.lead.plain + paragraph.body.plain for paragraph in paragraphs)


# ------------------------------------------------------------------ habits

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The Linux console lacks the block glyphs: a ramp of ASCII marks stands in (digits would
# read as numbers of sessions).
SPARK_BARS = "_.:-=+*#" if LINUX_CONSOLE else "▁▂▃▄▅▆▇█"
# Shapes, not colours, tell the counts apart, so the calendar reads with NO_COLOR too.
CELL_MARKS = {count: glyphs(mark) for count, mark in {0: "·", 1: "▪", 2: "■"}.items()}


def calendar_picture(grid: Calendar) -> Content:
    """Seven rows (Mon–Sun) of one cell a day, oldest week on the left; today in reverse.

    A key line follows: · none, ▪ one session, ■ two or more.
    """
    today = max(cell.day for row in grid.rows for cell in row if cell is not None)
    lines: list[Content] = []
    for weekday, row in enumerate(grid.rows):
        parts: list[str | tuple[str, str]] = [f"{WEEKDAYS[weekday]} "]
        for cell in row:
            if cell is None:
                parts.append("  ")
                continue
            mark = CELL_MARKS[min(cell.count, 2)]
            parts.append((mark, "bold reverse") if cell.day == today else mark)
            parts.append(" ")
        lines.append(Content.assemble(*parts).rstrip())
    lines.append(Content(f"    {CELL_MARKS[0]} none  {CELL_MARKS[1]} one  {CELL_MARKS[2]} two+"))
    return Content("\n").join(lines)


def sparkline(values: list[int]) -> str:
    """One bar per value, scaled to the largest; zero is the lowest bar."""
    top = max(values, default=0)
    if top == 0:
        return SPARK_BARS[0] * len(values)
    scale = len(SPARK_BARS) - 1
    return "".join(SPARK_BARS[round(value / top * scale)] for value in values)

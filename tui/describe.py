"""Catalogue entries and habits as literal, styled Content for the screens to show.

Text building, not widgets: everything from a file goes through `printable` and is never
parsed as markup. The words themselves come from `tui.wording`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from tui.catalogue.model import DosageOrigin, Exercise, Routine, Source
from tui.catalogue.timing import dosage_seconds, routine_minutes
from tui.text import printable
from tui.wording import CUE_LABELS, READ_ONLY_START, dosage_in_words, seconds_in_words

if TYPE_CHECKING:
    from tui.history.stats import Calendar


def _heading(text: str) -> Content:
    return Content.styled(printable(text), "bold underline")


def _field(label: str, value: str) -> Content:
    return Content.assemble((f"{label}: ", "bold"), printable(value))


def _source(source: Source) -> Content:
    credit = source.credit()
    if source.note:
        credit += f" ({source.note})"
    return _field("Source", credit)


def _dosage_line(exercise: Exercise) -> Content:
    dosage = exercise.dosage
    origin = "from the source" if dosage.origin is DosageOrigin.SOURCE else "chosen by loosen"
    return _field("Dosage", f"{dosage_in_words(dosage)} ({origin})")


def exercise_detail(exercise: Exercise) -> Content:
    """Name, summary, numbered cues, dosage, equipment, who, why, how often and source."""
    lines: list[Content] = [
        _heading(exercise.name),
        Content.styled(printable(exercise.summary), "italic"),
        Content(""),
        Content.styled("Cues", "bold"),
    ]
    for number, cue in enumerate(exercise.cues, start=1):
        lines.append(
            Content.assemble(
                f"{number:>2}. ", (f"{CUE_LABELS[cue.kind]}: ", "bold"), printable(cue.text)
            )
        )
    lines += [Content(""), _dosage_line(exercise)]
    if exercise.dosage.per_side and exercise.side_meaning:
        # What "left" means; the right side is its mirror image (tui.wording).
        lines.append(_field("Left side", exercise.side_meaning))
    lines += [
        _field("Equipment", ", ".join(exercise.equipment) or "none"),
        _field("Kind", f"{exercise.kind.value} · {exercise.region}"),
        _field("Who", exercise.who),
        _field("Why", exercise.why),
        _field("How often", exercise.frequency),
        _source(exercise.source),
    ]
    return Content("\n").join(lines)


def routine_detail(routine: Routine, *, can_start: bool = True) -> Content:
    """Name, summary, each step with its dosage and time, the total time and source.

    `can_start` False (a read-only loosen) says why enter starts nothing.
    """
    lines: list[Content] = [
        _heading(routine.name),
        Content.styled(printable(routine.summary), "italic"),
        Content(""),
        Content.styled(f"Steps (about {routine_minutes(routine)} min in all)", "bold"),
    ]
    # Name and time on one line, the dosage on the next: one line of all three wrapped at
    # 80 columns, splitting "2 min" from "40 s".
    for number, step in enumerate(routine.steps, start=1):
        minutes = seconds_in_words(dosage_seconds(step.dosage))
        lines.append(
            Content.assemble(
                f"{number:>2}. ", (printable(step.exercise.name), "bold"), f"  ~{minutes}"
            )
        )
        lines.append(Content(f"    {dosage_in_words(step.dosage)}"))
        if step.note:
            lines.append(Content.assemble("    ", (printable(step.note), "italic")))
    lines += [
        Content(""),
        _field("Rest between exercises", seconds_in_words(routine.rest_between_exercises_seconds)),
        _field("Start", "press enter" if can_start else READ_ONLY_START),
    ]
    if routine.source:
        lines.append(_source(routine.source))
    return Content("\n").join(lines)


# ------------------------------------------------------------------ habits

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SPARK_BARS = "▁▂▃▄▅▆▇█"
# Shapes, not colours, tell the counts apart, so the calendar reads with NO_COLOR too.
CELL_MARKS = {0: "·", 1: "▪", 2: "■"}


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

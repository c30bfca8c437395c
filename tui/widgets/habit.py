"""Text pictures of a habit: a calendar heatmap and a sessions-per-week sparkline."""

from __future__ import annotations

from textual.content import Content

from tui.history.stats import Calendar

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

"""The trends panel in words: lines of plain text (the widget only lays them out)."""

from __future__ import annotations

from tui.ledger.trends import Trends

NO_CHECK_INS = (
    "No check-ins yet. Answer how stiff your upper back is before and after a session",
    "(one key each; the palette turns them on or off) and the trend shows here.",
)


def stiffness_bars(values: list[float | None], bars: str) -> str:
    """One bar per week on a fixed 0-10 scale; a week without answers is a dot."""
    top = len(bars) - 1
    return "".join("·" if v is None else bars[round(min(max(v, 0), 10) / 10 * top)] for v in values)


def trend_lines(trends: Trends, bars: str, width: int = 78) -> list[str]:
    """The panel's lines: sparkline and changes, before → after, sides, self-test."""
    if trends.answered == 0 and not trends.sides and trends.test is None:
        return list(NO_CHECK_INS)
    month = trends.month.words() if trends.month else "not enough answers"
    quarter = trends.quarter.words() if trends.quarter else "not enough answers"
    lines = [
        f"Stiffness before (0-10), 12 weeks  {stiffness_bars(trends.weekly_before, bars)}",
        f"30 days: {month} · 12 weeks: {quarter}",
    ]
    if trends.before_after is not None:
        lines.append(f"Before → after a session, 30 days: {trends.before_after.words()}")
    if trends.test is not None:
        lines.append(f"Self-test ({trends.test.test_id}): {trends.test.words()}")
    if trends.sides:
        lines.append("Tighter side, 30 days:")
        for lean in trends.sides:
            name = lean.name if len(lean.name) <= 24 else lean.name[:23] + "…"
            lines.append(f"  {name:<24} {lean.words()}")
    return [line if len(line) <= width else line[: width - 1] + "…" for line in lines]

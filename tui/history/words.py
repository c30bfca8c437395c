"""The history screen's sentences: its title and the line that counts the sessions listed."""

from __future__ import annotations

from tui.history.filters import ALL_ROUTINES
from tui.history.tally import Figures


def count(number: int, singular: str, plural_form: str | None = None) -> str:
    """'1 session', '36,500 sessions'."""
    word = singular if number == 1 else (plural_form or f"{singular}s")
    return f"{number:,} {word}"


def title_words(
    routine_name: str | None, figures: Figures, *, complete: bool, streak_known: bool
) -> tuple[str, str]:
    """('History · Daily Twist only', 'streak 3 days · longest 9 days'), the title's two parts.

    Until all of history is read, figures that may still grow are marked as such.
    """
    where = "History" if routine_name is None else f"History · {routine_name} only"
    streak = count(figures.streak, "day")
    if not streak_known:
        streak = f"{figures.streak:,}+ days"
    longest = count(figures.longest, "day") if complete else "… (reading older sessions)"
    return where, f"streak {streak} · longest {longest}"


def count_words(
    routine_name: str | None, figures: Figures, *, in_progress: bool, complete: bool
) -> str:
    """'All routines: 13 sessions (+1 not counted, +1 in progress) · f picks a routine'.

    The number is the one every figure uses: sessions with at least one set done. The
    table lists the others too, marked, so they are named here.
    """
    name = routine_name or ALL_ROUTINES
    counted = count(figures.counted, "session")
    if not complete:
        counted = f"{figures.counted:,}+ sessions"
    extras = []
    if figures.listed > figures.counted:
        extras.append(f"+{figures.listed - figures.counted:,} not counted")
    if in_progress:
        extras.append("+1 in progress")
    text = f"{name}: {counted}"
    if extras:
        text += f" ({', '.join(extras)})"
    if figures.listed == 0 and not in_progress:
        return f"{text}. Pick a routine in the catalogue (c)."
    return f"{text} · f picks a routine"

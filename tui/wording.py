"""Facts put into words for people: times, dosages, sides, sets and ratings.

The one home for wording the screens share, so that no screen imports another for its
words. Plain strings, no Textual: the callers make them literal Content.
"""

from __future__ import annotations

import math
import os
import re
from typing import TYPE_CHECKING

from tui.catalogue.model import CueKind, Dosage, Exercise
from tui.session.model import Phase
from tui.storage.types import Session, SetEntry
from tui.text import printable

if TYPE_CHECKING:
    from tui.session.model import Slot

LINUX_CONSOLE = os.environ.get("TERM") == "linux"
"""The Linux console: its fonts lack most box and block glyphs, so plain ones stand in."""

CONSOLE_GLYPHS = str.maketrans(
    {
        "▷": ">",
        "▶": ">",
        "○": "o",
        "●": "*",
        "▪": "+",
        "■": "#",
        "▏": "|",
        "▎": "|",
        "▊": "#",
        "▔": "-",
        "⏎": "enter",
        **{bar: str(level) for level, bar in enumerate("▁▂▃▄▅▆▇", start=1)},
    }
)
"""Each glyph the Linux console can't show, and what it shows instead."""


def glyphs(text: str, *, console: bool | None = None) -> str:
    """`text` as the terminal can show it: plain stand-ins on the Linux console.

    `console`: whether to use the stand-ins; by default, whether TERM is linux.
    """
    on_console = LINUX_CONSOLE if console is None else console
    return text.translate(CONSOLE_GLYPHS) if on_console else text


CUE_LABELS = {
    CueKind.SETUP: "Set-up",
    CueKind.MOVEMENT: "Move",
    CueKind.BREATHING: "Breathe",
    CueKind.TEMPO: "Tempo",
    CueKind.AVOID: "Avoid",
}
"""What each kind of cue is called in front of its text."""

READ_ONLY_MESSAGE = "Read-only: another loosen is using this data dir; sessions can't start."
UNFINISHED_MESSAGE = "You have an unfinished session: press r to resume or discard it."
READ_ONLY_START = "not in this loosen: it is read-only while another one uses your data"
"""A routine's detail, read-only: why enter starts nothing."""
IN_PROGRESS_ELSEWHERE = "That session is in progress in the other loosen."
"""Enter on history's row in progress, read-only: the session belongs to the other loosen."""

RATING_WORDS = {1: "very stiff", 2: "stiff", 3: "so-so", 4: "loose", 5: "very loose"}
"""How the upper back feels, for each rating."""
RATING_MARK = glyphs("●")
NO_RATING_MARK = glyphs("○")
RATING_TOP = 5
NO_RATING = "–"
MAIN_KEY_LABELS = {
    Phase.WORK: "Done",
    Phase.HOLD_READY: "Start hold",
    Phase.GET_READY: "Start now",
    Phase.HOLD: "End hold",
    Phase.SWITCH: "Next side",
    Phase.REST: "Skip rest",
    Phase.DONE: "",
}
"""What the main key (space) does in each phase; nothing once every set is done."""
_SIDE_WORD = re.compile(r"\b(left|right|Left|Right|LEFT|RIGHT)\b")
_MIRROR = {"left": "right", "right": "left"}


# ------------------------------------------------------------ counts and times


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 set', '2 sets'."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def seconds_in_words(seconds: int) -> str:
    """'45 s', '2 min', '1 min 30 s'."""
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def clock(seconds: float, *, round_up: bool = False) -> str:
    """Seconds as m:ss (h:mm:ss past an hour); countdowns round up so 0:00 means done."""
    whole = max(0, math.ceil(seconds - 1e-6) if round_up else int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def recorded_minute(timestamp: str) -> str:
    """'2026-11-20 07:30' from an ISO-8601 timestamp, as it was recorded (its own zone)."""
    return timestamp.replace("T", " ")[:16]


def started_words(summary: Session) -> str:
    """'2026-11-20 07:30': when a session started, in this machine's time zone."""
    # Here, not at the top: the catalogue, on screen first, needs none of history's code.
    from tui.history.stats import local_start

    try:
        return f"{local_start(str(summary.get('started_at'))):%Y-%m-%d %H:%M}"
    except (ValueError, OverflowError):  # not a date, or one at the calendar's edge
        return str(summary.get("started_at", ""))[:16]


# ---------------------------------------------------------------- dosages


def work_in_words(dosage: Dosage) -> str:
    """What one set asks for: '10 reps per side', '30 s hold'."""
    if dosage.hold_seconds is not None:
        amount = f"{seconds_in_words(dosage.hold_seconds)} hold"
    else:
        amount = plural(dosage.reps or 0, "rep")
    return f"{amount} per side" if dosage.per_side else amount


def dosage_in_words(dosage: Dosage) -> str:
    """The whole dosage: '2 sets × 10 reps per side, rest 30 s'."""
    text = f"{plural(dosage.sets, 'set')} × {work_in_words(dosage)}"
    if dosage.sets > 1 and dosage.rest_seconds:
        text += f", rest {seconds_in_words(dosage.rest_seconds)}"
    return text


# ---------------------------------------------------------- sides and sets


def slot_words(slot: Slot) -> str:
    """'Set 1 of 2 · Left side · 10 reps' for one slot of a session."""
    dosage = slot.dosage
    amount = (
        f"{seconds_in_words(dosage.hold_seconds)} hold"
        if dosage.hold_seconds is not None
        else plural(dosage.reps or 0, "rep")
    )
    parts = [f"Set {slot.set_number} of {slot.set_count}", side_words(slot.side), amount]
    return " · ".join(part for part in parts if part)


def set_words(entry: SetEntry) -> str:
    """'Set 1 · left · 10 reps' for one recorded set and side ('skipped', 'held 30 s')."""
    parts = [f"Set {entry.get('set')}"]
    if entry.get("side"):
        parts.append(str(entry["side"]))
    if entry.get("outcome") == "skipped":
        parts.append("skipped")
    elif entry.get("seconds") is not None:
        parts.append(f"held {entry['seconds']} s")
    elif entry.get("reps") is not None:
        parts.append(f"{entry['reps']} reps")
    return " · ".join(parts)


# ---------------------------------------------------------------- sessions

SPACE_WORDS = {
    "work": "Done",
    "hold_ready": "Start hold",
    "get_ready": "Start now",
    "hold": "End hold",
    "switch": "Skip",
    "rest": "Skip rest",
}
"""What space does in each phase of a session (tui.session.model.Phase values)."""


def space_words(phase: str, *, paced: bool = False) -> str:
    """The key bar's word for space now: 'Done', 'Start hold', 'Skip rest'."""
    if phase == "work" and paced:
        return "Set done"
    return SPACE_WORDS.get(phase, "Go")


def rep_words(rep: int, reps: int) -> str:
    """'rep 4 of 10'."""
    return f"rep {rep} of {reps}"


def slots_done_words(slots_done: int, slots_planned: int, sets_planned: int) -> str:
    """'3 of 8 sides' (every set per side), '3 of 4 sets' (none), or '3 of 6 sets and sides'."""
    if slots_planned == sets_planned:
        unit = "set" if slots_planned == 1 else "sets"
    elif slots_planned == 2 * sets_planned:
        unit = "sides"
    else:
        unit = "sets and sides"
    return f"{slots_done} of {slots_planned} {unit}"


# ---------------------------------------------------------------- ratings


def rating_marks(rating: int | None) -> str:
    """'●●●●○' for a rating of 4; '○○○○○' for none yet."""
    filled = rating or 0
    return RATING_MARK * filled + NO_RATING_MARK * (RATING_TOP - filled)


def rating_word(rating: object) -> str | None:
    """'loose' for 4; None when there is no rating (or not one of 1 to 5)."""
    return RATING_WORDS.get(rating) if isinstance(rating, int) else None


def rating_marks_or_dash(rating: object) -> str:
    """'●●●●○' for a rating of 4 as history lists it, or '–' when there is none."""
    if rating_word(rating) is None:
        return NO_RATING
    assert isinstance(rating, int)
    return rating_marks(rating)


def rating_words(rating: object) -> str:
    """'●●●●○ loose' for a rating of 4, or '–' when there is none."""
    word = rating_word(rating)
    return f"{rating_marks_or_dash(rating)} {word}" if word else NO_RATING


def rating_prompt() -> str:
    """How to rate, in the same words as the ratings: '1 = very stiff … 5 = very loose'."""
    return f"1 = {RATING_WORDS[1]} … 5 = {RATING_WORDS[5]}"


# ---------------------------------------------------------- sides


def mirrored(text: str) -> str:
    """`text` with the words left and right swapped (keeping their case)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        other = _MIRROR[word.lower()]
        if word.isupper():
            return other.upper()
        return other.capitalize() if word[0].isupper() else other

    return _SIDE_WORD.sub(swap, text)


def side_meaning(side: str | None, exercise: Exercise | None) -> str:
    """What `side` means for this exercise ('lying on your left side, …'), or ''.

    The catalogue says what "left" means; the right side is its mirror image.
    """
    meaning = exercise.side_meaning if exercise is not None else None
    if not side or not meaning:
        return ""
    return meaning if side == "left" else mirrored(meaning)


def side_words(side: str | None, exercise: Exercise | None = None) -> str:
    """'Left side', 'Left side: lying on your left side, …' (when the exercise says), or ''."""
    if not side:
        return ""
    words = f"{side.capitalize()} side"
    meaning = side_meaning(side, exercise)
    return f"{words}: {meaning}" if meaning else words


def main_key_label(phase: Phase) -> str:
    """The main key's label for the key bar: 'Done', 'Start hold', 'Skip rest'…"""
    return MAIN_KEY_LABELS[phase]


def side_meaning_line(slot: Slot) -> str:
    """'Left side means lying on your left side: …' for a slot whose exercise says, else ''."""
    meaning = side_meaning(slot.side, slot.exercise)
    if not meaning or not slot.side:
        return ""
    return f"{slot.side.capitalize()} side means {meaning}"


# ---------------------------------------------------------- across the room

BANNER_PHASES = {
    Phase.GET_READY: "GET READY",
    Phase.HOLD_READY: "GET IN POSITION",
    Phase.HOLD: "HOLD",
    Phase.SWITCH: "SWITCH SIDES",
    Phase.REST: "REST",
}
"""The phase in the big letters of a big screen (WORK says its reps instead)."""


def banner_words(
    phase: Phase,
    slot: Slot | None,
    upcoming: Slot | None,
    *,
    paused: bool = False,
    reps: tuple[int, int] | None = None,
) -> tuple[str, ...]:
    """What the big letters say, fullest first: ('LEFT · HOLD',), ('REST · NEXT: CAT-COW', 'REST').

    Words, not colours, tell the phases apart (NO_COLOR). The caller draws the first that fits.
    """
    if slot is None or phase is Phase.DONE:
        return ()
    if phase is Phase.WORK:
        what = f"REP {reps[0]} OF {reps[1]}" if reps else plural(slot.rep_count, "REP", "REPS")
    else:
        what = BANNER_PHASES[phase]
    if phase in (Phase.SWITCH, Phase.REST):
        short = what
        if upcoming is None:
            full = short
        elif phase is Phase.SWITCH:
            full = f"{what} · NEXT: {(upcoming.side or '').upper()}".removesuffix(" · NEXT: ")
        elif upcoming.step_index == slot.step_index:
            side = f" · {upcoming.side.upper()}" if upcoming.side else ""
            full = f"{what} · NEXT: SET {upcoming.set_number} OF {upcoming.set_count}{side}"
        else:
            full = f"{what} · NEXT: {printable(upcoming.exercise.name).upper()}"
    else:
        short = what
        full = f"{slot.side.upper()} · {what}" if slot.side else what
    choices = (full, short) if full != short else (full,)
    if paused:
        return (*(f"{choice} · PAUSED" for choice in choices), "PAUSED")
    return choices

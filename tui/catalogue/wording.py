"""Catalogue facts put into words for people: dosage, durations, plurals."""

from __future__ import annotations

import math

from tui.catalogue.model import Dosage


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

"""What to send the terminal when something happens on its own: bell patterns, notifications.

Over SSH only the terminal can make a sound or raise a notification, so an alert is bytes: BEL
rung in a pattern (the timing is data here; the UI schedules it), and, if chosen, a desktop
notification by OSC 9 (`ESC ] 9 ; text BEL`: iTerm2, WezTerm, Windows Terminal, kitty) or
OSC 777 (`ESC ] 777 ; notify ; title ; body BEL`: foot, Ghostty, VTE terminals, urxvt). Inside
tmux a notification is wrapped for passthrough, which tmux 3.3+ forwards only with
`set -g allow-passthrough on`; a bare BEL needs no wrapping, tmux passes bells on itself.

Only the session's own moments alert: a countdown that ran out, a 3-2-1 count, a paced rep.
A key press never does; the person is at the keyboard then.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from tui.session.model import Event

BELL = b"\x07"
ESC = b"\x1b"
NOTIFICATION_TITLE = "loosen"
NOTIFICATION_LIMIT = 100
"""The most characters a notification's text keeps; a name longer than that is cut."""


class AlertKind(StrEnum):
    """A moment worth hearing from across the room."""

    START = "start"
    """A hold or paced set started by itself (hands-free)."""
    SWITCH = "switch"
    """A hold or paced set ran out, and a switch of sides counts down."""
    STOP = "stop"
    """A hold or paced set ran out, and a rest counts down (or the next one gets ready)."""
    REST_OVER = "rest_over"
    """A rest or switch ran out and the next set waits for the key (not hands-free)."""
    DONE = "done"
    """The last countdown ran out: the routine is done."""
    COUNT = "count"
    """One of the 3-2-1 before a countdown ends."""
    REP = "rep"
    """The next rep of a paced set."""


@dataclass(frozen=True)
class BellPattern:
    """A number of bells and the pause between them."""

    rings: int
    gap_seconds: float = 0.0

    def offsets(self) -> tuple[float, ...]:
        """Seconds from the moment of the alert at which each bell rings."""
        return tuple(ring * self.gap_seconds for ring in range(self.rings))


BELL_PATTERNS: Mapping[AlertKind, BellPattern] = MappingProxyType(
    {
        # One ring for a count, a rep and a start: a 3-2-1 and then the start on the beat.
        AlertKind.COUNT: BellPattern(1),
        AlertKind.REP: BellPattern(1),
        AlertKind.START: BellPattern(1),
        # The end of a hold before a rest keeps today's single end bell; whether it means
        # 'start' or 'stop' is plain to someone holding or resting.
        AlertKind.STOP: BellPattern(1),
        AlertKind.SWITCH: BellPattern(2, 0.25),
        AlertKind.REST_OVER: BellPattern(2, 0.6),
        AlertKind.DONE: BellPattern(3, 0.4),
    }
)
"""How each kind sounds; start, switch, rest over and done each differ."""

_WORDS: Mapping[AlertKind, str] = MappingProxyType(
    {
        AlertKind.START: "Start",
        AlertKind.SWITCH: "Switch sides",
        AlertKind.STOP: "Rest",
        AlertKind.REST_OVER: "Rest over",
        AlertKind.DONE: "Routine done",
    }
)
"""loosen's words for the kinds that notify; counts and reps never do."""


class NotificationStyle(StrEnum):
    """Which desktop notification to send, if any: terminals understand one or the other."""

    OFF = "off"
    OSC9 = "osc9"
    OSC777 = "osc777"


@dataclass(frozen=True)
class AlertSettings:
    """The person's choices; the UI stores them. Each sound can be muted on its own."""

    bell: bool = True
    """The patterns for start, switch, stop, rest over and done (the `m` key)."""
    warning_beeps: bool = True
    """The 3-2-1 before a countdown ends."""
    rep_ticks: bool = False
    """A ring at each paced rep."""
    notifications: NotificationStyle = NotificationStyle.OFF
    """Desktop notifications: off unless asked for."""


@dataclass(frozen=True)
class Ring:
    """One write to schedule: `data` at `at` seconds from the moment of the alert."""

    at: float
    data: bytes


@dataclass(frozen=True)
class AlertPlan:
    """Everything to send for one alert: timed bells, then at most one notification (at 0 s)."""

    rings: tuple[Ring, ...] = ()
    notification: bytes | None = None


def alert_for(events: Sequence[Event]) -> AlertKind | None:
    """The alert a batch of engine events calls for, or None (a key press never calls for one)."""
    if not any(event.rings_bell for event in events):
        if any(event.seconds_left for event in events):
            return AlertKind.COUNT
        return AlertKind.REP if Event.REP_STARTED in events else None
    if Event.FINISHED in events:
        return AlertKind.DONE
    if Event.HOLD_STARTED in events or Event.PACE_STARTED in events:
        return AlertKind.START
    if Event.SWITCH_STARTED in events:
        return AlertKind.SWITCH
    if Event.HOLD_ENDED in events or Event.PACE_ENDED in events:
        return AlertKind.STOP
    return AlertKind.REST_OVER


def clean_text(text: str) -> str:
    """`text` fit to sit inside an OSC sequence: no control or format characters, no ';'.

    Nothing left can end the sequence early (BEL, ESC, ST) or add a field (';'); line and
    paragraph separators and unpaired surrogates go too. Cut to NOTIFICATION_LIMIT.
    """
    kept = (
        char
        for char in text
        if char != ";"
        and not unicodedata.category(char).startswith("C")
        and unicodedata.category(char) not in ("Zl", "Zp")
    )
    return "".join(kept)[:NOTIFICATION_LIMIT].strip()


def notification_text(kind: AlertKind, name: str | None = None) -> str:
    """'Switch sides: Pigeon stretch': loosen's words, then the exercise (or routine) named."""
    words = _WORDS.get(kind, "")
    cleaned = clean_text(name or "")
    return clean_text(f"{words}: {cleaned}" if cleaned else words)


def osc9(text: str) -> bytes:
    """A desktop notification by OSC 9, its text cleaned."""
    return b"\x1b]9;" + clean_text(text).encode() + BELL


def osc777(title: str, body: str) -> bytes:
    """A desktop notification by OSC 777 (title and body), both cleaned."""
    fields = f"notify;{clean_text(title)};{clean_text(body)}"
    return b"\x1b]777;" + fields.encode() + BELL


def tmux_passthrough(sequence: bytes) -> bytes:
    """`sequence` wrapped so tmux hands it to the outer terminal: DCS tmux; … ST, ESCs doubled."""
    return b"\x1bPtmux;" + sequence.replace(ESC, ESC + ESC) + b"\x1b\\"


def in_tmux(environ: Mapping[str, str]) -> bool:
    """True when running inside tmux, which sets $TMUX."""
    return bool(environ.get("TMUX"))


def _enabled(kind: AlertKind, settings: AlertSettings) -> bool:
    if kind is AlertKind.COUNT:
        return settings.warning_beeps
    if kind is AlertKind.REP:
        return settings.rep_ticks
    return settings.bell


def _notification(kind: AlertKind, settings: AlertSettings, name: str | None) -> bytes | None:
    if kind not in _WORDS or settings.notifications is NotificationStyle.OFF:
        return None
    text = notification_text(kind, name)
    if settings.notifications is NotificationStyle.OSC9:
        return osc9(text)
    return osc777(NOTIFICATION_TITLE, text)


def plan_alert(
    kind: AlertKind, settings: AlertSettings, *, name: str | None = None, tmux: bool = False
) -> AlertPlan:
    """The bytes to send for `kind` under `settings`; `name` is the exercise (or routine)."""
    rings: tuple[Ring, ...] = ()
    if _enabled(kind, settings):
        rings = tuple(Ring(at, BELL) for at in BELL_PATTERNS[kind].offsets())
    notification = _notification(kind, settings, name)
    if notification is not None and tmux:
        notification = tmux_passthrough(notification)
    return AlertPlan(rings=rings, notification=notification)

"""Alerts as bytes: bell patterns, OSC 9 and OSC 777 notifications, plain and inside tmux."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock, FakeWallClock
from tests.test_engine_handsfree import ROUTINE, run_out, to_step
from tui.session.alerts import (
    BELL_PATTERNS,
    AlertKind,
    AlertPlan,
    AlertSettings,
    BellPattern,
    NotificationStyle,
    Ring,
    alert_for,
    clean_text,
    in_tmux,
    notification_text,
    osc9,
    osc777,
    plan_alert,
    tmux_passthrough,
)
from tui.session.engine import Event, SessionEngine

HOSTILE_NAMES = [
    "Pigeon\x07\x1b]0;owned\x07",  # ends the sequence early, then sets the window title
    "a;b;c",  # adds fields to OSC 777
    "cut\x1b\\here",  # ST
    "c1\x9b31m\x9c",  # C1 CSI and ST
    "line\nbreak\r",
    "bidi\u202eevil",  # right-to-left override
    "sep\u2028arator\u2029",
    "lone\ud800surrogate",
    "\x00\x7f",
]


# ------------------------------------------------------------------ bells


def test_bell_patterns_are_rings_with_their_timing() -> None:
    offsets = {kind: pattern.offsets() for kind, pattern in BELL_PATTERNS.items()}
    assert offsets == {
        AlertKind.COUNT: (0.0,),
        AlertKind.REP: (0.0,),
        AlertKind.START: (0.0,),
        AlertKind.STOP: (0.0,),
        AlertKind.SWITCH: (0.0, 0.25),
        AlertKind.REST_OVER: (0.0, 0.6),
        AlertKind.DONE: (0.0, 0.4, 0.8),
    }
    assert set(BELL_PATTERNS) == set(AlertKind)


def test_start_switch_rest_over_and_done_sound_different() -> None:
    kinds = (AlertKind.START, AlertKind.SWITCH, AlertKind.REST_OVER, AlertKind.DONE)
    assert len({BELL_PATTERNS[kind] for kind in kinds}) == 4
    assert all(pattern.offsets()[-1] < 1.0 for pattern in BELL_PATTERNS.values())  # done in a beat


def test_plans_ring_bel_bytes_at_their_offsets() -> None:
    plan = plan_alert(AlertKind.DONE, AlertSettings())
    assert plan == AlertPlan(
        rings=(Ring(0.0, b"\x07"), Ring(0.4, b"\x07"), Ring(0.8, b"\x07")), notification=None
    )
    assert plan_alert(AlertKind.SWITCH, AlertSettings()).rings == (
        Ring(0.0, b"\x07"),
        Ring(0.25, b"\x07"),
    )


def test_each_sound_mutes_on_its_own() -> None:
    quiet_bell = AlertSettings(bell=False)
    assert plan_alert(AlertKind.START, quiet_bell).rings == ()
    assert plan_alert(AlertKind.COUNT, quiet_bell).rings == (Ring(0.0, b"\x07"),)
    no_counts = AlertSettings(warning_beeps=False)
    assert plan_alert(AlertKind.COUNT, no_counts).rings == ()
    assert plan_alert(AlertKind.DONE, no_counts).rings != ()
    assert plan_alert(AlertKind.REP, AlertSettings()).rings == ()  # rep ticks are off at first
    assert plan_alert(AlertKind.REP, AlertSettings(rep_ticks=True)).rings == (Ring(0.0, b"\x07"),)


def test_bell_pattern_offsets_follow_the_gap() -> None:
    assert BellPattern(4, 0.5).offsets() == (0.0, 0.5, 1.0, 1.5)
    assert BellPattern(0).offsets() == ()


# ------------------------------------------------------------------ notifications


def test_notifications_are_off_by_default() -> None:
    assert AlertSettings().notifications is NotificationStyle.OFF
    assert plan_alert(AlertKind.SWITCH, AlertSettings(), name="Pigeon").notification is None


def test_osc_9_bytes() -> None:
    assert osc9("Switch sides: Pigeon") == b"\x1b]9;Switch sides: Pigeon\x07"
    chosen = AlertSettings(notifications=NotificationStyle.OSC9)
    plan = plan_alert(AlertKind.SWITCH, chosen, name="Pigeon stretch")
    assert plan.notification == b"\x1b]9;Switch sides: Pigeon stretch\x07"


def test_osc_777_bytes() -> None:
    assert osc777("loosen", "Start: Bench") == b"\x1b]777;notify;loosen;Start: Bench\x07"
    chosen = AlertSettings(notifications=NotificationStyle.OSC777)
    plan = plan_alert(AlertKind.DONE, chosen, name="Floor")
    assert plan.notification == b"\x1b]777;notify;loosen;Routine done: Floor\x07"


def test_tmux_wraps_notifications_with_every_esc_doubled() -> None:
    assert tmux_passthrough(b"\x1b]9;hi\x07") == b"\x1bPtmux;\x1b\x1b]9;hi\x07\x1b\\"
    chosen = AlertSettings(notifications=NotificationStyle.OSC777)
    plan = plan_alert(AlertKind.START, chosen, name="Cat-cow", tmux=True)
    assert plan.notification == b"\x1bPtmux;\x1b\x1b]777;notify;loosen;Start: Cat-cow\x07\x1b\\"
    assert plan.rings == (Ring(0.0, b"\x07"),)  # tmux passes a bare bell on itself


def test_tmux_is_told_by_its_variable() -> None:
    assert in_tmux({"TMUX": "/tmp/tmux-1000/default,123,0"})
    assert not in_tmux({"TMUX": ""})
    assert not in_tmux({"TERM": "screen"})


def test_counts_and_reps_never_notify() -> None:
    chosen = AlertSettings(notifications=NotificationStyle.OSC9, rep_ticks=True)
    assert plan_alert(AlertKind.COUNT, chosen, name="x").notification is None
    assert plan_alert(AlertKind.REP, chosen, name="x").notification is None


def test_notification_words() -> None:
    assert notification_text(AlertKind.STOP) == "Rest"
    assert notification_text(AlertKind.REST_OVER, "  ") == "Rest over"
    assert notification_text(AlertKind.START, "Bench") == "Start: Bench"
    assert len(notification_text(AlertKind.START, "x" * 500)) == 100


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_cannot_end_or_extend_the_sequence(name: str) -> None:
    for style in (NotificationStyle.OSC9, NotificationStyle.OSC777):
        plan = plan_alert(AlertKind.START, AlertSettings(notifications=style), name=name)
        assert plan.notification is not None
        assert_one_sequence(plan.notification, style)


def test_clean_text_keeps_ordinary_words() -> None:
    assert clean_text("Pigeon stretch — left (90°) ✓") == "Pigeon stretch — left (90°) ✓"
    assert clean_text("a;b\x1b[31mc\x07") == "ab[31mc"


# ------------------------------------------------------------------ generated hostile text

_CONTROL_BYTES = re.compile(rb"[\x00-\x1f\x7f]")


def assert_one_sequence(data: bytes, style: NotificationStyle) -> None:
    """`data` is exactly one OSC sequence: one ESC at the start, one BEL at the end, no C1."""
    assert data.count(b"\x1b") == 1 and data.startswith(b"\x1b]")
    assert data.endswith(b"\x07")
    assert _CONTROL_BYTES.findall(data) == [b"\x1b", b"\x07"]
    text = data.decode()  # valid UTF-8: no lone surrogate got through
    assert not any(0x80 <= ord(char) <= 0x9F for char in text)
    fields = text[2:-1].split(";")
    assert len(fields) == (2 if style is NotificationStyle.OSC9 else 4)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(name=st.text(), style=st.sampled_from([NotificationStyle.OSC9, NotificationStyle.OSC777]))
def test_any_name_gives_exactly_one_sequence(name: str, style: NotificationStyle) -> None:
    for kind in (AlertKind.START, AlertKind.SWITCH, AlertKind.DONE):
        chosen = AlertSettings(notifications=style)
        plain = plan_alert(kind, chosen, name=name).notification
        assert plain is not None
        assert_one_sequence(plain, style)
        wrapped = plan_alert(kind, chosen, name=name, tmux=True).notification
        assert wrapped is not None
        assert wrapped.startswith(b"\x1bPtmux;") and wrapped.endswith(b"\x1b\\")
        inner = wrapped[len(b"\x1bPtmux;") : -len(b"\x1b\\")]
        assert re.fullmatch(rb"(?:[^\x1b]|\x1b\x1b)*", inner)  # no lone ESC to end the DCS
        assert inner.replace(b"\x1b\x1b", b"\x1b") == plain


# ------------------------------------------------------------------ which alert, from the engine


def test_a_key_press_never_alerts() -> None:
    assert alert_for([Event.SLOT_DONE, Event.SWITCH_STARTED]) is None
    assert alert_for([Event.HOLD_STARTED]) is None
    assert alert_for([Event.REST_SKIPPED, Event.SLOT_STARTED, Event.GET_READY_STARTED]) is None
    assert alert_for([Event.SLOT_DONE, Event.FINISHED]) is None
    assert alert_for([]) is None


def test_hands_free_moments_alert_in_their_order(clock: FakeClock) -> None:
    engine = SessionEngine(
        ROUTINE, clock=clock, now=FakeWallClock(clock), hands_free=True, warnings=True
    )
    heard: list[AlertKind | None] = []
    while not engine.is_finished:
        wait = engine.next_tick_in()
        assert wait is not None
        clock.advance(wait)
        kind = alert_for(engine.tick())
        if kind is not None:
            heard.append(kind)
    phases = [kind for kind in heard if kind not in (AlertKind.COUNT, AlertKind.REP)]
    start, switch, stop, done = (AlertKind.START, AlertKind.SWITCH, AlertKind.STOP, AlertKind.DONE)
    assert phases == [
        start, switch, start, stop, start, switch, start, stop,  # pigeon: 2 sets per side
        start, stop, start, stop,  # cat-cow: 2 paced sets
        start, done,  # angels: 1 paced set
    ]  # fmt: skip
    assert heard.count(AlertKind.REP) == 8
    assert heard.count(AlertKind.COUNT) == 33
    assert heard[:4] == [AlertKind.COUNT] * 3 + [AlertKind.START]  # 3-2-1, go


def test_without_hands_free_a_rest_running_out_is_rest_over(clock: FakeClock) -> None:
    engine = SessionEngine(ROUTINE, clock=clock, now=FakeWallClock(clock))
    engine.main_action()  # the left hold, started by hand
    assert alert_for(run_out(engine, clock)) is AlertKind.SWITCH
    assert alert_for(run_out(engine, clock)) is AlertKind.REST_OVER
    engine.main_action()
    assert alert_for(run_out(engine, clock)) is AlertKind.STOP
    to_step(engine, 2)
    assert alert_for(engine.main_action()) is None

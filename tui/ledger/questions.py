"""The check-in questions, in words: what each asks and the keys of its answers."""

from __future__ import annotations

from typing import Final

from tui.ledger.checkin import HIGH_PAIN

ScaleWords = tuple[str, str, str, str]
"""(title, question, what 0 means, what 10 means) of a 0-10 question."""

STIFFNESS_BEFORE: Final[ScaleWords] = (
    "Before you start",
    "How stiff does your upper back feel right now?",
    "not at all",
    "as stiff as it gets",
)
PAIN_BEFORE: Final[ScaleWords] = (
    "Before you start",
    "Any pain? (0 is none; s skips if you'd rather not say)",
    "no pain",
    "the worst pain",
)
STIFFNESS_AFTER: Final[ScaleWords] = (
    "Done",
    "And now: how stiff does your upper back feel?",
    "not at all",
    "as stiff as it gets",
)

HIGH_PAIN_TITLE: Final = "Go gently today"
HIGH_PAIN_LINES: Final = (
    f"You gave your pain {HIGH_PAIN} or more out of 10. Mobility work should feel like "
    "a stretch, never sharp or rising pain. An easier day or a rest is often the better "
    "choice. If the pain is new, severe or keeps coming back, see a clinician.",
)
HIGH_PAIN_CHOICES: Final = (
    ("e", "easier", "Easier day", "an easier day: one set fewer of each exercise"),
    ("t", "stop", "Stop", "stop for today (kept in history with this check-in)"),
    ("c", "carry_on", "Carry on", "carry on as planned"),
)

SIDE_TITLE: Final = "Which side felt tighter?"
SIDE_CHOICES: Final = (
    ("l", "left", "Left", "left"),
    ("r", "right", "Right", "right"),
    ("e", "even", "Even", "even: neither side"),
)


def side_lines(exercise_name: str) -> tuple[str, ...]:
    """The side question's text for one exercise."""
    return (f"{exercise_name}: which side was harder to move?",)


DELETE_TITLE: Final = "Delete this session?"
DELETE_CHOICES: Final = (
    ("y", "delete", "Delete", "delete it (u in history puts it back for 30 days)"),
    ("n", "keep", "Keep", "keep it"),
)


def delete_lines(routine_name: str, started_at: str) -> tuple[str, ...]:
    """What the delete question names: the routine and when it started."""
    return (f"{routine_name}, started {started_at[:16].replace('T', ' ')}.",)

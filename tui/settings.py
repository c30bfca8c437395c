"""The person's choices (the bell, hands-free, the theme): read once at start, kept in memory.

A change is written through to the store at once, and kept in memory only if the write
worked (or the store is read-only: then it lasts for this run). Nothing reads the
settings file again after start-up, however often the bell rings.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

T = TypeVar("T")

BELL = "bell"
THEME = "theme"
HANDS_FREE = "hands_free"
WARNING_BEEPS = "warning_beeps"
REP_TICKS = "rep_ticks"
NOTIFICATIONS = "notifications"
CHECK_INS = "check_ins"
NOTIFICATION_STYLES = ("off", "osc9", "osc777")
"""The stored values of NOTIFICATIONS (tui.session.alerts.NotificationStyle): off unless chosen."""


class SettingsStore(Protocol):
    """Where settings live between runs (the Store is one)."""

    @property
    def read_only(self) -> bool:
        """True when writes are refused (another loosen holds the data dir)."""
        ...

    def get_setting(self, key: str, default: T) -> T:
        """The stored value of `key`, or `default`."""
        ...

    def set_setting(self, key: str, value: Any) -> None:
        """Store `value` under `key`, durably."""
        ...


class Settings:
    """The bell, hands-free, warnings, rep ticks and the theme, in memory; `set_*` writes through.

    The store's errors pass through the setters unchanged, and leave the value as it was.
    """

    def __init__(
        self,
        store: SettingsStore,
        *,
        bell: bool = True,
        theme: str | None = None,
        hands_free: bool = False,
        warning_beeps: bool = True,
        notifications: str = "off",
        check_ins: bool = True,
        rep_ticks: bool = False,
    ):
        self._store = store
        self._bell = bell
        self._theme = theme
        self._hands_free = hands_free
        self._warning_beeps = warning_beeps
        self._rep_ticks = rep_ticks
        self._notifications = notifications if notifications in NOTIFICATION_STYLES else "off"
        self._check_ins = check_ins

    @classmethod
    def read(cls, store: SettingsStore) -> Settings:
        """The settings as stored (defaults for any unset); raises what the store raises."""
        theme = store.get_setting(THEME, None)
        return cls(
            store,
            bell=bool(store.get_setting(BELL, True)),
            theme=theme if isinstance(theme, str) else None,
            hands_free=store.get_setting(HANDS_FREE, False) is True,
            warning_beeps=store.get_setting(WARNING_BEEPS, True) is not False,
            notifications=str(store.get_setting(NOTIFICATIONS, "off")),
            check_ins=store.get_setting(CHECK_INS, True) is not False,
            rep_ticks=store.get_setting(REP_TICKS, False) is True,
        )

    @property
    def bell(self) -> bool:
        """Whether the bell rings at the end of holds, rests and side switches."""
        return self._bell

    @property
    def theme(self) -> str | None:
        """The theme chosen last, or None for the app's default."""
        return self._theme

    @property
    def hands_free(self) -> bool:
        """Whether holds and paced reps start, and sets end, without a key."""
        return self._hands_free

    @property
    def warning_beeps(self) -> bool:
        """Whether the 3-2-1 before a countdown ends is rung (apart from the end bell)."""
        return self._warning_beeps

    @property
    def rep_ticks(self) -> bool:
        """Whether each rep of a paced set rings a short bell (off unless asked for)."""
        return self._rep_ticks

    @property
    def notifications(self) -> str:
        """Desktop notifications: 'off', 'osc9' or 'osc777'."""
        return self._notifications

    @property
    def check_ins(self) -> bool:
        """Whether to ask the check-ins: stiffness before and after, sides (on until off)."""
        return self._check_ins

    def set_check_ins(self, on: bool) -> None:
        """Turn the check-ins on or off, and remember it."""
        self._write(CHECK_INS, on)
        self._check_ins = on

    def set_hands_free(self, on: bool) -> None:
        """Turn hands-free on or off, and remember it."""
        self._write(HANDS_FREE, on)
        self._hands_free = on

    def set_warning_beeps(self, on: bool) -> None:
        """Turn the 3-2-1 beeps on or off, and remember it."""
        self._write(WARNING_BEEPS, on)
        self._warning_beeps = on

    def set_rep_ticks(self, on: bool) -> None:
        """Turn the bell at each paced rep on or off, and remember it."""
        self._write(REP_TICKS, on)
        self._rep_ticks = on

    def set_notifications(self, style: str) -> None:
        """Choose the desktop notification ('off', 'osc9', 'osc777'), and remember it."""
        if style not in NOTIFICATION_STYLES:
            raise ValueError(f"unknown notification style: {style!r}")
        self._write(NOTIFICATIONS, style)
        self._notifications = style

    def set_bell(self, on: bool) -> None:
        """Turn the bell on or off, and remember it."""
        self._write(BELL, on)
        self._bell = on

    def set_theme(self, name: str) -> None:
        """Remember the chosen theme (written only if it changed)."""
        if name != self._theme:
            self._write(THEME, name)
            self._theme = name

    def _write(self, key: str, value: Any) -> None:
        if not self._store.read_only:
            self._store.set_setting(key, value)

"""The person's choices (the bell, the theme): read once at start, kept in memory.

A change is written through to the store at once, and kept in memory only if the write
worked (or the store is read-only: then it lasts for this run). Nothing reads the
settings file again after start-up, however often the bell rings.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

T = TypeVar("T")

BELL = "bell"
THEME = "theme"


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
    """The bell and the theme, in memory; `set_*` writes through to the store.

    The store's errors pass through the setters unchanged, and leave the value as it was.
    """

    def __init__(self, store: SettingsStore, *, bell: bool = True, theme: str | None = None):
        self._store = store
        self._bell = bell
        self._theme = theme

    @classmethod
    def read(cls, store: SettingsStore) -> Settings:
        """The settings as stored (defaults for any unset); raises what the store raises."""
        theme = store.get_setting(THEME, None)
        return cls(
            store,
            bell=bool(store.get_setting(BELL, True)),
            theme=theme if isinstance(theme, str) else None,
        )

    @property
    def bell(self) -> bool:
        """Whether the bell rings at the end of holds, rests and side switches."""
        return self._bell

    @property
    def theme(self) -> str | None:
        """The theme chosen last, or None for the app's default."""
        return self._theme

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

"""Capture what the app writes to the terminal outside its frames (bells, notifications)."""

from __future__ import annotations

from typing import Any

from textual.app import App


def captured_writes(app: App[Any]) -> list[str]:
    """Every string the app sends through its driver's `write` from now on, in order.

    Pilot's headless driver writes nowhere; this replaces its `write` with a recorder, so a
    test sees the exact bytes a real terminal would be sent.
    """
    writes: list[str] = []
    driver = app._driver
    assert driver is not None, "call inside run_test"
    driver.write = writes.append  # type: ignore[method-assign, assignment]
    return writes

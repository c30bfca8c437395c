"""Read what a running app shows, as plain text lines, for Pilot tests."""

from __future__ import annotations

from textual.app import App


def screen_text(app: App[object]) -> str:
    """Every line of the current screen (including modals and toasts), as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)

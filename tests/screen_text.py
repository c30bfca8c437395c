"""Read what a running app shows, as plain text lines, for Pilot tests."""

from __future__ import annotations

from textual.app import App


def screen_text(app: App[object]) -> str:
    """Every line of the current screen (including modals and toasts), as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def bottom_line(app: App[object]) -> str:
    """The screen's last line: its key bar."""
    return screen_text(app).splitlines()[-1]

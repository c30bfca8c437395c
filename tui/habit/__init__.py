"""Keeping the habit: the weekly goal, forgiving streaks, the status line and reminders.

Plain domain code: no Textual, no Rich. Days are calendar dates in the viewer's local
time zone and weeks run Monday to Sunday (see README, "Keep the habit").
"""

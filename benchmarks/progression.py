"""Progression suggestions over 36,500 sessions, against the trends of the same sessions.

Run `python benchmarks/progression.py`. Builds 100 years of daily summaries of the three
built-in routines in memory (no disk: this times the rules, not storage), then times
`suggestions` over all of them (no 8-week limit: the worst case of the rules), what the
palette's "Suggestions" and the summary compute (`recent_sessions` from newest first,
then `suggestions`), and, as the reference, `trends` (history's panel, one pass too),
taking turns so noise hits all alike.
Prints the medians and their ratios to the reference.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.catalogue.loader import load_catalogue_file
from tui.catalogue.sources import builtin_routines_file
from tui.ledger.progression import recent_sessions, suggestions
from tui.ledger.trends import trends
from tui.storage.types import SessionSummary

SESSIONS = 36_500
ROUNDS = 7


def history(routines: list[Any]) -> list[SessionSummary]:
    """One session a day, newest first, rotating through the routines, with check-ins."""
    start = datetime(2026, 12, 3, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    found = []
    for day in range(SESSIONS):
        routine = routines[day % len(routines)]
        ids = [step.exercise.id for step in routine.steps]
        summary: dict[str, Any] = {
            "id": f"s{day}",
            "routine_id": routine.id,
            "routine_name": routine.name,
            "started_at": (start - timedelta(days=day)).isoformat(),
            "ended_at": None,
            "duration_seconds": 600,
            "status": "finished",
            "sets_planned": 10,
            "sets_done": 10,
            "skipped_exercises": [],
            "exercises": [{"id": i, "name": i} for i in ids],
            "rating": 3 + day % 3,
            "note": None,
            "check_in": {
                "stiffness_before": 5,
                "pain_before": None,
                "pain_choice": None,
                "stiffness_after": 4,
                "sides": [],
                "self_test": [],
            },
            "edited_at": None,
            "done_exercise_ids": ids,
        }
        found.append(summary)
    return found  # type: ignore[return-value]


def median_ms(run: Callable[[], object], times: list[float]) -> None:
    began = time.perf_counter()
    run()
    times.append((time.perf_counter() - began) * 1000)


def main() -> None:
    """Time the three and print the figures."""
    routines = list(load_catalogue_file(builtin_routines_file()).routines)
    summaries = history(routines)
    today = datetime.fromisoformat(summaries[0]["started_at"]).date()

    def app_path(chosen: list[Any]) -> object:
        recent = recent_sessions(summaries, chosen, today=today)
        return suggestions(chosen, recent, today=today)

    runs: dict[str, tuple[Callable[[], object], list[float]]] = {
        "trends (reference)": (lambda: trends(summaries, today), []),
        "suggestions, all 36,500 read": (lambda: suggestions(routines, summaries), []),
        "palette: recent + every routine": (
            lambda: suggestions(
                routines, recent_sessions(summaries, routines, today=today), today=today
            ),
            [],
        ),
        "summary: recent + one routine": (
            lambda: suggestions(
                [routines[1]], recent_sessions(summaries, routines[1:2], today=today)
            ),
            [],
        ),
        "recent, a routine never done": (
            lambda: recent_sessions(summaries, [routines[0]._replace(id="never")], today=today),
            [],
        ),
    }
    for _ in range(ROUNDS):
        for run, times in runs.values():
            median_ms(run, times)
    reference = statistics.median(runs["trends (reference)"][1])
    print(f"{SESSIONS:,} sessions, median of {ROUNDS}:")
    for name, (_run, times) in runs.items():
        median = statistics.median(times)
        print(f"  {name:<32} {median:8.2f} ms  {median / reference:6.2f}× trends")


if __name__ == "__main__":
    main()

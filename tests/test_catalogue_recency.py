"""When each routine was last done, read a year at a time, and which routine to offer first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tests.conftest import finished
from tui.catalogue.model import Catalogue
from tui.catalogue.recency import YearBatch, ago_in_words, routine_recency, short_ago
from tui.storage.records import split
from tui.storage.types import SessionSummary

TODAY = date(2026, 11, 20)


def summary(catalogue: Catalogue, routine_id: str, days_ago: int) -> SessionSummary:
    """A finished session's summary (its record without the sets, as history reads it)."""
    found, _sets = split(finished(catalogue, routine_id, days_ago))
    return found


def test_short_ago_fits_a_narrow_column() -> None:
    cases = {0: "today", 1: "1d", 13: "13d", 14: "2w", 60: "8w", 61: "2mo", 729: "24mo"}
    cases |= {730: "2y", 3650: "10y"}
    for days, words in cases.items():
        assert short_ago(date.fromordinal(TODAY.toordinal() - days), TODAY) == words
    assert len(short_ago(date(1900, 1, 1), TODAY)) <= 5


def test_ago_in_words_says_the_date_past_yesterday() -> None:
    assert ago_in_words(TODAY, TODAY) == "today"
    assert ago_in_words(date(2026, 11, 19), TODAY) == "yesterday"
    assert ago_in_words(date(2026, 11, 10), TODAY) == "10 days ago (2026-11-10)"


def test_reading_stops_once_every_routine_is_found(catalogue: Catalogue) -> None:
    ids = [routine.id for routine in catalogue.routines]
    years_read: list[int] = []

    def years() -> Iterator[YearBatch]:
        batches = {
            2026: [summary(catalogue, ids[0], 1), summary(catalogue, ids[1], 3)],
            2025: [summary(catalogue, ids[2], 400), summary(catalogue, ids[0], 401)],
            2024: [summary(catalogue, ids[1], 800)],
        }
        for year, found in batches.items():
            years_read.append(year)
            yield year, found

    known = list(routine_recency(catalogue, years(), None, TODAY))
    assert years_read == [2026, 2025]  # 2024 is never read: nothing was missing
    first, last = known[0], known[-1]
    assert first.quick_start == ids[0] and not first.complete
    assert first.ago(ids[0]) == "1d" and first.ago(ids[2]) == ""
    assert last.complete and last.ago(ids[2]) == "13mo"
    # The newest session of a routine wins, whichever year it is in.
    assert last.ago(ids[0]) == "1d" and last.ago_words(ids[1]) == "3 days ago (2026-11-17)"


def test_the_usual_routine_comes_first_even_without_history(catalogue: Catalogue) -> None:
    usual = catalogue.routines[2].id
    (only,) = routine_recency(catalogue, iter(()), usual, TODAY)
    assert only.quick_start == usual and only.complete and only.last_done == {}
    (gone,) = routine_recency(catalogue, iter(()), "no-such-routine", TODAY)
    assert gone.quick_start is None


def test_a_session_without_a_done_set_does_not_count(catalogue: Catalogue) -> None:
    routine_id = catalogue.routines[1].id
    empty = summary(catalogue, routine_id, 2)
    empty["done_exercise_ids"] = []
    *_, last = routine_recency(catalogue, iter([(2026, [empty])]), None, TODAY)
    assert last.quick_start is None and last.ago(routine_id) == ""

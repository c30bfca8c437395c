"""Every full record, oldest first, holding about a year of summaries and a few months of sets.

This is what lets an export of a century of history use as little memory as one of a
year. Shards are per local year, but "oldest first" is by instant: near New Year a
session recorded at +14:00 can come before one recorded the evening before at -05:00 in
the previous year's shard. No stored offset exceeds 18 hours, so once the shards up to
year Y are read, every session starting before Y+1-01-01T00:00+18:00 is final.
"""

from __future__ import annotations

import heapq
import itertools
from collections import OrderedDict
from collections.abc import Iterator
from datetime import datetime, timezone

from tui.storage.records import join, order_key, session_month
from tui.storage.shards import History
from tui.storage.types import SessionRecord, SessionSummary, SetEntry
from tui.storage.validate import MAX_OFFSET

MONTHS_KEPT = 3  # the order by instant visits a month again only near its edges


def _earliest_start(year: int) -> datetime:
    """The earliest instant a session in `year`'s shard can have started."""
    return datetime(year, 1, 1, tzinfo=timezone(MAX_OFFSET))


def summaries_in_order(history: History, *, strict: bool) -> Iterator[SessionSummary]:
    """Every summary, oldest first (the id breaks ties), one year's shard read at a time."""
    pending: list[tuple[tuple[datetime, str], int, SessionSummary]] = []
    arrival = itertools.count()
    for year in history.years(strict=strict):
        for summary in history.summaries(year, strict=strict, remember=False):
            heapq.heappush(pending, (order_key(summary), next(arrival), summary))
        bound = _earliest_start(year + 1)
        while pending and pending[0][0][0] < bound:
            yield heapq.heappop(pending)[2]
    while pending:
        yield heapq.heappop(pending)[2]


def full_records(history: History, *, strict: bool) -> Iterator[SessionRecord]:
    """Every full record, oldest first; `strict` raises StoreError for a file it cannot read."""
    months: OrderedDict[tuple[int, int], dict[str, list[SetEntry]]] = OrderedDict()
    for summary in summaries_in_order(history, strict=strict):
        month = session_month(summary)
        if month in months:
            months.move_to_end(month)
        else:
            months[month] = history.sets_by_id(month, strict=strict)
            if len(months) > MONTHS_KEPT:
                months.popitem(last=False)
        yield join(summary, months[month].get(summary["id"]))

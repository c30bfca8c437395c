"""Finished sessions: summaries sharded by year, their sets by month.

Shards are changed with one storage read and one atomic write per file. (TinyDB's
Table.insert reads the whole file up to three times, and upsert can write it twice.)
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from tui.storage import records
from tui.storage.atomic import AtomicBatch, json_payload
from tui.storage.details import DetailFormat, plain_details, with_details, without_details
from tui.storage.dirs import make_private_dir, remove_leftover_temps
from tui.storage.errors import StoreError
from tui.storage.files import DataFiles
from tui.storage.layout import detail_shard, is_shard_name, shard_years, summary_shard
from tui.storage.shard_format import Doc, ShardFormat, Tables
from tui.storage.shard_io import load_shard
from tui.storage.summaries import SESSIONS, SummaryFormat, SummaryShard, plain_summaries
from tui.storage.types import (
    JSONObject,
    SessionRecord,
    SessionSets,
    SessionSummary,
    SetEntry,
)


def _summaries(tables: Tables, summaries: list[SessionSummary]) -> Tables:
    shard = SummaryShard(tables)
    for summary in summaries:
        shard.put(summary)
    return shard.tables()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while bulk-loading history.

    Parsing decades of summaries creates a million acyclic objects, and the collector
    rescanning them again and again took a quarter of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class History:
    """The history dir: a summary shard per year and a detail (sets) shard per month.

    A session is in history once its summary is written; its sets are written just
    before, so a kill between the two leaves only unreferenced sets, which are ignored
    and replaced when the session is saved again.
    """

    def __init__(self, files: DataFiles, directory: Path) -> None:
        self.files = files
        self.directory = directory
        self._year_of: dict[str, int] = {}  # ids seen so far, so one detail view reads one year
        self._tidy = False

    def years(self, *, strict: bool = False) -> list[int]:
        """Years with summaries, oldest first (none if the history dir cannot be read)."""
        try:
            return shard_years(self.directory)
        except OSError as error:
            if strict:
                reason = error.strerror or str(error)
                raise StoreError(f"cannot use {self.directory}: {reason}") from None
            self.files.unreadable(self.directory, error)
            return []

    def summaries(
        self, year: int, *, strict: bool = False, remember: bool = True
    ) -> list[SessionSummary]:
        """The valid summaries stored for `year`, in file order (see `load_shard`).

        `remember` notes which year each id is in, for `find`.
        """
        path = summary_shard(self.directory, year)
        found = load_shard(self.files, path, SummaryFormat(year), strict=strict).good
        if remember:
            for summary in found:
                self._year_of[summary["id"]] = year
        return found

    def check_readable(self) -> None:
        """Raise StoreError naming the first history file that cannot be read at all."""
        try:
            entries = sorted(self.directory.iterdir())
        except FileNotFoundError:
            return
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(f"cannot use {self.directory}: {reason}") from None
        for entry in entries:
            if is_shard_name(entry.name) and not (entry.is_file() and os.access(entry, os.R_OK)):
                raise StoreError(f"cannot read {entry}: it is not a readable file")

    def all_summaries(self) -> list[SessionSummary]:
        """Every summary, in no particular order."""
        with collector_paused():
            return [summary for year in self.years() for summary in self.summaries(year)]

    def sets_by_id(
        self, month: tuple[int, int], *, strict: bool = False
    ) -> dict[str, list[SetEntry]]:
        """The sets of every session started in `month` (year, month), by session id."""
        path = detail_shard(self.directory, month)
        docs = load_shard(self.files, path, DetailFormat(), strict=strict).good
        return {doc["id"]: doc["sets"] for doc in docs}

    def sets_of(self, summary: SessionSummary) -> list[SetEntry] | None:
        """The sets of one session (None if they are missing), reading one month."""
        return self.sets_by_id(records.session_month(summary)).get(summary["id"])

    def find(self, session_id: str) -> SessionSummary | None:
        """The summary of a session, looking in recent years first."""
        years = self.years()
        known = self._year_of.get(session_id)
        if known in years:
            years.remove(known)
            years.append(known)
        for year in reversed(years):
            for summary in self.summaries(year):
                if summary["id"] == session_id:
                    return summary
        return None

    def contains(self, year: int, session_id: str) -> bool:
        """Whether the summary shard of `year` holds `session_id` (reads one year only)."""
        return any(summary["id"] == session_id for summary in self.summaries(year))

    def _stage(
        self,
        batch: AtomicBatch,
        path: Path,
        fmt: ShardFormat[Doc],
        change: Callable[[Tables], Tables],
        plain: Callable[[Tables], bool] | None = None,
    ) -> Tables:
        tables = load_shard(self.files, path, fmt, strict=True).tables  # a missing one: {}
        if tables is None:  # left as it was; the notices say why
            raise StoreError(f"cannot change {path}: it could not be read or mended")
        changed = change(tables)
        try:
            batch.add(path, json_payload(changed, plain=plain is not None and plain(changed)))
        except OSError as error:
            raise StoreError(f"cannot write {path}: {error.strerror or error}") from None
        return changed

    def put(self, new_records: Iterable[SessionRecord]) -> dict[int, list[JSONObject]]:
        """Add records, each replacing any with its id: all sets first, then summaries.

        Each touched file is written once, however many records go into it, in one batch
        (see `AtomicBatch`): the sets files are renamed into place and made durable before
        any summary file, so a kill never leaves a listed session without its sets.
        Returns what each summary shard written now holds (its stored rows), by year.
        """
        self.files.check_writable()
        details: dict[tuple[int, int], list[SessionSets]] = defaultdict(list)
        summaries: dict[int, list[SessionSummary]] = defaultdict(list)
        for record in new_records:
            summary, detail = records.split(record)
            month = records.session_month(record)
            details[month].append(detail)
            summaries[month[0]].append(summary)
        if not summaries:
            return {}
        make_private_dir(self.directory)
        if not self._tidy:
            # Done here rather than at open, where listing this ever-growing dir would
            # make start-up slower as history grows. Only the writer gets here.
            remove_leftover_temps(self.directory)
            self._tidy = True
        with AtomicBatch() as batch:
            for month, sets in sorted(details.items()):
                path = detail_shard(self.directory, month)
                change = partial(with_details, docs=sets)
                self._stage(batch, path, DetailFormat(), change, plain_details)
            batch.then()
            written: dict[int, list[JSONObject]] = {}
            for year, docs in sorted(summaries.items()):
                path = summary_shard(self.directory, year)
                change = partial(_summaries, summaries=docs)
                tables = self._stage(batch, path, SummaryFormat(year), change, plain_summaries)
                written[year] = list(tables[SESSIONS].values())
            try:
                batch.commit()
            except OSError as error:
                where = error.filename or self.directory
                raise StoreError(f"cannot write {where}: {error.strerror or error}") from None
        for year, docs in summaries.items():
            for summary in docs:
                self._year_of[summary["id"]] = year
        return written

    def remove(self, summary: SessionSummary) -> None:
        """Take one session out of history: its summary first, then its sets.

        A kill in between leaves only sets no summary points at, which are ignored.
        """
        self.files.check_writable()
        year = records.session_year(summary)
        session_id = summary["id"]

        def dropped(tables: Tables) -> Tables:
            shard = SummaryShard(tables)
            shard.drop(session_id)
            return shard.tables()

        with AtomicBatch() as batch:
            path = summary_shard(self.directory, year)
            self._stage(batch, path, SummaryFormat(year), dropped)
            batch.then()
            month = records.session_month(summary)
            details = partial(without_details, session_id=session_id)
            self._stage(batch, detail_shard(self.directory, month), DetailFormat(), details)
            try:
                batch.commit()
            except OSError as error:
                where = error.filename or self.directory
                raise StoreError(f"cannot write {where}: {error.strerror or error}") from None
        self._year_of.pop(session_id, None)

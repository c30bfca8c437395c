"""Which days had a counting session, as date ordinals, loaded back in time on demand."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself would cost `loosen status` milliseconds on every prompt
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import date

    Chunk = tuple[int, int, int]
    """(first, mask, floor): days with a session (bit i of mask is day first + i); once
    merged, the marks are complete for every day from floor on."""

NO_FLOOR = -(1 << 62)
"""A floor below every date: nothing older is left to load."""


def mask_of(ordinals: Iterable[int]) -> tuple[int, int]:
    """(first, mask) for a collection of day ordinals; (0, 0) when it is empty."""
    days = sorted(set(ordinals))
    if not days:
        return 0, 0
    first = days[0]
    mask = 0
    for day in days:
        mask |= 1 << (day - first)
    return first, mask


class DayMarks:
    """Days with at least one counting session, asked about by ordinal (`date.toordinal`).

    Built from a set of days, or from chunks (see Chunk): newer days first, pulled only
    when a question reaches below what is loaded, so a short streak reads little history.
    """

    def __init__(self, days: Iterable[date] = (), chunks: Iterable[Chunk] = ()) -> None:
        first, mask = mask_of(day.toordinal() for day in days)
        self._first = first
        self._bits = _bits(mask)
        """One character per day from `_first` on, "1" for a session: str.count counts in C."""
        self._floor = NO_FLOOR
        self._chunks: Iterator[Chunk] | None = None
        more = iter(chunks)
        if (chunk := next(more, None)) is not None:
            self._chunks = more
            self._merge(chunk)

    def _merge(self, chunk: Chunk) -> None:
        first, mask, self._floor = chunk
        if not mask:
            return
        bits = _bits(mask)
        if not self._bits:
            self._first, self._bits = first, bits
        elif first + len(bits) <= self._first:
            # The usual case, an older year: put it in front.
            self._bits = bits + "0" * (self._first - first - len(bits)) + self._bits
            self._first = first
        else:
            low = min(first, self._first)
            merged = (_mask(self._bits) << (self._first - low)) | (mask << (first - low))
            self._first, self._bits = low, _bits(merged)

    def _reach(self, day: int) -> None:
        """Load older chunks until every day from `day` on is known."""
        while self._chunks is not None and day < self._floor:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._chunks = None
                self._floor = NO_FLOOR
                break
            self._merge(chunk)

    def segment(self, low: int, high: int) -> str:
        """One character per day from `low` to `high` (ordinals): "1" had a session, "0" not."""
        self._reach(low)
        start, end = low - self._first, high - self._first + 1
        if end <= start:
            return ""
        # str slices would count a negative index from the end: pad the part before _first.
        inside = self._bits[max(start, 0) : max(end, 0)]
        before = "0" * (min(end, 0) - start) if start < 0 else ""
        return before + inside + "0" * (end - start - len(before) - len(inside))

    def count(self, low: int, high: int) -> int:
        """How many days from `low` to `high` (ordinals, both included) had a session."""
        return self.segment(low, high).count("1")

    def marked(self, day: int) -> bool:
        """Whether day `day` (an ordinal) had a session."""
        return self.segment(day, day) == "1"


def _bits(mask: int) -> str:
    """Bit i of `mask` as character i."""
    return format(mask, "b")[::-1] if mask else ""


def _mask(bits: str) -> int:
    """The inverse of _bits."""
    return int(bits[::-1], 2) if bits else 0

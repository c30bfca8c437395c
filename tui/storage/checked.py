"""Session records already checked, so a batch is validated once on its way in."""

from __future__ import annotations

from collections.abc import Iterator

from tui.storage.errors import InvalidRecordError
from tui.storage.types import SessionRecord
from tui.storage.validate import check_sessions

_PROOF = object()


class CheckedSessions:
    """Session records that passed `check_sessions`; only `CheckedSessions.check` makes one.

    The store takes these without checking them again. Treat the records as read-only.
    """

    __slots__ = ("records",)

    def __init__(self, records: tuple[SessionRecord, ...], proof: object) -> None:
        """Use `CheckedSessions.check`."""
        if proof is not _PROOF:
            raise TypeError("CheckedSessions are made by CheckedSessions.check")
        self.records = records

    @classmethod
    def check(
        cls, records: object, path: str = "records", *, strictly_parsed: bool = False
    ) -> CheckedSessions:
        """The records, checked; raises InvalidRecordError with every problem, by JSON path.

        `strictly_parsed`: the records come from `tui.untrusted`, which refuses lone
        surrogates, so they are not looked for again (that took half the check's time).
        """
        errors = check_sessions(records, path, unicode=not strictly_parsed)
        if errors:
            raise InvalidRecordError(errors)
        assert isinstance(records, list)  # check_sessions says so
        return cls(tuple(records), _PROOF)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[SessionRecord]:
        return iter(self.records)

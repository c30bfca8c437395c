"""A summary shard stores each distinct shared list once: lists written alike are shared."""

from __future__ import annotations

import json
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.storage.summaries import LISTS, SESSIONS, SHARED_FIELDS, SummaryShard
from tui.storage.types import SessionSummary

TEXTS = st.sampled_from(["a", "b", "é", ""])
SCALARS = TEXTS | st.sampled_from([1, True, 1.0, None])
OBJECTS = st.dictionaries(st.sampled_from(["id", "name"]), SCALARS, max_size=2)
LISTS_OF = (
    st.lists(TEXTS, max_size=2) | st.lists(OBJECTS, max_size=2) | st.lists(SCALARS, max_size=2)
)


def written_alike(items: Any) -> str:
    return json.dumps(items, sort_keys=True, ensure_ascii=False)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.tuples(LISTS_OF, LISTS_OF, LISTS_OF), min_size=1, max_size=6))
def test_two_lists_share_one_stored_list_exactly_when_written_alike(
    lists: list[tuple[Any, Any, Any]],
) -> None:
    shard = SummaryShard(None)
    for number, fields in enumerate(lists):
        row = {"id": f"s{number}", **dict(zip(SHARED_FIELDS, fields, strict=True))}
        shard.put(cast(SessionSummary, row))
    tables = shard.tables()
    stored = {int(key): doc["items"] for key, doc in tables[LISTS].items()}
    every = [items for fields in lists for items in fields]
    assert len(stored) == len({written_alike(items) for items in every})
    for number, fields in enumerate(lists):
        row = tables[SESSIONS][str(number + 1)]
        for name, items in zip(SHARED_FIELDS, fields, strict=True):
            assert written_alike(stored[row[name]]) == written_alike(items)


def summary(session_id: str, exercises: list[dict[str, str]]) -> SessionSummary:
    row = {"id": session_id, "exercises": exercises, "skipped_exercises": []}
    return cast(SessionSummary, {**row, "done_exercise_ids": ["x"]})


def test_a_shard_read_back_shares_its_lists_with_new_summaries() -> None:
    first = SummaryShard(None)
    first.put(summary("s1", [{"id": "cat-cow", "name": "Cat–cow"}]))
    again = SummaryShard(json.loads(json.dumps(first.tables())))
    again.put(summary("s2", [{"name": "Cat–cow", "id": "cat-cow"}]))
    assert len(again.tables()[LISTS]) == 3
    assert again.tables()[SESSIONS]["2"] == {**again.tables()[SESSIONS]["1"], "id": "s2"}

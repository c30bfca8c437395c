"""The bytes a data file is written as are the same whichever encoder writes them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.samples import sample_record
from tui.storage.atomic import json_payload
from tui.storage.checked import CheckedSessions
from tui.storage.details import plain_details
from tui.storage.records import split
from tui.storage.store import Store
from tui.storage.summaries import LISTS, SESSIONS, SummaryShard, plain_summaries

TEXT = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
)
WHOLE = st.integers(min_value=-(2**70), max_value=2**70)
PLAIN = st.recursive(
    st.none() | st.booleans() | WHOLE | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def outcome(data: Any, *, plain: bool) -> bytes | str:
    try:
        return json_payload(data, plain=plain)
    except (ValueError, TypeError) as error:
        return type(error).__name__


@settings(derandomize=True, max_examples=500, deadline=None)
@given(PLAIN)
def test_plain_data_is_written_byte_for_byte_as_the_json_module_writes_it(data: Any) -> None:
    assert outcome(data, plain=True) == outcome(data, plain=False)
    if isinstance(outcome(data, plain=False), bytes):
        expected = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        assert json_payload(data, plain=True) == expected.encode("utf-8")


def sets_shard(extra: Any) -> dict[str, Any]:
    record = sample_record(datetime(2026, 3, 1, 7, tzinfo=UTC))
    sets: list[dict[str, Any]] = [dict(entry) for entry in record["sets"]]
    sets[0]["weight"] = extra  # a field loosen does not know, kept as it is
    return {"sets": {"1": {"id": record["id"], "sets": sets}}}


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.floats() | st.lists(st.integers(), max_size=2) | st.dictionaries(TEXT, st.none()) | WHOLE)
def test_a_sets_shard_is_plain_only_with_nothing_but_plain_values(extra: Any) -> None:
    shard = sets_shard(extra)
    assert plain_details(shard) == (type(extra) is int)
    assert plain_details({"sets": {"1": {**shard["sets"]["1"], "note": 1.5}}}) is False


def test_imported_sets_are_stored_as_the_json_module_would_write_them(data_dir: Path) -> None:
    start = datetime(2025, 12, 30, 7, tzinfo=UTC)
    records = [sample_record(start + timedelta(days=n), note="«ok» \u2028 \x1f") for n in range(5)]
    records[1]["sets"][0]["at"] = "2025-12-31T08:00:00.250000+00:00"
    unknown: dict[str, Any] = records[2]["sets"][1]  # type: ignore[assignment]
    unknown["extra"] = 1e-07  # a field loosen does not know: that month is not plain
    odd: dict[str, Any] = records[3]  # type: ignore[assignment]
    odd["extra"] = 2.5e-05  # nor is that year
    with Store.open(data_dir) as store:
        store.import_sessions(CheckedSessions.check(records))
    history = data_dir / "history"
    shards = [history / name for name in ("2025-12-sets.json", "2026-01-sets.json")]
    summaries = [history / "2025.json", history / "2026.json"]
    assert sorted(history.glob("*.json")) == sorted(shards + summaries)
    for shard in shards + summaries:
        raw = shard.read_bytes()
        again = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"))
        assert raw == again.encode("utf-8")
    assert b'"extra":1e-07' in shards[1].read_bytes()
    assert b'"extra":2.5e-05' in summaries[1].read_bytes()


def test_a_summary_shard_is_plain_only_with_nothing_but_plain_values() -> None:
    shard = SummaryShard(None)
    record = sample_record(datetime(2026, 3, 1, 7, tzinfo=UTC))
    summary, _ = split(record)
    shard.put(summary)
    assert plain_summaries(shard.tables())
    tables = shard.tables()
    tables[LISTS]["1"]["items"][0]["weight"] = 0.5
    assert not plain_summaries(tables)
    tables[LISTS]["1"]["items"][0]["weight"] = 5
    assert plain_summaries(tables)
    tables[SESSIONS]["1"]["weight"] = 1.5
    assert not plain_summaries(tables)

"""Generated history files with bad records hidden among good ones: history lists exactly
the good ones, the bad ones land in the `.rejected` files, nothing raises, and a second
open finds nothing more to say."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.history_files import history_file, rejected_records, summary_of, write_tables
from tests.samples import sample_record
from tui.storage.store import Store

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 1, 7, 30, tzinfo=CET)

Change = Callable[[dict[str, Any]], None]

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=12),
)
not_text: st.SearchStrategy[Any] = st.one_of(
    st.booleans(), st.integers(), st.floats(allow_nan=False), st.just([]), st.just({})
)
not_count = st.one_of(
    st.integers(max_value=-1), st.floats(allow_nan=False), st.text(max_size=5), st.booleans()
)
not_rating = st.one_of(st.integers().filter(lambda n: not 1 <= n <= 5), st.booleans(), st.text())
bad_times = st.one_of(
    not_text,
    st.text(max_size=20).map(lambda text: "x" + text),  # never ISO 8601
    st.datetimes().map(lambda when: when.isoformat()),  # naive
    st.one_of(st.integers(1, 1899), st.integers(9001, 9999)).map(
        lambda year: f"{year:04d}-06-15T12:00:00+01:00"  # outside 1900..9000
    ),
    st.integers(min_value=18 * 60 + 1, max_value=24 * 60 - 1).map(
        lambda minutes: f"2026-11-08T07:30:00+{minutes // 60:02d}:{minutes % 60:02d}"
    ),
)
lone_surrogate = st.sampled_from(["\ud800", "a\udfff", "\udc80b"])


def set_field(name: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[Change]:
    return values.map(lambda value: lambda doc: doc.__setitem__(name, value))


def drop_field(name: str) -> Change:
    return lambda doc: doc.pop(name)


summary_changes: st.SearchStrategy[Change] = st.one_of(
    set_field("id", st.one_of(not_text, st.just(""))),
    set_field("started_at", bad_times),
    set_field("ended_at", bad_times),
    set_field("duration_seconds", not_count),
    set_field("sets_planned", not_count),
    set_field("sets_done", not_count),
    set_field("status", st.text(max_size=10).filter(lambda s: s not in ("finished", "abandoned"))),
    set_field("rating", not_rating),
    set_field("note", st.one_of(not_text, lone_surrogate)),
    set_field("routine_name", st.one_of(not_text, lone_surrogate)),
    set_field(
        "exercises", st.one_of(not_text.filter(lambda v: v != []), st.lists(not_text, min_size=1))
    ),
    set_field("skipped_exercises", st.lists(not_text, min_size=1)),
    set_field("done_exercise_ids", st.lists(st.one_of(not_text, st.just("")), min_size=1)),
    st.sampled_from(["id", "started_at", "status", "exercises", "sets_done"]).map(drop_field),
    st.just(lambda doc: doc.__setitem__("started_at", "2025-11-08T07:30:00+01:00")),
)
set_changes: st.SearchStrategy[Change] = st.one_of(
    st.builds(
        lambda index, field, value: lambda doc: doc["sets"][index].__setitem__(field, value),
        st.integers(0, 11),
        st.sampled_from(["set", "reps", "seconds"]),
        not_count.filter(lambda v: v is not None),
    ),
    st.builds(
        lambda index, value: lambda doc: doc["sets"][index].__setitem__("at", value),
        st.integers(0, 11),
        bad_times,
    ),
    st.builds(
        lambda index, value: lambda doc: doc["sets"][index].__setitem__("outcome", value),
        st.integers(0, 11),
        json_scalars.filter(lambda v: v not in ("done", "skipped")),
    ),
    st.builds(
        lambda index, value: lambda doc: doc["sets"].__setitem__(index, value),
        st.integers(0, 11),
        json_scalars,
    ),
    set_field("sets", json_scalars),
    set_field("id", st.one_of(not_text, st.just(""))),
)
# Each slot of the shard: a good session, a bad summary, or a good summary with bad sets.
slots = st.lists(
    st.one_of(
        st.just(("good", None)),
        st.tuples(st.just("bad summary"), summary_changes),
        st.tuples(st.just("bad sets"), set_changes),
        st.tuples(st.just("not an object"), json_scalars),
    ),
    max_size=8,
)


def write_history(data_dir: Path, shape: list[tuple[str, Any]]) -> dict[str, list[Any]]:
    """Write the shards for `shape` directly; what each kind of slot should end up as."""
    (data_dir / "history").mkdir(parents=True)
    summaries: dict[str, Any] = {}
    details: dict[str, Any] = {}
    expected: dict[str, list[Any]] = {
        "good": [],
        "bad summaries": [],
        "bad sets": [],
        "no sets": [],
    }
    for number, (kind, change) in enumerate(shape, 1):
        record = sample_record(START + timedelta(days=number), session_id=f"s{number}")
        summary, sets = summary_of(record), {"id": record["id"], "sets": record["sets"]}
        if kind == "bad summary":
            change(summary)
            expected["bad summaries"].append(summary)
        elif kind == "not an object":
            summary = change
            expected["bad summaries"].append(summary)
        else:
            expected["good"].append(record["id"])
        if kind == "bad sets":
            change(sets)
            expected["bad sets"].append(sets)
            expected["no sets"].append(record["id"])
        summaries[str(number)] = summary
        details[str(number)] = sets
    write_tables(history_file(data_dir, "2026.json"), {"sessions": summaries})
    write_tables(history_file(data_dir, "2026-11-sets.json"), {"sets": details})
    return expected


def same_json(left: list[Any], right: list[Any]) -> bool:
    def dumped(value: Any) -> str:
        return json.dumps(value, sort_keys=True)

    return dumped(left) == dumped(right)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(slots)
def test_history_lists_exactly_the_good_records_and_sets_the_rest_aside(
    shape: list[tuple[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        data_dir = Path(temp) / "data"
        expected = write_history(data_dir, shape)
        with Store.open(data_dir) as store:
            assert sorted(s["id"] for s in store.sessions()) == sorted(expected["good"])
            for session_id in expected["good"]:
                detail = store.session_detail(session_id)
                assert detail is not None
                assert detail.sets_missing == (session_id in expected["no sets"])
            exported = [record["id"] for record in store.all_sessions()]
            assert sorted(exported) == sorted(expected["good"])
            told = bool(expected["bad summaries"]) + bool(expected["bad sets"])
            assert len(store.notices) == told
        summary_shard = history_file(data_dir, "2026.json")
        assert same_json(rejected_records(summary_shard), expected["bad summaries"])
        sets_shard = history_file(data_dir, "2026-11-sets.json")
        assert same_json(rejected_records(sets_shard), expected["bad sets"])
        with Store.open(data_dir) as store:
            assert sorted(s["id"] for s in store.sessions()) == sorted(expected["good"])
            for session_id in expected["good"]:
                store.session(session_id)
            list(store.all_sessions())
            assert store.notices == []


def _real_shard() -> tuple[bytes, list[tuple[str, int]]]:
    """A summary shard as loosen writes it, and each session's id with the end of its text."""
    with tempfile.TemporaryDirectory() as temp:
        with Store.open(Path(temp) / "data") as store:
            store.import_sessions(
                [sample_record(START + timedelta(days=n), session_id=f"s{n}") for n in range(12)]
            )
        raw = history_file(Path(temp) / "data", "2026.json").read_bytes()
    text = raw.decode("utf-8")
    decoder = json.JSONDecoder()
    ends = []
    position = text.index('"sessions":{') + len('"sessions":{')
    while text[position] != "}":
        position = text.index(":", position) + 1
        doc, position = decoder.raw_decode(text, position)
        ends.append((doc["id"], len(text[:position].encode("utf-8"))))
        position += text[position] == ","
    return raw, ends


REAL_SHARD, SESSION_ENDS = _real_shard()
SESSIONS_START = REAL_SHARD.index(b'"sessions":{')


def reopened(raw: bytes) -> tuple[list[str], list[str], list[str]]:
    """Ids listed, notices of a first open and of a second, for a 2026 shard holding `raw`."""
    with tempfile.TemporaryDirectory() as temp:
        data_dir = Path(temp) / "data"
        (data_dir / "history").mkdir(parents=True)
        history_file(data_dir, "2026.json").write_bytes(raw)
        with Store.open(data_dir) as store:
            listed = sorted(summary["id"] for summary in store.sessions())
            first = list(store.notices)
        with Store.open(data_dir) as store:
            assert sorted(summary["id"] for summary in store.sessions()) == listed
            second = list(store.notices)
    return listed, first, second


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.integers(SESSIONS_START, len(REAL_SHARD) - 1))
def test_a_shard_cut_anywhere_in_its_sessions_gives_back_every_whole_one(cut: int) -> None:
    listed, first, second = reopened(REAL_SHARD[:cut])
    assert listed == sorted(session_id for session_id, end in SESSION_ENDS if end <= cut)
    assert len(first) == 1 and "were saved from it" in first[0]
    assert second == []


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.integers(SESSIONS_START, len(REAL_SHARD) - 1), st.integers(0, 255))
def test_a_byte_spoiled_anywhere_loses_at_most_two_sessions(position: int, byte: int) -> None:
    raw = REAL_SHARD[:position] + bytes([byte]) + REAL_SHARD[position + 1 :]
    listed, _first, second = reopened(raw)
    everyone = sorted(session_id for session_id, _end in SESSION_ENDS)
    assert set(listed) <= set(everyone)
    assert len(listed) >= len(everyone) - 2
    assert second == []

"""Export streams one session at a time, in the bytes and order of a whole-document dump."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.history_files import plant_summary, summary_of
from tests.samples import sample_record
from tui.storage.export import export_json
from tui.storage.records import order_key
from tui.storage.store import Store
from tui.storage.types import SessionRecord

START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=timezone(timedelta(hours=1)))

# Text that json.dumps leaves unescaped but str.splitlines would break on, and more.
notes = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from(list('ab \n\r\t"\\\u2028\u2029\x85\x1c–☹{}[],:'))),
    st.text(max_size=30),
)


def whole_document(records: list[SessionRecord]) -> str:
    document = {"format": "loosen-export", "version": 2, "sessions": records}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.tuples(notes, st.sampled_from([None, 1, 5])), max_size=4))
def test_streamed_json_is_byte_for_byte_a_whole_document_dump(
    shapes: list[tuple[str | None, int | None]],
) -> None:
    records = [
        sample_record(START + timedelta(days=n), note=note, rating=rating)
        for n, (note, rating) in enumerate(shapes)
    ]
    out = io.StringIO()
    export_json(iter(records), out)
    assert out.getvalue() == whole_document(records)


def test_export_order_is_by_instant_across_new_year_and_offsets(tmp_path: Path) -> None:
    zones = [timezone(timedelta(hours=h)) for h in (18, 14, 1, 0, -5, -12, -18)]
    records = []
    for year in (2025, 2026):
        for hour in (0, 6, 23):
            for zone in zones:
                for day in ((1, 1), (12, 31)):
                    started = datetime(year, *day, hour, 30, tzinfo=zone)
                    records.append(sample_record(started, session_id=f"{year}{day}{hour}{zone}"))
    with Store.open(tmp_path / "data") as store:
        store.import_sessions(records)
        exported = [record["id"] for record in store.all_sessions()]
    assert exported == [record["id"] for record in sorted(records, key=order_key)]


def test_export_reads_history_a_year_at_a_time(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    early = sample_record(START.replace(year=2020), session_id="early")
    late = sample_record(START.replace(year=2030), session_id="late")
    with Store.open(data_dir) as store:
        store.import_sessions([early, late])
    bad = summary_of(sample_record(START.replace(year=2030)))
    bad["rating"] = 99
    plant_summary(data_dir, 2030, bad)
    with Store.open(data_dir) as store:
        stream = store.all_sessions()
        assert next(stream)["id"] == "early"
        assert store.notices == []  # 2030 not read yet
        assert [record["id"] for record in stream] == ["late"]
        assert len(store.notices) == 1

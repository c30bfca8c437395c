"""Hostile check-ins in an import: accepted exactly when every value is in range, else refused
with the JSON path of the first bad one."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.samples import sample_record
from tui.storage.errors import ImportFileError
from tui.storage.importing import read_import

START = datetime(2026, 11, 22, 7, 31, 5, tzinfo=timezone(timedelta(hours=1)))
RANGES = {"degrees": (0, 180), "cm": (0, 200), "level": (1, 5)}
junk = st.one_of(st.none(), st.booleans(), st.text(max_size=3), st.floats(allow_nan=False))
scale = st.one_of(st.integers(-3, 14), st.none(), junk)


def scale_ok(value: Any) -> bool:
    return value is None or (type(value) is int and 0 <= value <= 10)


@st.composite
def check_ins(draw: st.DrawFn) -> dict[str, Any]:
    unit = draw(st.sampled_from([*RANGES, "inches"]))
    return {
        "stiffness_before": draw(scale),
        "pain_before": draw(scale),
        "pain_choice": draw(st.sampled_from(["easier", "stop", "carry_on", None, "maybe"])),
        "stiffness_after": draw(scale),
        "sides": [
            {"exercise_id": draw(st.sampled_from(["open-book", ""])),
             "tighter": draw(st.sampled_from(["left", "right", "even", "both"]))}
        ],
        "self_test": [
            {"test_id": "seated-rotation", "side": draw(st.sampled_from(["left", "up"])),
             "value": draw(st.integers(-5, 210)), "unit": unit}
        ],
    }  # fmt: skip


def fine(check_in: dict[str, Any]) -> bool:
    side, test = check_in["sides"][0], check_in["self_test"][0]
    low, high = RANGES.get(test["unit"], (1, 0))
    return (
        all(scale_ok(check_in[k]) for k in ("stiffness_before", "pain_before", "stiffness_after"))
        and check_in["pain_choice"] in ("easier", "stop", "carry_on", None)
        and side["exercise_id"] != ""
        and side["tighter"] in ("left", "right", "even")
        and test["side"] in ("left", "right")
        and low <= test["value"] <= high
    )


@settings(derandomize=True, max_examples=300, deadline=None)
@given(check_in=check_ins())
def test_an_imported_check_in_is_accepted_only_in_range(
    tmp_path_factory: Any, check_in: dict[str, Any]
) -> None:
    path: Path = tmp_path_factory.mktemp("imp") / "export.json"
    record = {**sample_record(START), "check_in": check_in}
    document = {"format": "loosen-export", "sessions": [record], "version": 2}
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        checked = read_import(path)
    except ImportFileError as error:
        assert not fine(check_in)
        assert error.errors[0].startswith(f"{path}: sessions[0].check_in.")
        assert "\n" not in error.errors[0]
    else:
        assert fine(check_in)
        [record_in] = checked
        assert record_in["check_in"] == check_in

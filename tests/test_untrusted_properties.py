"""The strict reader against Python's own json on generated documents.

Whatever plain JSON loosen could use (no duplicate keys, NaN, long integers, lone
surrogates, or nesting over the limit) must parse exactly as `json.loads` parses it;
and the C-speed depth count must agree with a plain recursive one, strings full of
brackets, quotes and backslashes included.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.untrusted import MAX_DEPTH, MAX_INT_DIGITS, _depth_bound, parse_json

EXAMPLES = settings(derandomize=True, database=None, max_examples=500, deadline=None)

tricky_text = st.text(
    alphabet=st.one_of(
        st.sampled_from('"\\[]{}/\n\t\u2028é😀'), st.characters(exclude_categories=["Cs"])
    ),
    max_size=10,
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**MAX_INT_DIGITS) + 1, max_value=10**MAX_INT_DIGITS - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    tricky_text,
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(tricky_text, children, max_size=4)
    ),
    max_leaves=40,
)


def depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


def nested(value: object, levels: int) -> object:
    for level in range(levels):
        value = [value] if level % 2 else {"[": value, "]": '"{'}
    return value


@EXAMPLES
@given(documents, st.integers(0, MAX_DEPTH - 6), st.booleans(), st.sampled_from([None, 0, 2]))
def test_usable_json_parses_as_json_loads_does(
    document: object, levels: int, ascii_only: bool, indent: int | None
) -> None:
    value = nested(document, levels)
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    if depth(value) <= MAX_DEPTH:
        assert parse_json(text, label="f") == json.loads(text)


@EXAMPLES
@given(documents, st.integers(0, MAX_DEPTH + 3), st.booleans())
def test_the_fast_depth_count_agrees_with_a_recursive_one(
    document: object, levels: int, ascii_only: bool
) -> None:
    value = nested(document, levels)
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")
    assert min(_depth_bound(raw), MAX_DEPTH + 1) == min(depth(value), MAX_DEPTH + 1)


def deepest_before(text: str) -> int:
    """The deepest a parser reading `text` gets: brackets outside strings, in order."""
    deepest = level = 0
    inside = escaped = False
    for char in text:
        if inside:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                inside = False
        elif char == '"':
            inside = True
        elif char in "[{":
            level += 1
            deepest = max(deepest, level)
        elif char in "]}":
            level -= 1
    return deepest


@EXAMPLES
@given(documents, st.integers(0, MAX_DEPTH + 3), st.data())
def test_the_depth_bound_of_a_cut_file_is_never_too_low(
    document: object, levels: int, data: st.DataObject
) -> None:
    text = json.dumps(nested(document, levels), ensure_ascii=False)
    cut = text[: data.draw(st.integers(0, len(text)))]
    assert _depth_bound(cut.encode("utf-8")) >= deepest_before(cut)

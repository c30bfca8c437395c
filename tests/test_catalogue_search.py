"""Ranked search over the catalogue: what matches, in which order, and that nothing breaks it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exercises import make_exercise, make_routine
from tests.hostile import hostile_texts
from tui.catalogue.model import Exercise, ExerciseKind
from tui.catalogue.search import (
    Query,
    Rank,
    exercise_entry,
    exercise_index,
    routine_index,
    words,
)

LATS = [
    make_exercise("bench-lat", "Bench Stretch", muscles=("lats",), equipment=("bench",)),
    make_exercise("band-row", "Band Row", equipment=("lat bar",)),
    make_exercise("lat-stretch", "Lat Stretch", muscles=("lats",)),
    make_exercise("overhead-lats", "Overhead Lats Reach", muscles=("shoulders",)),
    make_exercise("child-pose", "Child's Pose", muscles=("lower back",), secondary=("lats",)),
    make_exercise("calf-raise", "Calf Raise", muscles=("calves",)),
]


def names(exercises: list[Exercise]) -> list[str]:
    return [exercise.name for exercise in exercises]


def test_words_split_on_anything_but_letters_and_digits() -> None:
    assert words("T-Spine 90/90_Stretch") == " t spine 90 90 stretch"
    assert words("  ") == ""
    assert words("ÉLAN Çà") == " élan çà"


def test_a_name_prefix_beats_a_name_word_beats_a_muscle_beats_anything_else() -> None:
    found = exercise_index(LATS).search("lat")
    assert names(found) == [
        "Lat Stretch",  # the name starts with it
        "Overhead Lats Reach",  # a word of the name starts with it
        "Bench Stretch",  # a muscle (lats), in catalogue order with the next
        "Child's Pose",  # a secondary muscle
        "Band Row",  # only the equipment ("lat bar") and the id
    ]


def test_every_term_must_match_and_the_worst_term_sets_the_rank() -> None:
    found = exercise_index(LATS).search("stretch lats")
    # "stretch" starts a word of both names, but "lats" only a muscle of each ("Lat Stretch"
    # has "lat", not "lats"): both rank as muscle matches, in catalogue order.
    assert names(found) == ["Bench Stretch", "Lat Stretch"]
    assert exercise_index(LATS).search("stretch calves") == []


def test_a_query_that_starts_the_name_ranks_first_whatever_its_punctuation() -> None:
    exercises = [
        make_exercise("a", "Foam Roller T-Spine Extensions", muscles=("t spine",)),
        make_exercise("b", "T-Spine Rotation"),
    ]
    assert names(exercise_index(exercises).search("t spine")) == [
        "T-Spine Rotation",
        "Foam Roller T-Spine Extensions",
    ]
    assert names(exercise_index(exercises).search("T-SPINE rot")) == ["T-Spine Rotation"]


def test_tags_equipment_level_category_and_kind_are_searched() -> None:
    exercises = [
        make_exercise("a", "One", equipment=("foam roll",), level="expert"),
        make_exercise("b", "Two", category="stretching", kind=ExerciseKind.SOFT_TISSUE),
        make_exercise("c", "Three", region="hips"),
    ]
    index = exercise_index(exercises)
    assert names(index.search("foam")) == ["One"]
    assert names(index.search("expert")) == ["One"]
    assert names(index.search("stretching")) == ["Two"]
    assert names(index.search("soft tissue")) == ["Two"]
    assert names(index.search("hips")) == ["Three"]
    assert names(index.search("  ")) == ["One", "Two", "Three"]


def test_keep_drops_entries_before_ranking() -> None:
    found = exercise_index(LATS).search("lat", keep=lambda e: "lats" in e.primary_muscles)
    assert names(found) == ["Lat Stretch", "Bench Stretch"]


def test_routines_match_by_their_name_then_by_their_exercises() -> None:
    stretch, row, calf = LATS[2], LATS[1], LATS[5]
    routines = [
        make_routine("pull", "Pull Day", row, calf),
        make_routine("lats-first", "Lats First", calf),
        make_routine("mobility", "Mobility", stretch),
    ]
    found = routine_index(routines).search("lat")
    assert [r.id for r in found] == ["lats-first", "mobility", "pull"]


# ------------------------------------------------------------------ properties


def old_match(exercise: Exercise, text: str) -> bool:
    """What matched before search was ranked: every term somewhere in the fields."""
    fields = [
        exercise.id,
        exercise.name,
        exercise.region,
        exercise.kind.value,
        exercise.category or "",
        exercise.level or "",
        *exercise.equipment,
        *exercise.primary_muscles,
        *exercise.secondary_muscles,
    ]
    haystack = "\n".join(fields).casefold()
    return all(term in haystack for term in text.casefold().split())


WORDS = ["lat", "lats", "Stretch", "T-Spine", "back", "90/90", "band", "Élan", "ß", "SS", ""]
texts = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join),
    hostile_texts,
)
exercises_strategy = st.lists(
    st.builds(
        make_exercise,
        st.text(max_size=6),
        texts,
        muscles=st.lists(texts, max_size=2).map(tuple),
        secondary=st.lists(texts, max_size=2).map(tuple),
        equipment=st.lists(texts, max_size=2).map(tuple),
        category=st.none() | texts,
        level=st.none() | texts,
        region=texts,
    ),
    max_size=8,
)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(exercises_strategy, texts)
def test_ranking_finds_what_every_term_matches_best_first(
    exercises: list[Exercise], text: str
) -> None:
    found = exercise_index(exercises).search(text)
    # The same entries as the unranked search, each once...
    expected = [e for e in exercises if old_match(e, text)]
    assert sorted(map(id, found)) == sorted(map(id, expected))
    # ...ordered by rank, and by catalogue position within a rank.
    query = Query.parse(text)
    keys: list[tuple[Rank, int]] = []
    for exercise in found:
        rank = query.rank(exercise_entry(exercise)) if query else Rank.NAME_PREFIX
        assert rank is not None
        keys.append((rank, next(i for i, e in enumerate(exercises) if e is exercise)))
    assert keys == sorted(keys)


plain_texts = st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join)
plain_exercises = st.lists(
    st.builds(
        make_exercise,
        st.sampled_from(["a", "b", "c"]),
        plain_texts,
        muscles=st.lists(plain_texts, max_size=2).map(tuple),
        equipment=st.lists(plain_texts, max_size=2).map(tuple),
        region=plain_texts,
    ),
    max_size=8,
)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(plain_exercises, st.lists(plain_texts, min_size=1, max_size=4))
def test_searching_as_you_type_finds_what_a_fresh_search_finds(
    exercises: list[Exercise], typed: list[str]
) -> None:
    # Each query also as it is typed, letter by letter: later ones narrow the earlier ones.
    queries = [text[:cut] for text in typed for cut in range(len(text) + 1)]
    index = exercise_index(exercises)
    for text in queries:
        assert index.search(text) == exercise_index(exercises).search(text), text

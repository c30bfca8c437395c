"""Filters by category, muscle, equipment and level, and the counts offered for each value."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exercises import make_exercise, make_routine
from tui.catalogue.filters import (
    NO_EQUIPMENT,
    Facet,
    Filters,
    choices,
    facet_values,
    narrowed,
)
from tui.catalogue.model import Catalogue, Exercise, ExerciseKind

HAMSTRING = make_exercise(
    "fedb-hamstring",
    "Hamstring Stretch",
    muscles=("hamstrings",),
    secondary=("calves",),
    category="stretching",
    level="beginner",
)
LAT = make_exercise(
    "fedb-lat",
    "Lat Stretch",
    muscles=("lats",),
    equipment=("bands",),
    category="stretching",
    level="expert",
)
ROW = make_exercise(
    "fedb-row", "Band Row", muscles=("lats",), equipment=("bands",), category="strength"
)
BUILT_IN = make_exercise("twister", "Roller Twister", equipment=("foam roller",))
ALL = [HAMSTRING, LAT, ROW, BUILT_IN]


def test_library_exercises_count_by_their_own_facets() -> None:
    assert facet_values(HAMSTRING, Facet.CATEGORY) == ("stretching",)
    assert facet_values(HAMSTRING, Facet.MUSCLE) == ("hamstrings", "calves")
    assert facet_values(HAMSTRING, Facet.EQUIPMENT) == (NO_EQUIPMENT,)
    assert facet_values(HAMSTRING, Facet.LEVEL) == ("beginner",)


def test_built_ins_count_by_kind_and_region_and_match_no_level() -> None:
    assert facet_values(BUILT_IN, Facet.CATEGORY) == (ExerciseKind.MOBILITY.value,)
    assert facet_values(BUILT_IN, Facet.MUSCLE) == ("upper back",)
    assert facet_values(BUILT_IN, Facet.EQUIPMENT) == ("foam roller",)
    assert facet_values(BUILT_IN, Facet.LEVEL) == ()
    assert not Filters().with_value(Facet.LEVEL, "beginner").keeps(BUILT_IN)


def test_filters_combine_and_replace_per_facet() -> None:
    lats = Filters().with_value(Facet.MUSCLE, "lats")
    assert narrowed(ALL, lats) == [LAT, ROW]
    stretching_lats = lats.with_value(Facet.CATEGORY, "stretching")
    assert narrowed(ALL, stretching_lats) == [LAT]
    assert stretching_lats.describe() == "category stretching · muscle lats"
    hamstrings = stretching_lats.with_value(Facet.MUSCLE, "hamstrings")
    assert narrowed(ALL, hamstrings) == [HAMSTRING]
    assert hamstrings.value(Facet.MUSCLE) == "hamstrings"
    assert narrowed(ALL, hamstrings.without(Facet.MUSCLE)) == [HAMSTRING, LAT]


def test_a_secondary_muscle_counts() -> None:
    assert narrowed(ALL, Filters().with_value(Facet.MUSCLE, "calves")) == [HAMSTRING]


def test_toggling_the_chosen_value_unsets_it() -> None:
    lats = Filters().toggled(Facet.MUSCLE, "lats")
    assert lats.active and lats.value(Facet.MUSCLE) == "lats"
    assert lats.toggled(Facet.MUSCLE, "lats") == Filters()
    assert not Filters().active


def test_routines_are_kept_when_one_of_their_exercises_is() -> None:
    routine = make_routine("r", "Mixed", BUILT_IN, ROW)
    assert Filters().keeps_routine(routine)
    assert Filters().with_value(Facet.CATEGORY, "strength").keeps_routine(routine)
    assert not Filters().with_value(Facet.LEVEL, "expert").keeps_routine(routine)


def test_choices_list_each_facet_in_order_with_what_each_value_would_leave() -> None:
    found = choices(ALL, Filters().with_value(Facet.CATEGORY, "stretching"))
    listed = [(c.facet, c.value, c.matching, c.chosen) for c in found]
    assert listed == [
        (Facet.CATEGORY, "mobility", 1, False),
        (Facet.CATEGORY, "strength", 1, False),
        (Facet.CATEGORY, "stretching", 2, True),
        (Facet.MUSCLE, "calves", 1, False),
        (Facet.MUSCLE, "hamstrings", 1, False),
        (Facet.MUSCLE, "lats", 1, False),  # the row is strength: hidden by the category
        (Facet.MUSCLE, "upper back", 0, False),
        (Facet.EQUIPMENT, "bands", 1, False),
        (Facet.EQUIPMENT, "foam roller", 0, False),
        (Facet.EQUIPMENT, NO_EQUIPMENT, 1, False),
        (Facet.LEVEL, "beginner", 1, False),  # levels easiest first
        (Facet.LEVEL, "expert", 1, False),
    ]


def test_the_built_in_catalogue_offers_its_kinds_regions_and_equipment(
    catalogue: Catalogue,
) -> None:
    found = choices(catalogue.exercises, Filters())
    facets = {c.facet for c in found}
    assert facets == {Facet.CATEGORY, Facet.MUSCLE, Facet.EQUIPMENT}
    assert sum(c.matching for c in found if c.facet is Facet.MUSCLE) == len(catalogue.exercises)


def test_search_and_filters_never_import_textual_or_rich() -> None:
    code = (
        "import sys, tui.catalogue.filters, tui.catalogue.search\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------------ properties

VALUES = ["lats", "calves", "bands", "none", "stretching", "beginner", "expert", "漢", "[/]"]
values = st.sampled_from(VALUES)
exercises_strategy = st.lists(
    st.builds(
        make_exercise,
        st.text(max_size=4),
        st.text(max_size=4),
        muscles=st.lists(values, max_size=2).map(tuple),
        secondary=st.lists(values, max_size=2).map(tuple),
        equipment=st.lists(values, max_size=2).map(tuple),
        category=st.none() | values,
        level=st.none() | values,
        region=values,
    ),
    max_size=10,
)
filters_strategy = st.lists(st.tuples(st.sampled_from(list(Facet)), values), max_size=4).map(
    lambda pairs: _filters(pairs)
)


def _filters(pairs: list[tuple[Facet, str]]) -> Filters:
    filters = Filters()
    for facet, value in pairs:
        filters = filters.with_value(facet, value)
    return filters


@settings(derandomize=True, max_examples=200, deadline=None)
@given(exercises_strategy, filters_strategy)
def test_each_choice_counts_what_choosing_it_shows(
    exercises: list[Exercise], filters: Filters
) -> None:
    found = choices(exercises, filters)
    assert len({(c.facet, c.value) for c in found}) == len(found)
    for choice in found:
        shown = narrowed(exercises, filters.with_value(choice.facet, choice.value))
        assert choice.matching == len(shown)
        assert choice.chosen == (filters.value(choice.facet) == choice.value)
    # Every value any exercise has is offered.
    for exercise in exercises:
        for facet in Facet:
            for value in facet_values(exercise, facet):
                assert any(c.facet is facet and c.value == value for c in found)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(exercises_strategy, filters_strategy)
def test_filters_keep_exactly_the_exercises_matching_every_facet(
    exercises: list[Exercise], filters: Filters
) -> None:
    kept = narrowed(exercises, filters)
    for exercise in exercises:
        matches_all = all(value in facet_values(exercise, facet) for facet, value in filters.chosen)
        assert (exercise in kept) == matches_all
    # One value per facet, in the order of Facet, whatever order they were chosen in.
    facets = [facet for facet, _ in filters.chosen]
    assert facets == [facet for facet in Facet if facet in facets]

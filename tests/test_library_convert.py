"""Converting free-exercise-db and wger files: the fields kept, loosen's choices, the errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tui.catalogue.model import CueKind, DosageOrigin, ExerciseKind
from tui.library import free_exercise_db, wger
from tui.library.exercises import decided, to_exercise
from tui.library.formats import convert, sniff
from tui.library.html_text import paragraphs
from tui.library.record import LibraryError

FIXTURES = Path(__file__).parent / "fixtures"
FEDB = FIXTURES / "free-exercise-db-sample.json"
WGER = FIXTURES / "wger-exerciseinfo-sample.json"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def error_for(data: object, file_format: str | None = None) -> str:
    with pytest.raises(LibraryError) as raised:
        convert(data, "in.json", file_format)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("in.json: ")
    return message


# free-exercise-db -----------------------------------------------------------------


def test_free_exercise_db_records_keep_the_sources_facts() -> None:
    chosen, conversion = convert(load(FEDB), str(FEDB))
    assert chosen == "free-exercise-db"
    by_id = {record.id: record for record in conversion.records}
    assert list(by_id) == [
        "fedb-doorway-chest-stretch",
        "fedb-thoracic-extension-on-a-roller-smr",
        "fedb-seated-band-row",
        "fedb-kneeling-lat-stretch",
    ]
    row = by_id["fedb-seated-band-row"]
    assert row.source_id == "Seated_Band_Row"
    assert row.name == "Seated Band Row"
    assert row.category == "strength"
    assert row.primary_muscles == ("middle back",)
    assert row.secondary_muscles == ("lats", "biceps")
    assert row.equipment == ("bands",)
    assert row.level == "intermediate"
    assert row.license == free_exercise_db.LICENSE
    assert len(row.steps) == 4
    assert by_id["fedb-kneeling-lat-stretch"].equipment == ()  # "body only" needs nothing
    assert by_id["fedb-doorway-chest-stretch"].equipment == ()  # null


def test_free_exercise_db_leaves_out_exercises_without_instructions() -> None:
    _, conversion = convert(load(FEDB), str(FEDB))
    assert conversion.skipped == ('[3] "Exercise Without Steps": no instructions',)


def test_stretch_is_held_per_side_for_the_longest_hold_the_text_names() -> None:
    _, conversion = convert(load(FEDB), str(FEDB))
    exercise = to_exercise(decided(conversion.records[0]), "free-exercise-db")
    assert exercise.dosage.hold_seconds == 30  # "Hold for 20-30 seconds, then switch sides."
    assert exercise.dosage.per_side
    assert exercise.dosage.sets == 2
    assert exercise.dosage.origin is DosageOrigin.LOOSEN
    assert exercise.kind is ExerciseKind.MOBILITY
    assert [cue.kind for cue in exercise.cues] == [
        CueKind.SETUP,  # up to "This will be your starting position."
        CueKind.MOVEMENT,
        CueKind.MOVEMENT,
    ]


def test_other_exercises_get_reps_and_foam_rolling_is_soft_tissue() -> None:
    _, conversion = convert(load(FEDB), str(FEDB))
    records = [decided(record) for record in conversion.records]
    roller, row, lat = (to_exercise(r, "free-exercise-db") for r in records[1:])
    assert roller.kind is ExerciseKind.SOFT_TISSUE
    assert roller.dosage.hold_seconds == 30 and not roller.dosage.per_side
    assert row.dosage.reps == 10 and row.dosage.sets == 2 and not row.dosage.per_side
    assert row.kind is ExerciseKind.STRENGTH
    assert [cue.kind for cue in row.cues][:2] == [CueKind.SETUP, CueKind.MOVEMENT]
    assert lat.dosage.per_side  # "Do each side in turn."


def test_exercise_carries_category_muscles_level_and_credit() -> None:
    _, conversion = convert(load(FEDB), str(FEDB))
    row = to_exercise(decided(conversion.records[2]), "free-exercise-db")
    assert row.category == "strength"
    assert row.primary_muscles == ("middle back",)
    assert row.secondary_muscles == ("lats", "biceps")
    assert row.level == "intermediate"
    assert row.region == "middle back"
    assert len(row.summary) <= 70
    assert row.source.title == "free-exercise-db"
    assert row.source.license == "Unlicense (public domain)"
    assert row.source.url == "https://github.com/yuhonas/free-exercise-db"
    assert "Seated_Band_Row" in (row.source.note or "")


def test_ids_are_stable_slugs() -> None:
    data = [
        {"id": "Back_Flyes_-_With_Bands", "name": "A", "category": "strength",
         "primaryMuscles": [], "instructions": ["Go."]},
        {"id": "3_4_Sit-Up", "name": "B", "category": "strength",
         "primaryMuscles": [], "instructions": ["Go."]},
    ]  # fmt: skip
    _, conversion = convert(data, "in.json")
    assert [r.id for r in conversion.records] == ["fedb-back-flyes-with-bands", "fedb-3-4-sit-up"]


def test_ids_that_become_the_same_slug_are_an_error() -> None:
    record = {"name": "A", "category": "x", "primaryMuscles": [], "instructions": ["Go."]}
    data = [{**record, "id": "Arm_Circles"}, {**record, "id": "Arm-Circles"}]
    message = error_for(data)
    assert message == 'in.json: [1].id: "Arm-Circles": duplicate of id "Arm_Circles" at [0]'


def test_text_is_kept_literally_but_control_characters_are_dropped() -> None:
    data = load(FEDB)
    data[0]["name"] = "[bold red]Loud[/] \x1b[31mred\x07 <b>x</b>"
    data[0]["instructions"][1] = "Line one\nline\ttwo\x00\x9b"
    _, conversion = convert(data, "in.json")
    record = conversion.records[0]
    assert record.name == "[bold red]Loud[/] [31mred <b>x</b>"
    assert record.steps[1] == "Line one line two"


# wger -------------------------------------------------------------------------------


def test_wger_uses_the_english_translation_without_html() -> None:
    chosen, conversion = convert(load(WGER), str(WGER))
    assert chosen == "wger"
    first, second = conversion.records
    assert first.id == "wger-1001"
    assert first.name == "Kneeling Band Lat Pulldown"
    assert first.steps == (
        "Anchor a band above your head and kneel facing it, arms up.",
        "Pull the band down to your chest, elbows tucked to your sides.",
        "Let it back up slowly & under control.",
    )
    assert first.category == "back"
    assert first.primary_muscles == ("lats",)  # name_en when there is one
    assert first.secondary_muscles == ("trapezius",)  # else the Latin name
    assert first.equipment == ("resistance band",)
    assert second.equipment == ()  # "none (bodyweight exercise)"
    assert first.level is None


def test_wger_credits_each_exercise_with_its_authors_and_licence() -> None:
    _, conversion = convert(load(WGER), str(WGER))
    first = to_exercise(decided(conversion.records[0]), "wger")
    assert first.source.title == "wger exercise database"
    assert first.source.author == "A. Author, wger Team, B. Editor"
    assert first.source.license == "CC-BY-SA 4"
    assert first.source.license_url == "https://creativecommons.org/licenses/by-sa/4.0/deed.en"
    assert first.source.note == "CC-BY-SA 4; exercise 1001"
    assert "A. Author" in first.source.credit()


def test_wger_skips_exercises_without_the_language_and_can_pick_another() -> None:
    _, english = convert(load(WGER), str(WGER))
    assert english.skipped == ('results[2] "exercise 1003": no translation in language 2',)
    german = wger.convert(load(WGER), "in.json", language=1)
    assert [r.name for r in german.records] == ["Latziehen mit Band", "Ausfallschritt"]


def test_wger_stretch_by_name_is_a_hold() -> None:
    _, conversion = convert(load(WGER), str(WGER))
    slide = to_exercise(decided(conversion.records[1]), "wger")
    assert slide.dosage.hold_seconds == 30
    assert to_exercise(decided(conversion.records[0]), "wger").dosage.reps == 10


def test_wger_list_of_results_is_accepted_too() -> None:
    results = load(WGER)["results"]
    assert sniff(results) == "wger"
    _, conversion = convert(results, "in.json")
    assert [r.id for r in conversion.records] == ["wger-1001", "wger-1002"]
    assert conversion.skipped[0].startswith("[2] ")


def test_html_paragraphs() -> None:
    html = "<p>One &amp; <b>two</b></p><ul><li>three</li><li>four<br/>five</li></ul><script>x"
    assert paragraphs(html) == ["One & two", "three", "four", "five"]
    assert paragraphs("[b]literal[/b] <not closed") == ["[b]literal[/b] <not closed"]


# sniffing and errors ------------------------------------------------------------------


def test_sniff() -> None:
    assert sniff(load(FEDB)) == "free-exercise-db"
    assert sniff(load(WGER)) == "wger"
    assert sniff([]) is None
    assert sniff({"schema_version": 1}) is None
    assert sniff("text") is None


def test_a_loosen_routines_file_is_named_as_such() -> None:
    message = error_for({"schema_version": 1, "exercises": []})
    assert "a loosen routines file, not an exercise database" in message


def test_an_unknown_shape_says_what_was_expected() -> None:
    assert "not an exercise database loosen knows" in error_for([1, 2])


DROP = object()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": ""}, '[2].name: expected a non-empty string, got ""'),
        ({"name": 12}, "[2].name: expected a string, got 12"),
        ({"name": "x" * 201}, "[2].name: longer than 200 characters"),
        ({"name": "x" * 10_000_000}, "[2].name: longer than 200 characters"),
        ({"name": "bad \ud800 surrogate"}, "[2].name: not valid Unicode (a lone surrogate)"),
        ({"name": DROP}, '[2]: missing field "name"'),
        ({"id": "../../etc"}, '[2].id: "../../etc": expected letters, digits, _ or -'),
        ({"id": "___"}, '[2].id: "___": expected letters, digits, _ or -'),
        ({"id": 7}, "[2].id: expected a string, got 7"),
        ({"id": "Doorway_Chest_Stretch"}, '[2].id: "Doorway_Chest_Stretch": duplicate of the same'),
        ({"instructions": "Do it."}, '[2].instructions: expected a list, got "Do it."'),
        ({"instructions": DROP}, '[2]: missing field "instructions"'),
        ({"instructions": [1]}, "[2].instructions[0]: expected a string, got 1"),
        ({"instructions": ["x"] * 41}, "[2].instructions: more than 40 entries"),
        ({"instructions": ["x" * 2001]}, "[2].instructions[0]: longer than 2000 characters"),
        ({"primaryMuscles": [None]}, "[2].primaryMuscles[0]: expected a string, got null"),
        ({"category": {"a": 1}}, "[2].category: expected a string, got an object"),
        ({"level": 10**100}, "[2].level: expected a string, got a huge number"),
        ({"equipment": ["bands"]}, "[2].equipment: expected a string, got a list"),
    ],
)  # fmt: skip
def test_bad_free_exercise_db_records(changes: dict[str, Any], expected: str) -> None:
    data: list[dict[str, Any]] = load(FEDB)
    for key, value in changes.items():
        if value is DROP:
            del data[2][key]
        else:
            data[2][key] = value
    assert error_for(data).startswith(f"in.json: {expected}")


def test_a_record_that_is_not_an_object() -> None:
    assert error_for([*load(FEDB), "text"]) == 'in.json: [5]: expected an object, got "text"'


T = "results[1].translations[0]"
TR = ("translations", 0)
SURROGATE = "not valid Unicode (a lone surrogate)"


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        (("id",), "1002", 'results[1].id: expected a whole number from 0, got "1002"'),
        (("id",), 1001, "results[1].id: duplicate id 1001 (first at results[0])"),
        (("id",), True, "results[1].id: expected a whole number from 0, got true"),
        (("id",), -1, "results[1].id: expected a whole number from 0, got -1"),
        (("translations",), DROP, 'results[1]: missing field "translations"'),
        (("license",), DROP, "results[1].license: expected an object, got null"),
        (("license",), {"url": "x"}, 'results[1].license: missing field "full_name"'),
        (("category",), "Back", 'results[1].category: expected an object, got "Back"'),
        (("muscles",), [{"id": 1}], 'results[1].muscles[0]: missing field "name"'),
        (("equipment",), {}, "results[1].equipment: expected a list, got an object"),
        ((*TR, "language"), "en", f'{T}.language: expected a language id, got "en"'),
        ((*TR, "name"), None, f"{T}.name: expected a string, got null"),
        ((*TR, "description"), ["x"], f"{T}.description: expected a string, got a list"),
        ((*TR, "description"), "<p>x</p>" * 41, f"{T}.description: more than 40 paragraphs"),
        ((*TR, "description"), "<p>\udfff</p>", f"{T}.description: {SURROGATE}"),
        ((*TR, "author_history"), "me", f'{T}.author_history: expected a list, got "me"'),
    ],
)  # fmt: skip
def test_bad_wger_records(where: tuple[str | int, ...], value: object, expected: str) -> None:
    data: dict[str, Any] = load(WGER)
    parent = data["results"][1]
    for key in where[:-1]:
        parent = parent[key]
    if value is DROP:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    assert error_for(data) == f"in.json: {expected}"


def test_bad_wger_top_level() -> None:
    assert error_for({"results": "none"}) == 'in.json: results: expected a list, got "none"'


def test_a_wger_file_read_as_free_exercise_db_is_an_error() -> None:
    message = error_for(load(WGER), "free-exercise-db")
    assert message == "in.json: expected a JSON list of exercises (free-exercise-db)"
    message = error_for(load(FEDB), "wger")
    assert message == 'in.json: [0].id: expected a whole number from 0, got "Doorway_Chest_Stretch"'


def test_conversion_does_not_change_its_input() -> None:
    data = load(WGER)
    before = copy.deepcopy(data)
    convert(data, "in.json")
    assert data == before

"""The library's exercises cached for the catalogue: used when right, made again when not."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from tests.exercises import FIXTURES
from tests.hostile import hostile_files
from tui.catalogue.model import Catalogue, Exercise
from tui.catalogue.sources import load_catalogue
from tui.library.bundled import BUILTIN_STRETCHES, bundled_stretches
from tui.library.cache import cache_file, cache_key, exercise_row, read_cache, write_cache
from tui.library.catalogue import library_exercises
from tui.library.changes import add_bundled, import_file, remove
from tui.library.exercises import decided, to_exercise
from tui.library.layout import library_file
from tui.library.shelf import read_library


@pytest.fixture
def stretches(data_dir: Path) -> Path:
    """A data dir with the bundled set in its library."""
    add_bundled(data_dir, BUILTIN_STRETCHES)
    return data_dir


def truth(data_dir: Path) -> tuple[Exercise, ...]:
    """The library's exercises read from its file, without the cache."""
    return library_exercises(read_library(data_dir))


def test_a_library_change_makes_the_cache_at_once(stretches: Path) -> None:
    path = library_file(stretches)
    key = cache_key(path)
    assert key is not None
    assert read_cache(path, key) == truth(stretches)
    import_file(stretches, FIXTURES / "wger-exerciseinfo-sample.json")
    key = cache_key(path)
    assert key is not None
    assert read_cache(path, key) == truth(stretches)


def test_the_first_load_makes_the_cache_and_the_next_ones_use_it(stretches: Path) -> None:
    path = library_file(stretches)
    cache_file(path).unlink()  # as after a library change by an older loosen
    first = load_catalogue(data=stretches)
    assert cache_file(path).exists()
    assert oct(cache_file(path).stat().st_mode & 0o777) == "0o600"
    key = cache_key(path)
    assert key is not None
    assert read_cache(path, key) == truth(stretches)
    assert load_catalogue(data=stretches) == first


def test_the_cache_is_what_is_used_while_the_library_file_is_unchanged(stretches: Path) -> None:
    load_catalogue(data=stretches)
    path = library_file(stretches)
    cache = cache_file(path)
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["exercises"][0][1] = "Renamed in the cache"
    cache.write_text(json.dumps(data), encoding="utf-8")
    # Proof that the cache is read (and not the library file) while the key matches.
    assert any(e.name == "Renamed in the cache" for e in load_catalogue(data=stretches).exercises)


def test_a_changed_library_is_read_again_never_a_stale_cache(stretches: Path) -> None:
    before = load_catalogue(data=stretches)
    import_file(stretches, FIXTURES / "wger-exerciseinfo-sample.json")
    after = load_catalogue(data=stretches)
    assert len(after.exercises) == len(before.exercises) + 2
    remove(stretches, "wger")
    assert load_catalogue(data=stretches) == before


def test_another_version_of_loosen_makes_its_own(
    stretches: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalogue(data=stretches)
    path = library_file(stretches)
    data = json.loads(cache_file(path).read_text(encoding="utf-8"))
    assert data["key"][0] == __import__("tui").__version__
    monkeypatch.setattr("tui.library.cache.__version__", "99.0")
    key = cache_key(path)
    assert key is not None and read_cache(path, key) is None
    load_catalogue(data=stretches)  # made again for this version
    assert read_cache(path, key) == truth(stretches)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"[]",
        b'{"key": [], "exercises": []}',
        b"[" * 100_000,
        b'{"key": "x", "exercises": 5}',
        "\ud800".encode("utf-8", "surrogatepass"),
    ],
)
def test_a_damaged_cache_is_made_again(stretches: Path, content: bytes) -> None:
    expected = load_catalogue(data=stretches)
    cache = cache_file(library_file(stretches))
    cache.write_bytes(content)
    assert load_catalogue(data=stretches) == expected
    key = cache_key(library_file(stretches))
    assert key is not None and read_cache(library_file(stretches), key) == truth(stretches)


def test_a_fifo_or_a_directory_in_its_place_is_passed_by(stretches: Path) -> None:
    expected = load_catalogue(data=stretches)
    cache = cache_file(library_file(stretches))
    cache.unlink()
    os.mkfifo(cache)
    assert load_catalogue(data=stretches) == expected  # never blocks on the pipe
    cache.unlink()
    cache.mkdir()
    assert load_catalogue(data=stretches) == expected


def test_a_cache_it_cannot_write_leaves_no_temp_and_still_loads(
    stretches: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    cache_file(library_file(stretches)).unlink()
    monkeypatch.setattr("tui.library.cache.os.replace", refuse)
    catalogue: Catalogue = load_catalogue(data=stretches)
    assert len(catalogue.exercises) > 100
    directory = library_file(stretches).parent
    assert sorted(p.name for p in directory.iterdir()) == ["library.json", "lock"]


STRINGS = {0, 1, 2, 6, 7, 8, 9, 10}
MAYBE_STRINGS = {12, 15, 16}
LISTS_MAY_BE_EMPTY = {5, 13, 14}


def test_a_wrong_type_anywhere_is_refused(stretches: Path) -> None:
    path = library_file(stretches)
    key = cache_key(path)
    assert key is not None
    write_cache(path, key, truth(stretches))
    good = json.loads(cache_file(path).read_text(encoding="utf-8"))
    row = good["exercises"][0]
    for position in range(len(row)):
        wrongs: tuple[object, ...] = (None, 5, True, "text", [], {}, 1.5)
        for wrong in wrongs:
            fits = (
                (wrong == "text" and position in STRINGS - {10})
                or (wrong in ("text", None) and position in MAYBE_STRINGS)
                or (wrong == [] and position in LISTS_MAY_BE_EMPTY)
            )
            if fits:
                continue
            bad = json.loads(json.dumps(good))
            bad["exercises"][0][position] = wrong
            cache_file(path).write_text(json.dumps(bad), encoding="utf-8")
            assert read_cache(path, key) is None, (position, wrong)


KEY: list[object] = ["0.1.0", 1, 2, 3, 4, 5]
SAMPLE = [to_exercise(decided(r), "free-exercise-db") for r in bundled_stretches().records[:2]]
DOCUMENT = {"key": KEY, "exercises": [exercise_row(e) for e in SAMPLE]}


@settings(derandomize=True, max_examples=500, deadline=None)
@given(content=hostile_files(DOCUMENT))
def test_any_hostile_cache_reads_as_none_or_as_exercises_that_round_trip(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "library.json"
        path.write_bytes(b"{}")
        cache_file(path).write_bytes(content)
        found = read_cache(path, KEY)
        if found is None:
            return
        # Well typed all the way down: written again, it reads back the same.
        write_cache(path, KEY, found)
        assert read_cache(path, KEY) == found
        for exercise in found:
            assert isinstance(exercise, Exercise) and exercise.cues
            assert all(isinstance(text, str) for text in (exercise.id, exercise.name))

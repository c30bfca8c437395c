"""The exercise library at full size: run `python benchmarks/library.py [--file F] [--runs N]`.

Builds a file shaped like free-exercise-db's `dist/exercises.json` with 873 exercises (the
full database's count) by cloning the bundled stretching set under new ids, unless --file
names the real one. Then prints medians of:

- `loosen library import` of that file into a fresh data dir, in-process (read, check,
  convert, write) and as the command a person runs (a new interpreter each time);
- importing it again (every exercise updated by its id);
- `load_catalogue()` with those 873 exercises in the library against the built-ins alone,
  taking turns, and the ratio.

Target: the import command takes at most 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

# Run as a script from a checkout: make the `tui` package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.catalogue.sources import load_catalogue
from tui.library.bundled import stretches_file
from tui.library.changes import import_file
from tui.library.layout import library_file

FULL_SIZE = 873
TARGET_IMPORT_S = 2.0


def timed_ms(action: Callable[[], Any]) -> float:
    """Wall time of one call of `action`, in milliseconds."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def full_size_file(path: Path) -> Path:
    """A free-exercise-db file of FULL_SIZE exercises cloned from the bundled set."""
    bundled: list[dict[str, Any]] = json.loads(stretches_file().read_text(encoding="utf-8"))
    exercises = []
    for index in range(FULL_SIZE):
        original = bundled[index % len(bundled)]
        copy = index // len(bundled)
        suffix = f"_{copy}" if copy else ""
        exercises.append(
            {
                **original,
                "id": original["id"] + suffix,
                "name": original["name"] + (f" ({copy})" if copy else ""),
                "force": "static",
                "mechanic": None,
                "images": [f"{original['id']}/0.jpg", f"{original['id']}/1.jpg"],
            }
        )
    path.write_text(json.dumps(exercises, indent=4), encoding="utf-8")
    return path


def command_import_ms(path: Path, data_dir: Path) -> float:
    """`loosen library import FILE` as a person runs it: a new interpreter, to exit."""
    command = [sys.executable, "-m", "tui", "library", "import", str(path)]
    env = {**os.environ, "LOOSEN_DATA_DIR": str(data_dir)}
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> None:
    """Print the benchmark figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="a real free-exercise-db dist/exercises.json")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="loosen-bench-library-"))
    try:
        path = args.file or full_size_file(root / "exercises.json")
        size = len(json.loads(path.read_text(encoding="utf-8")))
        print(f"file: {path} ({size} exercises, {path.stat().st_size / 1e6:.2f} MB)")

        fresh = [
            timed_ms(partial(import_file, root / f"fresh-{n}", path)) for n in range(args.runs)
        ]
        again_dir = root / "fresh-0"
        again = [timed_ms(lambda: import_file(again_dir, path)) for _ in range(args.runs)]
        command = [command_import_ms(path, root / f"command-{n}") for n in range(args.runs)]

        builtin_dir, library_dir = root / "no-library", again_dir
        times: dict[str, list[float]] = {"built-ins": [], "library": []}
        for _ in range(args.runs * 3):
            times["built-ins"].append(timed_ms(lambda: load_catalogue(data=builtin_dir)))
            times["library"].append(timed_ms(lambda: load_catalogue(data=library_dir)))
        exercises = len(load_catalogue(data=library_dir).exercises)
        builtin_ms = statistics.median(times["built-ins"])
        library_ms = statistics.median(times["library"])

        print(f"\nmedians of {args.runs} runs (ms)")
        print(f"  library import, in-process, fresh data dir   {statistics.median(fresh):8.1f}")
        print(f"  library import, in-process, again (updates)  {statistics.median(again):8.1f}")
        print(f"  loosen library import FILE (new process)     {statistics.median(command):8.1f}")
        stored = library_file(again_dir).stat().st_size / 1e6
        print(f"  the library file holding them: {stored:.2f} MB")
        print(f"\nload_catalogue(), median of {args.runs * 3}, taking turns (ms)")
        print(f"  built-ins only                 {builtin_ms:8.2f}")
        print(f"  with {exercises - 7} library exercises    {library_ms:8.2f}")
        print(f"  ratio                          {library_ms / builtin_ms:8.1f} x")
        worst = max(command) / 1000
        verdict = "met" if worst <= TARGET_IMPORT_S else "MISSED"
        print(
            f"\ntarget: library import <= {TARGET_IMPORT_S} s: slowest run {worst:.2f} s  {verdict}"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

"""What to tell a person whose own routines file loosen could use only in part."""

from __future__ import annotations

from tui.catalogue.model import FileProblems
from tui.wording import plural

SHOWN_ERRORS = 3
"""How many of a file's problems a notice lists; `loosen check` lists them all."""
SHOWN_LEFT_OUT = 4


def fix_hint(path: str) -> str:
    """How to see every problem and check a fix."""
    return f"to see every problem, and to check your fix: loosen check {path}"


def _left_out(problems: FileProblems) -> str:
    if problems.whole_file:
        return "loosen is not using it (the built-in routines are all there)"
    if not problems.left_out:
        return "loosen is using all of its routines and exercises"
    names = list(problems.left_out[:SHOWN_LEFT_OUT])
    if len(problems.left_out) > SHOWN_LEFT_OUT:
        names.append(f"{len(problems.left_out) - SHOWN_LEFT_OUT} more")
    return f"loosen left out {', '.join(names)} and is using the rest"


def problem_notice(problems: FileProblems, *, shown: int = SHOWN_ERRORS) -> list[str]:
    """A few lines: what was left out, the first problems (file and JSON path), how to fix."""
    count = len(problems.errors)
    lines = [f"{problems.path} has {plural(count, 'problem')}: {_left_out(problems)}"]
    lines += problems.errors[:shown]
    if count > shown:
        lines.append(f"... and {count - shown} more")
    lines.append(fix_hint(problems.path))
    return lines

"""The `loosen` command (also `python -m tui`)."""

from __future__ import annotations

import sys

from tui.cli import run
from tui.streams import guard_streams


@guard_streams
def main() -> None:
    """Run loosen with the process's arguments and exit with its status."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()

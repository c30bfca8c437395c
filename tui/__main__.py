"""The `loosen` command (also `python -m tui`)."""

from __future__ import annotations

import sys

from tui.streams import guard_streams


@guard_streams
def main() -> None:
    """Run loosen with the process's arguments and exit with its status."""
    from tui.cli_habit import run_early_status

    # `loosen status` runs on every shell prompt: answer it before the heavy imports.
    early = run_early_status(sys.argv[1:])
    if early is not None:
        sys.exit(early)
    from tui.cli import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()

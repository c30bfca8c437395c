"""The command palette's own entries, shown literally: 'Start <routine>', 'Start again:
<routine>' and, in the catalogue, 'Filter: <value>'.

Textual's system commands parse their titles and help as markup, so a routine name
from a file can't go through them: `[/]` would crash the palette and `[@click=…]`
would run an action. These entries are built as Content instead.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.catalogue.model import Routine
from tui.text import printable
from tui.wording import plural

FILTER_SCORE = 0.5
"""How a filter entry's match counts against a routine's."""
AGAIN_SCORE = 1.5
"""How the routine to start again counts against the others: above them."""


class RoutineCommand(NamedTuple):
    """One palette entry: its title (searched), the routine's summary and what it runs."""

    title: str
    summary: str
    run: Callable[[], object]


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """`candidate` as literal text, with the characters the query matched highlighted."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def entry(title: Content, summary: str) -> Content:
    """The title over the summary, which is dimmed as the palette dims help text."""
    return Content("\n").join([title, Content.styled(summary, "dim not bold")])


class RoutineCommands(Provider):
    """'Start <routine>' for every routine of the catalogue."""

    _again: RoutineCommand | None = None

    def commands(self) -> list[RoutineCommand]:
        """The entries, their text made printable."""
        from tui.app import LoosenApp

        app = self.app
        assert isinstance(app, LoosenApp)
        return [
            RoutineCommand(
                f"Start {printable(routine.name)}",
                printable(routine.summary),
                partial(app.start_session, routine),
            )
            for routine in app.catalogue.routines
        ]

    async def startup(self) -> None:
        """Find the routine to start again once per opening (one year of history at most)."""
        self._again = self.again_command()

    def again_command(self) -> RoutineCommand | None:
        """'Start again: <routine>': the usual routine, else the one done last."""
        from tui.app import LoosenApp
        from tui.catalogue.quick_start import USUAL_ROUTINE, quick_start_routine

        app = self.app
        assert isinstance(app, LoosenApp)
        if app.store.read_only:
            return None
        store = app.store

        def chosen() -> Routine | None:
            usual = store.get_setting(USUAL_ROUTINE, "")
            usual_id = usual if isinstance(usual, str) else None
            return quick_start_routine(app.catalogue, store.newest_sessions(), usual_id).routine

        routine = app.from_store(chosen, None)
        if routine is None:
            return None
        return RoutineCommand(
            f"Start again: {printable(routine.name)}",
            printable(routine.summary),
            partial(app.start_session, routine),
        )

    async def discover(self) -> Hits:
        if (again := self._again) is not None:
            yield DiscoveryHit(
                entry(Content(again.title), again.summary), again.run, text=again.title
            )
        for command in sorted(self.commands(), key=lambda command: command.title):
            yield DiscoveryHit(
                entry(Content(command.title), command.summary), command.run, text=command.title
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        again = [] if self._again is None else [self._again]
        for command in again + self.commands():
            if (score := matcher.match(command.title)) > 0:
                yield Hit(
                    score * (AGAIN_SCORE if command is self._again else 1),
                    entry(highlighted(matcher, command.title), command.summary),
                    command.run,
                    text=command.title,
                )


class FilterCommands(Provider):
    """'Filter: muscle lats' for every value of every facet, on the catalogue screen."""

    _commands: list[RoutineCommand] | None = None

    def commands(self) -> list[RoutineCommand]:
        """The entries, their text made printable; none on other screens.

        Counted once per opening of the palette, not at each key typed into it.
        """
        if self._commands is None:
            self._commands = self._make_commands()
        return self._commands

    def _make_commands(self) -> list[RoutineCommand]:
        from tui.catalogue.filters import choices
        from tui.screens.catalogue import CatalogueScreen

        screen = self.screen
        if not isinstance(screen, CatalogueScreen):
            return []
        found = choices(screen.catalogue.exercises, screen.filters)
        commands = [
            RoutineCommand(
                f"Filter{' off' if choice.chosen else ''}: "
                f"{choice.facet.value} {printable(choice.value)}",
                plural(choice.matching, "exercise"),
                partial(screen.apply_filter, choice.facet, choice.value),
            )
            for choice in found
        ]
        if screen.filters.active:
            commands.insert(
                0,
                RoutineCommand(
                    "Filter: clear", "Show every exercise again", screen.action_clear_filters
                ),
            )
        return commands

    async def discover(self) -> Hits:
        # Only "clear" before anything is typed: dozens of values would bury the routines.
        commands = self.commands()
        cleared = commands[:1] if commands and commands[0].title == "Filter: clear" else []
        for command in cleared:
            yield DiscoveryHit(
                entry(Content(command.title), command.summary), command.run, text=command.title
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            if (score := matcher.match(command.title)) > 0:
                # Below a routine that matches as well: starting one is the palette's first use.
                yield Hit(
                    score * FILTER_SCORE,
                    entry(highlighted(matcher, command.title), command.summary),
                    command.run,
                    text=command.title,
                )

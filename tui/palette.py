"""The command palette's routine entries: 'Start <name>', shown literally.

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

from tui.text import printable


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

    async def discover(self) -> Hits:
        for command in sorted(self.commands(), key=lambda command: command.title):
            yield DiscoveryHit(
                entry(Content(command.title), command.summary), command.run, text=command.title
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            if (score := matcher.match(command.title)) > 0:
                yield Hit(
                    score,
                    entry(highlighted(matcher, command.title), command.summary),
                    command.run,
                    text=command.title,
                )

"""Widgets that carry themselves: drawn again only when what they show changes."""

from __future__ import annotations

from typing import Self

from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.visual import VisualType

from tui.catalogue.model import Cue, CueKind
from tui.widgets.cue_list import CueList, CueRow
from tui.widgets.progress import EMPTY, FULL, TextProgress
from tui.widgets.quiet import QuietStatic

CUES = (Cue(CueKind.SETUP, "Sit tall"), Cue(CueKind.MOVEMENT, "Turn [b]left[/b]"))


class CountedQuiet(QuietStatic):
    """Keeps what it was asked to draw."""

    drawn: list[VisualType]

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self.drawn = [*getattr(self, "drawn", []), content]
        super().update(content, layout=layout)


class CountedProgress(TextProgress):
    """Counts its repaints."""

    repaints = 0

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        self.repaints += 1
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class Holder(App[None]):
    """One of each widget, at a known width."""

    def compose(self) -> ComposeResult:
        yield CountedQuiet(id="quiet")
        yield CountedProgress(id="progress")
        yield CueList(id="cues")


async def test_quiet_static_draws_only_a_change() -> None:
    app = Holder()
    async with app.run_test(size=(40, 10)) as pilot:
        quiet = app.query_one(CountedQuiet)
        quiet.shown = Content("time 0:01")
        quiet.shown = Content("time 0:01")
        await pilot.pause()
        assert quiet.drawn == [Content("time 0:01")]
        assert quiet.render() == Content("time 0:01")
        quiet.shown = Content("time 0:02")
        assert len(quiet.drawn) == 2


async def test_text_progress_fits_its_width_and_repaints_only_on_a_change() -> None:
    app = Holder()
    async with app.run_test(size=(40, 10)) as pilot:
        progress = app.query_one(CountedProgress)
        progress.fraction, progress.words = 0.5, "2 of 4"
        await pilot.pause()
        line = str(progress.render())
        assert line == FULL * 16 + EMPTY * 16 + "  2 of 4" and len(line) == 40
        repaints = progress.repaints
        progress.fraction = 0.5000001  # the same to three places
        progress.words = "2 of 4"
        assert progress.repaints == repaints
        progress.words = "3 of 4"
        assert progress.repaints > repaints


async def test_cue_list_moves_its_marker_without_building_the_rows_again() -> None:
    app = Holder()
    async with app.run_test(size=(40, 10)) as pilot:
        cues = app.query_one(CueList)
        cues.show(CUES, 0)
        await pilot.pause()
        rows = list(cues.query(CueRow))
        assert [row.has_class("-current") for row in rows] == [True, False]
        cues.show(CUES, 1)
        await pilot.pause()
        assert list(cues.query(CueRow)) == rows, "the same rows, marked again"
        assert [row.has_class("-current") for row in rows] == [False, True]
        text = str(rows[1].query_one(".cue-text").render())
        assert text == "Move: Turn [b]left[/b]", "cue text is literal"

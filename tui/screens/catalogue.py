"""The catalogue screen: browse routines and exercises, read every cue, start a session."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from tui.catalogue.browse import Browser
from tui.catalogue.filters import Facet, Filters, choices
from tui.catalogue.model import Catalogue, Exercise, Routine
from tui.catalogue.recency import Recency
from tui.describe import exercise_detail, message_detail, routine_detail
from tui.messages import (
    AdjustTodayAsked,
    BuildRoutineAsked,
    CatalogueFilterAsked,
    EditExerciseAsked,
    ResumeAsked,
    StartSession,
)
from tui.screens.base import LoosenScreen
from tui.widgets.catalogue_list import CatalogueList
from tui.widgets.detail_view import DetailView
from tui.widgets.filter_bar import FilterBar
from tui.widgets.key_bar import KeyBar
from tui.widgets.literal_input import LiteralInput
from tui.widgets.nudge import NudgeLine
from tui.wording import READ_ONLY_MESSAGE, UNFINISHED_MESSAGE

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.habit.nudge import Nudge

SEARCH_PROMPT = "/ search names, muscles, equipment, tags"
NOTHING_MATCHES = "Nothing matches. Press escape to clear the search, x to clear the filters."
PREPARE_SEARCH_S = 0.3
"""How long after the catalogue is shown its search index is made (14 ms at 880)."""
DETAIL_DELAY_S = 0.08
"""A move this soon after the last one waits for the keys to stop before the detail follows:
holding ↓ through a long list then redraws the detail pane once, not at every entry."""
NAME_LINES = 2
"""Lines a name may take in the lists; a longer one is cut with "…" (the detail has it all)."""
WRITING_ACTIONS = frozenset({"new", "copy", "edit", "adjust_today"})
"""Keys that change routines or exercises, or start: hidden while loosen is read-only."""


def no_recency() -> Iterator[Recency]:
    """Nothing known of when routines were done (a catalogue without history)."""
    return iter(())


class CatalogueScreen(LoosenScreen[None]):
    """Routines and exercises in two lists, with everything about the highlighted one."""

    CSS_PATH = "catalogue.tcss"
    AUTO_FOCUS = "#routines"
    HELP_TITLE = "Catalogue"
    HELP_KEYS = (
        ("↑ ↓  j k", "move in a list (home, end, page up/down too)"),
        ("tab", "next list, then the detail pane (↑ ↓ scroll it)"),
        ("shift+tab", "the other way"),
        ("enter", "start the routine (on an exercise: do it alone)"),
        ("escape", "clear the search"),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="search names, muscles, equipment and tags"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("f", "filter", "Filter", tooltip="filter by category, muscle, equipment or level"),
        Binding("x", "clear_filters", "Clear filters", show=False, tooltip="clear the filters"),
        Binding("enter", "start", "Start", show=False),
        Binding("s", "start_exercise", "Do exercise"),
        Binding("r", "resume", "Resume"),
        Binding("w", "usual_routine", "Usual routine"),
        Binding(
            "a",
            "adjust_today",
            "Adjust today",
            show=False,
            tooltip="change today's dosage, then start",
        ),
        Binding(
            "n",
            "new",
            "New",
            show=False,
            tooltip="new routine (in the exercise list: new exercise)",
        ),
        Binding(
            "c", "copy", "Copy", show=False, tooltip="copy: a new one from the highlighted one"
        ),
        Binding("e", "edit", "Edit", show=False, tooltip="edit the highlighted one as yours"),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        read_only: bool = False,
        unfinished: Callable[[], bool] = lambda: False,
        nudge: Callable[[], Nudge | None] = lambda: None,
        recency: Callable[[], Iterator[Recency]] = no_recency,
    ) -> None:
        """`unfinished` says whether a session waits to be resumed, `nudge` whether this
        week's goal is at risk (both asked on every visit); `recency` reads, a year at a
        time, when each routine was last done and which to offer first."""
        super().__init__()
        self.read_only = read_only
        self.unfinished = unfinished
        self.nudge = nudge
        self.recency_source = recency
        self.recency: Recency | None = None
        """When routines were last done, as far as it has been read."""
        self.browser = Browser(catalogue)
        self._last_move = 0.0
        self._detail_timer: Timer | None = None
        self._moved_since_shown = False

    @property
    def catalogue(self) -> Catalogue:
        """The routines and exercises shown."""
        return self.browser.catalogue

    @catalogue.setter
    def catalogue(self, catalogue: Catalogue) -> None:
        # A new catalogue (an editor saved the user's file): searched and filtered as before;
        # `refilter` then shows it.
        browser = Browser(catalogue)
        browser.search_text, browser.filters = self.browser.search_text, self.browser.filters
        self.browser = browser

    @property
    def filters(self) -> Filters:
        """The filters narrowing the catalogue now."""
        return self.browser.filters

    def compose(self) -> ComposeResult:
        yield Static(id="banner")
        yield NudgeLine()
        # Textual's Input is mounted in place of this prompt the first time it is needed:
        # styling it, and its cursor, cost the catalogue's first frame about 10 ms.
        yield Static(SEARCH_PROMPT, id="search-prompt")
        yield FilterBar()
        with Horizontal(id="browser"):
            with Vertical(id="lists"):
                yield CatalogueList(
                    "Routines", max_lines=NAME_LINES, id="routines", classes="list-box"
                )
                yield CatalogueList(
                    "Exercises", max_lines=NAME_LINES, id="exercises", classes="list-box"
                )
            yield DetailView(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refilter()
        self.show_banner()
        self.call_after_refresh(self.after_first_frame)
        # Ready before the first key is typed, but after the first frame: it waits for none.
        self.set_timer(PREPARE_SEARCH_S, self.browser.prepare_search)

    def after_first_frame(self) -> None:
        """What the first frame need not wait for: the nudge and when routines were done."""
        self.show_nudge()
        self.read_recency()

    def on_screen_resume(self) -> None:
        self.show_banner()
        self.show_nudge()
        self.refresh_bindings()
        if self.recency is not None:  # back from a session (the first read is under way)
            self.read_recency(highlight=False)  # the highlight stays where it is

    def show_nudge(self) -> None:
        """One line when this week's goal is at risk; w then starts the usual routine."""
        if not self.read_only:
            self.query_one(NudgeLine).show(self.nudge())
            self.refresh_bindings()

    def show_banner(self) -> None:
        """Say, above everything, when history is read-only or a session is unfinished."""
        status = ""
        if self.read_only:
            status = READ_ONLY_MESSAGE
        elif self.unfinished():
            status = UNFINISHED_MESSAGE
        banner = self.query_one("#banner", Static)
        banner.update(Content(status))
        banner.display = bool(status)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return not self.read_only and self.unfinished()
        if action == "usual_routine":
            return any(nudge.routine is not None for nudge in self.query(NudgeLine))
        if action in ("start", "start_exercise") or action in WRITING_ACTIONS:
            return not self.read_only  # read-only: nothing can start or be written here
        return True

    def action_resume(self) -> None:
        self.post_message(ResumeAsked())

    def action_usual_routine(self) -> None:
        if routine := self.query_one(NudgeLine).routine:
            self.post_message(StartSession(routine))

    @property
    def routine_list(self) -> CatalogueList:
        return self.query_one("#routines", CatalogueList)

    @property
    def exercise_list(self) -> CatalogueList:
        return self.query_one("#exercises", CatalogueList)

    # ------------------------------------------------------------ when routines were done

    @work(group="recency", exclusive=True)
    async def read_recency(self, *, highlight: bool = True) -> None:
        """Read (again) when each routine was last done, a year of history per turn.

        With `highlight`, the routine to start again is highlighted once it is known.
        """
        first = highlight
        for recency in self.recency_source():
            if not self.is_attached or not self.query("#detail"):
                return  # loosen is closing (quit while history was still being read)
            self.show_recency(recency, first=first)
            first = False
            await asyncio.sleep(0)  # keys typed meanwhile are handled between years

    def show_recency(self, recency: Recency, *, first: bool = False) -> None:
        """Show when routines were done; on opening, highlight the one to start again."""
        self.recency = recency
        routines = self.routine_list
        routines.set_asides({r.id: recency.ago(r.id) for r in self.catalogue.routines})
        quick = recency.quick_start
        if first and quick and not self._moved_since_shown and not self.browser.narrowed:
            index = next((i for i, r in enumerate(self.catalogue.routines) if r.id == quick), None)
            if index is not None:
                routines.move_to(index)
        self.show_detail()

    # ------------------------------------------------------------ search and filters

    def refilter(self, query: str | None = None, *, keep_highlight: bool = True) -> None:
        """Show only the entries that match the search and filters, and how many they are.

        `query` replaces the search text (None: the search stays). Without `keep_highlight`
        each list highlights its first entry, the best match.
        """
        if query is not None:
            self.browser.search_text = query
        routines, exercises = self.browser.matching()
        self.routine_list.show_entries(
            [(r.id, r.name) for r in routines], "No routine matches", keep_highlight=keep_highlight
        )
        self.exercise_list.show_entries(
            [(e.id, e.name) for e in exercises],
            "No exercise matches",
            keep_highlight=keep_highlight,
        )
        title = self.browser.title
        self.routine_list.border_title = title(
            "Routines", len(routines), len(self.catalogue.routines)
        )
        self.exercise_list.border_title = title(
            "Exercises", len(exercises), len(self.catalogue.exercises)
        )
        self.query_one(FilterBar).show(self.filters)
        self.show_detail()

    def set_filters(self, filters: Filters) -> None:
        """Narrow the catalogue by these filters (replacing the earlier ones)."""
        if filters != self.filters:
            self.browser.filters = filters
            self.refilter(keep_highlight=False)
            self.refresh_bindings()
            if filters.active and self.exercise_list.highlighted_id:
                self.exercise_list.focus()  # filters narrow exercises: show them

    def apply_filter(self, facet: Facet, value: str) -> None:
        """Set a facet's filter, or unset it when that value is already chosen."""
        self.set_filters(self.filters.toggled(facet, value))

    def action_clear_filters(self) -> None:
        """Show everything again (the search stays)."""
        self.set_filters(Filters())

    def action_filter(self) -> None:
        """Choose a category, muscle, equipment or level to narrow the catalogue by."""

        def picked(filters: Filters | None) -> None:
            if filters is not None:
                self.set_filters(filters)

        offered = choices(self.catalogue.exercises, self.filters)
        self.post_message(CatalogueFilterAsked(offered, self.filters, picked))

    # ------------------------------------------------------------ detail

    def show_detail(self) -> None:
        """Describe the highlighted entry of the focused list (or else of the other one)."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        body = self.query_one("#detail", DetailView)
        exercise, routine = self.described()
        if exercise is not None:
            body.show(("exercise", exercise.id), lambda: exercise_detail(exercise))
        elif routine is not None:
            last_done = self.recency.ago_words(routine.id) if self.recency else None
            can_start = not self.read_only
            body.show(
                ("routine", routine.id, last_done),
                lambda: routine_detail(routine, can_start=can_start, last_done=last_done),
            )
        else:
            body.show(NOTHING_MATCHES, lambda: message_detail(NOTHING_MATCHES))

    def described(self) -> tuple[Exercise | None, Routine | None]:
        """The entry the detail is about: the focused list's, or with focus elsewhere (the
        search box) or on an empty list, the other list's."""
        order = [self.routine_list, self.exercise_list]
        if self.focused is self.exercise_list:
            order.reverse()
        shown = next((lst for lst in order if lst.highlighted_id is not None), None)
        entry_id = shown.highlighted_id if shown is not None else None
        if entry_id is None:
            return None, None
        if shown is self.exercise_list:
            return self.browser.exercises[entry_id], None
        return None, self.browser.routines[entry_id]

    def follow_move(self) -> None:
        """Show the new entry's detail now, or once the keys stop if they come quickly."""
        now = time.monotonic()
        quick = now - self._last_move < DETAIL_DELAY_S
        self._last_move = now
        if not quick:
            self.show_detail()
            return
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY_S, self.show_detail)

    def highlighted_routine(self) -> Routine | None:
        routine_id = self.routine_list.highlighted_id
        return self.browser.routines[routine_id] if routine_id else None

    def highlighted_exercise(self) -> Exercise | None:
        exercise_id = self.exercise_list.highlighted_id
        return self.browser.exercises[exercise_id] if exercise_id else None

    @on(CatalogueList.Highlighted)
    def entry_highlighted(self, event: CatalogueList.Highlighted) -> None:
        # New entries (a search, a filter) show their detail at once, in `refilter`.
        if event.moved and event.control is self.focused:
            self._moved_since_shown = True
            self.follow_move()

    def on_descendant_focus(self) -> None:
        if self.focused in (self.routine_list, self.exercise_list):
            self.show_detail()

    @on(CatalogueList.Selected, "#routines")
    def routine_selected(self) -> None:
        self.action_start()

    @on(CatalogueList.Selected, "#exercises")
    def exercise_selected(self) -> None:
        self.action_start_exercise()

    # ------------------------------------------------------------ the search box

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.browser.search_text = event.value
        # Each new search shows its best match; clearing it goes back to where one was.
        self.refilter(keep_highlight=not event.value.strip())

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        target = self.routine_list if self.routine_list.highlighted_id else self.exercise_list
        target.focus()

    async def action_search(self) -> None:
        # Focused at once, so keys typed right after / already go into the box.
        self.set_focus(await self.search_box())

    @on(events.Click, "#search-prompt")
    async def search_prompt_clicked(self) -> None:
        await self.action_search()

    @property
    def search_input(self) -> Input | None:
        """The search box, once it has been put in place of its prompt."""
        return next(self.query("#search").results(Input), None)

    async def search_box(self) -> Input:
        """The search box, put in place of its prompt the first time it is asked for."""
        if (existing := self.search_input) is not None:
            return existing
        box = LiteralInput(placeholder=SEARCH_PROMPT, id="search")
        prompt = self.query_one("#search-prompt", Static)
        await self.mount(box, before=prompt)
        await prompt.remove()
        return box

    def action_clear_search(self) -> None:
        search = self.search_input
        if search is None:
            return
        had_focus = self.focused is search
        search.value = ""
        if had_focus:
            self.routine_list.focus()

    # ------------------------------------------------------------ starting and writing

    def action_start(self) -> None:
        if routine := self.highlighted_routine():
            self.post_message(StartSession(routine))

    def action_start_exercise(self) -> None:
        if exercise := self.highlighted_exercise():
            self.post_message(StartSession(Routine.single(exercise)))

    def action_adjust_today(self) -> None:
        """Change today's sets, reps or holds of the routine (or exercise), then start."""
        exercise, routine = self.described()
        if exercise is not None:
            routine = Routine.single(exercise)
        if routine is not None:
            self.post_message(AdjustTodayAsked(routine))

    def action_new(self) -> None:
        """A new exercise with the exercises focused, else a new routine."""
        if self.focused is self.exercise_list:
            self.post_message(EditExerciseAsked())
        else:
            self.post_message(BuildRoutineAsked())

    def action_copy(self) -> None:
        """A new routine or exercise that starts as a copy of the one described."""
        self._write(copy=True)

    def action_edit(self) -> None:
        """Edit the routine or exercise described: an own one in place, a built-in as yours."""
        self._write(copy=False)

    def _write(self, *, copy: bool) -> None:
        exercise, routine = self.described()
        if exercise is not None:
            self.post_message(EditExerciseAsked(exercise, copy=copy))
        elif routine is not None:
            self.post_message(BuildRoutineAsked(routine, copy=copy))

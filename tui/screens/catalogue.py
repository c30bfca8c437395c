"""The catalogue screen: browse routines and exercises, read every cue, start a session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from tui.catalogue.model import Catalogue, Routine
from tui.catalogue.search import exercise_matches, routine_matches
from tui.describe import exercise_detail, routine_detail
from tui.messages import ResumeAsked, StartSession
from tui.screens.base import LoosenScreen
from tui.widgets.catalogue_list import CatalogueList
from tui.widgets.key_bar import KeyBar
from tui.widgets.literal_input import LiteralInput
from tui.widgets.nudge import NudgeLine
from tui.wording import READ_ONLY_MESSAGE, UNFINISHED_MESSAGE

if TYPE_CHECKING:
    from tui.habit.nudge import Nudge


SEARCH_PROMPT = "/ search names, tags, equipment"


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
        Binding("slash", "search", "Search"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("enter", "start", "Start", show=False),
        Binding("s", "start_exercise", "Do exercise"),
        Binding("r", "resume", "Resume"),
        Binding("w", "usual_routine", "Usual routine"),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        read_only: bool = False,
        unfinished: Callable[[], bool] = lambda: False,
        nudge: Callable[[], Nudge | None] = lambda: None,
    ) -> None:
        """`unfinished` says whether a session waits to be resumed, `nudge` whether this
        week's goal is at risk (both asked on every visit)."""
        super().__init__()
        self.catalogue = catalogue
        self.read_only = read_only
        self.unfinished = unfinished
        self.nudge = nudge

    def compose(self) -> ComposeResult:
        yield Static(id="banner")
        yield NudgeLine()
        # Textual's Input is mounted in place of this prompt the first time it is needed:
        # styling it, and its cursor, cost the catalogue's first frame about 10 ms.
        yield Static(SEARCH_PROMPT, id="search-prompt")
        with Horizontal(id="browser"):
            with Vertical(id="lists"):
                yield CatalogueList("Routines", id="routines", classes="list-box")
                yield CatalogueList("Exercises", id="exercises", classes="list-box")
            with VerticalScroll(id="detail", can_focus=True):
                yield Static(id="detail-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refilter("")
        self.show_banner()
        self.call_after_refresh(self.show_nudge)

    def on_screen_resume(self) -> None:
        self.show_banner()
        self.show_nudge()
        self.refresh_bindings()

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
        if action in ("start", "start_exercise"):  # read-only: nothing can start here
            return not self.read_only
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

    def refilter(self, query: str) -> None:
        """Show only the entries that match the query in both lists."""
        routines = [r for r in self.catalogue.routines if routine_matches(r, query)]
        exercises = [e for e in self.catalogue.exercises if exercise_matches(e, query)]
        self.routine_list.show_entries([(r.id, r.name) for r in routines], "No routine matches")
        self.exercise_list.show_entries([(e.id, e.name) for e in exercises], "No exercise matches")
        self.show_detail()

    def show_detail(self) -> None:
        """Describe the highlighted entry of the focused list (or of the routines list)."""
        exercises_focused = self.focused is self.exercise_list
        body = self.query_one("#detail-body", Static)
        if exercises_focused and (exercise_id := self.exercise_list.highlighted_id):
            exercise = self.catalogue.exercise(exercise_id)
            assert exercise is not None
            body.update(exercise_detail(exercise))
        elif not exercises_focused and (routine := self.highlighted_routine()):
            body.update(routine_detail(routine, can_start=not self.read_only))
        else:
            body.update(
                Content.styled("Nothing matches the search. Press escape to clear it.", "italic")
            )
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def highlighted_routine(self) -> Routine | None:
        routine_id = self.routine_list.highlighted_id
        return self.catalogue.routine(routine_id) if routine_id else None

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        target = self.routine_list if self.routine_list.highlighted_id else self.exercise_list
        target.focus()

    @on(OptionList.OptionHighlighted)
    def entry_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self.focused:
            self.show_detail()

    def on_descendant_focus(self) -> None:
        if self.focused in (self.routine_list, self.exercise_list):
            self.show_detail()

    @on(OptionList.OptionSelected, "#routines")
    def routine_selected(self) -> None:
        self.action_start()

    @on(OptionList.OptionSelected, "#exercises")
    def exercise_selected(self) -> None:
        self.action_start_exercise()

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

    def action_start(self) -> None:
        if routine := self.highlighted_routine():
            self.post_message(StartSession(routine))

    def action_start_exercise(self) -> None:
        exercise_id = self.exercise_list.highlighted_id
        exercise = self.catalogue.exercise(exercise_id) if exercise_id else None
        if exercise is not None:
            self.post_message(StartSession(Routine.single(exercise)))

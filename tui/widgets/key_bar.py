"""The bottom line of every screen: its keys, drawn as one widget."""

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

from tui.wording import glyphs

SEPARATOR = "▏"


class KeyItem(NamedTuple):
    """One key as shown: what to press, what it does, and whether it can be used now."""

    key: str
    display: str
    description: str
    enabled: bool


class Keys(NamedTuple):
    """What the bar shows: the screen's keys in order, and the palette's key if shown."""

    items: tuple[KeyItem, ...] = ()
    palette: KeyItem | None = None


class KeyBar(Widget, can_focus=False):
    """The screen's keys on one line, the command palette's at the right end.

    A screen with a `key_description(action)` method words its keys for the moment; it calls
    `refresh_bindings()` when the words change.

    It shows what Textual's Footer shows, but as one widget: the Footer mounts, styles and
    then recomposes a widget per key, which slowed loosen's start and drew the keys a frame
    after the rest. A click on a key presses it, as on the Footer.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    keys: reactive[Keys] = reactive(Keys())
    """The keys on show, read from the screen's bindings; repainted only when they change."""

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._spans: list[tuple[int, int, KeyItem]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._read_bindings()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: "Screen[object]") -> None:
        # Not while another screen is on top (it is read again when its screen comes back):
        # a bar repainted under the summary cost that screen a frame of its own.
        if self.is_attached and screen is self.screen and screen.is_active:
            self._read_bindings()

    def _read_bindings(self) -> None:
        """Take the shown bindings of the screen (one per action)."""
        items: dict[str, KeyItem] = {}
        active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in items:
                items[binding.action] = self._item(binding, enabled)
        palette: KeyItem | None = None
        palette_key = self.app.COMMAND_PALETTE_BINDING
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette_key in active:
            _node, binding, enabled, _tooltip = active[palette_key]
            palette = self._item(binding, enabled)
        self.keys = Keys(tuple(items.values()), palette)

    def _item(self, binding: "Binding", enabled: bool) -> KeyItem:
        # A screen may word a key for the moment ('p Resume' while paused): key_description.
        describe = getattr(self.screen, "key_description", None)
        description = (describe(binding.action) if callable(describe) else None) or (
            binding.description
        )
        return KeyItem(binding.key, self.app.get_key_display(binding), description, enabled)

    def _piece(self, item: KeyItem) -> Content:
        piece = Content.assemble(
            (f" {item.display} ", ".key-bar--key"),
            (f"{item.description} ", ".key-bar--description"),
        )
        return piece if item.enabled else piece.stylize("dim")

    def render(self) -> Content:
        pieces = [(item, self._piece(item)) for item in self.keys.items]
        # Too narrow for every key: the last ones go whole (the help screen lists them),
        # rather than cutting a key in half. Screens list their keys most needed first.
        width = self.size.width
        while len(pieces) > 1 and sum(piece.cell_length for _, piece in pieces) > width:
            pieces.pop()
        spans: list[tuple[int, int, KeyItem]] = []
        position = 0
        for item, piece in pieces:
            spans.append((position, position + piece.cell_length, item))
            position += piece.cell_length
        line = Content("").join(piece for _item, piece in pieces)
        if self.keys.palette is not None:
            palette = Content(glyphs(SEPARATOR)) + self._piece(self.keys.palette)
            gap = self.size.width - line.cell_length - palette.cell_length
            if gap >= 1:
                start = position + gap + len(glyphs(SEPARATOR))
                spans.append((start, start + palette.cell_length - 1, self.keys.palette))
                line = line + Content(" " * gap) + palette
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, item in self._spans:
            if start <= event.x < end:
                if item.enabled:
                    self.app.simulate_key(item.key)
                else:
                    self.app.bell()
                return
